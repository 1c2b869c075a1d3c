#!/usr/bin/env bash
# Runs a Custodia node for development on this machine: builds the application, starts the local dev chain
# (anvil) and deploys the access contracts on first use, provisions and starts a Payara domain, deploys the EAR
# and waits until the application really answers.
#
#   custodia.sh run      build, start everything, print the URL, stay in the foreground (Ctrl-C stops it all)
#   custodia.sh start    the same, but return once the node answers (stop it with 'custodia.sh stop')
#   custodia.sh stop     stop Payara and the chain node; leaves no process behind
#   custodia.sh status   what is running
#
# Data (H2 database, file store, chain state, secrets) lives in $CUSTODIA_HOME (default ~/.custodia) and
# survives a stop and a new run. Ports: HTTP 8080, admin 8048, chain 8545, all on 127.0.0.1.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
home=${CUSTODIA_HOME:-$HOME/.custodia}
data_dir="$home/data"
domains_dir="$home/domains"
domain=custodia
portbase=${CUSTODIA_PORTBASE:-8000}
http_port=$((portbase + 80))
admin_port=$((portbase + 48))
chain_port=${CUSTODIA_CHAIN_PORT:-8545}
chain_url="http://127.0.0.1:$chain_port"
payara_home="$root/server-config/target/payara6"
anvil="$root/server-config/chain/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
ear="$root/ehr-ear/target/custodia.ear"
chain_pid_file="$home/run/anvil.pid"
contracts_file="$data_dir/chain/contracts.properties"
wallet="$data_dir/secrets/node-wallet.json"
wallet_password="$data_dir/secrets/node-wallet-password"
url="http://127.0.0.1:$http_port/custodia/"

log() { printf 'custodia: %s\n' "$*"; }
fail() { printf 'custodia: %s\n' "$*" >&2; exit 1; }
asadmin() { "$payara_home/bin/asadmin" --port "$admin_port" "$@"; }

build() {
  log "building (Maven; tests are skipped here, run them with ./mvnw verify)"
  (cd "$root" && ./mvnw -B -q install -DskipTests -DskipITs) || fail "build failed"
}

rpc_answers() {
  curl -s -m 2 -o /dev/null -H 'Content-Type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$chain_url"
}

start_chain() {
  if [ -f "$chain_pid_file" ] && kill -0 "$(cat "$chain_pid_file")" 2>/dev/null; then
    log "chain node already running (pid $(cat "$chain_pid_file"))"
    return
  fi
  rpc_answers && fail "port $chain_port already answers JSON-RPC but is not this node's chain: stop it first"
  mkdir -p "$data_dir/chain" "$home/run" "$home/logs"
  log "starting the dev chain node on $chain_url (state in $data_dir/chain)"
  nohup "$anvil" --host 127.0.0.1 --port "$chain_port" --base-fee 0 --gas-price 0 --disable-min-priority-fee \
    --state "$data_dir/chain/state.json" --state-interval 5 > "$home/logs/anvil.log" 2>&1 &
  echo $! > "$chain_pid_file"
  for _ in $(seq 1 100); do rpc_answers && return; sleep 0.1; done
  fail "the chain node did not start; see $home/logs/anvil.log"
}

deploy_contracts() {
  "$root/server-config/bin/deploy-contracts.sh" --rpc-url "$chain_url" --output "$contracts_file" --if-missing \
    || fail "deploying the access contracts failed"
}

# The development node acts as the dev consortium's hospital: anvil's development account 1.
node_wallet() {
  mkdir -p "$data_dir/secrets"
  chmod 700 "$data_dir/secrets"
  [ -s "$wallet_password" ] || (umask 077; head -c 18 /dev/urandom | base64 > "$wallet_password")
  "$root/server-config/bin/node-wallet.sh" dev-account 1 "$wallet_password" "$wallet" >/dev/null \
    || fail "cannot create the node's ledger wallet $wallet"
}

start_payara() {
  "$root/server-config/bin/provision-domain.sh" --payara-home "$payara_home" --domain "$domain" \
    --domains-dir "$domains_dir" --portbase "$portbase" --data-dir "$data_dir" --chain-url "$chain_url" \
    --node-name "${CUSTODIA_NODE_NAME:-Development Hospital}" --ledger-config "$contracts_file" \
    --ledger-wallet "$wallet" --ledger-password-file "$wallet_password"
  if ! asadmin list-applications >/dev/null 2>&1; then
    log "starting Payara (domain '$domain' in $domains_dir)"
    "$payara_home/bin/asadmin" start-domain --domaindir "$domains_dir" "$domain" >/dev/null \
      || fail "Payara did not start; see $domains_dir/$domain/logs/server.log"
  fi
  # undeploy an earlier build first: a forced redeploy right after a server start can collide with the old
  # version's clean-up ("Cannot create scratch directory")
  if asadmin list-applications 2>/dev/null | grep -q '^custodia '; then
    asadmin undeploy --cascade=true custodia >/dev/null || fail "cannot undeploy the earlier build; see $domains_dir/$domain/logs/server.log"
  fi
  log "deploying $ear"
  asadmin deploy --name custodia "$ear" >/dev/null \
    || fail "deployment failed; see $domains_dir/$domain/logs/server.log"
}

wait_until_answering() {
  log "waiting for the application to answer"
  for _ in $(seq 1 180); do
    if [ "$(curl -s -m 3 -o /dev/null -w '%{http_code}' "$url")" = 200 ] \
       && [ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/health/ready")" = 200 ]; then
      log "Custodia is running at $url  (health: http://127.0.0.1:$http_port/health)"
      log "staff user 'admin', password in $data_dir/secrets/admin-password"
      return
    fi
    sleep 1
  done
  curl -s "http://127.0.0.1:$http_port/health/ready" >&2 || true
  fail "the application did not become ready in 180 s; see $domains_dir/$domain/logs/server.log"
}

stop_all() {
  if [ -d "$domains_dir/$domain" ]; then
    "$payara_home/bin/asadmin" stop-domain --domaindir "$domains_dir" "$domain" >/dev/null 2>&1 || true
  fi
  if [ -f "$chain_pid_file" ]; then
    local pid
    pid=$(cat "$chain_pid_file")
    if kill -0 "$pid" 2>/dev/null; then
      kill -INT "$pid" 2>/dev/null || true   # anvil writes its state file when interrupted
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$chain_pid_file"
  fi
  log "stopped"
}

status() {
  if [ -f "$chain_pid_file" ] && kill -0 "$(cat "$chain_pid_file")" 2>/dev/null; then
    log "chain node: running (pid $(cat "$chain_pid_file"), $chain_url)"
  else
    log "chain node: stopped"
  fi
  if asadmin list-applications >/dev/null 2>&1; then log "Payara: running ($url)"; else log "Payara: stopped"; fi
}

case "${1:-}" in
  run|start)
    build
    start_chain
    deploy_contracts
    node_wallet
    start_payara
    wait_until_answering
    if [ "$1" = run ]; then
      trap 'echo; stop_all; exit 0' INT TERM
      log "press Ctrl-C to stop (or run: $0 stop)"
      while [ -f "$chain_pid_file" ]; do sleep 1; done
    fi
    ;;
  stop) stop_all ;;
  status) status ;;
  *) echo "usage: $0 run|start|stop|status" >&2; exit 2 ;;
esac
