#!/usr/bin/env bash
# Tests how custodia.sh tells its own processes from others by their pid files (domain_pid, chain_pid,
# chain_keeper_pid). A server, chain or saving process that did not stop (killed, or the machine restarted) leaves
# its pid file behind, and the number may belong to another process by then: that process must count as stopped,
# and stop must leave it alone. A domain's server is known by the instance root on its command line, also under a
# relative CUSTODIA_HOME or one reached through a symbolic link. Stand-in processes carry the command lines: no
# Payara or anvil needed.
# Run by the build (server-config, test phase); exits non-zero if any check fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../../.." && pwd)
work=$(cd "$(mktemp -d)" && pwd -P)
cd "$work"
CUSTODIA_HOME=home
# below the ephemeral ports (32768 and up), which any process's connection may hold; clear of the integration
# tests' 24xxx and 28xxx
CUSTODIA_PORT_OFFSET=12000
export CUSTODIA_HOME CUSTODIA_PORT_OFFSET
# shellcheck source=../../../bin/custodia.sh
source "$root/server-config/bin/custodia.sh"
# shellcheck source=checks.sh
source "$root/server-config/src/test/sh/checks.sh"
define_single
id=${nodes[0]}
domain_dir="$work/home/domains/${node_domain[$id]}"
mkdir -p "$domain_dir/config" "$chain_dir" "$(dirname "$chain_pid_file")"

stand_ins=()
cleanup() {
  kill "${stand_ins[@]}" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
start_stand_in() { # start_stand_in ARGUMENT...: a process whose command line ends in these arguments; pid in $started
  perl -e 'sleep 600' -- "$@" &
  started=$!
  stand_ins+=("$started")
  # until perl has replaced the forked shell, the process shows this script's command line
  eventually 10 grep -qaF -- "${@: -1}" "/proc/$started/cmdline" || { echo "a stand-in process did not start"; exit 1; }
}
runs() { kill -0 "$1" 2>/dev/null; }

start_stand_in "an unrelated process"
other=$started
start_stand_in "-Dcom.sun.aas.instanceRoot=$domain_dir"
server=$started
ln -s home "$work/home-link"
start_stand_in "-Dcom.sun.aas.instanceRoot=$work/home-link/domains/${node_domain[$id]}"
linked=$started
mkdir -p "${domain_dir}2"
start_stand_in "-Dcom.sun.aas.instanceRoot=${domain_dir}2"
neighbour=$started

# the pid files left behind name another process
echo "$other" > "$domain_dir/config/pid"
echo "$other" > "$chain_pid_file"
echo "$other" > "$chain_keeper_pid_file"
check "a domain whose pid file names another process is stopped" eval '! domain_pid "$id" >/dev/null'
check "so is a chain" eval '! chain_pid >/dev/null'
check "and its saving process" eval '! chain_keeper_pid >/dev/null'
check "nothing of the layout counts as running" eval '! layout_running'
check "status says the node and the chain are stopped" \
  eval '[[ $(status_layout --single) == *"chain: stopped"*"(hospital): stopped"* ]]'
stop_layout >/dev/null 2>&1
check "stop leaves the other process alone" runs "$other"
check "and removes the chain's pid files it found stale" \
  eval '[ ! -e "$chain_pid_file" ] && [ ! -e "$chain_keeper_pid_file" ]'

# the domain's own server, found under a relative CUSTODIA_HOME
echo "$server" > "$domain_dir/config/pid"
check "the domain's server is recognised by its instance root" test "$(domain_pid "$id")" = "$server"
check "its layout counts as running" layout_running
echo "$linked" > "$domain_dir/config/pid"
check "also when it was given the directory through a symbolic link" test "$(domain_pid "$id")" = "$linked"
echo "$neighbour" > "$domain_dir/config/pid"
check "a server of another domain whose directory starts the same is not" eval '! domain_pid "$id" >/dev/null'
echo "not a number" > "$domain_dir/config/pid"
check "a pid file that holds no number counts as stopped" eval '! domain_pid "$id" >/dev/null'

finish process-checks-test
