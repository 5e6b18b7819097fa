#!/usr/bin/env bash
# The demo on the distributed deployment, run inside the operator container:
#   docker compose exec operator /opt/hearth/scripts/demo-flow.sh
# A key authority and a link-job principal; every synthetic partner added with its own principal
# and keys and publishing its extracts with its own login; the link job submitted to the Flink
# cluster until it has caught up; the school-readiness report from PostgreSQL.
set -euo pipefail
home=/var/lib/hearth
authority="$home/authority"
operator=/etc/hearth/operator.properties
work="$home/demo"
rm -rf "$work"; mkdir -p "$work"

test -f "$authority/master.sealed" || hearth keys init --dir "$authority"
hearth generate --scale ward --quarters 1 --out "$work/county"

for partner_dir in "$work"/county/extracts/2026-Q1/*/; do
  partner="$(basename "$partner_dir")"
  # each partner's key files have their own password, kept with the authority (mode 600)
  mkdir -p -m 700 "$home/partner-passwords"
  password_file="$home/partner-passwords/$partner"
  if [ ! -s "$password_file" ]; then
    (umask 077; head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-40 > "$password_file")
  fi
  export HEARTH_PARTNER_KEY_PASSWORD="$(cat "$password_file")"
  if ! hearth keys list --dir "$authority" | grep -q "^$partner "; then
    hearth partners add --partner "$partner" --authority "$authority" --config "$operator" \
      --client-bootstrap kafka-1:9092,kafka-2:9092,kafka-3:9092
  fi
  for extract in "$partner_dir"*; do
    dataset="$(basename "$extract")"
    hearth partners dataset --partner "$partner" --dataset "${dataset%.*}" --config "$operator"
  done
  issued="$authority/issued/$partner"
  for extract in "$partner_dir"*; do
    dataset="$(basename "$extract")"; dataset="${dataset%.*}"
    hearth publish --config "$issued/hearth.properties" --contract "$dataset" --file "$extract" \
      --period 2026-Q1 --key-file "$issued/$partner.v1.key.pem" \
      --signing-key "$issued/$partner.v1.signing.pem" \
      --lookup "$work/county/lookup/onspd-synthetic.csv" --audit-dir "$work/audit" || test $? -eq 3
  done
done

hearth keys rekey-bundle --dir "$authority" --out "$work/rekey.bundle" --project school-readiness
printf '%s' "$HEARTH_BUNDLE_PASSWORD" > "$work/bundle.password"
hearth partners link-job --config "$operator" --out "$work/link.properties" \
  --client-bootstrap kafka-1:9092,kafka-2:9092,kafka-3:9092
grep -E '^hearth\.(postgres|flink)\.' "$operator" >> "$work/link.properties"
hearth link --config "$work/link.properties" --registry "$authority/registry.json" \
  --rekey-bundle "$work/rekey.bundle" --bundle-password-file "$work/bundle.password" --bounded
hearth report school-readiness --config "$operator" --out "$work/school-readiness.html"
