#!/usr/bin/env bash
# Tests what Ctrl-C does to custodia.sh while it starts a layout: the nodes' bring-up ends with every process it had
# started; then 'run' stops the layout, and 'start' stops what was not running before it (a server and chain of a
# layout that was stopped, a server beside a running chain) and leaves running what was. Once started, Ctrl-C of
# 'run' stops everything, also when its output went to a pipe the same Ctrl-C closed. The script runs as a terminal's
# foreground job does (a process group of its own, SIGINT at its default) and gets SIGINT as the whole group does.
# Stand-ins replace what would take Payara or anvil: the chain, a server (in a session of its own, as both are
# started), a bring-up step that lasts (a child with a child of its own), and asadmin's stop-domain.
# Run by the build (server-config, test phase); exits non-zero if any check fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../../.." && pwd)
work=$(cd "$(mktemp -d)" && pwd -P)
# ports below the ephemeral range (32768 and up), clear of the integration tests' 24xxx and 28xxx
export CUSTODIA_HOME="$work/home" CUSTODIA_PORT_OFFSET=13000 WORK="$work"
# shellcheck source=../../../bin/custodia.sh
source "$root/server-config/bin/custodia.sh"
# shellcheck source=checks.sh
source "$root/server-config/src/test/sh/checks.sh"
save_chain_state() { :; }  # the stand-in chain below has no state to save (chain-state-test saves a real anvil's)
define_single
id=${nodes[0]}
domain_dir="${node_domains[$id]}/${node_domain[$id]}"

cat > "$work/asadmin" <<'EOF'
#!/usr/bin/env bash
# asadmin stop-domain --domaindir DIR NAME: ends the domain's server, as Payara's does
[ "$1" = stop-domain ] || exit 1
pid=$(cat "$3/$4/config/pid") && kill "$pid" && mv "$3/$4/config/pid" "$3/$4/config/pid.prev"
EOF
chmod +x "$work/asadmin"

# The script's own functions but for the steps that need Payara, anvil or Maven. LASTING=yes: each node's bring-up
# ends in a step that lasts until it is ended.
cat > "$work/driver.sh" <<EOF
#!/usr/bin/env bash
set -euo pipefail
source "$root/server-config/bin/custodia.sh"
asadmin="\$WORK/asadmin"
build() { log "building"; }
require_built() { :; }
development_ca() { :; }
node_wallet() { :; }
deploy_contracts() { :; }
node_ready() { :; }
save_chain_state() { :; }
start_chain() {
  chain_pid >/dev/null && return 0
  mkdir -p "\$(dirname "\$chain_pid_file")"
  setsid perl -e '\$SIG{INT} = "DEFAULT"; sleep 600' -- anvil-stand-in "\$WORK" &
  echo \$! > "\$chain_pid_file"
}
bring_up_node() {
  local dir="\${node_domains[\$1]}/\${node_domain[\$1]}"
  mkdir -p "\$dir/config"
  if ! domain_pid "\$1" >/dev/null; then
    ( setsid perl -e 'sleep 600' -- "-Dcom.sun.aas.instanceRoot=\$dir" & echo \$! > "\$dir/config/pid" )
  fi
  [ "\$LASTING" = yes ] || return 0
  bash -c 'perl -e "sleep 600" -- lasting-step "\$0" & echo \$! > "\$0"; wait' "\$WORK/step.pid"
}
main "\$@"
EOF

others=()
cleanup() {
  local pid
  for pid in "${others[@]}" $(cat "$work/step.pid" "$domain_dir/config/pid" "$chain_pid_file" 2>/dev/null); do
    kill -KILL "$pid" 2>/dev/null || true
  done
  pkill -KILL -f -- "$work" 2>/dev/null || true   # every stand-in carries the directory, also those a failure left
  rm -rf "$work"
}
trap cleanup EXIT

perl -e 'sleep 600' -- an-unrelated-process "$work" &
disown
others+=($!)
unrelated=$!

# interrupt LASTING PATTERN ARGS...: runs the driver with ARGS as a foreground job, sends the job SIGINT once its
# output has PATTERN (and, with LASTING=yes, the lasting step runs), and waits for it to end. Sets status and output
# (the job's), chain and server (the pids in their pid files then), step and step_parent (the lasting step's).
interrupt() {
  local lasting=$1 pattern=$2 job
  shift 2
  rm -f "$work/step.pid" "$work/out"
  if [ "${PIPED:-no}" = yes ]; then   # as 'custodia.sh run | tee log': the same Ctrl-C ends tee
    LASTING=$lasting setsid perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV' \
      bash -c 'bash "$0" "$@" 2>&1 | tee "$WORK/out" >/dev/null' "$work/driver.sh" "$@" &
  else
    LASTING=$lasting setsid perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV' bash "$work/driver.sh" "$@" > "$work/out" 2>&1 &
  fi
  job=$!
  eventually 20 grep -qs -- "$pattern" "$work/out" \
    || { echo "the script never printed '$pattern':"; cat "$work/out"; exit 1; }
  if [ "$lasting" = yes ]; then
    eventually 20 eval 'grep -qaF lasting-step "/proc/$(cat "$work/step.pid" 2>/dev/null)/cmdline" 2>/dev/null' \
      || { echo "the lasting bring-up step did not start"; exit 1; }
    step=$(cat "$work/step.pid")
    step_parent=$(ps -o ppid= -p "$step" | tr -d ' ')
  fi
  chain=$(cat "$chain_pid_file")
  server=$(cat "$domain_dir/config/pid")
  kill -INT -- "-$job"
  eventually 30 eval '! kill -0 "$job" 2>/dev/null' \
    || { echo "the script did not end after Ctrl-C:"; cat "$work/out"; ps -o pid,ppid,pgid,stat,args -g "$job"
         exit 1; }
  status=0
  wait "$job" || status=$?
  output=$(cat "$work/out")
}
gone() { ! living "$1"; }

interrupt yes building run --single
check "Ctrl-C while run brings the node up ends run with status 130" test "$status" = 130
check "the bring-up step that lasted has ended" gone "$step"
check "and so has the process that started it" gone "$step_parent"
check "the server that had started is stopped" gone "$server"
check "so is the chain, and its pid file is gone" eval 'gone "$chain" && [ ! -e "$chain_pid_file" ]'
check "run says it was interrupted and stopped" eval '[[ $output == *"interrupted"*"stopped"* ]]'
check "an unrelated process is left alone" living "$unrelated"

interrupt yes building start --single
check "Ctrl-C while start brings a stopped layout up ends start with status 130" test "$status" = 130
check "the bring-up step that lasted has ended" gone "$step"
check "the server this start had started is stopped" gone "$server"
check "so is the chain" eval 'gone "$chain" && [ ! -e "$chain_pid_file" ]'
check "start says it stopped what it had started" eval '[[ $output == *"stopped what this start had started"* ]]'

# a layout that runs already: a chain and the node's server, started beside the script
mkdir -p "$(dirname "$chain_pid_file")" "$domain_dir/config"
setsid perl -e '$SIG{INT} = "DEFAULT"; sleep 600' -- anvil-stand-in "$work" &
echo $! > "$chain_pid_file"
setsid perl -e 'sleep 600' -- "-Dcom.sun.aas.instanceRoot=$domain_dir" &
echo $! > "$domain_dir/config/pid"
eventually 10 layout_running || { echo "the running layout's stand-ins did not start"; exit 1; }
interrupt yes building start --single
check "Ctrl-C while start brings a running layout up ends start with status 130" test "$status" = 130
check "the bring-up step that lasted has ended" gone "$step"
check "the server that was running keeps running" eval 'living "$server" && [ "$(domain_pid "$id")" = "$server" ]'
check "so does the chain" eval 'living "$chain" && [ "$(chain_pid)" = "$chain" ]'
check "start says what keeps running" eval '[[ $output == *"keeps running"* ]]'
asadmin="$work/asadmin" stop_node "$id" >/dev/null 2>&1

# the chain alone runs already (say, an earlier start whose nodes failed)
interrupt yes building start --single
check "Ctrl-C while start brings up the node of a running chain ends start with status 130" test "$status" = 130
check "the server this start had started is stopped" gone "$server"
check "the chain that was running keeps running" eval 'living "$chain" && [ "$(chain_pid)" = "$chain" ]'
asadmin="$work/asadmin" stop_layout >/dev/null 2>&1

interrupt no "press Ctrl-C to stop" run --single
check "Ctrl-C of run once everything is up ends it with status 0" test "$status" = 0
check "the server is stopped" gone "$server"
check "so is the chain" eval 'gone "$chain" && [ ! -e "$chain_pid_file" ]'
check "the unrelated process is still left alone" living "$unrelated"

# run's output piped to tee, which the same Ctrl-C ends: what the script writes after it goes nowhere
PIPED=yes interrupt yes building run --single
check "Ctrl-C while run, piped, brings the node up stops the server" gone "$server"
check "and the chain" eval 'gone "$chain" && [ ! -e "$chain_pid_file" ]'
PIPED=yes interrupt no "press Ctrl-C to stop" run --single
check "Ctrl-C of run, piped, once everything is up stops the server" gone "$server"
check "and the chain" eval 'gone "$chain" && [ ! -e "$chain_pid_file" ]'

finish interrupted-start-test
