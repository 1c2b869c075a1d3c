#!/usr/bin/env bash
# Runs Custodia for development on this machine. By default it starts the development consortium: one dev chain
# (anvil) with the access contracts, and three nodes registered on it as consortium members:
#
#   Hospital A  (hospital)  https://127.0.0.1:8081/custodia/  admin 8048  data in $CUSTODIA_HOME/hospital-a
#   Hospital B  (hospital)  https://127.0.0.1:8181/custodia/  admin 8148  data in $CUSTODIA_HOME/hospital-b
#   Proxy       (proxy)     https://127.0.0.1:8281/custodia/  admin 8248  data in $CUSTODIA_HOME/proxy
#
# (Plain HTTP on 8080, 8180 and 8280 redirects to these.)
#
# Each node has its own Payara domain, data directory (H2 database, file store), secrets directory beside it (node
# keystore, passwords, ledger wallet: never inside the data, so that a copy of the data opens nothing) and
# ledger account (anvil's development accounts 1, 2 and 3; account 0 deploys and administers the contracts).
# Each hospital publishes its PRE public key on chain itself when it starts.
#
#   custodia.sh run      build, start everything, print the URLs, stay in the foreground (Ctrl-C stops it all,
#                        also while it starts)
#   custodia.sh start    the same, but return once every node is ready (stop them with 'custodia.sh stop');
#                        when already running, deploys the fresh build again. Ctrl-C while it starts ends the start:
#                        what was stopped before is stopped again, what was running keeps running
#   custodia.sh stop     stop every node (consortium and --single) and the chain; leaves no process behind
#   custodia.sh status   each node and the chain: running, ready or stopped
#
# Options (run and start):
#   --single     one hospital node ("Development Hospital", HTTPS 8081) instead of the consortium, with the data
#                layout of earlier versions ($CUSTODIA_HOME/data, $CUSTODIA_HOME/domains, its own chain state)
#   --no-build   skip the Maven build (the EAR and the server-config and contract modules must already be built)
#
# Environment:
#   CUSTODIA_HOME          where all data lives (default ~/.custodia); it survives a stop and a new run
#   CUSTODIA_PORT_OFFSET   added to every port, the chain's 8545 included (default 0), so that a second
#                          consortium (e.g. an integration test's, with its own CUSTODIA_HOME) can run beside one
#   CUSTODIA_READY_TIMEOUT seconds to wait for the nodes' readiness after deployment (default 300)
#   CUSTODIA_JVM_OPTIONS   extra JVM options for every node, separated by spaces, applied when a domain is created;
#                          e.g. -XX:TieredStopAtLevel=1 starts nodes with far less CPU where throughput does not
#                          matter (the integration tests' consortium uses it)
#   --single only: CUSTODIA_PORTBASE (default 8000), CUSTODIA_CHAIN_PORT (default 8545), CUSTODIA_NODE_NAME
#
# Everything listens on 127.0.0.1 only.
set -euo pipefail
# what these scripts and the servers they start create (domains, databases, logs, chain state) is the owner's only
umask 077

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin="$root/server-config/bin"
. "$bin/secret-files.sh"
home=${CUSTODIA_HOME:-$HOME/.custodia}
offset=${CUSTODIA_PORT_OFFSET:-0}
ready_timeout=${CUSTODIA_READY_TIMEOUT:-300}
payara_home="$root/server-config/target/payara6"
asadmin="$payara_home/bin/asadmin"
anvil="$root/server-config/chain/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
ear="$root/ehr-ear/target/custodia.ear"

# Never fails: after a Ctrl-C that also ended the reader of a pipe ('run | tee log'), nothing can be written, and the
# script must still stop what it should (outlive_closed_output).
log() { printf 'custodia: %s\n' "$*" 2>/dev/null || true; }
fail() { printf 'custodia: %s\n' "$*" >&2; exit 1; }

[[ $offset =~ ^[0-9]+$ ]] || fail "CUSTODIA_PORT_OFFSET must be a non-negative number, not '$offset'"
[[ $ready_timeout =~ ^[0-9]+$ ]] || fail "CUSTODIA_READY_TIMEOUT must be a number of seconds, not '$ready_timeout'"

# ---------------------------------------------------------------------------------------------------------------
# Layouts. A layout is a chain plus the nodes that use it; define_consortium and define_single set the globals
# below for one of them. stop and status go through both, since either may have been started.
# ---------------------------------------------------------------------------------------------------------------
declare -A node_name node_role node_account node_portbase node_data node_secrets node_domains node_domain node_log
nodes=()
layout= chain_port= chain_url= chain_dir= chain_state= chain_pid_file= chain_log= contracts_file= consortium_file=
chain_keeper_pid_file= chain_keeper_log=
chain_save_seconds=5
pseudonym_key_file=
# The development CA that signs every node's TLS certificate (development_ca).
dev_ca_keystore="$home/dev-ca/dev-ca.p12" dev_ca_password="$home/dev-ca/dev-ca-password" dev_ca_pem="$home/dev-ca/dev-ca.pem"

# define_node ID NAME ROLE DEV_ACCOUNT PORTBASE DATA_DIR DOMAINS_DIR DOMAIN STARTUP_LOG
define_node() {
  local id=$1
  nodes+=("$id")
  node_name[$id]=$2 node_role[$id]=$3 node_account[$id]=$4 node_portbase[$id]=$5
  node_data[$id]=$6 node_domains[$id]=$7 node_domain[$id]=$8 node_log[$id]=$9
  node_secrets[$id]="$(dirname "$6")/secrets"
}

define_consortium() {
  layout=consortium
  chain_port=$((8545 + offset))
  chain_url="http://127.0.0.1:$chain_port"
  # the chain and the contracts are shared by the three nodes, so they live beside them, not in one node's data
  chain_dir="$home/chain"
  chain_state="$chain_dir/state.json.gz"
  chain_pid_file="$home/run/chain.pid"
  chain_log="$home/logs/chain.log"
  chain_keeper_pid_file="$home/run/chain-state.pid"
  chain_keeper_log="$home/logs/chain-state.log"
  contracts_file="$chain_dir/contracts.properties"
  consortium_file="$chain_dir/consortium.properties"
  # The members share the key that turns a national id into the patient's pseudonym on chain (off chain, as a
  # consortium's members would exchange it), so that the same patient has the same pseudonym at every hospital.
  pseudonym_key_file="$home/consortium-secrets/pseudonym-key"
  nodes=()
  local id name role account portbase
  # Domain names differ per node: a domain's name is also its Hazelcast cluster name, and three domains with the
  # same cluster name on one loopback interface could join each other's data grid.
  while read -r id role account portbase name; do
    define_node "$id" "$name" "$role" "$account" $((portbase + offset)) "$home/$id/data" "$home/$id/domains" \
      "$id" "$home/$id/startup.log"
  done <<'EOF'
hospital-a hospital 1 8000 Hospital A
hospital-b hospital 2 8100 Hospital B
proxy      proxy    3 8200 Proxy
EOF
}

# Today's one-node layout, kept as it was so that existing data (and its chain) stay valid: the development
# hospital with anvil's account 1, the development consortium file of the contracts module.
define_single() {
  layout=single
  chain_port=$((${CUSTODIA_CHAIN_PORT:-8545} + offset))
  chain_url="http://127.0.0.1:$chain_port"
  chain_dir="$home/data/chain"
  chain_state="$chain_dir/state.json.gz"
  chain_pid_file="$home/run/anvil.pid"
  chain_log="$home/logs/anvil.log"
  chain_keeper_pid_file="$home/run/anvil-state.pid"
  chain_keeper_log="$home/logs/anvil-state.log"
  contracts_file="$chain_dir/contracts.properties"
  consortium_file=   # deploy-contracts.sh's default, the development consortium
  pseudonym_key_file=   # one hospital: its domain generates its own (provision-domain)
  nodes=()
  define_node single "${CUSTODIA_NODE_NAME:-Development Hospital}" hospital 1 $((${CUSTODIA_PORTBASE:-8000} + offset)) \
    "$home/data" "$home/domains" custodia "$home/logs/startup.log"
}

https_port() { echo $((node_portbase[$1] + 81)); }
admin_port() { echo $((node_portbase[$1] + 48)); }
public_url() { echo "https://127.0.0.1:$(https_port "$1")/custodia"; }
server_log() { echo "${node_domains[$1]}/${node_domain[$1]}/logs/server.log"; }
# a remote asadmin command to a node's domain, as its administrator (the password provision-domain.sh generated)
asadmin_at() {
  local id=$1; shift
  "$asadmin" --host 127.0.0.1 --port "$(admin_port "$id")" --user admin \
    --passwordfile "${node_secrets[$id]}/asadmin-passwordfile" "$@"
}

# Payara writes the server's process id to config/pid while the domain runs (config/pid.prev once stopped). It is
# the one check that cannot mistake another process on the same port for this node. A server that did not stop
# (killed, or the machine restarted) leaves the file behind, and its number may belong to another process by now:
# only a process whose instance root (on its command line, as asadmin was given it) is this domain's directory counts.
domain_pid() {
  local dir="${node_domains[$1]}/${node_domain[$1]}" pid instance_root
  pid=$(running_pid "$dir/config/pid" -Dcom.sun.aas.instanceRoot=) || return 1
  instance_root=$(grep -az -m 1 '^-Dcom\.sun\.aas\.instanceRoot=' "/proc/$pid/cmdline" 2>/dev/null | tr -d '\0')
  [ -n "$instance_root" ] && [ "${instance_root#*=}" -ef "$dir" ] || return 1
  echo "$pid"
}

# running_pid PID_FILE WORD: the pid the file names, if that process runs and its command line has WORD (after a
# reboot the number may belong to another process)
running_pid() {
  [ -f "$1" ] || return 1
  local pid
  pid=$(cat "$1")
  kill -0 "$pid" 2>/dev/null && grep -qaF -- "$2" "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

chain_pid() { running_pid "$chain_pid_file" anvil; }

layout_running() { # true if the current layout's chain or any of its nodes runs
  chain_pid >/dev/null && return 0
  local id
  for id in "${nodes[@]}"; do domain_pid "$id" >/dev/null && return 0; done
  return 1
}

# ---------------------------------------------------------------------------------------------------------------
# Start-up steps
# ---------------------------------------------------------------------------------------------------------------
build() {
  log "building (Maven; tests are skipped here, run them with ./mvnw verify)"
  (cd "$root" && ./mvnw -B -q install -DskipTests -DskipITs) || fail "build failed"
}

require_built() {
  local missing=()
  [ -f "$ear" ] || missing+=("$ear")
  [ -x "$asadmin" ] || missing+=("$asadmin")
  [ -x "$anvil" ] || missing+=("$anvil")
  [ ${#missing[@]} -eq 0 ] || fail "not built (missing ${missing[*]}): run without --no-build, or ./mvnw install -DskipTests"
}

# The consortium and a --single node use the same ports: only one of them can run at a time.
refuse_other_layout() {
  local mine=$layout other
  if [ "$mine" = consortium ]; then define_single; other="a --single node"; else define_consortium; other="the consortium"; fi
  if layout_running; then
    fail "$other is running in $home: stop it first ($0 stop)"
  fi
  if [ "$mine" = consortium ]; then define_consortium; else define_single; fi
}

# A node's ledger account as a wallet in its secrets directory (where earlier versions kept the secrets inside the
# data directory, they are moved out first).
node_wallet() {
  local id=$1 secrets="${node_secrets[$1]}"
  if [ -d "${node_data[$id]}/secrets" ] && [ ! -e "$secrets" ]; then
    mv "${node_data[$id]}/secrets" "$secrets" || fail "cannot move ${node_data[$id]}/secrets to $secrets"
    log "[${node_name[$id]}] moved the node's secrets out of its data directory, to $secrets"
  fi
  mkdir -p "$secrets"
  chmod 700 "$secrets"
  secret_file "$secrets/node-wallet-password" 18 || fail "cannot keep the wallet password of ${node_name[$id]}"
  "$bin/node-wallet.sh" dev-account "${node_account[$id]}" "$secrets/node-wallet-password" "$secrets/node-wallet.json" \
    || fail "cannot create the ledger wallet of ${node_name[$id]} in $secrets"
}

# The members the contract deployment registers (ConsortiumConfig's format): each node's account, role, display
# name and endpoint. The endpoints depend on CUSTODIA_PORT_OFFSET, so the file is generated, not the checked-in
# development consortium. Once contracts were deployed with it, the file must not change: the chain would keep
# announcing the old endpoints.
write_consortium_file() {
  local id new
  local -A address
  for id in "${nodes[@]}"; do
    address[$id]=$(node_wallet "$id" | tail -n 1)
    [ -n "${address[$id]}" ] || fail "cannot read the ledger account of ${node_name[$id]}"
  done
  mkdir -p "$chain_dir"
  new=$(mktemp)
  {
    echo "# Generated by custodia.sh: the development consortium registered when the contracts are deployed."
    echo "members=$(IFS=,; echo "${nodes[*]}")"
    for id in "${nodes[@]}"; do
      echo
      echo "member.$id.account=${address[$id]}"
      echo "member.$id.role=${node_role[$id]^^}"
      echo "member.$id.display-name=${node_name[$id]}"
      echo "member.$id.endpoint=$(public_url "$id")"
    done
  } > "$new"
  if [ -f "$consortium_file" ] && [ -f "$contracts_file" ] && ! cmp -s "$new" "$consortium_file"; then
    rm -f "$new"
    fail "the consortium in $home was deployed with other members or ports ($consortium_file);" \
      "use the CUSTODIA_PORT_OFFSET it was started with, or a fresh CUSTODIA_HOME"
  fi
  mv "$new" "$consortium_file"
}

# chain_rpc METHOD [PARAMS [SECONDS]]: the chain node's JSON-RPC answer
chain_rpc() {
  curl -sf -m "${3:-2}" -H 'Content-Type: application/json' \
    -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":${2:-[]}}" "$chain_url"
}

rpc_answers() { chain_rpc eth_chainId >/dev/null; }

start_chain() {
  if chain_pid >/dev/null; then
    log "chain node already running (pid $(chain_pid), $chain_url)"
    start_chain_keeper
    return
  fi
  rpc_answers && fail "port $chain_port already answers JSON-RPC but is not this chain: stop it first"
  mkdir -p "$chain_dir" "$home/run" "$home/logs"
  stop_chain_keeper   # one left from a chain that ended without a stop would save nothing of this one
  log "starting the dev chain node on $chain_url (state in $chain_dir)"
  local load=() loading="$chain_dir/state-loading.json"
  if [ -f "$chain_state" ]; then
    gzip -dc "$chain_state" > "$loading" || { rm -f "$loading"; fail "cannot read the saved chain state $chain_state"; }
    load=(--load-state "$loading")
  elif [ -f "$chain_dir/state.json" ]; then   # as anvil saved it itself, before keep_chain_state did
    load=(--load-state "$chain_dir/state.json")
  fi
  # --prune-history: anvil otherwise writes the state after each of up to 3,600 past blocks into ~/.foundry as a file
  # of its own, each as large as the whole state (52 GB after 40,000 anchors); the last 64 stay in memory instead.
  # anvil only loads its state: keep_chain_state saves it. setsid: a Ctrl-C of 'run' reaches the script, which stops
  # the nodes and saves the chain before anvil is told to end; anvil would otherwise end at once.
  nohup setsid "$anvil" --host 127.0.0.1 --port "$chain_port" --base-fee 0 --gas-price 0 --disable-min-priority-fee \
    --prune-history 64 "${load[@]}" > "$chain_log" 2>&1 &
  echo $! > "$chain_pid_file"
  for _ in $(seq 1 100); do
    if rpc_answers; then
      rm -f "$loading"
      start_chain_keeper
      return
    fi
    sleep 0.1
  done
  fail "the chain node did not start; see $chain_log"
}

# The chain's state is saved by custodia.sh, not by anvil: anvil's --state-interval rewrites the whole state file in
# place at every interval, changed or not (30 MB every 5 s after 2,700 blocks), and a process killed during such a
# write leaves a truncated file that anvil then refuses to load, losing the chain. Here the state is saved only when
# the chain has a new block, as anvil_dumpState answers it (the hex of the gzip of the JSON that --load-state reads;
# a tenth of its size), into a new file that is forced to disk and then renamed over the last one.
save_chain_state() {
  local new="$chain_state.new"
  # the pattern needs the closing quote: a cut answer writes nothing; gzip -t: the file is whole (a full disk)
  if chain_rpc anvil_dumpState '[]' 120 | perl -ne 'print pack("H*", $1) if /"result":"0x([0-9a-fA-F]+)"/' > "$new" \
    && gzip -t "$new" && sync "$new" && mv -f "$new" "$chain_state" && sync "$chain_dir"; then
    rm -f "$chain_dir/state.json"   # anvil's own, from before
    return 0
  fi
  rm -f "$new"
  return 1
}

chain_head() { # the latest block's hash
  chain_rpc eth_getBlockByNumber '["latest",false]' | grep -o '"hash":"0x[0-9a-f]*"'
}

# Runs beside anvil until it ends or until stop_chain_keeper sends TERM (a save under way is finished first): saves
# the state whenever the chain has a new block since the last save, at most every chain_save_seconds, and never more
# often than 20 times as long as the last save took, so that saving takes at most a twentieth of the time. At most
# that interval of blocks is lost when the machine stops without a 'custodia.sh stop'. The first save comes with the
# first check: what the file holds is not known here.
keep_chain_state() {
  local anvil_pid=$1 saved= head sleeper= started pause=$chain_save_seconds stopping=false
  set +e
  trap '' HUP INT
  trap 'stopping=true; [ -z "$sleeper" ] || kill "$sleeper" 2>/dev/null' TERM
  while ! $stopping && kill -0 "$anvil_pid" 2>/dev/null; do
    sleep "$pause" &
    sleeper=$!
    wait "$sleeper"
    sleeper=
    $stopping && break
    head=$(chain_head) || continue
    [ "$head" = "$saved" ] && continue
    started=$(date +%s%3N)
    if save_chain_state; then
      saved=$head
      pause=$(( ($(date +%s%3N) - started) * 20 / 1000 ))
      [ "$pause" -ge "$chain_save_seconds" ] || pause=$chain_save_seconds
    else
      log "saving the chain state to $chain_state failed; the last saved state is kept, trying again"
    fi
  done
}

start_chain_keeper() {
  chain_keeper_pid >/dev/null && return
  keep_chain_state "$(chain_pid)" >> "$chain_keeper_log" 2>&1 &
  echo $! > "$chain_keeper_pid_file"
}

chain_keeper_pid() { running_pid "$chain_keeper_pid_file" "${BASH_SOURCE[0]##*/}"; }

# Lets a save under way finish, then ends the keeper.
stop_chain_keeper() {
  local pid
  if pid=$(chain_keeper_pid); then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 1200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true   # a save it did not finish never replaces the saved state
  fi
  rm -f "$chain_keeper_pid_file"
}

# First use: deploys the contracts and registers the members; later uses find them on the chain and do nothing.
deploy_contracts() {
  local consortium=()
  [ -z "$consortium_file" ] || consortium=(--consortium "$consortium_file")
  "$bin/deploy-contracts.sh" --rpc-url "$chain_url" --output "$contracts_file" --if-missing "${consortium[@]}" \
    >/dev/null || fail "deploying the access contracts failed"
}

# Provisions a node's domain, starts it and deploys the EAR (again). Runs in the background, one per node, with
# its output in the node's start-up log; progress lines go to fd 3, the terminal.
bring_up_node() {
  local id=$1 name=${node_name[$1]} domains=${node_domains[$1]} domain=${node_domain[$1]}
  local secrets="${node_secrets[$1]}" apps
  say() { printf 'custodia: [%s] %s\n' "$name" "$*" >&3; }
  say "provisioning the domain (details in ${node_log[$id]})"
  local extra=() option options
  read -r -a options <<<"${CUSTODIA_JVM_OPTIONS:-}"
  for option in "${options[@]}"; do extra+=(--jvm-option "$option"); done
  if [ -n "$pseudonym_key_file" ] && [ "${node_role[$id]}" = hospital ]; then
    extra+=(--pseudonym-key-file "$pseudonym_key_file")
  fi
  "$bin/provision-domain.sh" --keep-running --payara-home "$payara_home" --domain "$domain" --domains-dir "$domains" \
    --portbase "${node_portbase[$id]}" --data-dir "${node_data[$id]}" --secrets-dir "$secrets" \
    --chain-url "$chain_url" \
    --node-role "${node_role[$id]}" --node-name "$name" --public-url "$(public_url "$id")" \
    --ledger-config "$contracts_file" --ledger-wallet "$secrets/node-wallet.json" \
    --ledger-password-file "$secrets/node-wallet-password" --tls-ca-keystore "$dev_ca_keystore" \
    --tls-ca-password-file "$dev_ca_password" --trust-cert "$dev_ca_pem" "${extra[@]}" \
    || fail "provisioning the domain failed"
  if ! domain_pid "$id" >/dev/null; then
    say "starting Payara (domain '$domain' in $domains)"
    # in a session of its own, as anvil: a Ctrl-C of 'run' reaches the script, which stops the server
    setsid -w "$asadmin" start-domain --domaindir "$domains" "$domain" \
      || fail "Payara did not start; see $(server_log "$id")"
  fi
  # The build the domain deployed last, by checksum: a domain that starts again with the same build already has it.
  local stamp checksum
  stamp="$(dirname "${node_data[$id]}")/deployed-ear.sha256"
  checksum=$(sha256sum "$ear" | cut -d' ' -f1)
  apps=$(asadmin_at "$id" list-applications) || fail "cannot list the applications; see $(server_log "$id")"
  if grep -q '^custodia ' <<<"$apps" && [ "$(cat "$stamp" 2>/dev/null)" = "$checksum" ]; then
    say "this build is deployed already"
    return
  fi
  # undeploy an earlier build first: a forced redeploy right after a server start can collide with the old
  # version's clean-up ("Cannot create scratch directory")
  if grep -q '^custodia ' <<<"$apps"; then
    say "undeploying the earlier build"
    asadmin_at "$id" undeploy --cascade=true custodia \
      || fail "cannot undeploy the earlier build; see $(server_log "$id")"
  fi
  rm -f "$stamp"
  say "deploying $ear"
  asadmin_at "$id" deploy --name custodia "$ear" || fail "deployment failed; see $(server_log "$id")"
  echo "$checksum" > "$stamp"
}

bring_up_jobs=()   # the background jobs of bring_up_nodes while they run

# The nodes start side by side: on 2 cores most of a domain's start is waiting (I/O, class loading bursts), so
# three in parallel take far less than three in a row.
bring_up_nodes() {
  local id i failed=()
  exec 3>&1
  bring_up_jobs=()
  for id in "${nodes[@]}"; do
    mkdir -p "$(dirname "${node_log[$id]}")"
    # Ctrl-C is the script's to handle (interrupted_start ends the bring-up in order): with a trap set, bash would
    # leave a job's processes to SIGINT, and they would end in no particular order, some orphaned and still running
    ( trap '' INT; bring_up_node "$id" ) > "${node_log[$id]}" 2>&1 &
    bring_up_jobs+=($!)
  done
  for i in "${!nodes[@]}"; do
    wait "${bring_up_jobs[i]}" || failed+=("${nodes[i]}")
  done
  bring_up_jobs=()
  exec 3>&-
  [ ${#failed[@]} -eq 0 ] && return
  for id in "${failed[@]}"; do
    printf '\ncustodia: %s failed to start; the end of %s:\n' "${node_name[$id]}" "${node_log[$id]}" >&2
    tail -n 15 "${node_log[$id]}" >&2
  done
  fail "not every node started (what did start keeps running: $0 stop)"
}

# Ends the nodes' bring-up jobs and every process that is still their descendant (a provisioning, asadmin, a server
# still starting): stopped first, until no new descendant shows, so that none starts another meanwhile; then
# terminated, and killed if still there after 10 s. A server that had started has left the jobs' tree: stop_node
# stops it.
end_bring_up() {
  [ ${#bring_up_jobs[@]} -gt 0 ] || return 0
  local tree=() seen= pid left
  while :; do
    mapfile -t tree < <(process_tree $$ "${bring_up_jobs[@]}")
    [ ${#tree[@]} -gt 0 ] || break
    kill -STOP "${tree[@]}" 2>/dev/null || true
    [ "${tree[*]}" != "$seen" ] || break
    seen="${tree[*]}"
  done
  if [ ${#tree[@]} -gt 0 ]; then
    kill -TERM "${tree[@]}" 2>/dev/null || true
    kill -CONT "${tree[@]}" 2>/dev/null || true
    for _ in $(seq 1 100); do
      left=false
      for pid in "${tree[@]}"; do living "$pid" && { left=true; break; }; done
      $left || break
      sleep 0.1
    done
    kill -KILL "${tree[@]}" 2>/dev/null || true
  fi
  wait "${bring_up_jobs[@]}" 2>/dev/null || true
  bring_up_jobs=()
}

# process_tree PARENT PID...: those of the processes PID that live and are PARENT's children, and all their
# descendants, in ascending order (the number of a child that has ended may belong to another process by now)
process_tree() {
  local parent=$1
  shift
  ps -e -o pid=,ppid=,stat= | awk -v parent="$parent" -v roots="$*" '
    $3 !~ /^Z/ { up[$1] = $2 }
    END {
      n = split(roots, r, " ")
      for (i = 1; i <= n; i++) if ((r[i] in up) && up[r[i]] == parent) inside[r[i]] = 1
      do { added = 0; for (p in up) if (!(p in inside) && (up[p] in inside)) { inside[p] = 1; added = 1 } }
      while (added)
      for (p in inside) print p
    }' | sort -n
}

living() { local state; state=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $state != Z* ]]; }

node_ready() {
  local base="https://127.0.0.1:$(https_port "$1")"
  [ "$(curl -s -m 3 --cacert "$dev_ca_pem" -o /dev/null -w '%{http_code}' "$base/custodia/")" = 200 ] \
    && [ "$(curl -s -m 5 --cacert "$dev_ca_pem" -o /dev/null -w '%{http_code}' "$base/health/ready")" = 200 ]
}

wait_until_ready() {
  local deadline=$((SECONDS + ready_timeout)) pending=("${nodes[@]}") still id
  log "waiting until every node is ready"
  while [ ${#pending[@]} -gt 0 ]; do
    still=()
    for id in "${pending[@]}"; do
      if node_ready "$id"; then log "[${node_name[$id]}] ready"; else still+=("$id"); fi
    done
    pending=("${still[@]}")
    [ ${#pending[@]} -eq 0 ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
      for id in "${pending[@]}"; do
        printf 'custodia: [%s] not ready: ' "${node_name[$id]}" >&2
        curl -s -m 5 --cacert "$dev_ca_pem" "https://127.0.0.1:$(https_port "$id")/health/ready" >&2 || true
        printf '\n  see %s\n' "$(server_log "$id")" >&2
      done
      fail "not every node became ready in $ready_timeout s (they keep running: $0 stop)"
    fi
    sleep 1
  done
}

print_summary() {
  local id
  log "running (chain $chain_url, HTTPS with certificates of the development CA $dev_ca_pem, staff user 'admin' on every node):"
  for id in "${nodes[@]}"; do
    printf '  %s (%s): %s/  admin password in %s\n' "${node_name[$id]}" "${node_role[$id]}" \
      "$(public_url "$id")" "${node_secrets[$id]}/admin-password"
  done
}

# The development CA, created once: it signs each node's TLS certificate, and every node (and the readiness
# checks here) trusts it, so nodes reach each other over HTTPS. Browsers warn until dev-ca.pem is imported.
development_ca() {
  local dir
  dir=$(dirname "$dev_ca_keystore")
  mkdir -p "$dir"
  chmod 700 "$dir"
  secret_file "$dev_ca_password" 18 || fail "cannot keep the development CA's password"
  if [ ! -s "$dev_ca_keystore" ]; then
    keytool -genkeypair -alias custodia-development-ca -keyalg EC -groupname secp256r1 -validity 3650 \
      -dname "CN=Custodia development CA" -ext bc:c -ext KU=keyCertSign,cRLSign -storetype PKCS12 \
      -keystore "$dev_ca_keystore" -storepass:file "$dev_ca_password" >/dev/null 2>&1 \
      || { rm -f "$dev_ca_keystore"; fail "cannot create the development CA in $dir"; }
  fi
  # written once: its content, not its age, is what the domains' provisioning stamps depend on
  [ -s "$dev_ca_pem" ] || keytool -exportcert -rfc -alias custodia-development-ca -keystore "$dev_ca_keystore" \
    -storepass:file "$dev_ca_password" -file "$dev_ca_pem" >/dev/null 2>&1 || fail "cannot read the development CA"
}

# The consortium's pseudonym key, created once and handed to every node; never anew for hospitals that have run (their
# patients' pseudonyms would silently stop matching).
shared_pseudonym_key() {
  local id
  mkdir -p "$(dirname "$pseudonym_key_file")"
  chmod 700 "$(dirname "$pseudonym_key_file")"
  if [ ! -e "$pseudonym_key_file" ]; then
    for id in "${nodes[@]}"; do
      [ "${node_role[$id]}" != hospital ] || [ ! -e "${node_secrets[$id]}/node-keys.p12" ] \
        || fail "the consortium's pseudonym key $pseudonym_key_file is missing, but ${node_name[$id]} has run with"\
" it: restore it from a backup (a new key would give its patients other pseudonyms)"
    done
  fi
  secret_file "$pseudonym_key_file" 32 || fail "cannot keep the consortium's pseudonym key"
}

# Payara binds about 90 ports above each node's portbase and checks them all when it creates a domain. In the kernel's
# ephemeral range, the local end of any outgoing connection may hold one of them at that moment, and the domain is
# refused ("Port ... is in use") or a listener fails to start: said before anything starts, since it fails only now
# and then.
warn_ephemeral_ports() {
  local range low high id lowest highest
  range=$(cat /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null) || return 0
  read -r low high <<<"$range"
  for id in "${nodes[@]}"; do
    lowest=${node_portbase[$id]} highest=$((node_portbase[$id] + 90))
    if [ "$highest" -ge "$low" ] && [ "$lowest" -le "$high" ]; then
      log "warning: [${node_name[$id]}] ports $lowest-$highest lie in the kernel's ephemeral port range ($low-$high);" \
        "an outgoing connection can take one of them, and the node then fails to start now and then." \
        "Choose a CUSTODIA_PORT_OFFSET that keeps every port below $low."
    fi
  done
  if [ "$chain_port" -ge "$low" ] && [ "$chain_port" -le "$high" ]; then
    log "warning: the chain's port $chain_port lies in the kernel's ephemeral port range ($low-$high)"
  fi
}

start_layout() {
  local id
  refuse_other_layout
  warn_ephemeral_ports
  development_ca
  if [ "$layout" = consortium ]; then
    write_consortium_file   # creates the three wallets on the way
    shared_pseudonym_key
  else
    for id in "${nodes[@]}"; do node_wallet "$id" >/dev/null; done
  fi
  start_chain
  deploy_contracts
  bring_up_nodes
  wait_until_ready
  print_summary
}

# ---------------------------------------------------------------------------------------------------------------
# Stop and status
# ---------------------------------------------------------------------------------------------------------------
stop_node() {
  local id=$1 pid
  [ -d "${node_domains[$id]}/${node_domain[$id]}" ] || return 0
  pid=$(domain_pid "$id") || return 0
  if ! "$asadmin" stop-domain --domaindir "${node_domains[$id]}" "${node_domain[$id]}" >/dev/null 2>&1; then
    log "[${node_name[$id]}] stop-domain failed; terminating the server process $pid"
  fi
  # stop-domain returns once the server has gone; make sure, so that no process is left behind
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

# The keeper first, then one last save, then anvil. Should that save fail, anvil and its keeper keep running: ending
# anvil would lose every block since the last save, which the nodes' databases already count on.
stop_chain() {
  local pid
  stop_chain_keeper
  [ -f "$chain_pid_file" ] || return 0
  if pid=$(chain_pid); then
    if ! save_chain_state; then
      start_chain_keeper
      fail "could not save the chain state to $chain_state, so the chain keeps running (pid $pid): stopping it would"\
" lose the blocks since the last save. Fix the cause (free space?) and run $0 stop again, or end pid $pid yourself"\
" to give those blocks up"
    fi
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$chain_pid_file" "$chain_state.new"
}

stop_nodes() { # stop_nodes ID...: in parallel (each stop-domain is a JVM of its own)
  local id pid pids=()
  for id in "$@"; do
    stop_node "$id" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || true; done
}

stop_layout() { # the nodes, then the chain they use
  stop_nodes "${nodes[@]}"
  stop_chain
}

stop_all() {
  define_consortium; stop_layout
  define_single; stop_layout
  log "stopped"
}

status_layout() {
  local id pid state
  if pid=$(chain_pid); then
    log "$1 chain: running (pid $pid, $chain_url, state in $chain_dir)"
    chain_keeper_pid >/dev/null || log "  its state is not being saved: start again to save it ($0 start)"
  else
    log "$1 chain: stopped"
  fi
  for id in "${nodes[@]}"; do
    if [ ! -d "${node_domains[$id]}/${node_domain[$id]}" ]; then
      state="not set up"
    elif pid=$(domain_pid "$id"); then
      if node_ready "$id"; then state="ready"; else state="running, not ready"; fi
      state="$state (pid $pid, $(public_url "$id")/, admin port $(admin_port "$id"))"
    else
      state="stopped"
    fi
    log "  ${node_name[$id]} (${node_role[$id]}): $state"
  done
}

status() {
  define_consortium; status_layout consortium
  define_single
  # the one-node layout is worth a line only where it was ever used
  if [ -d "$home/domains" ] || [ -f "$chain_pid_file" ]; then status_layout "--single"; fi
}

# ---------------------------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------------------------
usage() { echo "usage: $0 run|start [--single] [--no-build] | stop | status  (see the header of $0)" >&2; exit 2; }

command= single=false
declare -A ran_before=()   # what of the layout ran before this start: node ids, and 'chain'

# Ctrl-C (or TERM) before the layout is up. The nodes still being brought up end, with what they had started so
# far. Then 'run' stops the layout, as its Ctrl-C always does; 'start' stops what was not running before it: the
# nodes, and the chain if nothing ran.
interrupted_start() {
  trap '' INT TERM
  outlive_closed_output
  { echo; } 2>/dev/null || true
  log "interrupted: ending the start"
  end_bring_up
  if $single; then define_single; else define_consortium; fi   # as the layout is checked, the other one is defined
  if [ "$command" = run ]; then
    stop_layout
    log "stopped"
  else
    stop_started
    log "stopped what this start had started"
    [ ${#ran_before[@]} -eq 0 ] || log "what was running before keeps running as the start left it (a node it was" \
      "provisioning or deploying anew may be stopped or without the application): start again, or $0 stop"
  fi
  exit 130
}

# The same Ctrl-C may have ended the reader of the script's output ('run | tee log'): a write would then end the
# script by SIGPIPE before it stopped anything. Ignored, a write fails instead, and log lets it fail.
outlive_closed_output() { trap '' PIPE; }

# Stops the nodes that were not running before this start, then the chain if nothing was.
stop_started() {
  local id started=()
  for id in "${nodes[@]}"; do
    [ -n "${ran_before[$id]:-}" ] || started+=("$id")
  done
  stop_nodes "${started[@]}"
  [ ${#ran_before[@]} -gt 0 ] || stop_chain
}

main() {
  local arg id skip_build=false
  for arg in "$@"; do
    case "$arg" in
      run|start|stop|status) [ -z "$command" ] || usage; command=$arg ;;
      --single) single=true ;;
      --no-build) skip_build=true ;;
      *) usage ;;
    esac
  done
  case "$command" in
    run|start)
      if $single; then define_single; else define_consortium; fi
      if chain_pid >/dev/null; then ran_before[chain]=1; fi
      for id in "${nodes[@]}"; do
        if domain_pid "$id" >/dev/null; then ran_before[$id]=1; fi
      done
      trap interrupted_start INT TERM
      $skip_build || build
      require_built
      start_layout
      if [ "$command" = run ]; then
        trap 'outlive_closed_output; { echo; } 2>/dev/null || true; stop_all; exit 0' INT TERM
        log "press Ctrl-C to stop (or run: $0 stop)"
        while [ -f "$chain_pid_file" ]; do sleep 1; done
      fi
      trap - INT TERM
      ;;
    stop) stop_all ;;
    status) status ;;
    *) usage ;;
  esac
}

# Sourced (server-config's tests of this script do): the functions above, no command.
[[ "${BASH_SOURCE[0]}" == "$0" ]] || return 0
main "$@"
