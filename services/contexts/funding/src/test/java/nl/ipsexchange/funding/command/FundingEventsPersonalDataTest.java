package nl.ipsexchange.funding.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.funding.FundingConfiguration;
import nl.ipsexchange.funding.command.FundingEvents.PaymentScheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.JobCoachingSessionRecordedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PlacementRecordedEvent;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;
import nl.ipsexchange.platform.PlatformDatabase;
import nl.ipsexchange.infra.eventstore.EventStoreSerializers;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.crypto.LocalKeyEncryptionKey;
import nl.ipsexchange.platform.crypto.PersonalDataSerializer;

/**
 * The event store's serializer on a real PostgreSQL key table: a funding event's personal fields are stored only
 * as ciphertext under the client's key for the category, read back whole while the key exists, and read back
 * without them (never failing) once it is destroyed, also when a new key was created for the client since. Events
 * without personal data, and personal events stored plain before they were marked (revision 1), read as before.
 */
class FundingEventsPersonalDataTest {

    private static final String CLIENT = UUID.randomUUID().toString();
    private static final Placement JOB = new Placement("p-7", true, new BigDecimal("27.5"),
            new BigDecimal("2345.67"), LocalDate.of(2026, 2, 11), null);

    private ClientDataCipher cipher;
    private PersonalDataSerializer serializer;

    @BeforeEach
    void freshDatabase() {
        cipher = new ClientDataCipher(new JdbcTemplate(PlatformDatabase.fresh("personal_data_serializer",
                FundingConfiguration.MIGRATIONS)),
                LocalKeyEncryptionKey.generate());
        serializer = new PersonalDataSerializer(EventStoreSerializers.json(), cipher);
    }

    private static String text(SerializedObject<byte[]> stored) {
        return new String(stored.getData(), StandardCharsets.UTF_8);
    }

    private PlacementRecordedEvent read(SerializedObject<byte[]> stored) {
        return serializer.deserialize(stored);
    }

    @Test
    void aPlacementIsStoredWithoutItsDetailsInPlainTextAndReadsBackWhole() {
        PlacementRecordedEvent event = new PlacementRecordedEvent("t-7", CLIENT, JOB);

        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);

        assertThat(text(stored)).contains("\"applicationId\":\"t-7\"", "\"clientId\":\"" + CLIENT + "\"",
                        "\"placementId\":\"p-7\"", "\"" + PersonalDataSerializer.SEALED + "\":\"enc2:")
                .doesNotContain("hoursPerWeek", "monthlyGrossWage", "competitive", "startDate", "27.5", "2345.67",
                        "2026-02-11");
        assertThat(stored.getType().getRevision()).isEqualTo("2");
        assertThat(cipher.hasKey(ClientDataCipher.keyId(CLIENT, DataCategory.EMPLOYMENT))).isTrue();
        assertThat(cipher.hasKey(CLIENT)).isFalse();
        assertThat(read(stored)).isEqualTo(event);
    }

    @Test
    void aJobCoachingSessionIsStoredWithoutItsDateAndHoursAndReadsBackErasedOnceTheKeyIsDestroyed() {
        JobCoachingSessionRecordedEvent session = new JobCoachingSessionRecordedEvent("t-7", CLIENT, "s-1",
                LocalDate.of(2026, 2, 11), new BigDecimal("2.75"));

        SerializedObject<byte[]> stored = serializer.serialize(session, byte[].class);

        assertThat(text(stored)).contains("\"sessionId\":\"s-1\"").doesNotContain("2026-02-11", "2.75");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(session);
        cipher.destroyKey(ClientDataCipher.keyId(CLIENT, DataCategory.EMPLOYMENT));
        assertThat((Object) serializer.deserialize(stored))
                .isEqualTo(new JobCoachingSessionRecordedEvent("t-7", CLIENT, "s-1", null, null));
    }

    @Test
    void onceTheCategorysKeyIsDestroyedThePlacementReadsBackErasedWithItsIdsKept() {
        SerializedObject<byte[]> stored = serializer.serialize(new PlacementRecordedEvent("t-7", CLIENT, JOB),
                byte[].class);

        cipher.destroyKey(ClientDataCipher.keyId(CLIENT, DataCategory.EMPLOYMENT));

        assertThat(read(stored)).isEqualTo(new PlacementRecordedEvent("t-7", CLIENT, "p-7", null));
    }

    @Test
    void aCopySealedUnderADestroyedKeyStaysErasedAfterTheClientGotANewKey() {
        SerializedObject<byte[]> stored = serializer.serialize(new PlacementRecordedEvent("t-7", CLIENT, JOB),
                byte[].class);
        cipher.destroyKey(ClientDataCipher.keyId(CLIENT, DataCategory.EMPLOYMENT));
        SerializedObject<byte[]> later = serializer.serialize(new PlacementRecordedEvent("t-7", CLIENT,
                JOB.ended(LocalDate.of(2026, 5, 1))), byte[].class);

        assertThat(read(stored).placement()).isNull();
        assertThat(read(later).placement()).isEqualTo(JOB.ended(LocalDate.of(2026, 5, 1)));
    }

    @Test
    void aPlacementStoredPlainAsRevisionOneStillReadsWithItsPlacementId() {
        String revisionOne = """
                {"applicationId":"t-7","clientId":"%s","placement":{"placementId":"p-7","competitive":true,\
                "hoursPerWeek":27.5,"monthlyGrossWage":2345.67,"startDate":"2026-02-11","endDate":null}}"""
                .formatted(CLIENT);
        SerializedObject<byte[]> stored = new SimpleSerializedObject<>(revisionOne.getBytes(StandardCharsets.UTF_8),
                byte[].class, new SimpleSerializedType(PlacementRecordedEvent.class.getName(), "1"));

        assertThat(read(stored)).isEqualTo(new PlacementRecordedEvent("t-7", CLIENT, JOB));
    }

    @Test
    void anEventWithoutPersonalDataIsStoredAsThePlainSerializerStoresIt() {
        PaymentScheduledEvent line = new PaymentScheduledEvent("t-7", CLIENT, "t-7:START", PaymentType.START,
                new BigDecimal("900"), LocalDate.of(2026, 1, 15));

        SerializedObject<byte[]> stored = serializer.serialize(line, byte[].class);

        assertThat(text(stored)).isEqualTo(text(EventStoreSerializers.json().serialize(line,
                byte[].class)));
        assertThat(serializer.<byte[], PaymentScheduledEvent>deserialize(stored)).isEqualTo(line);
        assertThat(cipher.hasKey(ClientDataCipher.keyId(CLIENT, DataCategory.EMPLOYMENT))).isFalse();
    }
}
