package nl.ipsexchange.funding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import nl.ipsexchange.funding.command.FundingEvents.FundingApprovalRefusedEvent;
import nl.ipsexchange.infra.eventstore.EventStoreSerializers;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;
import nl.ipsexchange.platform.axon.StoredEvents;

/**
 * A refusal stored before refusals carried their code (revision 1: words only, ADR 52) reads as revision 2 with the
 * code its words stand for, in each wording the aggregate and the fidelity gate have stored; one stored since reads
 * back as it was. Stored under the class's name before ADR 39 as well, whichever upcaster runs first.
 */
class StoredRefusalsWithoutCodeTest {

    private final Serializer serializer = EventStoreSerializers.json();

    /** Every wording a refusal was stored with, the aggregate's (before the gate per team) and the gate's. */
    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
            "the application's details were erased when the client's consent ended: it can no longer be decided"
                    + "|DETAILS_ERASED",
            "no fidelity review of the provider's IPS team is known: funding needs FAIR or better|NO_FIDELITY_REVIEW",
            "the provider's most recent fidelity review is NOT_IPS: funding needs FAIR or better|FIDELITY_BELOW_FAIR",
            "the application names no IPS team (it was sent before applications named one): no team's fidelity review "
                    + "can open funding|NO_TEAM_NAMED",
            "no fidelity review of IPS team Zuid is known: funding needs FAIR or better|NO_FIDELITY_REVIEW",
            "the newest review of IPS team Zuid is from 2025-01-14, older than 12 months: funding needs a newer review"
                    + "|FIDELITY_REVIEW_TOO_OLD",
            "the newest review of IPS team Zuid (2025-11-15) is not independent of the provider and the trainer: the "
                    + "covenant does not accept it|FIDELITY_REVIEW_NOT_INDEPENDENT",
            "the newest review of IPS team Zuid is NOT_IPS: funding needs FAIR or better|FIDELITY_BELOW_FAIR",
            "a wording no rule ever had|OTHER"})
    void aRefusalStoredInWordsOnlyReadsWithTheCodeItsWordsStandFor(String words, FundingDecisionReason code) {
        FundingApprovalRefusedEvent read = read(FundingApprovalRefusedEvent.class.getName(), words);

        assertThat(read).isEqualTo(new FundingApprovalRefusedEvent("t-7", "c-7", words, code));
    }

    @Test
    void aRefusalStoredUnderThePlatformsPackageReadsWithItsCodeWhicheverUpcasterRunsFirst() {
        String former = StoredFundingEventTypes.FORMER_PACKAGE + "command.FundingEvents$FundingApprovalRefusedEvent";
        String words = "the provider's most recent fidelity review is NOT_IPS: funding needs FAIR or better";
        FundingApprovalRefusedEvent expected = new FundingApprovalRefusedEvent("t-7", "c-7", words,
                FundingDecisionReason.FIDELITY_BELOW_FAIR);

        for (EventUpcasterChain chain : new EventUpcasterChain[] {
                new EventUpcasterChain(new StoredFundingEventTypes(), new StoredRefusalsWithoutCode()),
                new EventUpcasterChain(new StoredRefusalsWithoutCode(), new StoredFundingEventTypes())}) {
            IntermediateEventRepresentation upcast = chain.upcast(Stream.of(stored(former, words))).findFirst()
                    .orElseThrow();
            assertThat(upcast.getType().getName()).isEqualTo(FundingApprovalRefusedEvent.class.getName());
            assertThat(upcast.getType().getRevision()).isEqualTo("2");
            assertThat((FundingApprovalRefusedEvent) serializer.deserialize(upcast.getData())).isEqualTo(expected);
        }
    }

    @Test
    void aRefusalStoredWithItsCodeReadsBackAsItWas() {
        FundingApprovalRefusedEvent refused = new FundingApprovalRefusedEvent("t-7", "c-7", "words of the gate",
                FundingDecisionReason.FIDELITY_REVIEW_TOO_OLD);

        IntermediateEventRepresentation upcast = new StoredRefusalsWithoutCode().upcast(Stream.of(
                StoredEvents.storedAs(serializer, FundingApprovalRefusedEvent.class.getName(), refused)))
                .findFirst().orElseThrow();

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat((FundingApprovalRefusedEvent) serializer.deserialize(upcast.getData())).isEqualTo(refused);
    }

    private FundingApprovalRefusedEvent read(String typeName, String words) {
        IntermediateEventRepresentation upcast = new StoredRefusalsWithoutCode().upcast(Stream.of(stored(typeName,
                words))).findFirst().orElseThrow();
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        return serializer.deserialize(upcast.getData());
    }

    /** As revision 1 was stored: its JSON, words only. */
    private IntermediateEventRepresentation stored(String typeName, String words) {
        String json = "{\"applicationId\":\"t-7\",\"clientId\":\"c-7\",\"reason\":"
                + JsonNodeFactory.instance.textNode(words) + "}";
        return StoredEvents.storedJson(serializer, typeName, "1", json);
    }
}
