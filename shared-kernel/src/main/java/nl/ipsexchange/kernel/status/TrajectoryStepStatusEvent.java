package nl.ipsexchange.kernel.status;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/**
 * De-identified status: a step of a trajectory, for the decision makers' measures (section 7). Pseudonymous ids,
 * dates and the few facts the measures need; never a name, number, employer, wage or health data.
 *
 * @param competitive        for placements: whether the job is competitive
 * @param daysSinceReferral  for the first employer contact: days from referral (target: 30 or fewer)
 * @param funder             for funding steps: the funder
 * @param specialist         for referrals: the IPS specialist the trajectory is assigned to (staff, not client data)
 */
@IntegrationEventType("TrajectoryStep")
@Revision("2")
public record TrajectoryStepStatusEvent(String trajectoryId, String clientId, Step step, LocalDate on,
                                        Boolean competitive, Long daysSinceReferral, Agency funder, String specialist)
        implements IntegrationEvent {

    /** Version 1 had no {@code specialist} (the IPS specialist a trajectory is assigned to, for caseloads). */
    public static final class FromVersion1 implements nl.ipsexchange.kernel.messaging.IntegrationEventUpcaster {
        @Override
        public String type() {
            return "TrajectoryStep";
        }

        @Override
        public int fromVersion() {
            return 1;
        }

        @Override
        public com.fasterxml.jackson.databind.node.ObjectNode upcast(
                com.fasterxml.jackson.databind.node.ObjectNode payload) {
            payload.putNull("specialist");
            return payload;
        }
    }

    public enum Step {
        REFERRED,
        INTAKE_SESSION,
        FUNDING_APPLIED,
        FUNDING_APPLICATION_REFUSED,
        FIRST_EMPLOYER_CONTACT,
        PLACEMENT_STARTED,
        PLACEMENT_ENDED,
        CLOSED
    }

    @Override
    public String subject() {
        return clientId;
    }
}
