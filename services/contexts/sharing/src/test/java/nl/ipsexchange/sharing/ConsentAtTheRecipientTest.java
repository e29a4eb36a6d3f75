package nl.ipsexchange.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.assertj.core.groups.Tuple;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import nl.ipsexchange.testsupport.MovableClock;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.kernel.consent.ConsentEffect;
import nl.ipsexchange.kernel.consent.ConsentGrantedEvent;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.messaging.ConsentReference;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.platform.IpsProperties;
import nl.ipsexchange.platform.PlatformDatabase;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.crypto.LocalKeyEncryptionKey;
import nl.ipsexchange.platform.security.NeedToKnow;

/**
 * The receiving side's checks at read time on a real PostgreSQL (consent replica, encrypted store, key table,
 * access records through a real event bus): the replica's consent is checked against this agency's own clock, so a
 * consent past its {@code validUntil} refuses reads and receipts even before the sender's expiry message arrives; and
 * need to know is configuration ({@code ips.need-to-know.health}): another configuration shows other roles other
 * health categories, and a role it does not list sees none.
 */
class ConsentAtTheRecipientTest {

    private static final ZoneId ZONE = ConsentTerms.ZONE;
    private static final LocalDate UNTIL = LocalDate.of(2026, 6, 30);
    private static final String CLIENT = "5b0c7a1e-2f4d-4c1b-9a7e-3d2f1c0b9a88";
    private static final AccessRecorder.Actor PHYSICIAN = new AccessRecorder.Actor("benefits.physician",
            "INSURANCE_PHYSICIAN");
    private static final AccessRecorder.Actor LABOUR_EXPERT = new AccessRecorder.Actor("benefits.labour-expert",
            "LABOUR_EXPERT");
    private static final AccessRecorder.Actor CASE_MANAGER = new AccessRecorder.Actor("someone", "CASE_MANAGER");

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final List<AccessRecordedEvent> records = new CopyOnWriteArrayList<>();
    private final MovableClock clock = new MovableClock(UNTIL.atTime(12, 0).atZone(ZONE).toInstant(), ZONE);
    private final UUID consentId = UUID.randomUUID();
    private TransactionTemplate transactions;
    private ConsentReplica replica;
    private SharedClientDataStore store;
    private AccessRecorder recorder;

    @BeforeEach
    void aConsentAndSharedDataOnAFreshDatabase() {
        DriverManagerDataSource dataSource = PlatformDatabase.fresh("recipient", SharingConfiguration.MIGRATIONS);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        SimpleEventBus bus = SimpleEventBus.builder().build();
        bus.subscribe(messages -> messages.forEach(m -> records.add((AccessRecordedEvent) m.getPayload())));
        IpsProperties properties = new IpsProperties();
        properties.getService().setAgency(Agency.BENEFITS);
        recorder = new AccessRecorder(DefaultEventGateway.builder().eventBus(bus).build(), clock, properties,
                transactions, jdbc);
        replica = new ConsentReplica(jdbc, Agency.BENEFITS);
        store = new SharedClientDataStore(jdbc, new ClientDataCipher(jdbc, LocalKeyEncryptionKey.generate()), codec);

        replica.granted(new ConsentGrantedEvent(consentId, CLIENT, Agency.BENEFITS, ConsentEffect.PERMIT,
                Set.of(DataCategory.IDENTIFICATION, DataCategory.HEALTH_SUMMARY, DataCategory.DIAGNOSIS),
                Set.of(Purpose.FUNDING_DECISION), LocalDate.of(2026, 1, 1), UNTIL), UUID.randomUUID());
        store.store(shared(), consentId, Purpose.FUNDING_DECISION, UUID.randomUUID(), clock.instant());
    }

    @Test
    void onceTheConsentsValidUntilHasPassedOnThisAgencysClockEveryReadAndReceiptIsRefusedAndRecorded() {
        SharedClientReader reader = reader(needToKnow(Map.of("ips.need-to-know.health.INSURANCE_PHYSICIAN",
                "HEALTH_SUMMARY,DIAGNOSIS")));
        assertThat(inTransaction(() -> reader.readClient(CLIENT, Purpose.FUNDING_DECISION, PHYSICIAN,
                Role.INSURANCE_PHYSICIAN))).as("the last day of the consent")
                .isInstanceOfSatisfying(SharedClientReader.Shown.class,
                        shown -> assertThat(shown.data().healthSummary()).isEqualTo("needs short days"));
        assertThat(admit()).as("a receipt on the last day").isTrue();
        records.clear();

        clock.set(UNTIL.plusDays(1).atStartOfDay(ZONE).toInstant()); // the first moment after validUntil

        assertThat(inTransaction(() -> reader.readClient(CLIENT, Purpose.FUNDING_DECISION, PHYSICIAN,
                Role.INSURANCE_PHYSICIAN))).isInstanceOf(SharedClientReader.Refused.class);
        assertThat(inTransaction(() -> reader.readHealth(CLIENT, DataCategory.HEALTH_SUMMARY,
                Purpose.FUNDING_DECISION, PHYSICIAN, Role.INSURANCE_PHYSICIAN)))
                .isInstanceOf(SharedClientReader.Refused.class);
        assertThat(admit()).as("a receipt after validUntil").isFalse();
        assertThat(records).extracting(AccessRecordedEvent::action, AccessRecordedEvent::outcome).containsExactly(
                Tuple.tuple(AccessAction.VIEW, AccessOutcome.DENIED),
                Tuple.tuple(AccessAction.VIEW, AccessOutcome.DENIED),
                Tuple.tuple(AccessAction.RECEIVE, AccessOutcome.DENIED));
        assertThat(records.get(0).reason()).contains("no active consent");
        assertThat(store.categoriesHeld(CLIENT)).as("held until the expiry message erases it, but not shown")
                .isNotEmpty();
    }

    @Test
    void anotherNeedToKnowConfigurationShowsOtherRolesOtherHealthCategoriesAndDeniesRolesItDoesNotList() {
        SharedClientReader defaults = reader(needToKnow(Map.of("ips.need-to-know.health.INSURANCE_PHYSICIAN",
                "HEALTH_SUMMARY")));
        SharedClientReader other = reader(needToKnow(Map.of("ips.need-to-know.health.LABOUR_EXPERT",
                "HEALTH_SUMMARY,DIAGNOSIS")));

        assertThat(health(defaults, PHYSICIAN, Role.INSURANCE_PHYSICIAN)).containsExactly("needs short days", null);
        assertThat(health(defaults, LABOUR_EXPERT, Role.LABOUR_EXPERT)).containsExactly(null, null);
        assertThat(health(defaults, CASE_MANAGER, Role.CASE_MANAGER)).as("not listed").containsExactly(null, null);
        assertThat(inTransaction(() -> defaults.readHealth(CLIENT, DataCategory.DIAGNOSIS, Purpose.FUNDING_DECISION,
                PHYSICIAN, Role.INSURANCE_PHYSICIAN))).isInstanceOf(SharedClientReader.Refused.class);

        assertThat(health(other, LABOUR_EXPERT, Role.LABOUR_EXPERT))
                .containsExactly("needs short days", "mild depression");
        assertThat(health(other, PHYSICIAN, Role.INSURANCE_PHYSICIAN)).as("no longer listed: default deny")
                .containsExactly(null, null);
        assertThat(inTransaction(() -> other.readHealth(CLIENT, DataCategory.DIAGNOSIS, Purpose.FUNDING_DECISION,
                LABOUR_EXPERT, Role.LABOUR_EXPERT))).isInstanceOfSatisfying(SharedClientReader.Shown.class,
                shown -> assertThat(shown.data().diagnosis()).isEqualTo("mild depression"));
        assertThat(inTransaction(() -> other.readHealth(CLIENT, DataCategory.HEALTH_SUMMARY,
                Purpose.FUNDING_DECISION, PHYSICIAN, Role.INSURANCE_PHYSICIAN)))
                .isInstanceOf(SharedClientReader.Refused.class);
        assertThat(records).filteredOn(r -> r.reason() != null && r.reason().contains("has no need to know"))
                .extracting(AccessRecordedEvent::userId)
                .containsExactly("benefits.physician", "benefits.physician");

        assertThat(needToKnow(Map.of()).healthCategoriesFor(Role.INSURANCE_PHYSICIAN))
                .as("nothing configured: nobody sees health data").isEmpty();
        assertThatThrownBy(() -> needToKnow(Map.of("ips.need-to-know.health.LABOUR_EXPERT", "IDENTIFICATION")))
                .as("only health categories are configured here").isInstanceOf(BindException.class);
    }

    /** The health fields a read of the whole client shows the actor: summary and diagnosis (null when absent). */
    private List<String> health(SharedClientReader reader, AccessRecorder.Actor actor, Role role) {
        SharedClientReader.Result result = inTransaction(() -> reader.readClient(CLIENT, Purpose.FUNDING_DECISION,
                actor, role));
        assertThat(result).isInstanceOf(SharedClientReader.Shown.class);
        ClientDataSharedEvent data = ((SharedClientReader.Shown) result).data();
        assertThat(data.identification().name()).isEqualTo("Client R");
        return Arrays.asList(data.healthSummary(), data.diagnosis());
    }

    /** Need to know bound from configuration properties, as the services bind {@code ips.need-to-know}. */
    private static NeedToKnow needToKnow(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind("ips.need-to-know", NeedToKnow.class)
                .orElseGet(NeedToKnow::new);
    }

    private SharedClientReader reader(NeedToKnow needToKnow) {
        return new SharedClientReader(replica, store, recorder, needToKnow, clock, Agency.BENEFITS,
                client -> false);
    }

    private boolean admit() {
        ReceiptGate gate = new ReceiptGate(replica, recorder, clock, Agency.BENEFITS);
        Set<DataCategory> carried = Set.of(DataCategory.IDENTIFICATION);
        return inTransaction(() -> gate.admit(CLIENT, codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH,
                clock.instant(), new ConsentReference(consentId, Purpose.FUNDING_DECISION, carried),
                shared().restrictedTo(carried)), carried, "received"));
    }

    private static ClientDataSharedEvent shared() {
        return new ClientDataSharedEvent(CLIENT,
                new ClientDataSharedEvent.Identification("Client R", "100000113", LocalDate.of(1980, 3, 3)),
                new ClientDataSharedEvent.Benefits(BenefitType.DISABILITY, "Ede"), null, "needs short days",
                "mild depression", null);
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }
}
