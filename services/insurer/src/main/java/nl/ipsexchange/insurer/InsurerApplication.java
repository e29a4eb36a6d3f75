package nl.ipsexchange.insurer;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import nl.ipsexchange.platform.IpsApplication;

@SpringBootApplication
public class InsurerApplication {

    public static final String SERVICE_NAME = "insurer";

    public static void main(String[] args) {
        IpsApplication.run(InsurerApplication.class, SERVICE_NAME, args);
    }
}
