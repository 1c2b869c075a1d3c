#!/usr/bin/env bash
# What a patient's records across the consortium cost to list as the patient's history grows, with curl as the client,
# next to references measured in the same run. See README, "A patient's records across the consortium, a page at a
# time".
#
#   [CUSTODIAN_HOME=<dir> CUSTODIAN_PORT=<port>] \
#     ehr-ear/src/test/benchmark/curl-consortium-records.sh [CUSTODIA_HOME] [HTTPS port]
#
# The node listing is the one at CUSTODIA_HOME (default ~/.custodia, the run command's --single node) and the port
# (default 8081); the records are kept by the node at CUSTODIAN_HOME and CUSTODIAN_PORT (default: the same node). For
# the development consortium: CUSTODIAN_HOME=$CUSTODIA_HOME/hospital-a CUSTODIAN_PORT=8081 with
# $CUSTODIA_HOME/hospital-b and 8181 listing. Creates a physician and a clerk on each node with its administrator's
# password (from its secrets directory) and registers one patient with one national id on each, so both nodes share
# its pseudonym. Then, for each number of records in STEPS (default "10 100 1000"), uploads records of 4 KiB at the
# custodian until the patient has that many, waits until every one is anchored, and measures ROUNDS (default 5)
# rounds, each of five series of REQUESTS (default 20) requests on one connection (one curl process each): at the
# listing node GET /patients/{id}/consortium-records as the API answers it when asked for nothing more, the same with
# kept=false (what the chart lists: the records not kept here), at the custodian GET /patients/{id}/records (the
# records it keeps, as the API answers when asked for nothing more), and as references GET /records/{id} of one record
# at the custodian and the staff pages' style sheet of the listing node. It prints the median of each series.
# On one node every record is its own: kept=false selects none, and the plain list reads each one it returns from the
# chain (the connector keeps anchors it has read). Listed by another hospital, each record's access is read from the
# chain too, on every list.
set -euo pipefail

home=${1:-$HOME/.custodia}
port=${2:-8081}
custodian_home=${CUSTODIAN_HOME:-$home}
custodian_port=${CUSTODIAN_PORT:-$port}
steps=${STEPS:-10 100 1000}
rounds=${ROUNDS:-5}
requests=${REQUESTS:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# the custodian first: node-client.sh reads the administrator's password of the node at $home
listing_home=$home
home=$custodian_home
api=https://127.0.0.1:$custodian_port/custodia/api
# shellcheck source=node-client.sh
. "$(dirname "${BASH_SOURCE[0]}")/node-client.sh"
national_id=BN$RANDOM$RANDOM$RANDOM
custodian_api=$api
custodian_physician=$(account physician)
custodian_patient=$(register_patient "$(account clerk)" "$national_id")

home=$listing_home
api=https://127.0.0.1:$port/custodia/api
admin_password=$(head -1 "$home/secrets/admin-password")
physician=$(account physician)
if [ "$custodian_api" = "$api" ]; then
  patient=$custodian_patient
else
  patient=$(register_patient "$(account clerk)" "$national_id")
fi
head -c 4096 /dev/urandom > "$work/4k"

# The custodian's record ids of the patient, every page.
kept_ids() {
  all_pages "$custodian_physician" "$custodian_api/patients/$custodian_patient/records" \
    | { grep -o '"id":"[0-9a-f]\{64\}"' || true; }
}

# Uploads records for the patient at the custodian until it has $1.
upload_until() {
  local urls=() have
  have=$(kept_ids | wc -l)
  [ "$have" -lt "$1" ] || return 0
  for _ in $(seq $(($1 - have))); do
    urls+=(-o /dev/null "$custodian_api/patients/$custodian_patient/records?category=laboratory")
  done
  http -u "$custodian_physician" -H 'Content-Type: application/octet-stream' -H 'Custodia-Record-Title: Listing' \
    -H 'Expect:' --data-binary @"$work/4k" \
    -w '%{http_code} %{time_total}\n' "${urls[@]}" > "$work/uploads"
  median_of "$work/uploads" 201 > /dev/null
}

await_anchored() {
  local deadline=$((SECONDS + 600))
  # the whole answer first: grep -q leaves at its first match, which would end curl and, under pipefail, the loop
  all_pages "$custodian_physician" "$custodian_api/patients/$custodian_patient/records" > "$work/records"
  while grep -q '"anchorStatus":"pending"' "$work/records"; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "records still pending after 10 min" >&2; exit 1; }
    sleep 2
    all_pages "$custodian_physician" "$custodian_api/patients/$custodian_patient/records" > "$work/records"
  done
}

listed() { http -u "$physician" "$1" | { grep -o '"id":"' || true; } | wc -l; }

list=$api/patients/$patient/consortium-records
for records in $steps; do
  upload_until "$records"
  await_anchored
  kept_ids > "$work/ids"
  record=$(head -1 "$work/ids" | cut -d'"' -f4)
  all=$(listed "$list"); not_kept=$(listed "$list?kept=false")
  echo "patient with $records records anchored; the listing node's answer lists $all, with kept=false $not_kept"
  for round in $(seq "$rounds"); do
    # each figure assigned before it is printed, so that a failed series ends the run
    all=$(series "$physician" "$list")
    not_kept=$(series "$physician" "$list?kept=false")
    here=$(series "$custodian_physician" "$custodian_api/patients/$custodian_patient/records")
    details=$(series "$custodian_physician" "$custodian_api/records/$record")
    static=$(series "" "https://127.0.0.1:$port/custodia/resources/css/custodia.css")
    echo "  round $round: consortium-records $all ms, kept=false $not_kept ms, records at the custodian $here ms," \
      "GET /records/{id} $details ms, static file $static ms"
  done
done
