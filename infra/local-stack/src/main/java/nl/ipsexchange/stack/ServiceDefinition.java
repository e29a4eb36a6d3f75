package nl.ipsexchange.stack;

import java.util.List;

import nl.ipsexchange.audit.AuditApplication;
import nl.ipsexchange.benefits.BenefitsAgencyApplication;
import nl.ipsexchange.mha.MentalHealthAgencyApplication;
import nl.ipsexchange.municipality.MunicipalityApplication;
import nl.ipsexchange.insurer.InsurerApplication;

/** One of the five services: its application class, its name (and configuration file), database and port. */
public record ServiceDefinition(String name, Class<?> application, String database, int defaultPort) {

    public static final ServiceDefinition MENTAL_HEALTH_AGENCY = new ServiceDefinition(
            MentalHealthAgencyApplication.SERVICE_NAME, MentalHealthAgencyApplication.class, "mental_health", 8081);
    public static final ServiceDefinition BENEFITS_AGENCY = new ServiceDefinition(
            BenefitsAgencyApplication.SERVICE_NAME, BenefitsAgencyApplication.class, "benefits", 8082);
    public static final ServiceDefinition MUNICIPALITY = new ServiceDefinition(
            MunicipalityApplication.SERVICE_NAME, MunicipalityApplication.class, "municipality", 8083);
    public static final ServiceDefinition INSURER = new ServiceDefinition(
            InsurerApplication.SERVICE_NAME, InsurerApplication.class, "insurer", 8084);
    public static final ServiceDefinition AUDIT = new ServiceDefinition(
            AuditApplication.SERVICE_NAME, AuditApplication.class, "audit", 8085);

    public static final List<ServiceDefinition> ALL =
            List.of(MENTAL_HEALTH_AGENCY, BENEFITS_AGENCY, MUNICIPALITY, INSURER, AUDIT);

    /** The demo profile's administrator of this service: the user a test or the benchmark reads metrics as. */
    public String demoAdministrator() {
        return (this.equals(MENTAL_HEALTH_AGENCY) ? "mha" : database) + ".admin";
    }
}
