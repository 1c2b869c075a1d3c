# Sourced by the scripts that create secrets (provision-domain.sh, custodia.sh, prepare-test-chain.sh).

# secret_file FILE BYTES: makes FILE hold a random secret of BYTES bytes (base64, one line) unless it holds one. The
# secret is written whole or not at all: a new file forced to disk, renamed into place, the directory forced. An empty
# FILE is refused, never replaced: a new secret would not open what the old one protected (a keystore, wrapped keys,
# the pseudonyms on chain).
secret_file() {
  local file=$1 bytes=$2
  if [ ! -e "$file" ]; then
    (umask 077; head -c "$bytes" /dev/urandom | base64 | tr -d '\n' > "$file.new" && sync "$file.new" \
      && mv "$file.new" "$file" && sync "$(dirname "$file")") || { echo "cannot write the secret $file" >&2; return 1; }
  elif [ ! -s "$file" ]; then
    echo "$file is empty: restore it from a backup (what it protects opens with that secret only)," \
      "or remove it if nothing was ever protected by it" >&2
    return 1
  fi
}
