#!/usr/bin/env bash
# Prepares the chain of the integration-test node: a fresh anvil chain state with the access contracts deployed
# and the development consortium registered, the contract addresses as node configuration, and the node's
# wallet (anvil's development account 1, the development hospital). The tests start anvil again from the state.
#
#   prepare-test-chain.sh --port PORT --dir DIR [--node-data DIR]...
#
# Writes DIR/state.json, DIR/contracts.properties, DIR/node-wallet.json and DIR/node-wallet-password. An earlier
# chain in DIR is replaced, so every test run starts from the same chain (and, the deployment being deterministic,
# the same contract addresses); the wallet and its password are kept. Each --node-data directory (a test node's
# data: database, file store, event checkpoints, secrets) is emptied, since what it held refers to the old chain.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/secret-files.sh"
anvil="$here/../chain/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
port= dir= node_data=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2 ;;
    --dir) dir=$2 ;;
    --node-data) node_data+=("$2") ;;
    *) echo "prepare-test-chain: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
[ -n "$port" ] && [ -n "$dir" ] || { echo "prepare-test-chain: --port and --dir are required" >&2; exit 2; }
[ -x "$anvil" ] || { echo "prepare-test-chain: no anvil at $anvil (build server-config first)" >&2; exit 1; }

for data in "${node_data[@]}"; do rm -rf "$data"; done
mkdir -p "$dir"
rm -f "$dir/state.json" "$dir/contracts.properties"
dir=$(cd "$dir" && pwd)
"$anvil" --host 127.0.0.1 --port "$port" --base-fee 0 --gas-price 0 --disable-min-priority-fee \
  --state "$dir/state.json" > "$dir/anvil.log" 2>&1 &
anvil_pid=$!
stop_anvil() {
  kill -INT "$anvil_pid" 2>/dev/null || true   # anvil writes its state file when interrupted
  wait "$anvil_pid" 2>/dev/null || true
}
trap stop_anvil EXIT
for _ in $(seq 1 100); do
  curl -s -m 1 -o /dev/null -H 'Content-Type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "http://127.0.0.1:$port" && break
  kill -0 "$anvil_pid" 2>/dev/null || { cat "$dir/anvil.log" >&2; exit 1; }
  sleep 0.1
done
"$here/deploy-contracts.sh" --rpc-url "http://127.0.0.1:$port" --output "$dir/contracts.properties" >/dev/null
secret_file "$dir/node-wallet-password" 18 || exit 1
"$here/node-wallet.sh" dev-account 1 "$dir/node-wallet-password" "$dir/node-wallet.json" >/dev/null
stop_anvil
trap - EXIT
[ -s "$dir/state.json" ] || { echo "prepare-test-chain: anvil did not write its state to $dir/state.json" >&2; exit 1; }
echo "prepare-test-chain: chain ready in $dir"
