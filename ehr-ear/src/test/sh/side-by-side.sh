#!/usr/bin/env bash
# Runs two commands side by side and waits for both; fails when either fails (after both ended), naming it.
#   side-by-side.sh COMMAND [ARG ...] ';;' COMMAND [ARG ...]
# The build provisions the H2 and the PostgreSQL test domains this way: each provisioning is mostly one JVM after
# another (asadmin, keytool, the server), so two of them share the machine's cores.
set -u
first=()
while [ $# -gt 0 ] && [ "$1" != ';;' ]; do first+=("$1"); shift; done
[ $# -gt 1 ] && [ ${#first[@]} -gt 0 ] || { echo "usage: side-by-side.sh COMMAND [ARG ...] ';;' COMMAND [ARG ...]" >&2; exit 2; }
shift
"${first[@]}" &
first_pid=$!
"$@" &
second_pid=$!
status=0
wait "$first_pid" || { status=$?; echo "side-by-side: '${first[0]}' failed (exit $status)" >&2; }
wait "$second_pid" || { second_status=$?; echo "side-by-side: '$1' failed (exit $second_status)" >&2; status=$second_status; }
exit "$status"
