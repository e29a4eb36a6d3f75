package nl.ipsexchange.municipality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.funding.command.FundingCommands.ApproveFundingCommand;
import nl.ipsexchange.funding.command.FundingCommands.RejectFundingCommand;
import nl.ipsexchange.funding.command.FundingEvents.FundingApplicationReceivedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PlacementRecordedEvent;
import nl.ipsexchange.funding.query.FundingProjection;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.consent.ConsentEffect;
import nl.ipsexchange.kernel.consent.ConsentEndedEvent;
import nl.ipsexchange.kernel.consent.ConsentGrantedEvent;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.funding.FundingApplicationSubmittedEvent;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.PlacementReportedEvent;
import nl.ipsexchange.kernel.messaging.ConsentReference;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.platform.messaging.InboundMessageProcessor;
import nl.ipsexchange.platform.messaging.signing.DemoSigningKeys;
import nl.ipsexchange.testsupport.SealingSender;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * Crypto-shredding at a funder, against a real PostgreSQL: a funding application and a placement arrive through the
 * municipality's inbox under the client's consent, and the funder stores the client's data in its event store only
 * encrypted (no hours, wage or dates of the placement, no referral dates, in any stored payload). When the client
 * revokes the consent, the receiver destroys the client's keys: the event store then reads those fields back
 * erased, the projection's rows no longer hold them, no table of the funder's database contains them, and loading
 * the aggregate again works and leaves every payment line as it was.
 */
@MunicipalityTest
class FundingCryptoShreddingTest {

    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);
    private static final LocalDate REFERRED = TODAY.minusDays(77);
    private static final LocalDate APPLIED = TODAY.minusDays(73);
    private static final LocalDate START = TODAY.minusDays(61);
    private static final LocalDate JOB_START = TODAY.minusDays(53);
    private static final String WAGE = "2345.67";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandGateway commands;

    @Autowired
    InboundMessageProcessor inbox;

    @Autowired
    EventStore events;

    @Autowired
    FundingProjection funding;

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final String clientId = UUID.randomUUID().toString();
    private final String trajectoryId = UUID.randomUUID().toString();
    private final UUID consentId = UUID.randomUUID();

    private final SealingSender mha = new SealingSender(TestInfrastructure.get().kafkaAdmin());

    /** Receives the event as the MHA sends it (sealed when personal), answering the key requests it causes. */
    private void receive(IntegrationEvent event, DataCategory carried) {
        ConsentReference consent = carried == null ? null
                : new ConsentReference(consentId, Purpose.FUNDING_DECISION, Set.of(carried));
        UUID eventId = UUID.randomUUID();
        String topic = Topics.inbox(Agency.MUNICIPALITY);
        if (!process(topic, mha.message(Agency.MUNICIPALITY, codec.wrap(eventId, Agency.MENTAL_HEALTH,
                Instant.now(), consent, event)))) {
            mha.answers().forEach(answer -> process(topic, answer)); // the key arrives; the message is retried
        }
        assertThat(jdbc.queryForObject("select count(*) from processed_message where event_id = ?", Integer.class,
                eventId)).as("%s handled", event.getClass().getSimpleName()).isOne();
    }

    /** Signed as the mental health agency signs in the demo profile this test runs under. */
    private boolean process(String topic, byte[] message) {
        return inbox.process(new InboundMessageProcessor.Delivered(topic, message,
                DemoSigningKeys.signer(Agency.MENTAL_HEALTH).sign(topic, message)));
    }

    /** A decimal number, searched for as one: not as digits inside another number or an instant. */
    private static final Pattern NUMBER = Pattern.compile("\\d+\\.\\d+");

    /**
     * Columns the event store fills from the clock when it stores an event or a token, never from an event's content.
     * An instant such as {@code 20:40:27.512Z} contains "27.5", so searching them for the placement's hours would
     * find the time of storing, not the placement.
     */
    private static final Set<String> STORING_TIMES = Set.of("domain_event_entry.time_stamp",
            "snapshot_event_entry.time_stamp", "token_entry.timestamp");

    /**
     * Where the text occurs in the funder's database: every table's rows, and every binary column's bytes, except the
     * columns that hold only the time an event or token was stored.
     */
    private List<String> whereStored(String text) {
        List<Map<String, Object>> columns = jdbc.queryForList("""
                select table_name, column_name, data_type from information_schema.columns
                where table_schema = current_schema() order by table_name, ordinal_position""");
        Set<String> hits = new TreeSet<>();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            if (STORING_TIMES.contains(table + "." + name)) {
                continue;
            }
            boolean bytes = "bytea".equals(column.get("data_type"));
            String condition;
            Object parameter = text;
            if (NUMBER.matcher(text).matches()) {
                // a number stands alone (27.5, or 27.50 as a numeric column prints it): "27.5" inside an instant an
                // event carries (01:06:27.512345Z) is a time, and CI once found one there
                condition = (bytes ? "encode(\"" + name + "\", 'escape')" : "\"" + name + "\"::text") + " ~ ?";
                parameter = "(^|[^0-9.])" + text.replace(".", "\\.") + "0*([^0-9]|$)";
            } else {
                condition = bytes ? "position(convert_to(?, 'UTF8') in \"" + name + "\") > 0"
                        : "\"" + name + "\"::text like '%' || ? || '%'";
            }
            Integer count = jdbc.queryForObject("select count(*) from \"" + table + "\" where " + condition,
                    Integer.class, parameter);
            if (count != null && count > 0) {
                hits.add(table + "." + name);
            }
        }
        return List.copyOf(hits);
    }

    private <T> T stored(Class<T> type) {
        return events.readEvents(trajectoryId).asStream().map(EventMessage::getPayload).filter(type::isInstance)
                .map(type::cast).findFirst().orElseThrow();
    }

    private int storedEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Integer.class);
    }

    private int aggregateEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class, trajectoryId);
    }

    @Test
    void aPlacementIsStoredEncryptedAndAfterRevocationNothingOfItIsReadableWhileThePaymentsStay() {
        receive(new ConsentGrantedEvent(consentId, clientId, Agency.MUNICIPALITY, ConsentEffect.PERMIT,
                Set.of(DataCategory.BENEFITS, DataCategory.EMPLOYMENT), Set.of(Purpose.FUNDING_DECISION),
                TODAY.minusDays(90), TODAY.plusDays(365)), null);
        receive(new FundingApplicationSubmittedEvent(trajectoryId, clientId, BenefitType.SOCIAL_ASSISTANCE, REFERRED,
                APPLIED, "IPS team Utrecht"), DataCategory.BENEFITS);
        // the fidelity gate reads the team the application names (ADR 0045)
        assertThat(jdbc.queryForObject("select team from funding_application_team where application_id = ?",
                String.class, trajectoryId)).isEqualTo("IPS team Utrecht");
        commands.sendAndWait(new ApproveFundingCommand(trajectoryId, START, TODAY));
        receive(new PlacementReportedEvent(trajectoryId, clientId, "job-1", true, new BigDecimal("27.5"),
                new BigDecimal(WAGE), JOB_START, null), DataCategory.EMPLOYMENT);

        // the bonus was earned (a competitive job of 27.5 hours, a full month done) and fell due
        List<FundingProjection.PaymentView> payments = funding.payments(trajectoryId);
        assertThat(payments).extracting(FundingProjection.PaymentView::type).containsExactlyInAnyOrder(
                PaymentType.START, PaymentType.PLACEMENT_BONUS, PaymentType.THREE_MONTHS, PaymentType.FINAL);
        // the event store reads the placement and the application whole, but stores none of it in plain text
        assertThat(stored(PlacementRecordedEvent.class).placement().monthlyGrossWage()).isEqualByComparingTo(WAGE);
        assertThat(stored(FundingApplicationReceivedEvent.class).referredOn()).isEqualTo(REFERRED);
        assertThat(jdbc.queryForObject("""
                select count(*) from domain_event_entry where aggregate_identifier = ?
                and payload_type like '%PlacementRecordedEvent' and position('sealedPersonalData' in
                convert_from(payload, 'UTF8')) > 0""", Integer.class, trajectoryId)).isEqualTo(1);
        for (String plain : List.of(WAGE, "27.5", "hoursPerWeek", "monthlyGrossWage", JOB_START.toString(),
                REFERRED.toString(), APPLIED.toString(), "SOCIAL_ASSISTANCE")) {
            assertThat(whereStored(plain)).as(plain).noneMatch(column -> column.startsWith("domain_event_entry")
                    || column.startsWith("snapshot_event_entry"));
        }
        // before the revocation, the projection shows the application's details (as consent allows)
        assertThat(whereStored(REFERRED.toString())).containsExactly("funding_application.referred_on");

        int before = storedEvents();
        int aggregateEvents = aggregateEvents();
        receive(new ConsentEndedEvent(consentId, clientId, Agency.MUNICIPALITY, Instant.now(),
                ConsentEndedEvent.Reason.REVOKED), null);

        assertThat(jdbc.queryForObject("select count(*) from client_data_key where client_id like ?", Integer.class,
                clientId + "%")).isZero();
        assertThat(stored(PlacementRecordedEvent.class).placement()).isNull();
        assertThat(stored(PlacementRecordedEvent.class).placementId()).isEqualTo("job-1");
        FundingApplicationReceivedEvent application = stored(FundingApplicationReceivedEvent.class);
        assertThat(application.benefit()).isNull();
        assertThat(application.referredOn()).isNull();
        assertThat(application.appliedOn()).isNull();
        for (String erased : List.of(WAGE, JOB_START.toString(), REFERRED.toString(), APPLIED.toString())) {
            assertThat(whereStored(erased)).as(erased).isEmpty();
        }
        FundingProjection.ApplicationView shown = funding.application(trajectoryId).orElseThrow();
        assertThat(shown.benefit()).isNull();
        assertThat(shown.status()).isEqualTo("APPROVED");

        // loading the aggregate from its (now erased) events works, and no payment line is added or changed
        assertThatThrownBy(() -> commands.sendAndWait(new RejectFundingCommand(trajectoryId, "replayed")))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("already approved");
        assertThat(funding.payments(trajectoryId)).containsExactlyElementsOf(payments);
        assertThat(aggregateEvents()).isEqualTo(aggregateEvents);
        assertThat(storedEvents()).as("the erasure was recorded").isGreaterThan(before);
    }
}
