#!/usr/bin/env bash
# Deploys the Custodia access contracts (consortium, record and consent registries) to a chain, registers the
# initial consortium and writes the contract addresses (custodia.ledger.* keys) into a properties file.
#
#   deploy-contracts.sh --output FILE [--rpc-url URL] [--consortium FILE] [--keystore FILE] [--if-missing]
#
#   --output FILE       properties file to write the addresses into (other keys in it are kept)
#   --rpc-url URL       JSON-RPC endpoint of the chain node (default: CUSTODIA_RPC_URL, else http://127.0.0.1:8545);
#                       a URL that carries a credential belongs in CUSTODIA_RPC_URL, which no command line shows
#   --consortium FILE   initial members (default: the development consortium,
#                       ehr-ledger-connector/ledger-contracts/src/main/deploy/dev-consortium.properties)
#   --keystore FILE     the administrator's key as a web3 keystore; its password is read from
#                       CUSTODIA_DEPLOYER_KEYSTORE_PASSWORD
#   --if-missing        do nothing when FILE already names contracts that exist on the chain
#
# Without --keystore the key is read from CUSTODIA_DEPLOYER_KEY (hex). When neither is given and the node is a
# local anvil dev chain (chain id 31337), anvil's development account 0 deploys. Needs the module built
# (./mvnw -pl ehr-ledger-connector/ledger-contracts -am package -DskipTests).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
module="$root/ehr-ledger-connector/ledger-contracts"
rpc_url=${CUSTODIA_RPC_URL:-http://127.0.0.1:8545}
consortium="$module/src/main/deploy/dev-consortium.properties"
output=""
extra=()

fail() { printf 'deploy-contracts: %s\n' "$*" >&2; exit 2; }

# The chain node's URL as messages show it: scheme, host and port only (a URL may carry a user and password, or a
# token in its path or query).
shown_url() {
  local authority
  case "$rpc_url" in
    *://*) authority=${rpc_url#*://}; authority=${authority%%[/?#]*}; authority=${authority##*@}
           if [[ $authority =~ ^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]+)?$ ]]; then
             printf '%s://%s' "${rpc_url%%://*}" "$authority"
           else
             printf '%s://(host not shown)' "${rpc_url%%://*}"
           fi ;;
    *) printf '(not a URL with a scheme)' ;;
  esac
}

while [ $# -gt 0 ]; do
  case "$1" in
    --output) output=${2:?--output needs a file}; shift 2 ;;
    --rpc-url) rpc_url=${2:?--rpc-url needs a URL}; shift 2 ;;
    --consortium) consortium=${2:?--consortium needs a file}; shift 2 ;;
    --keystore) extra+=(--keystore "${2:?--keystore needs a file}"); shift 2 ;;
    --if-missing) extra+=(--if-missing); shift ;;
    *) fail "unknown option $1 (see the header of $0)" ;;
  esac
done
[ -n "$output" ] || fail "--output FILE is required"
# a line break would end curl's config line and start another option
[[ $rpc_url != *[[:cntrl:]]* ]] || fail "the chain node's URL holds a control character"

# no jar: an empty answer, which the check below explains (under pipefail, the failing ls would end the script)
jar=$(ls "$module"/target/ledger-contracts-*.jar 2>/dev/null | grep -v -e '-tests.jar$' -e '-sources.jar$' | head -n 1 \
  || true)
[ -n "$jar" ] && [ -d "$module/target/deployer-lib" ] \
  || fail "build the contracts module first: ./mvnw -pl ehr-ledger-connector/ledger-contracts -am package -DskipTests"

if [ -z "${CUSTODIA_DEPLOYER_KEY:-}" ] && [[ " ${extra[*]:-} " != *" --keystore "* ]]; then
  # the URL reaches curl on its standard input, not its command line
  escaped_url=${rpc_url//\\/\\\\}
  chain_id=$( (printf 'url = "%s"\n' "${escaped_url//\"/\\\"}" | curl -s -m 5 -K - -H 'Content-Type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' || true) \
    | sed -n 's/.*"result":"\([^"]*\)".*/\1/p')
  [ -n "$chain_id" ] || { printf 'deploy-contracts: the chain node at %s does not answer JSON-RPC\n' "$(shown_url)" >&2; exit 1; }
  [ "$chain_id" = 0x7a69 ] \
    || fail "no administrator key: set CUSTODIA_DEPLOYER_KEY or pass --keystore (the anvil development key is used only on chain id 31337)"
  # anvil's development account 0: a published test key, valid only on a local dev chain
  export CUSTODIA_DEPLOYER_KEY=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
fi

export CUSTODIA_RPC_URL="$rpc_url"
exec java -cp "$jar:$module/target/deployer-lib/*" org.custodia.ledger.deploy.ConsortiumDeployer \
  --consortium "$consortium" --output "$output" "${extra[@]}"
