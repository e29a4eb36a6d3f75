package nl.ipsexchange.municipality;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import nl.ipsexchange.platform.IpsApplication;

@SpringBootApplication
public class MunicipalityApplication {

    public static final String SERVICE_NAME = "municipality";

    public static void main(String[] args) {
        IpsApplication.run(MunicipalityApplication.class, SERVICE_NAME, args);
    }
}
