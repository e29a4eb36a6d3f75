#!/bin/bash
# docker-compose's kafka-init (ADR 34): as the administrator, over the broker's ADMIN listener, creates the topics, each
# service's SCRAM user and exactly its ACLs. With the argument 'health' (the kafka service's health check, run in the
# broker's container): only whether the broker answers the administrator. The same matrix as KafkaAccess (shared-kernel), which the embedded broker
# and the tests grant; DockerComposeTest checks that the grant lines below are that matrix. Safe to run again: topics
# and users are created or updated, ACLs added once.
#   IPS_KAFKA_ADMIN_PASSWORD                 the administrator's password (the broker's ADMIN listener)
#   IPS_KAFKA_PASSWORD_<SERVICE>             each service's password (MENTAL_HEALTH_AGENCY, BENEFITS_AGENCY, ...)
set -euo pipefail

BIN=/opt/kafka/bin
SERVER=kafka:9094
CONFIG=$(mktemp)
trap 'rm -f "$CONFIG"' EXIT
cat > "$CONFIG" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="ips-admin" password="${IPS_KAFKA_ADMIN_PASSWORD}";
PROPERTIES

if [ "${1:-}" = health ]; then
    "$BIN/kafka-broker-api-versions.sh" --bootstrap-server localhost:9094 --command-config "$CONFIG" > /dev/null
    exit
fi

for topic in ips.mental-health.inbox ips.benefits.inbox ips.municipality.inbox ips.insurer.inbox ips.status ips.audit \
        ips.audit.checkpoints ips.dead-letter; do
    "$BIN/kafka-topics.sh" --bootstrap-server "$SERVER" --command-config "$CONFIG" --create --if-not-exists \
        --topic "$topic" --partitions 3 --replication-factor 1
done

user() { # name, password
    "$BIN/kafka-configs.sh" --bootstrap-server "$SERVER" --command-config "$CONFIG" --alter --entity-type users \
        --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]"
    # consumer groups whose name starts with the service's name
    "$BIN/kafka-acls.sh" --bootstrap-server "$SERVER" --command-config "$CONFIG" --add --allow-principal "User:$1" \
        --operation Read --group "$1" --resource-pattern-type prefixed
}

grant() { # service, Write or Read, topic
    "$BIN/kafka-acls.sh" --bootstrap-server "$SERVER" --command-config "$CONFIG" --add --allow-principal "User:$1" \
        --operation "$2" --topic "$3"
}

user mental-health-agency "$IPS_KAFKA_PASSWORD_MENTAL_HEALTH_AGENCY"
grant mental-health-agency Write ips.benefits.inbox
grant mental-health-agency Write ips.municipality.inbox
grant mental-health-agency Write ips.insurer.inbox
grant mental-health-agency Write ips.status
grant mental-health-agency Write ips.audit
grant mental-health-agency Write ips.dead-letter
grant mental-health-agency Read ips.mental-health.inbox
grant mental-health-agency Read ips.status

user benefits-agency "$IPS_KAFKA_PASSWORD_BENEFITS_AGENCY"
grant benefits-agency Write ips.mental-health.inbox
grant benefits-agency Write ips.status
grant benefits-agency Write ips.audit
grant benefits-agency Write ips.dead-letter
grant benefits-agency Read ips.benefits.inbox
grant benefits-agency Read ips.status

user municipality "$IPS_KAFKA_PASSWORD_MUNICIPALITY"
grant municipality Write ips.mental-health.inbox
grant municipality Write ips.status
grant municipality Write ips.audit
grant municipality Write ips.dead-letter
grant municipality Read ips.municipality.inbox
grant municipality Read ips.status

user insurer "$IPS_KAFKA_PASSWORD_INSURER"
grant insurer Write ips.mental-health.inbox
grant insurer Write ips.audit
grant insurer Write ips.dead-letter
grant insurer Read ips.insurer.inbox
grant insurer Read ips.status

user audit "$IPS_KAFKA_PASSWORD_AUDIT"
grant audit Write ips.audit
grant audit Write ips.audit.checkpoints
grant audit Write ips.dead-letter
grant audit Read ips.status
grant audit Read ips.audit
grant audit Read ips.audit.checkpoints

echo "Kafka topics, users and ACLs are in place"
