#!/usr/bin/env bash
# Makes the deployment's secrets, once, in docker/secrets/ (git-ignored). Every file is mode 600
# and every folder 700; run as root, each file is given to the one container user that reads it
# through its bind mount (Kafka's uid 1000, PostgreSQL's 999, the operator image's hearth 10001),
# otherwise the script prints the chown lines to run:
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
# owner-only everywhere: a secret readable by every account on the host is not a secret
find "$secrets" -type d -exec chmod 700 {} +
find "$secrets" -type f -exec chmod 600 {} +
owners=(
  "1000 $secrets/kafka $secrets/kafka/kafka_server_jaas.conf"
  "999 $secrets/postgres $secrets/postgres/postgres-password"
  "10001 $secrets/operator.properties"
)
if [ "$(id -u)" = 0 ] && [ -z "${HEARTH_SECRETS_NO_CHOWN:-}" ]; then
  for o in "${owners[@]}"; do read -r uid paths <<<"$o"; chown "$uid" $paths; done
  # passwords.env is read by docker compose itself (env_file), as the operator on this host
else
  echo "init-secrets: not root, so the containers cannot read their secrets yet; as root run:" >&2
  for o in "${owners[@]}"; do read -r uid paths <<<"$o"; echo "  chown $uid $paths" >&2; done
fi
echo "Secrets written to $secrets (keep them out of version control and backups you do not control)."
