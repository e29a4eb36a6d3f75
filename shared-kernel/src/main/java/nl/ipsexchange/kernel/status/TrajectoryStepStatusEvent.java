package nl.ipsexchange.kernel.status;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;
import nl.ipsexchange.kernel.messaging.IntegrationEventUpcaster;

/**
 * De-identified status: a step of a trajectory, for the decision makers' measures (section 7). The trajectory is
 * named by the sending agency's pseudonym of it (a keyed hash only that agency can compute, ADR 36), which links the
 * trajectory's steps to each other and to nothing else: no client, no id any other message carries. Dates and the
 * few facts the measures need; never a name, number, employer, wage or health data.
 *
 * @param trajectoryPseudonym the sender's pseudonym of the trajectory
 * @param competitive         for placements: whether the job is competitive
 * @param daysSinceReferral   for the first employer contact: days from referral (target: 30 or fewer)
 * @param funder              for funding steps: the funder
 * @param specialist          for referrals: the IPS specialist the trajectory is assigned to (staff, not client data)
 */
@IntegrationEventType("TrajectoryStep")
@Revision("3")
public record TrajectoryStepStatusEvent(String trajectoryPseudonym, Step step, LocalDate on,
                                        Boolean competitive, Long daysSinceReferral, Agency funder, String specialist)
        implements IntegrationEvent {

    /** Version 1 had no {@code specialist} (the IPS specialist a trajectory is assigned to, for caseloads). */
    public static final class FromVersion1 implements IntegrationEventUpcaster {
        @Override
        public String type() {
            return "TrajectoryStep";
        }

        @Override
        public int fromVersion() {
            return 1;
        }

        @Override
        public ObjectNode upcast(ObjectNode payload) {
            payload.putNull("specialist");
            return payload;
        }
    }

    /**
     * Version 2 carried the trajectory's and the client's ids. A receiver cannot pseudonymise them (only the sender
     * holds the key): the trajectory's stays as it was sent, already on the topic, so that the figures of the steps
     * sent before stay as they were; the client's, which no measure reads, is left out of the event. No event sent
     * from version 3 on carries an id (ADR 36).
     */
    public static final class FromVersion2 implements IntegrationEventUpcaster {
        @Override
        public String type() {
            return "TrajectoryStep";
        }

        @Override
        public int fromVersion() {
            return 2;
        }

        @Override
        public ObjectNode upcast(ObjectNode payload) {
            payload.set("trajectoryPseudonym", payload.remove("trajectoryId"));
            payload.remove("clientId");
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
        return trajectoryPseudonym;
    }
}
