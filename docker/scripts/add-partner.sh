#!/usr/bin/env bash
# Adds a partner to the running deployment: its Kafka principal and access rules, its incidents
# topic and its keys, in one step (hearth partners add, run in the operator container). The
# partner's folder is then copied out to docker/partners/<partner>/ to be handed over.
# Datasets after the bootstrap servers are opened for the partner (their topics created).
#   scripts/add-partner.sh <partner-id> [external-bootstrap] [dataset...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
partner="${1:?usage: add-partner.sh <partner-id> [external-bootstrap host:port,...]}"
bootstrap="${2:-kafka-1:9092,kafka-2:9092,kafka-3:9092}"
compose="${COMPOSE:-docker compose}"
cd "$here"
# each partner's key files get a password of their own: one leaked password opens one partner
umask 077
mkdir -p partners
password="$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-40)"
printf '%s' "$password" > "partners/$partner.key-password"
$compose exec -T operator sh -c 'test -f /var/lib/hearth/authority/master.sealed || hearth keys init --dir /var/lib/hearth/authority'
$compose exec -T -e HEARTH_PARTNER_KEY_PASSWORD="$password" operator hearth partners add --partner "$partner" \
  --authority /var/lib/hearth/authority --config /etc/hearth/operator.properties \
  --client-bootstrap "$bootstrap"
for dataset in "${@:3}"; do
  $compose exec -T operator hearth partners dataset --partner "$partner" --dataset "$dataset" \
    --config /etc/hearth/operator.properties
done
mkdir -p "partners/$partner"
$compose cp "operator:/var/lib/hearth/authority/issued/$partner/." "partners/$partner/"
echo "Hand partners/$partner/ to the partner; its key files' password is in partners/$partner.key-password (mode 600): send it by another channel, then delete it."
echo "Then issue a new re-key bundle and restart the link job from a savepoint (docs/operations.md)."
