#!/usr/bin/env bash
# Tests secret_file (server-config/bin/secret-files.sh), which the scripts use for every secret they generate: a new
# secret is written whole, owner-only, and kept; an empty file is refused and left as it is, never replaced by a new
# secret; a file that cannot be written is an error.
# Run by the build (server-config, test phase); exits non-zero if any check fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../../.." && pwd)
work=$(cd "$(mktemp -d)" && pwd -P)
trap 'rm -rf "$work"' EXIT
# shellcheck source=../../../bin/secret-files.sh
source "$root/server-config/bin/secret-files.sh"
# shellcheck source=checks.sh
source "$root/server-config/src/test/sh/checks.sh"

secret_file "$work/key" 32
check "a new secret is written, base64 of the bytes asked for, one line" \
  eval '[ "$(base64 -d < "$work/key" | wc -c)" -eq 32 ] && [ "$(wc -l < "$work/key")" -eq 0 ]'
check "readable by its owner only" test "$(stat -c %a "$work/key")" = 600
check "no temporary file is left" test ! -e "$work/key.new"
first=$(cat "$work/key")
secret_file "$work/key" 32
check "an existing secret is kept" test "$(cat "$work/key")" = "$first"

: > "$work/emptied"
check "an empty file is refused" eval '! secret_file "$work/emptied" 32 2> "$work/err"'
check "and the refusal says what to do" grep -q "restore it from a backup" "$work/err"
check "and it stays empty: no new secret replaces the old one" test ! -s "$work/emptied"

check "a secret that cannot be written (no such directory) is an error" \
  eval '! secret_file "$work/missing/key" 32 2> "$work/err"'
check "which names the file" grep -q "cannot write the secret $work/missing/key" "$work/err"

finish secret-files-test
