package nl.ipsexchange.kernel.sharing;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/**
 * What the mental health agency shares about a client with one recipient, for one purpose: only the categories
 * that an active consent covers. A category not covered is absent (null, and left out of the JSON), never blanked.
 * The envelope's consent reference names the consent, the purpose and exactly {@link #categories()}.
 */
@IntegrationEventType("ClientDataShared")
@Revision("1")
public record ClientDataSharedEvent(
        String clientId,
        Identification identification,
        Benefits benefits,
        Employment employment,
        String healthSummary,
        String diagnosis,
        String treatment) implements IntegrationEvent {

    /** {@link DataCategory#IDENTIFICATION}. */
    public record Identification(String name, String bsn, LocalDate dateOfBirth) {
    }

    /** {@link DataCategory#BENEFITS}. */
    public record Benefits(BenefitType benefit, String municipality) {
    }

    /** {@link DataCategory#EMPLOYMENT}: job preferences and the client's choice about disclosure to employers. */
    public record Employment(String jobPreferences, Boolean disclosureToEmployer) {
    }

    @Override
    public String subject() {
        return clientId;
    }

    /** The categories this message carries. */
    public Set<DataCategory> categories() {
        Set<DataCategory> present = EnumSet.noneOf(DataCategory.class);
        if (identification != null) {
            present.add(DataCategory.IDENTIFICATION);
        }
        if (benefits != null) {
            present.add(DataCategory.BENEFITS);
        }
        if (employment != null) {
            present.add(DataCategory.EMPLOYMENT);
        }
        if (healthSummary != null) {
            present.add(DataCategory.HEALTH_SUMMARY);
        }
        if (diagnosis != null) {
            present.add(DataCategory.DIAGNOSIS);
        }
        if (treatment != null) {
            present.add(DataCategory.TREATMENT);
        }
        return present;
    }

    /** The same message with only the given categories left in. */
    public ClientDataSharedEvent restrictedTo(Set<DataCategory> allowed) {
        return new ClientDataSharedEvent(clientId,
                allowed.contains(DataCategory.IDENTIFICATION) ? identification : null,
                allowed.contains(DataCategory.BENEFITS) ? benefits : null,
                allowed.contains(DataCategory.EMPLOYMENT) ? employment : null,
                allowed.contains(DataCategory.HEALTH_SUMMARY) ? healthSummary : null,
                allowed.contains(DataCategory.DIAGNOSIS) ? diagnosis : null,
                allowed.contains(DataCategory.TREATMENT) ? treatment : null);
    }
}
