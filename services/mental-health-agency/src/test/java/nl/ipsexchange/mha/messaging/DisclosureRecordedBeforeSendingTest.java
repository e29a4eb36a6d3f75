package nl.ipsexchange.mha.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.fasterxml.jackson.databind.JsonNode;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.mha.MhaOnItsOwnDatabase;
import nl.ipsexchange.platform.axon.AxonProcessingConfiguration;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * A disclosure leaves its access record even when the relay fails between the broker's acknowledgement and its own
 * commit, and the consent is revoked before the relay tries again. The relay's transaction (its position and what it
 * wrote) commits only after the broker has the message; the failure here rolls it back right at that commit, which is
 * what a crash in that window leaves behind. Tried again after the revocation, the relay withholds the data; the
 * recipient already holds it, so the trail must still say it was disclosed.
 */
class DisclosureRecordedBeforeSendingTest {

    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);

    private final MhaOnItsOwnDatabase database = new MhaOnItsOwnDatabase("mha_disclosure_crash");

    @Test
    void aDisclosureIsRecordedEvenWhenTheRelayFailsAfterTheBrokersAckAndTheConsentIsRevokedBeforeItsRetry() {
        try (ConfigurableApplicationContext mha = database.start(FailingRelayCommit.class)) {
            FailingCommit relayCommit = mha.getBean(FailingCommit.class);
            ApiClient clinician = MhaOnItsOwnDatabase.clinician(mha);
            ApiClient.Response created = clinician.post("/api/clients", """
                    {"name":"Client 100000113","bsn":"100000113","dateOfBirth":"1984-04-04","benefit":"DISABILITY",
                     "municipality":"Ede"}""");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String clientId = created.json().get("clientId").asText();
            ApiClient.Response given = clinician.post("/api/clients/" + clientId + "/consents", """
                    {"recipients":["BENEFITS"],"categories":["IDENTIFICATION","HEALTH_SUMMARY"],
                     "purposes":["FUNDING_DECISION"],"validFrom":"%s","validUntil":"%s"}"""
                    .formatted(TODAY, TODAY.plusDays(30)));
            assertThat(given.status()).as(given.body()).isEqualTo(201);
            String consentId = given.json().get("consentId").asText();
            await("the consent's own share is recorded",
                    () -> !records(clientId, r -> action(r, "DISCLOSE")).isEmpty());

            relayCommit.failing.set(true);
            String marker = "sleeps-badly-" + UUID.randomUUID();
            assertThat(clinician.put("/api/clients/" + clientId + "/health/HEALTH_SUMMARY",
                    "{\"text\":\"" + marker + "\"}").status()).isEqualTo(204);
            await("the relay's commit failed after the broker took the health summary",
                    () -> relayCommit.failures.get() > 0 && healthSummariesAtBenefits(clientId) > 0);

            ApiClient.Response revoked = clinician.post("/api/clients/" + clientId + "/consents/" + consentId
                    + "/revoke", "{\"reason\":\"changed my mind\"}");
            assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
            relayCommit.failing.set(false);
            await("the relay tried again after the revocation and withheld the health summary",
                    () -> !records(clientId, r -> action(r, "WITHHOLD")
                            && r.get("reason").asText().equals("not sent to BENEFITS: no active consent names it"))
                            .isEmpty());

            List<JsonNode> disclosed = records(clientId, r -> action(r, "DISCLOSE")
                    && r.get("categories").toString().contains("HEALTH_SUMMARY"));
            assertThat(disclosed).as("the health summary the recipient holds is on the trail, once, however often "
                    + "the relay tried (%d failed commits)", relayCommit.failures.get()).hasSize(1);
            assertThat(disclosed.get(0).get("reason").asText()).isEqualTo("sent to BENEFITS");
            // as stored (revision 2): every consent the disclosure rested on, here the one
            assertThat(disclosed.get(0).get("consentIds").toString()).contains(consentId);
            assertThat(disclosed.get(0).toString()).doesNotContain(marker);
        }
    }

    /**
     * Fails the relay's transaction at its commit (after the broker's acknowledgement) while {@code failing}. Not a
     * {@link MessageHandlerInterceptor} bean itself: Axon would put such a bean on every processor and the command bus.
     */
    static final class FailingCommit {

        final AtomicBoolean failing = new AtomicBoolean();
        final AtomicInteger failures = new AtomicInteger();

        MessageHandlerInterceptor<EventMessage<?>> interceptor() {
            return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
                Object result = chain.proceed();
                if (failing.get() && TransactionSynchronizationManager.isSynchronizationActive()) {
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void beforeCommit(boolean readOnly) {
                            if (failing.get()) {
                                failures.incrementAndGet();
                                throw new IllegalStateException("the relay fails after the broker's acknowledgement");
                            }
                        }
                    });
                }
                return result;
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingRelayCommit {

        @Bean
        FailingCommit failingCommit() {
            return new FailingCommit();
        }

        @Bean
        ConfigurerModule failingRelayCommitModule(FailingCommit failingCommit) {
            return configurer -> configurer.eventProcessing().registerHandlerInterceptor(
                    AxonProcessingConfiguration.INTEGRATION_PUBLISHER, configuration -> failingCommit.interceptor());
        }
    }

    private static boolean action(JsonNode record, String action) {
        return record.get("action").asText().equals(action);
    }

    /** The access records about the client in this service's event store. */
    private List<JsonNode> records(String clientId, Predicate<JsonNode> which) {
        return StoredAccessRecords.about(database.jdbc(), clientId, which);
    }

    /** How many shares with the client's health summary reached the benefits agency's inbox. */
    private static int healthSummariesAtBenefits(String clientId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                TestInfrastructure.get().kafkaAdmin().with(Map.of(
                "group.id", "inspect-" + UUID.randomUUID(), "auto.offset.reset", "earliest")),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Agency.BENEFITS.inboxTopic()));
            int found = 0;
            long quietUntil = System.currentTimeMillis() + 2_000;
            while (System.currentTimeMillis() < quietUntil) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (clientId.equals(record.key()) && new String(record.value()).contains("HEALTH_SUMMARY")
                            && new String(record.value()).contains("ClientDataShared")) {
                        found++;
                    }
                    quietUntil = Math.max(quietUntil, System.currentTimeMillis() + 500);
                }
            }
            return found;
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("in time: " + what).isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
