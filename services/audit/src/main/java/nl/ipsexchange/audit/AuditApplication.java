package nl.ipsexchange.audit;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import nl.ipsexchange.platform.IpsApplication;

@SpringBootApplication
public class AuditApplication {

    public static final String SERVICE_NAME = "audit";

    public static void main(String[] args) {
        IpsApplication.run(AuditApplication.class, SERVICE_NAME, args);
    }
}
