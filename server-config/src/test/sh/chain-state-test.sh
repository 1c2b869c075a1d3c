#!/usr/bin/env bash
# Tests how custodia.sh keeps the dev chain's state (keep_chain_state, save_chain_state, start_chain, stop_chain)
# against the pinned anvil: saved when blocks come and not rewritten while idle, always a whole file whatever moment
# a save is killed at, the head kept across stop and start, an earlier anvil-written state.json taken over, an
# unreadable saved state refused at start with nothing left behind, and (where this user may mount a tmpfs) a save
# that does not fit refused with the last state kept. Run by the build (server-config, test phase); exits non-zero
# if any check fails.
set -euo pipefail
# custodia.sh recognises its state-saving process by "custodia.sh" on the process's command line; the saving
# process this test starts is a subshell of this script, so the script runs under a name that carries it.
if [ -z "${CHAIN_STATE_TEST_NAMED:-}" ]; then
  CHAIN_STATE_TEST_NAMED=1 exec -a custodia.sh-chain-state-test bash "$0" "$@"
fi
root=$(cd "$(dirname "$0")/../../../.." && pwd)
CUSTODIA_HOME=$(mktemp -d)
# below the ephemeral ports (32768 and up), which any process's connection may hold; clear of the integration
# tests' 24xxx and 28xxx
CUSTODIA_PORT_OFFSET=12000
export CUSTODIA_HOME CUSTODIA_PORT_OFFSET
# shellcheck source=../../../bin/custodia.sh
source "$root/server-config/bin/custodia.sh"
# shellcheck source=checks.sh
source "$root/server-config/src/test/sh/checks.sh"
define_single
chain_save_seconds=1
small_disk="$CUSTODIA_HOME/small-disk"
cleanup() {
  stop_chain >/dev/null 2>&1 || true
  mountpoint -q "$small_disk" 2>/dev/null && umount "$small_disk"
  rm -rf "$CUSTODIA_HOME"
}
trap cleanup EXIT

head_number() { chain_rpc eth_blockNumber | grep -o '"result":"0x[0-9a-f]*"' | cut -d'"' -f4; }
saved_number() { printf '0x%x' "$(gzip -dc "$chain_state" | grep -o '"best_block_number":[0-9]*' | cut -d: -f2)"; }
mine() { chain_rpc anvil_mine "[\"0x$(printf '%x' "$1")\"]" >/dev/null; }
saved_at_head() { [ -f "$chain_state" ] && gzip -t "$chain_state" && [ "$(saved_number)" = "$(head_number)" ]; }
no_chain_processes() { ! chain_pid >/dev/null && ! chain_keeper_pid >/dev/null; }

start_chain >/dev/null
check "the chain and its saving process run" eval 'chain_pid >/dev/null && chain_keeper_pid >/dev/null'

mine 3
check "new blocks are saved" eventually 10 saved_at_head
saved_before=$(stat -c "%i %y" "$chain_state")
sleep 3
check "an idle chain's state is not written again" test "$(stat -c "%i %y" "$chain_state")" = "$saved_before"

# kill -9 at random moments of saves (the saving process stopped, so that only these saves write)
stop_chain_keeper
whole=true
for _ in $(seq 1 15); do
  mine 1
  setsid bash -c "source '$root/server-config/bin/custodia.sh'; define_single; save_chain_state" &
  saver=$!
  sleep "0.0$((RANDOM % 10))"
  kill -KILL -- "-$saver" 2>/dev/null || true
  wait "$saver" 2>/dev/null || true
  gzip -t "$chain_state" 2>/dev/null || whole=false
done
check "a save killed at any moment leaves a whole saved state" "$whole"
start_chain_keeper
mine 2
check "saving resumes" eventually 10 saved_at_head

mine 5
head_before_stop=$(head_number)
hash_before_stop=$(chain_head)
stop_chain >/dev/null
check "stop saves the chain's head" test "$(saved_number)" = "$head_before_stop"
check "stop leaves no chain process" no_chain_processes
start_chain >/dev/null
check "a new start has the saved head" test "$(head_number)" = "$head_before_stop"
check "the same block at that head" test "$(chain_head)" = "$hash_before_stop"

# a state.json that anvil wrote itself (earlier versions) is loaded, then replaced by the saved state
stop_chain >/dev/null
gzip -dc "$chain_state" > "$chain_dir/state.json"
rm -f "$chain_state"
start_chain >/dev/null
check "an anvil-written state.json is loaded" test "$(head_number)" = "$head_before_stop"
mine 1
check "and saved in its place" eventually 10 eval 'saved_at_head && [ ! -e "$chain_dir/state.json" ]'

# an unreadable saved state: the start fails and names it, anvil does not start, nothing is left behind
stop_chain >/dev/null
cp "$chain_state" "$CUSTODIA_HOME/good.json.gz"
head -c 100 "$CUSTODIA_HOME/good.json.gz" > "$chain_state"
refusal=$( (start_chain) 2>&1 ) && started=true || started=false
check "an unreadable saved state is refused at start" eval '! $started && [[ $refusal == *"cannot read the saved chain state"* ]]'
check "and nothing is left running or half written" eval 'no_chain_processes && [ ! -e "$chain_dir/state-loading.json" ]'
cp "$CUSTODIA_HOME/good.json.gz" "$chain_state"

# a save that does not fit: refused, the last saved state kept, no partial file left
mkdir -p "$small_disk"
if mount -t tmpfs -o size=64k tmpfs "$small_disk" 2>/dev/null; then
  cp "$chain_state" "$small_disk/state.json.gz"
  start_chain >/dev/null
  stop_chain_keeper
  chain_dir=$small_disk chain_state=$small_disk/state.json.gz
  kept=$(sha256sum < "$chain_state")
  # about 100 KiB of contract code: the state no longer fits 64 KiB, even compressed
  for i in 1 2 3 4; do
    chain_rpc anvil_setCode "[\"0x$(printf '%040x' "$((4096 + i))")\",\"0x$(head -c 25000 /dev/urandom | od -An -v -tx1 | tr -d ' \n')\"]" 10 >/dev/null
  done
  mine 1
  check "a save that does not fit is refused" eval '! save_chain_state 2>/dev/null'
  check "and the last saved state is kept whole" eval '[ "$(sha256sum < "$chain_state")" = "$kept" ] && [ ! -e "$chain_state.new" ]'
  stopped=true
  refusal=$( (stop_chain) 2>&1 ) || stopped=false
  check "stop then fails and says why" eval '! $stopped && [[ $refusal == *"could not save the chain state"* ]]'
  check "and leaves the chain running, with its saving process, so that no block is lost" \
    eval 'chain_pid >/dev/null && chain_keeper_pid >/dev/null'
  chain_dir=$CUSTODIA_HOME/data/chain chain_state=$CUSTODIA_HOME/data/chain/state.json.gz
else
  echo "skipped: a save that does not fit (this user cannot mount a tmpfs)"
fi

finish chain-state-test
