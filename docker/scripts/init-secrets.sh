#!/usr/bin/env bash
# Makes the deployment's secrets, once, in docker/secrets/ (git-ignored; readable by the
# containers' users through bind mounts, so only operators may log in to this host):
#   kafka/kafka_server_jaas.conf   the brokers' and the operator's SASL/PLAIN passwords
#   operator.properties            the operator's hearth settings: Kafka super user, PostgreSQL, Flink
#   postgres/postgres-password     the database owner's password
#   passwords.env                  passwords for the key authority, partner key files, re-key bundle
# Run again with --force to replace them (every client must then be given the new ones).
# HEARTH_SECRETS_DIR writes them elsewhere (the tests do).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secrets="${HEARTH_SECRETS_DIR:-$here/secrets}"
if [ -e "$secrets/operator.properties" ] && [ "${1:-}" != "--force" ]; then
  echo "init-secrets: $secrets already holds secrets; --force replaces them" >&2
  exit 1
fi
umask 077
mkdir -p "$secrets/kafka" "$secrets/postgres"
random() { head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-40; }
broker="$(random)"; admin="$(random)"; pg="$(random)"

cat > "$secrets/kafka/kafka_server_jaas.conf" <<JAAS
client.KafkaServer {
  org.apache.kafka.common.security.scram.ScramLoginModule required;
};
external.KafkaServer {
  org.apache.kafka.common.security.scram.ScramLoginModule required;
};
internal.KafkaServer {
  org.apache.kafka.common.security.plain.PlainLoginModule required
  username="hearth-broker" password="$broker"
  user_hearth-broker="$broker" user_hearth-admin="$admin";
};
controller.KafkaServer {
  org.apache.kafka.common.security.plain.PlainLoginModule required
  username="hearth-broker" password="$broker"
  user_hearth-broker="$broker";
};
JAAS

cat > "$secrets/operator.properties" <<PROPS
# The operator's hearth settings inside the compose network (secret).
hearth.kafka.bootstrap-servers=kafka-1:9091,kafka-2:9091,kafka-3:9091
hearth.kafka.client.security.protocol=SASL_PLAINTEXT
hearth.kafka.client.sasl.mechanism=PLAIN
hearth.kafka.client.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="hearth-admin" password="$admin";
hearth.postgres.jdbc-url=jdbc:postgresql://postgres:5432/hearth
hearth.postgres.user=hearth
hearth.postgres.password=$pg
hearth.flink.rest-address=jobmanager:8081
hearth.flink.state-backend=rocksdb
hearth.flink.checkpoint-dir=file:///var/lib/flink/checkpoints
hearth.flink.job-jar=/opt/hearth/link-job.jar
PROPS

printf '%s' "$pg" > "$secrets/postgres/postgres-password"

cat > "$secrets/passwords.env" <<ENV
HEARTH_AUTHORITY_PASSWORD=$(random)
HEARTH_PARTNER_KEY_PASSWORD=$(random)
HEARTH_BUNDLE_PASSWORD=$(random)
ENV
# the containers' users (kafka uid 1000, postgres 999, hearth) read these through bind mounts
chmod -R a+rX "$secrets"
echo "Secrets written to $secrets (keep them out of version control and backups you do not control)."
