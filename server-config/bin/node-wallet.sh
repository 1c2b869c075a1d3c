#!/usr/bin/env bash
# A node's ledger account as a password-protected wallet file (the form custodia.ledger.keystore-file names).
#
#   node-wallet.sh new PASSWORD_FILE WALLET                a fresh account, for a real network
#   node-wallet.sh dev-account INDEX PASSWORD_FILE WALLET  anvil's development account INDEX (local dev chain only)
#   node-wallet.sh address PASSWORD_FILE WALLET            prints the account, checking that the password opens it
#
# The password is the first line of PASSWORD_FILE. An existing wallet is never overwritten. Needs the contracts
# module built (./mvnw -pl ehr-ledger-connector/ledger-contracts -am package -DskipTests).
set -euo pipefail
module=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../ehr-ledger-connector/ledger-contracts" && pwd)
# no jar: an empty answer, which the check below explains (under pipefail, the failing ls would end the script)
jar=$(ls "$module"/target/ledger-contracts-*.jar 2>/dev/null | grep -v -e '-tests.jar$' -e '-sources.jar$' | head -n 1 \
  || true)
[ -n "$jar" ] && [ -d "$module/target/deployer-lib" ] || {
  echo "node-wallet: build the contracts module first: ./mvnw -pl ehr-ledger-connector/ledger-contracts -am package -DskipTests" >&2
  exit 2
}
exec java -cp "$jar:$module/target/deployer-lib/*" org.custodia.ledger.deploy.NodeWallet "$@"
