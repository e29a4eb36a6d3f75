package nl.ipsexchange.funding;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.stream.Stream;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import nl.ipsexchange.funding.command.FundingEvents.FundingApprovedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentScheduledEvent;
import nl.ipsexchange.funding.command.FundingFixtures;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.infra.eventstore.EventStoreSerializers;
import nl.ipsexchange.platform.axon.StoredEvents;

/**
 * A funding event stored under its class's name in the service platform, as every funder's event store holds them
 * from before ADR 0039, reads as the same event of this module at its stored revision; other events pass untouched.
 */
class StoredFundingEventTypesTest {

    private final Serializer serializer = EventStoreSerializers.json();

    @Test
    void anEventStoredUnderThePlatformsPackageReadsAsThisModulesEvent() {
        PaymentScheduledEvent line = new PaymentScheduledEvent("t-7", "c-7", "t-7:START", PaymentType.START,
                new BigDecimal("900"), LocalDate.of(2026, 1, 15));

        IntermediateEventRepresentation upcast = upcast(StoredEvents.storedAs(serializer, 
                "nl.ipsexchange.platform.funding.command.FundingEvents$PaymentScheduledEvent", line));

        assertThat(upcast.getType().getName()).isEqualTo(PaymentScheduledEvent.class.getName());
        assertThat(upcast.getType().getRevision()).isEqualTo("1");
        PaymentScheduledEvent read = serializer.deserialize(upcast.getData());
        assertThat(read).isEqualTo(line);
    }

    @Test
    void anEventStoredUnderItsOwnNameIsLeftAsItIs() {
        FundingApprovedEvent approved = new FundingApprovedEvent("t-7", "c-7", LocalDate.of(2026, 1, 15));

        IntermediateEventRepresentation upcast = upcast(StoredEvents.storedAs(serializer, FundingApprovedEvent.class.getName(), approved));

        assertThat(upcast.getType().getName()).isEqualTo(FundingApprovedEvent.class.getName());
        FundingApprovedEvent read = serializer.deserialize(upcast.getData());
        assertThat(read).isEqualTo(approved);
    }

    /**
     * An approval stored before approvals pinned their covenant terms (revision 1, ADR 48) reads with no terms, which
     * the aggregate pins at its next fact; one of revision 2 reads back with the terms it pinned, to the cent.
     */
    @Test
    void anApprovalStoredBeforeCovenantVersionsReadsWithoutTermsAndOneAfterWithThem() {
        IntermediateEventRepresentation old = upcast(StoredEvents.storedJson(serializer,
                FundingApprovedEvent.class.getName(), "1",
                "{\"applicationId\":\"t-7\",\"clientId\":\"c-7\",\"startDate\":\"2026-01-15\"}"));
        FundingApprovedEvent approved = new FundingApprovedEvent("t-7", "c-7", LocalDate.of(2026, 1, 15),
                FundingFixtures.BENEFITS_TERMS);

        FundingApprovedEvent readOld = serializer.deserialize(old.getData());
        FundingApprovedEvent readNew = serializer.deserialize(upcast(StoredEvents.storedAs(serializer,
                FundingApprovedEvent.class.getName(), approved)).getData());

        assertThat(readOld).isEqualTo(new FundingApprovedEvent("t-7", "c-7", LocalDate.of(2026, 1, 15), null));
        assertThat(readNew).isEqualTo(approved);
        assertThat(readNew.terms().jobCoachingHourlyTariff()).isEqualTo(new BigDecimal("62.50"));
    }

    private IntermediateEventRepresentation upcast(IntermediateEventRepresentation stored) {
        return new StoredFundingEventTypes().upcast(Stream.of(stored)).findFirst().orElseThrow();
    }
}
