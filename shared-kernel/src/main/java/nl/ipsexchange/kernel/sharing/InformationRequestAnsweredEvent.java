package nl.ipsexchange.kernel.sharing;

import java.util.Set;

import org.axonframework.serialization.Revision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;
import nl.ipsexchange.kernel.messaging.IntegrationEventUpcaster;

/**
 * The mental health agency's answer to an information request. A grant's data follows as a consent-gated
 * {@code ClientDataShared} with exactly the granted categories. The answer leaves the agency without consent (a
 * denial must reach the asker too), so it carries a coded reason, never the clinician's own words (ADR 40).
 *
 * @param reason why not everything asked for was granted; null for a full grant
 */
@IntegrationEventType("InformationRequestAnswered")
@Revision("2")
public record InformationRequestAnsweredEvent(String requestId, String clientId, Outcome outcome,
                                              Set<DataCategory> grantedCategories, Reason reason)
        implements IntegrationEvent {

    public enum Outcome {
        GRANTED,
        PARTIALLY_GRANTED,
        DENIED,
        /** Outside the client's consent: never silently granted. */
        CONSENT_REQUIRED
    }

    /** Why a request was not granted in full, in words the asking agency can act on without health content. */
    public enum Reason {
        /** The client's consent does not cover it: ask the client, through the mental health agency. */
        NOT_COVERED_BY_CONSENT(false),
        /** The mental health agency has no client with the id asked about. */
        UNKNOWN_CLIENT(false),
        NOT_NECESSARY_FOR_THE_PURPOSE(true),
        CLIENT_OBJECTS(true),
        /** Disclosure would harm the client, in the clinician's professional judgement. */
        HARMFUL_TO_THE_CLIENT(true),
        NOT_AVAILABLE(true),
        /** Any other reason: the asking agency contacts the clinician. */
        OTHER(true);

        private final boolean clinicians;

        Reason(boolean clinicians) {
            this.clinicians = clinicians;
        }

        /** Whether a clinician gives this reason; the others are the service's own answers. */
        public boolean isClinicians() {
            return clinicians;
        }

        /** The coded reason of an answer from before there were codes, which carried the clinician's words. */
        public static Reason ofUncodedAnswer(Outcome outcome, String words) {
            if (outcome == Outcome.GRANTED) {
                return null;
            }
            if (outcome == Outcome.CONSENT_REQUIRED) {
                return NOT_COVERED_BY_CONSENT;
            }
            return UNKNOWN_CLIENT_WORDS.equals(words) ? UNKNOWN_CLIENT : OTHER;
        }

        /** How version 1 worded the answer about an unknown client. */
        public static final String UNKNOWN_CLIENT_WORDS = "the mental health agency has no client with this id";
    }

    @Override
    public String subject() {
        return clientId;
    }

    /** Version 1 carried the clinician's free text: it becomes its code and the words are dropped. */
    public static final class FromVersion1 implements IntegrationEventUpcaster {
        @Override
        public String type() {
            return "InformationRequestAnswered";
        }

        @Override
        public int fromVersion() {
            return 1;
        }

        @Override
        public ObjectNode upcast(ObjectNode payload) {
            JsonNode words = payload.remove("reason");
            Outcome outcome = Outcome.valueOf(payload.path("outcome").asText());
            Reason reason = Reason.ofUncodedAnswer(outcome, words == null || words.isNull() ? null : words.asText());
            if (reason == null) {
                payload.putNull("reason");
            } else {
                payload.put("reason", reason.name());
            }
            return payload;
        }
    }
}
