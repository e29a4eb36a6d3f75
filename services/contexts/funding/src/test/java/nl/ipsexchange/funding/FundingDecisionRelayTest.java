package nl.ipsexchange.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import nl.ipsexchange.funding.command.FunderPolicy;
import nl.ipsexchange.funding.command.FundingApplication;
import nl.ipsexchange.funding.command.FundingCommands.ApproveFundingCommand;
import nl.ipsexchange.funding.command.FundingEvents.FundingApprovalRefusedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApprovedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingRejectedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentCancelledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentCorrectedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentFellDueEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentRecordedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentRescheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentScheduledEvent;
import nl.ipsexchange.funding.command.FundingFixtures;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.fidelity.FidelityBand;
import nl.ipsexchange.kernel.fidelity.FidelityCovenant;
import nl.ipsexchange.kernel.funding.FundingDecidedEvent;
import nl.ipsexchange.kernel.funding.FundingDecidedEvent.Decision;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;
import nl.ipsexchange.kernel.funding.PaymentLineStatus;
import nl.ipsexchange.kernel.funding.PaymentLineUpdatedEvent;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;

/**
 * What a funder tells the mental health agency of each of its decisions and payment line changes (ADR 46): on the
 * mental health agency's inbox, under the trajectory, with the funder's sequence number, a coded reason and never the
 * funder's words, and under an event id that follows from the funder's event (a repeated relay is one message).
 */
class FundingDecisionRelayTest {

    private static final String T = FundingFixtures.A;
    private static final Instant AT = Instant.parse("2026-03-02T10:15:00Z");
    private static final String WORDS = "she told us about her psychosis";

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final List<String> topics = new ArrayList<>();
    private final List<EventEnvelope> sent = new ArrayList<>();
    private FundingDecisionRelay relay;

    @BeforeEach
    void setUp() {
        IntegrationEventPublisher publisher = mock(IntegrationEventPublisher.class);
        doAnswer(call -> {
            topics.add(call.getArgument(0));
            sent.add(call.getArgument(1));
            return null;
        }).when(publisher).publish(anyString(), any(EventEnvelope.class));
        relay = new FundingDecisionRelay(publisher, codec, Agency.MUNICIPALITY);
    }

    private <T> T only(Class<T> type) {
        assertThat(sent).hasSize(1);
        assertThat(topics).containsExactly(Agency.MENTAL_HEALTH.inboxTopic());
        EventEnvelope envelope = sent.get(0);
        assertThat(envelope.sourceAgency()).isEqualTo(Agency.MUNICIPALITY);
        assertThat(envelope.subject()).isEqualTo(T);
        assertThat(envelope.consent()).isNull();
        assertThat(new String(codec.encode(envelope), StandardCharsets.UTF_8)).doesNotContain(WORDS,
                FundingFixtures.C);
        return type.cast(codec.payload(codec.decode(codec.encode(envelope))));
    }

    @Test
    void anApprovalGoesWithItsStartDateAndNoReason() {
        relay.on(new FundingApprovedEvent(T, FundingFixtures.C, FundingFixtures.START), "e-1", 1L, AT);

        assertThat(only(FundingDecidedEvent.class)).isEqualTo(new FundingDecidedEvent(T, Agency.MUNICIPALITY, 1,
                Decision.APPROVED, FundingFixtures.START, LocalDate.of(2026, 3, 2), null));
        assertThat(sent.get(0).eventId()).isEqualTo(IntegrationEventPublisher.eventIdFor("e-1",
                Agency.MENTAL_HEALTH.inboxTopic()));
    }

    @Test
    void aRejectionGoesWithItsCodeAndTheFundersWordsStayAtTheFunder() {
        relay.on(new FundingRejectedEvent(T, FundingFixtures.C, WORDS), "e-2", 1L, AT);

        FundingDecidedEvent decided = only(FundingDecidedEvent.class);
        assertThat(decided.decision()).isEqualTo(Decision.REJECTED);
        assertThat(decided.reason()).isEqualTo(FundingDecisionReason.REJECTED_BY_FUNDER);
        assertThat(decided.startDate()).isNull();
    }

    @Test
    void eachLineChangeGoesWithWhatTheFundersEventNames() {
        relay.on(new PaymentScheduledEvent(T, FundingFixtures.C, T + ":START", PaymentType.START, new BigDecimal("900"),
                FundingFixtures.START), "e-3", 2L, AT);
        relay.on(new PaymentFellDueEvent(T, T + ":START"), "e-4", 3L, AT);
        relay.on(new PaymentRescheduledEvent(T, T + ":FINAL", LocalDate.of(2027, 1, 1)), "e-5", 7L, AT);
        relay.on(new PaymentCancelledEvent(T, T + ":THREE_MONTHS", WORDS), "e-6", 8L, AT);

        assertThat(sent).hasSize(4);
        assertThat(sent).extracting(envelope -> codec.payload(codec.decode(codec.encode(envelope))))
                .usingRecursiveFieldByFieldElementComparator(RecursiveComparisonConfiguration.builder()
                        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build())
                .containsExactly(
                new PaymentLineUpdatedEvent(T, Agency.MUNICIPALITY, T + ":START", 2, PaymentLineStatus.SCHEDULED,
                        PaymentType.START, new BigDecimal("900"), FundingFixtures.START),
                new PaymentLineUpdatedEvent(T, Agency.MUNICIPALITY, T + ":START", 3, PaymentLineStatus.DUE, null,
                        null, null),
                new PaymentLineUpdatedEvent(T, Agency.MUNICIPALITY, T + ":FINAL", 7, PaymentLineStatus.RESCHEDULED,
                        null, null, LocalDate.of(2027, 1, 1)),
                new PaymentLineUpdatedEvent(T, Agency.MUNICIPALITY, T + ":THREE_MONTHS", 8,
                        PaymentLineStatus.CANCELLED, null, null, null));
        assertThat(sent).allSatisfy(envelope -> assertThat(new String(codec.encode(envelope), StandardCharsets.UTF_8))
                .doesNotContain(WORDS));
    }

    @Test
    void aPaymentAndACorrectionGoAsTheLinesTheyChange() {
        relay.on(new PaymentRecordedEvent(T, FundingFixtures.C, T + ":START", PaymentType.START, new BigDecimal("900"),
                FundingFixtures.START, "BV-1"), "e-7", 9L, AT);
        relay.on(new PaymentCorrectedEvent(T, FundingFixtures.C, T + ":START:correction", T + ":START",
                PaymentType.START, new BigDecimal("-900"), LocalDate.of(2026, 3, 2), WORDS), "e-8", 10L, AT);

        assertThat(sent).extracting(envelope -> codec.payload(codec.decode(codec.encode(envelope))))
                .usingRecursiveFieldByFieldElementComparator(RecursiveComparisonConfiguration.builder()
                        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build())
                .containsExactly(
                new PaymentLineUpdatedEvent(T, Agency.MUNICIPALITY, T + ":START", 9, PaymentLineStatus.PAID,
                        PaymentType.START, new BigDecimal("900"), null, FundingFixtures.START),
                new PaymentLineUpdatedEvent(T, Agency.MUNICIPALITY, T + ":START", 10, PaymentLineStatus.CORRECTED,
                        null, null, null),
                new PaymentLineUpdatedEvent(T, Agency.MUNICIPALITY, T + ":START:correction", 10,
                        PaymentLineStatus.DUE, PaymentType.START, new BigDecimal("-900"), LocalDate.of(2026, 3, 2)));
        assertThat(sent).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
        assertThat(sent).allSatisfy(envelope -> assertThat(new String(codec.encode(envelope), StandardCharsets.UTF_8))
                .doesNotContain(WORDS, "BV-1"));
    }

    /** Each refusal goes with the code its rule recorded, whatever its words; the words stay at the funder. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = FundingDecisionReason.class, names = {"NO_TEAM_NAMED", "NO_FIDELITY_REVIEW",
            "FIDELITY_REVIEW_TOO_OLD", "FIDELITY_REVIEW_NOT_INDEPENDENT", "FIDELITY_BELOW_FAIR", "DETAILS_ERASED"})
    void aRefusalGoesWithTheCodeItsRuleRecorded(FundingDecisionReason code) {
        relay.on(new FundingApprovalRefusedEvent(T, FundingFixtures.C, WORDS, code), "e-r", 2L, AT);

        FundingDecidedEvent decided = only(FundingDecidedEvent.class);
        assertThat(decided.decision()).isEqualTo(Decision.APPROVAL_REFUSED);
        assertThat(decided.reason()).isEqualTo(code);
    }

    /** The gate's and the aggregate's refusals, from the verdict to the wire, with their codes. */
    @Test
    void theFidelityGatesRefusalsReachTheWireWithTheirCodes() {
        FidelityCovenant strict = new FidelityCovenant(12, false);
        LocalDate today = LocalDate.of(2026, 3, 2);
        String team = "IPS team Utrecht";
        assertThat(relayed(strict, null, Optional.empty(), today)).isEqualTo(FundingDecisionReason.NO_TEAM_NAMED);
        assertThat(relayed(strict, team, Optional.empty(), today)).isEqualTo(FundingDecisionReason.NO_FIDELITY_REVIEW);
        assertThat(relayed(strict, team, review(team, today.minusMonths(13), FidelityBand.GOOD, true), today))
                .isEqualTo(FundingDecisionReason.FIDELITY_REVIEW_TOO_OLD);
        assertThat(relayed(strict, team, review(team, today.minusMonths(1), FidelityBand.GOOD, false), today))
                .isEqualTo(FundingDecisionReason.FIDELITY_REVIEW_NOT_INDEPENDENT);
        assertThat(relayed(strict, team, review(team, today.minusMonths(1), FidelityBand.NOT_IPS, true), today))
                .isEqualTo(FundingDecisionReason.FIDELITY_BELOW_FAIR);
    }

    /** A refusal without a code (none is stored so: {@code StoredRefusalsWithoutCode} reads old ones) is OTHER. */
    @Test
    void aRefusalWithoutACodeGoesAsOther() {
        relay.on(new FundingApprovalRefusedEvent(T, FundingFixtures.C, WORDS, null), "e-r", 2L, AT);

        assertThat(only(FundingDecidedEvent.class).reason()).isEqualTo(FundingDecisionReason.OTHER);
    }

    /** The gate's verdict, recorded by the aggregate, relayed: the code that reaches the mental health agency. */
    private FundingDecisionReason relayed(FidelityCovenant covenant, String team,
                                          Optional<FidelityRegister.LatestReview> newest, LocalDate today) {
        FidelityGate.Verdict verdict = FidelityGate.judge(covenant, team, newest, today);
        assertThat(verdict.refusal()).as("the gate refuses").isNotNull();
        AggregateTestFixture<FundingApplication> fixture = new AggregateTestFixture<>(FundingApplication.class);
        fixture.registerInjectableResource(mock(FunderPolicy.class));
        AtomicReference<FundingApprovalRefusedEvent> recorded = new AtomicReference<>();
        fixture.given(FundingFixtures.received(Agency.MUNICIPALITY))
                .when(new ApproveFundingCommand(T, FundingFixtures.START, today, verdict.refusal()))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(Matchers.matches(payload -> {
                    recorded.set((FundingApprovalRefusedEvent) payload);
                    return true;
                }), Matchers.andNoMore())));
        sent.clear();
        topics.clear();
        relay.on(recorded.get(), "e-r", 2L, AT);
        FundingDecidedEvent decided = only(FundingDecidedEvent.class);
        assertThat(decided.decision()).isEqualTo(Decision.APPROVAL_REFUSED);
        return decided.reason();
    }

    private static Optional<FidelityRegister.LatestReview> review(String team, LocalDate on, FidelityBand band,
                                                                  boolean independent) {
        return Optional.of(new FidelityRegister.LatestReview("r-1", team, on, 100, band, independent));
    }
}
