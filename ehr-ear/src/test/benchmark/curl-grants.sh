#!/usr/bin/env bash
# What the grants a hospital issued for a patient cost to list as they grow, with curl as the client, next to
# references measured in the same run. See README, "A patient's grants, a page at a time".
#
#   ehr-ear/src/test/benchmark/curl-grants.sh [CUSTODIA_HOME] [HTTPS port]
#
# The granting hospital is the node at CUSTODIA_HOME (default ~/.custodia/hospital-a, Hospital A of the run command's
# development consortium) and the port (default 8081); the grantee is the first other hospital the chain lists.
# Creates a physician and a clerk with the node's administrator's password (from its secrets directory), registers one
# patient and uploads one record of 4 KiB for it (a hospital grants access only to a patient it keeps records of).
# Then, for each number of grants in STEPS (default "10 100 1000"), grants the other hospital access to the patient's
# imaging records until the patient has that many grants, and measures ROUNDS (default 5) rounds, each of four series
# of REQUESTS (default 20) requests on one connection (one curl process each): GET /grants?patientId= as the API
# answers it when asked for nothing more, the same with limit=20 (what the chart shows), and as references
# GET /records/{id} of the patient's record and the staff pages' style sheet. It prints the median of each series.
set -euo pipefail

home=${1:-$HOME/.custodia/hospital-a}
port=${2:-8081}
steps=${STEPS:-10 100 1000}
rounds=${ROUNDS:-5}
requests=${REQUESTS:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
api=https://127.0.0.1:$port/custodia/api
# shellcheck source=node-client.sh
. "$(dirname "${BASH_SOURCE[0]}")/node-client.sh"

physician=$(account physician)
patient=$(register_patient "$(account clerk)")
head -c 4096 /dev/urandom > "$work/4k"
record=$(http -f -u "$physician" -H 'Content-Type: application/octet-stream' -H 'Custodia-Record-Title: Grants' \
  -H 'Expect:' --data-binary @"$work/4k" "$api/patients/$patient/records?category=laboratory" | sed -n 's/.*"id":"\([0-9a-f]\{64\}\)".*/\1/p')
[ -n "$record" ] || { echo "cannot upload the benchmark record at $api" >&2; exit 1; }
deadline=$((SECONDS + 120))
until http -f -u "$physician" "$api/records/$record" | grep -q '"anchorStatus":"anchored"'; do
  [ "$SECONDS" -lt "$deadline" ] || { echo "the benchmark record is not anchored after 2 min" >&2; exit 1; }
  sleep 1
done
grantee=$(http -f -u "$physician" "$api/consortium/members" | tr '{' '\n' \
  | grep '"role":"hospital"' | grep '"self":false' | head -1 | sed -n 's/.*"address":"\(0x[0-9a-f]\{40\}\)".*/\1/p')
[ -n "$grantee" ] || { echo "the chain lists no other hospital to grant to" >&2; exit 1; }

# Grants the other hospital access until the patient has $1 grants (one curl process, one connection).
grant_until() {
  local urls=() have
  have=$(all_pages "$physician" "$api/grants?patientId=$patient" | { grep -o '"id":[0-9]*' || true; } | wc -l)
  [ "$have" -lt "$1" ] || return 0
  for _ in $(seq $(($1 - have))); do urls+=(-o /dev/null "$api/grants"); done
  http -u "$physician" -H 'Content-Type: application/json' \
    -d "{\"patientId\":\"$patient\",\"grantee\":\"$grantee\",\"scope\":{\"kind\":\"category\",\"category\":\"imaging\"},\"purpose\":\"treatment\",\"expiresAt\":\"$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ)\"}" \
    -w '%{http_code} %{time_total}\n' "${urls[@]}" > "$work/grants"
  echo "  $(wc -l < "$work/grants") grants issued, median $(median_of "$work/grants" 201) ms each"
}

listed() { http -f -u "$physician" "$1" | { grep -o '"id":[0-9]' || true; } | wc -l; }

list=$api/grants?patientId=$patient
for grants in $steps; do
  grant_until "$grants"
  echo "patient with $grants grants; the list answers $(listed "$list"), with limit=20 $(listed "$list&limit=20")"
  for round in $(seq "$rounds"); do
    # each figure assigned before it is printed, so that a failed series ends the run
    all=$(series "$physician" "$list")
    chart=$(series "$physician" "$list&limit=20")
    details=$(series "$physician" "$api/records/$record")
    static=$(series "" "https://127.0.0.1:$port/custodia/resources/css/custodia.css")
    echo "  round $round: grants $all ms, limit=20 $chart ms, GET /records/{id} $details ms, static file $static ms"
  done
done
