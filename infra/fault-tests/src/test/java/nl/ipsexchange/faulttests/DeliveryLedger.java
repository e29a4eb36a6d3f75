package nl.ipsexchange.faulttests;

import static nl.ipsexchange.stack.ServiceDefinition.AUDIT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;
import nl.ipsexchange.stack.ServiceDefinition;
import nl.ipsexchange.testsupport.TopicReader;

/**
 * The whole run's bookkeeping, beyond single trajectories: every message on Kafka handled by every service that reads
 * its topic; every access record of every service's event store in the audit trail, once; no payment line twice.
 */
final class DeliveryLedger {

    /** The agency whose access records a service writes (the audit service keeps its own). */
    private static final Map<ServiceDefinition, Agency> SOURCES = Map.of(
            ServiceDefinition.MENTAL_HEALTH_AGENCY, Agency.MENTAL_HEALTH,
            ServiceDefinition.BENEFITS_AGENCY, Agency.BENEFITS,
            ServiceDefinition.MUNICIPALITY, Agency.MUNICIPALITY,
            ServiceDefinition.INSURER, Agency.INSURER);

    private final FaultStack stack;
    private final EnvelopeCodec codec = new EnvelopeCodec();

    DeliveryLedger(FaultStack stack) {
        this.stack = stack;
    }

    /** What the run's bookkeeping found. */
    static final class Result {
        long messages;
        long distinctMessages;
        long deadLetters;
        long deliveriesChecked;
        long deliveriesMissing;
        final List<String> missingDeliveries = new ArrayList<>();
        long accessRecordsAtSources;
        long accessRecordsInTrail;
        long accessRecordsMissing;
        long accessRecordsExtra;
        final List<String> accessRecordProblems = new ArrayList<>();
        long paymentLines;
        long paymentLinesTwice;
        final List<String> duplicatePaymentLines = new ArrayList<>();
        long statusCountsMissing;
        long statusCountsExtra;
        final List<String> statusCountProblems = new ArrayList<>();
        boolean trailIntact;
        long redeliveriesSkipped;
        String trailVerification;

        long lost() {
            return deliveriesMissing + accessRecordsMissing + statusCountsMissing;
        }

        long doubled() {
            return accessRecordsExtra + paymentLinesTwice + statusCountsExtra;
        }
    }

    Result check() {
        Result result = new Result();
        messages(result);
        accessRecords(result);
        paymentLines(result);
        statusCounts(result);
        var verification = stack.as(AUDIT, "audit.auditor").get("/api/access-records/verification");
        result.trailVerification = verification.body();
        result.trailIntact = verification.status() == 200 && verification.json().path("intact").asBoolean();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            String metrics = stack.as(service, service.demoAdministrator())
                    .get("/actuator/prometheus", "text/plain").body();
            result.redeliveriesSkipped += (long) metrics.lines().filter(l -> l.startsWith("ips_inbound_duplicates_total"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        }
        return result;
    }

    /** Every distinct message on each topic is in the processed messages of every service that reads the topic. */
    private void messages(Result result) {
        Map<String, List<ServiceDefinition>> readers = new LinkedHashMap<>();
        Progress.SUBSCRIPTIONS.forEach((service, topics) -> topics.forEach(topic ->
                readers.computeIfAbsent(topic, t -> new ArrayList<>()).add(service)));
        Map<ServiceDefinition, Set<String>> processed = new HashMap<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            processed.put(service, new HashSet<>(stack.column(service, "select event_id::text from processed_message")));
        }
        for (String topic : Topics.all()) {
            List<String> ids = eventIds(topic);
            Set<String> distinct = new HashSet<>(ids);
            if (topic.equals(Topics.DEAD_LETTER)) {
                result.deadLetters = ids.size();
                continue;
            }
            result.messages += ids.size();
            result.distinctMessages += distinct.size();
            for (ServiceDefinition reader : readers.getOrDefault(topic, List.of())) {
                for (String id : distinct) {
                    result.deliveriesChecked++;
                    if (!processed.get(reader).contains(id)) {
                        result.deliveriesMissing++;
                        if (result.missingDeliveries.size() < 20) {
                            result.missingDeliveries.add(topic + " " + id + " not handled by " + reader.name());
                        }
                    }
                }
            }
        }
    }

    /** The event id of every record on the topic, from the beginning to its end. */
    private List<String> eventIds(String topic) {
        return TopicReader.readToEnd(stack.kafkaAdmin(), topic, new ByteArrayDeserializer(),
                new ByteArrayDeserializer(), Duration.ofSeconds(60)).stream().map(this::eventId).toList();
    }

    private String eventId(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(IntegrationEventPublisher.HEADER_EVENT_ID);
        if (header != null) {
            return new String(header.value(), StandardCharsets.UTF_8);
        }
        try {
            return codec.decode(record.value()).eventId().toString();
        } catch (RuntimeException e) {
            return "unreadable:" + record.topic() + ":" + record.partition() + ":" + record.offset();
        }
    }

    /** Every access record in a service's event store is in the audit trail once; the trail holds no other. */
    private void accessRecords(Result result) {
        Map<String, Set<String>> trail = new HashMap<>();
        for (List<String> row : stack.rows(AUDIT, "select record_id::text, source_agency from access_record")) {
            trail.computeIfAbsent(row.get(1), agency -> new HashSet<>()).add(row.get(0));
            result.accessRecordsInTrail++;
        }
        for (Map.Entry<ServiceDefinition, Agency> source : SOURCES.entrySet()) {
            List<String> ids = stack.column(source.getKey(), """
                    select convert_from(payload, 'UTF8')::jsonb ->> 'recordId' from domain_event_entry
                    where payload_type like '%AccessRecordedEvent'""");
            Set<String> written = new HashSet<>(ids);
            Set<String> received = trail.getOrDefault(source.getValue().name(), Set.of());
            result.accessRecordsAtSources += ids.size();
            if (written.size() != ids.size()) {
                result.accessRecordProblems.add(source.getKey().name() + " wrote a record id twice");
            }
            for (String id : written) {
                if (!received.contains(id)) {
                    result.accessRecordsMissing++;
                    note(result, "record " + id + " of " + source.getKey().name() + " is not in the trail");
                }
            }
            for (String id : received) {
                if (!written.contains(id)) {
                    result.accessRecordsExtra++;
                    note(result, "record " + id + " in the trail was never written by " + source.getKey().name());
                }
            }
        }
        trail.keySet().stream().filter(agency -> SOURCES.values().stream().noneMatch(a -> a.name().equals(agency)))
                .forEach(agency -> {
                    result.accessRecordsExtra += trail.get(agency).size();
                    note(result, "records from an unknown source " + agency);
                });
    }

    private static void note(Result result, String problem) {
        if (result.accessRecordProblems.size() < 20) {
            result.accessRecordProblems.add(problem);
        }
    }

    /**
     * The decision makers' counts per day (ADR 25) are added to as status events arrive: at every service they add
     * up to the status events and steps it holds, no more (an event counted again) and no fewer.
     */
    private void statusCounts(Result result) {
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            for (String[] pair : new String[][] {
                    {"status_event_day", "status_event"}, {"status_step_day", "status_step"}}) {
                long counted = stack.count(service, "select coalesce(sum(events), 0) from " + pair[0]);
                long held = stack.count(service, "select count(*) from " + pair[1]);
                if (counted != held) {
                    result.statusCountsExtra += Math.max(0, counted - held);
                    result.statusCountsMissing += Math.max(0, held - counted);
                    result.statusCountProblems.add(service.name() + ": " + pair[0] + " counts " + counted + ", "
                            + pair[1] + " holds " + held);
                }
            }
        }
    }

    /** A payment line by its business key: trajectory and type (and date, for lines per session). */
    private void paymentLines(Result result) {
        for (ServiceDefinition payer : List.of(ServiceDefinition.BENEFITS_AGENCY, ServiceDefinition.MUNICIPALITY,
                ServiceDefinition.INSURER)) {
            result.paymentLines += stack.count(payer, "select count(*) from payment_line");
            for (List<String> twice : stack.rows(payer, """
                    select trajectory_id || ' ' || type || ' ' || due_date, count(*) from payment_line
                    where type in ('INTAKE', 'JOB_COACHING')
                    group by trajectory_id, type, due_date having count(*) > 1""")) {
                result.paymentLinesTwice += Long.parseLong(twice.get(1)) - 1;
                result.duplicatePaymentLines.add(payer.name() + ": " + twice.get(0) + " x" + twice.get(1));
            }
            for (List<String> twice : stack.rows(payer, """
                    select trajectory_id || ' ' || type, count(*) from payment_line
                    where type not in ('INTAKE', 'JOB_COACHING')
                    group by trajectory_id, type having count(*) > 1""")) {
                result.paymentLinesTwice += Long.parseLong(twice.get(1)) - 1;
                result.duplicatePaymentLines.add(payer.name() + ": " + twice.get(0) + " x" + twice.get(1));
            }
        }
    }
}
