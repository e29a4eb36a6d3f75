package nl.ipsexchange.mha;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import nl.ipsexchange.platform.IpsApplication;

@SpringBootApplication
public class MentalHealthAgencyApplication {

    public static final String SERVICE_NAME = "mental-health-agency";

    public static void main(String[] args) {
        IpsApplication.run(MentalHealthAgencyApplication.class, SERVICE_NAME, args);
    }
}
