package nl.ipsexchange.benefits;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import nl.ipsexchange.platform.IpsApplication;

@SpringBootApplication
public class BenefitsAgencyApplication {

    public static final String SERVICE_NAME = "benefits-agency";

    public static void main(String[] args) {
        IpsApplication.run(BenefitsAgencyApplication.class, SERVICE_NAME, args);
    }
}
