#!/usr/bin/env bash
# Creates (or re-creates) a Payara domain for a Custodia node from the asadmin command files in
# server-config/payara/domain, checking every command. Skips the work when the domain already matches its
# configuration (a stamp over the command files and the settings below), so it is safe to run again.
#
# usage: provision-domain.sh --payara-home DIR --domain NAME --domains-dir DIR --portbase N --data-dir DIR
#                            [--secrets-dir DIR]         (keys and passwords, kept apart from the data they protect;
#                                                         default: DIR-secrets beside the data directory)
#                            [--chain-url URL | --chain-url-file F]  (the chain node's JSON-RPC URL; from a file when
#                                                         it carries a credential: then a password alias, never in
#                                                         domain.xml, a log or a command line)
#                            [--node-role hospital|proxy] [--node-name NAME] [--heap 1g]
#                            [--public-url URL]  (where other members reach this node; default its HTTPS listener)
#                            [--tls-keystore F --tls-password-file F]  (the node's TLS key and certificate, PKCS#12;
#                                                         default: generated into the secrets directory)
#                            [--tls-ca-keystore F --tls-ca-password-file F]  (a CA that signs the generated
#                                                         certificate instead of itself, e.g. a development consortium's)
#                            [--trust-cert PEM ...]      (a CA or peer certificate the node trusts; repeatable)
#                            [--bind-address 127.0.0.1]
#                            [--ledger-config FILE]      (custodia.* keys, e.g. the contract addresses deploy-contracts
#                                                         wrote)
#                            [--ledger-wallet FILE --ledger-password-file FILE]  (the node's ledger account)
#                            [--keystore-password-file F] [--pseudonym-key-file F] [--admin-password-file F]
#                            [--domain-admin-password-file F]  (the Payara domain administrator's; default: generated
#                                                         into the secrets directory)
#                            [--database h2|postgresql]  (h2, a file database in the data directory, by default)
#                            [--pg-host H --pg-port P --pg-database D --pg-user U --pg-password-file F
#                             --pg-driver JAR]            (PostgreSQL server, and its JDBC driver jar)
#                            [--pg-ssl-mode MODE]        (disable|prefer|require|verify-ca|verify-full; default prefer)
#                            [--pg-ssl-root-cert PEM]    (the CA the PostgreSQL server's certificate chains to)
#                            [--jvm-option OPT ...]      (an extra JVM option; repeatable)
#                            [--keep-running]            (leave a newly configured domain running, to deploy to it)
set -euo pipefail
# what these scripts and the servers they start create (domains, databases, logs, chain state) is the owner's only
umask 077

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/secret-files.sh"
config_dir="$here/../payara"

payara_home= domain= domains_dir= portbase= data_dir= secrets_dir=
chain_url= chain_url_file= public_url= node_role=hospital node_name="Custodia Hospital" heap=1g bind_address=127.0.0.1
ledger_config= ledger_wallet= ledger_password_file=
keystore_password_file= pseudonym_key_file= admin_password_file= domain_admin_password_file=
database=h2 pg_host=127.0.0.1 pg_port=5432 pg_database=custodia pg_user=custodia pg_password_file= pg_driver=
keep_running=false jvm_extra=()
tls_keystore= tls_password_file= tls_ca_keystore= tls_ca_password_file= trust_certs=()
pg_ssl_mode=prefer pg_ssl_root_cert=
while [ $# -gt 0 ]; do
  case "$1" in
    --payara-home) payara_home=$2 ;;
    --domain) domain=$2 ;;
    --domains-dir) domains_dir=$2 ;;
    --portbase) portbase=$2 ;;
    --data-dir) data_dir=$2 ;;
    --secrets-dir) secrets_dir=$2 ;;
    --chain-url) chain_url=$2 ;;
    --chain-url-file) chain_url_file=$2 ;;
    --public-url) public_url=$2 ;;
    --node-role) node_role=$2 ;;
    --node-name) node_name=$2 ;;
    --heap) heap=$2 ;;
    --bind-address) bind_address=$2 ;;
    --database) database=$2 ;;
    --ledger-config) ledger_config=$2 ;;
    --ledger-wallet) ledger_wallet=$2 ;;
    --ledger-password-file) ledger_password_file=$2 ;;
    --keystore-password-file) keystore_password_file=$2 ;;
    --pseudonym-key-file) pseudonym_key_file=$2 ;;
    --admin-password-file) admin_password_file=$2 ;;
    --domain-admin-password-file) domain_admin_password_file=$2 ;;
    --pg-host) pg_host=$2 ;;
    --pg-port) pg_port=$2 ;;
    --pg-database) pg_database=$2 ;;
    --pg-user) pg_user=$2 ;;
    --pg-password-file) pg_password_file=$2 ;;
    --pg-driver) pg_driver=$2 ;;
    --pg-ssl-mode) pg_ssl_mode=$2 ;;
    --pg-ssl-root-cert) pg_ssl_root_cert=$2 ;;
    --tls-keystore) tls_keystore=$2 ;;
    --tls-password-file) tls_password_file=$2 ;;
    --tls-ca-keystore) tls_ca_keystore=$2 ;;
    --tls-ca-password-file) tls_ca_password_file=$2 ;;
    --trust-cert) trust_certs+=("$2") ;;
    --jvm-option) jvm_extra+=("$2") ;;
    --keep-running) keep_running=true; shift; continue ;;
    *) echo "provision-domain: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
for v in payara_home domain domains_dir portbase data_dir; do
  [ -n "${!v}" ] || { echo "provision-domain: --${v//_/-} is required" >&2; exit 2; }
done
if [ -n "$chain_url_file" ]; then
  [ -z "$chain_url" ] || { echo "provision-domain: give --chain-url or --chain-url-file, not both" >&2; exit 2; }
  [ -n "$(head -n 1 "$chain_url_file" 2>/dev/null)" ] \
    || { echo "provision-domain: --chain-url-file must name a file whose first line is the URL" >&2; exit 2; }
else
  [ -n "$chain_url" ] || chain_url=http://127.0.0.1:8545
fi
case "$node_role" in hospital|proxy) ;; *) echo "provision-domain: --node-role must be hospital or proxy" >&2; exit 2 ;; esac
case "$database" in
  h2) ;;
  postgresql)
    [ -f "$pg_driver" ] || { echo "provision-domain: --pg-driver must name the PostgreSQL JDBC driver jar" >&2; exit 2; }
    [ -f "$pg_password_file" ] || { echo "provision-domain: --pg-password-file must name a file holding the password" >&2; exit 2; } ;;
  *) echo "provision-domain: --database must be h2 or postgresql" >&2; exit 2 ;;
esac
case "$pg_ssl_mode" in
  disable|allow|prefer|require|verify-ca|verify-full) ;;
  *) echo "provision-domain: --pg-ssl-mode must be disable, allow, prefer, require, verify-ca or verify-full" >&2; exit 2 ;;
esac
if [ -n "$pg_ssl_root_cert" ]; then
  [ -f "$pg_ssl_root_cert" ] || { echo "provision-domain: --pg-ssl-root-cert names no file" >&2; exit 2; }
  pg_ssl_root_cert=$(cd "$(dirname "$pg_ssl_root_cert")" && pwd)/$(basename "$pg_ssl_root_cert")
fi
if [ -n "$tls_keystore$tls_password_file" ]; then
  [ -f "$tls_keystore" ] && [ -f "$tls_password_file" ] \
    || { echo "provision-domain: --tls-keystore and --tls-password-file must both name files" >&2; exit 2; }
fi
if [ -n "$tls_ca_keystore$tls_ca_password_file" ]; then
  [ -f "$tls_ca_keystore" ] && [ -f "$tls_ca_password_file" ] \
    || { echo "provision-domain: --tls-ca-keystore and --tls-ca-password-file must both name files" >&2; exit 2; }
fi
for cert in "${trust_certs[@]}"; do
  [ -f "$cert" ] || { echo "provision-domain: --trust-cert names no file: $cert" >&2; exit 2; }
done

if [ -n "$ledger_wallet$ledger_password_file" ]; then
  [ -f "$ledger_wallet" ] && [ -f "$ledger_password_file" ] \
    || { echo "provision-domain: --ledger-wallet and --ledger-password-file must both name files" >&2; exit 2; }
  ledger_wallet=$(cd "$(dirname "$ledger_wallet")" && pwd)/$(basename "$ledger_wallet")
fi
[ -z "$ledger_config" ] || [ -f "$ledger_config" ] \
  || { echo "provision-domain: --ledger-config names no file: $ledger_config" >&2; exit 2; }
[ -z "$ledger_config" ] || grep -qE '^custodia\.[A-Za-z0-9.-]+=' "$ledger_config" \
  || { echo "provision-domain: $ledger_config (--ledger-config) sets no custodia.* key (key=value lines)" >&2; exit 2; }
# the chain node's URL has options of its own: set here too, it would win over --chain-url-file's alias
[ -z "$ledger_config" ] || ! grep -qE '^custodia\.ledger\.rpc-url=' "$ledger_config" \
  || { echo "provision-domain: $ledger_config (--ledger-config) sets custodia.ledger.rpc-url: give the chain node's" \
         "URL with --chain-url or --chain-url-file instead" >&2; exit 2; }

asadmin="$payara_home/bin/asadmin"
[ -x "$asadmin" ] || { echo "provision-domain: no Payara at $payara_home (build server-config first)" >&2; exit 1; }
mkdir -p "$domains_dir" "$data_dir/db"
data_dir=$(cd "$data_dir" && pwd)
[ -n "$secrets_dir" ] || secrets_dir="$data_dir-secrets"
mkdir -p "$secrets_dir"
secrets_dir=$(cd "$secrets_dir" && pwd)
chmod 700 "$secrets_dir"
# The secrets never live inside the data directory: a copy of it (a backup with the database and the file store)
# must open nothing.
case "$secrets_dir/" in
  "$data_dir"/*) echo "provision-domain: --secrets-dir must lie outside the data directory $data_dir" >&2; exit 2 ;;
esac
# Earlier layouts kept them in DATA/secrets: moved once to the secrets directory.
if [ -d "$data_dir/secrets" ]; then
  if [ -n "$(ls -A "$secrets_dir")" ]; then
    echo "provision-domain: both $data_dir/secrets and $secrets_dir hold secrets; keep one (move the other away)" >&2
    exit 2
  fi
  mv "$data_dir/secrets"/* "$data_dir/secrets"/.[!.]* "$secrets_dir"/ 2>/dev/null || true
  rmdir "$data_dir/secrets" || { echo "provision-domain: cannot move $data_dir/secrets to $secrets_dir" >&2; exit 1; }
  echo "provision-domain: moved the node's secrets from $data_dir/secrets to $secrets_dir"
fi

# Node secrets reach Payara only as password aliases, in a domain whose master password is generated (never
# Payara's default). Where no file is given, one is generated once per secrets directory; the node keystore
# (custodia.keys.keystore-file) is created there too at the first start.
generated_secret() { # NAME BYTES: the file holding a random secret, created on first use (secret-files.sh)
  secret_file "$secrets_dir/$1" "$2" || exit 1
  printf '%s' "$secrets_dir/$1"
}
# A node has run once its keystore, H2 database, file store or chain event checkpoints are there (a PostgreSQL node's
# database is elsewhere: its data directory restored on a new host, without the secrets, must not get new ones; the
# single node's dev chain keeps its state in data/chain, beside the checkpoints, from before the first start).
node_has_data() {
  [ -e "$secrets_dir/node-keys.p12" ] || [ -n "$(ls -A "$data_dir/db" 2>/dev/null)" ] \
    || [ -n "$(ls -A "$data_dir/filestore" 2>/dev/null)" ] || [ -n "$(ls -A "$data_dir/chain/checkpoints" 2>/dev/null)" ]
}
# NAME BYTES: as generated_secret, but never a new one for a node that has run: what the lost secret protected (the
# keystore, the database, the patients' pseudonyms) would not open with a new one, or silently stop matching.
kept_secret() {
  if [ ! -e "$secrets_dir/$1" ] && node_has_data; then
    echo "provision-domain: $secrets_dir/$1 is missing, but this node has run before (its keystore, database, file" \
      "store or chain checkpoints are there): restore the file from the secrets' backup; a new secret would not open" \
      "what the old one protected" >&2
    exit 2
  fi
  generated_secret "$@"
}
master_password_file=$(generated_secret master-password 24)
if [ "$database" = postgresql ]; then
  db_password_file=$pg_password_file
else
  db_password_file=$(kept_secret db-password 24)
fi
[ -n "$keystore_password_file" ] || keystore_password_file=$(kept_secret keystore-password 24)
# Only hospitals turn national ids into pseudonyms: a proxy never holds the consortium's pseudonym key.
if [ "$node_role" = hospital ] && [ -z "$pseudonym_key_file" ]; then
  pseudonym_key_file=$(kept_secret pseudonym-key 32)
fi
[ -n "$admin_password_file" ] || admin_password_file=$(generated_secret admin-password 18)
# The domain administrator ('admin': asadmin, the administration console, JMX) has a password, so that no other user
# of the host can deploy to the node or read its aliases. asadmin-passwordfile beside it is that password in the form
# asadmin reads: asadmin --user admin --passwordfile SECRETS/asadmin-passwordfile ... (start-domain, stop-domain and
# restart-domain on the node's host need neither).
if [ -n "$domain_admin_password_file" ]; then
  # asadmin reads it as a properties file: a backslash or a space at either end would change the password it sets
  given_password=$(head -n 1 "$domain_admin_password_file" 2>/dev/null) || given_password=
  (LC_ALL=C; [[ "$given_password" =~ ^[[:graph:]]{8,}$ && "$given_password" != *\\* ]]) \
    || { echo "provision-domain: the first line of --domain-admin-password-file must be the password: at least 8" \
           "printable ASCII characters, no space or backslash" >&2; exit 2; }
else
  domain_admin_password_file=$(generated_secret domain-admin-password 24)
fi
asadmin_password_file="$secrets_dir/asadmin-passwordfile"
printf 'AS_ADMIN_PASSWORD=%s\n' "$(head -n 1 "$domain_admin_password_file")" > "$asadmin_password_file.new" \
  && mv "$asadmin_password_file.new" "$asadmin_password_file" \
  || { echo "provision-domain: cannot write $asadmin_password_file" >&2; exit 1; }
# alias name -> file. The database alias is referenced by the pool; the others are named like the MicroProfile
# Config property they fill, which Payara's password config source then serves to the application.
aliases=(custodia-db-password "$db_password_file"
         custodia.keys.keystore-password "$keystore_password_file"
         custodia.admin.initial-password "$admin_password_file")
[ "$node_role" != hospital ] || aliases+=(custodia.consortium.pseudonym-key "$pseudonym_key_file")
[ -z "$ledger_wallet" ] || aliases+=(custodia.ledger.keystore-password "$ledger_password_file")
[ -z "$chain_url_file" ] || aliases+=(custodia.ledger.rpc-url "$chain_url_file")
# asadmin reads its password file as Java properties, in ISO-8859-1: a secret outside printable ASCII would give its
# alias another value, and the node would fail to open what it protects with nothing to say why. Refused before the
# domain is touched.
for ((i = 1; i < ${#aliases[@]}; i += 2)); do
  if LC_ALL=C grep -q '[^ -~]' < <(head -n 1 "${aliases[i]}"); then
    echo "provision-domain: the secret in ${aliases[i]} holds characters other than printable ASCII, which a" \
      "password alias cannot take as written; choose one without" >&2
    exit 2
  fi
done

rendered=$(mktemp) secrets=$(mktemp) jvm_options=$(mktemp) boot=$(mktemp) runtime=$(mktemp)
trap 'rm -f "$rendered" "$secrets" "$jvm_options" "$boot" "$runtime"' EXIT
chmod 600 "$secrets"

escape() { printf '%s' "$1" | sed -e 's/[\/&]/\\&/g'; }
# Colons separate JDBC pool properties: escape them inside a property value.
asadmin_value() { printf '%s' "$1" | sed -e 's/:/\\\\:/g'; }
pg_ssl="sslmode=$pg_ssl_mode"
[ -z "$pg_ssl_root_cert" ] || pg_ssl="$pg_ssl:sslrootcert=$(asadmin_value "$pg_ssl_root_cert")"
hazelcast_port=$((portbase + 100))
[ -n "$public_url" ] || public_url="https://$bind_address:$((portbase + 81))/custodia"

# The node's TLS key and certificate, served on the HTTPS listener: the operator's, or generated once into the
# secrets directory for the public URL's host (and loopback), signed by --tls-ca-keystore when given. The
# certificate is also written as tls-certificate.pem, for the clients and peers that must trust it.
first_key_alias() { # KEYSTORE PASSWORD_FILE: the alias, or nothing when it cannot be read
  { keytool -list -keystore "$1" -storepass:file "$2" 2>/dev/null || true; } \
    | sed -n -E 's/^([^,]+),.*PrivateKeyEntry.*/\1/p' | head -n 1
}
tls_host=$(printf '%s' "$public_url" | sed -E 's#^[a-z]+://([^/:]+).*#\1#')
if [[ "$tls_host" =~ ^[0-9.]+$ ]]; then tls_san="ip:$tls_host"; else tls_san="dns:$tls_host"; fi
[ "$tls_host" = 127.0.0.1 ] || tls_san="$tls_san,ip:127.0.0.1"
[ "$tls_host" = localhost ] || tls_san="$tls_san,dns:localhost"
if [ -z "$tls_keystore" ]; then
  tls_keystore="$secrets_dir/tls.p12"
  tls_password_file=$(generated_secret tls-password 24)
  if [ ! -s "$tls_keystore" ]; then
    # built in a temporary keystore and moved into place only once complete (signed when a CA is given), so that a
    # failed or interrupted run never leaves a certificate the next run would take as done
    building="$secrets_dir/.tls-building.p12"
    rm -f "$building"
    keytool -genkeypair -alias custodia-tls -keyalg EC -groupname secp256r1 -validity 825 \
      -dname "CN=$tls_host, O=Custodia node" -ext "SAN=$tls_san" -storetype PKCS12 -keystore "$building" \
      -storepass:file "$tls_password_file" >/dev/null 2>&1 \
      || { rm -f "$building"; echo "provision-domain: cannot create the node's TLS key in $secrets_dir" >&2; exit 1; }
    if [ -n "$tls_ca_keystore" ]; then
      ca_alias=$(first_key_alias "$tls_ca_keystore" "$tls_ca_password_file")
      [ -n "$ca_alias" ] || { rm -f "$building"; echo "provision-domain: $tls_ca_keystore holds no private key (or not with that password)" >&2; exit 2; }
      request=$(mktemp) signed=$(mktemp) ca_pem=$(mktemp)
      if ! { keytool -certreq -alias custodia-tls -keystore "$building" -storepass:file "$tls_password_file" \
               -file "$request" \
          && keytool -gencert -alias "$ca_alias" -keystore "$tls_ca_keystore" -storepass:file "$tls_ca_password_file" \
               -infile "$request" -outfile "$signed" -rfc -validity 825 -ext "SAN=$tls_san" \
               -ext KU=digitalSignature -ext EKU=serverAuth \
          && keytool -exportcert -rfc -alias "$ca_alias" -keystore "$tls_ca_keystore" \
               -storepass:file "$tls_ca_password_file" -file "$ca_pem" \
          && keytool -importcert -noprompt -alias custodia-ca -file "$ca_pem" -keystore "$building" \
               -storepass:file "$tls_password_file" \
          && keytool -importcert -alias custodia-tls -file "$signed" -keystore "$building" \
               -storepass:file "$tls_password_file"; } >/dev/null 2>&1; then
        rm -f "$building" "$request" "$signed" "$ca_pem"
        echo "provision-domain: cannot sign the node's TLS certificate with $tls_ca_keystore" >&2; exit 1
      fi
      rm -f "$request" "$signed" "$ca_pem"
    fi
    chmod 600 "$building" && sync "$building" && mv "$building" "$tls_keystore" && sync "$secrets_dir" \
      || { echo "provision-domain: cannot keep the node's TLS key in $tls_keystore" >&2; exit 1; }
  fi
fi
tls_alias=$(first_key_alias "$tls_keystore" "$tls_password_file")
[ -n "$tls_alias" ] || { echo "provision-domain: $tls_keystore holds no private key (or not with that password)" >&2; exit 2; }
keytool -exportcert -rfc -alias "$tls_alias" -keystore "$tls_keystore" -storepass:file "$tls_password_file" \
  -file "$secrets_dir/tls-certificate.pem" >/dev/null 2>&1 \
  || { echo "provision-domain: cannot read the certificate in $tls_keystore" >&2; exit 1; }
for f in "$config_dir"/domain/*.asadmin "$config_dir/database/$database.asadmin"; do
  # a file of comments alone (a placeholder) renders nothing; under pipefail, grep's "no line" (status 1) would end
  # the script
  { grep -v '^[[:space:]]*#' "$f" | grep -v '^[[:space:]]*$' || [ $? -eq 1 ]; } | sed \
    -e "s/@BIND_ADDRESS@/$(escape "$bind_address")/g" \
    -e "s/@HAZELCAST_PORT@/$hazelcast_port/g" \
    -e "s/@DOMAIN@/$(escape "$domain")/g" \
    -e "s/@HEAP@/$(escape "$heap")/g" \
    -e "s/@NODE_ROLE@/$(escape "$node_role")/g" \
    -e "s/@NODE_NAME@/$(escape "$node_name")/g" \
    -e "s/@DATA_DIR_IN_POOL@/$(escape "$(asadmin_value "$data_dir")")/g" \
    -e "s/@DATA_DIR@/$(escape "$data_dir")/g" \
    -e "s/@SECRETS_DIR@/$(escape "$secrets_dir")/g" \
    -e "s/@PUBLIC_URL@/$(escape "$public_url")/g" \
    -e "s/@PG_HOST@/$(escape "$pg_host")/g" \
    -e "s/@PG_PORT@/$(escape "$pg_port")/g" \
    -e "s/@PG_DATABASE@/$(escape "$pg_database")/g" \
    -e "s/@PG_USER@/$(escape "$pg_user")/g" \
    -e "s/@PG_DRIVER@/$(escape "$pg_driver")/g" \
    -e "s/@PG_SSL@/$(escape "$pg_ssl")/g"
done > "$rendered"
# The chain node's URL, the node's ledger account and the contract addresses, as MicroProfile Config in the domain;
# extra JVM options.
{
  [ -n "$chain_url_file" ] \
    || echo "set-config-property --source=domain --propertyName=custodia.ledger.rpc-url --propertyValue=$chain_url"
  for option in "${jvm_extra[@]}"; do echo "create-jvm-options $(printf '%s' "$option" | sed 's/:/\\:/g')"; done
  [ -z "$ledger_wallet" ] || echo "set-config-property --source=domain --propertyName=custodia.ledger.keystore-file --propertyValue=$ledger_wallet"
  if [ -n "$ledger_config" ]; then
    grep -E '^custodia\.[A-Za-z0-9.-]+=' "$ledger_config" | while IFS='=' read -r key value; do
      echo "set-config-property --source=domain --propertyName=$key --propertyValue=$value"
    done
  fi
} >> "$rendered"

stamp_file="$domains_dir/$domain/.custodia-stamp"
stamp=$( (cat "$rendered"; echo "$portbase $payara_home"; printf '%s\n' "${aliases[@]}" "${trust_certs[@]}"; \
  cat "${trust_certs[@]}" /dev/null; stat -c %Y "$master_password_file" "$tls_keystore" "$domain_admin_password_file"; \
  for ((i = 1; i < ${#aliases[@]}; i += 2)); do stat -c %Y "${aliases[i]}"; done) | sha256sum | cut -d' ' -f1)
if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ]; then
  echo "provision-domain: domain '$domain' is up to date"
  exit 0
fi

# A command takes effect in one of three ways, and is applied accordingly:
#  - JVM options only when the JVM starts: written into domain.xml before the first start;
#  - listener and Hazelcast addresses when the server boots: pre-boot commands of the first start; JMS off and the
#    phone home off, which pre-boot commands do not set, in domain.xml before it (apply_first_start_settings): set
#    only while the domain runs, the first start would listen on every interface, or report to the vendor, meanwhile;
#  - everything else at once: run (multimode) while the domain is up.
# So the domain is configured in a single start, and the checks after it prove that every value is in force.
boot_names='configs\.config\.server-config\.(network-config|iiop-service|admin-service)\.|hazelcast-runtime-configuration\.'
grep -E '^(create|delete)-jvm-options ' "$rendered" > "$jvm_options" || true
grep -E "^set ($boot_names)" "$rendered" > "$boot" || true
grep -v -E "^(create-jvm-options|delete-jvm-options|set ($boot_names))" "$rendered" > "$runtime" || true

# Applies the JVM option commands to the server's java-config in domain.xml (the domain is not running).
apply_jvm_options() {
  local xml="$domains_dir/$domain/config/domain.xml" edited
  edited=$(mktemp)
  if ! awk -v ops="$jvm_options" '
      function xml_escape(v) { gsub(/&/, "\\&amp;", v); gsub(/</, "\\&lt;", v); gsub(/>/, "\\&gt;", v); return v }
      BEGIN {
        while ((getline line < ops) > 0) {
          split(line, word, " "); option = substr(line, length(word[1]) + 2); gsub(/\\:/, ":", option)
          option = xml_escape(option)
          if (word[1] == "delete-jvm-options") deleted[option] = 0; else created[++n] = option
        }
      }
      /<config name="server-config"/ { in_server = 1 }
      in_server && /<\/config>/ { in_server = 0 }
      in_server && /<java-config/ { in_java = 1 }
      in_java && match($0, /<jvm-options>.*<\/jvm-options>/) {
        option = substr($0, RSTART + 13, RLENGTH - 27)
        if (option in deleted && deleted[option] == 0) { deleted[option] = 1; next }
        indent = $0; sub(/<.*/, "", indent)
      }
      in_java && /<\/java-config>/ {
        for (i = 1; i <= n; i++) print indent "<jvm-options>" created[i] "</jvm-options>"
        in_java = 0; done = 1
      }
      { print }
      END {
        if (!done) { print "provision-domain: no java-config of server-config in domain.xml" > "/dev/stderr"; exit 1 }
        for (option in deleted) if (!deleted[option]) {
          print "provision-domain: JVM option to delete not in domain.xml: " option > "/dev/stderr"; exit 1
        }
      }' "$xml" > "$edited"; then
    rm -f "$edited"
    return 1
  fi
  mv "$edited" "$xml"
}

# JMS off and no phone home, in domain.xml before the first start (the domain is not running). The application uses
# no JMS, and the server's JMS proxy listened on every interface, whatever its host, once started (at the first
# deployment); the phone home reports at the first start, before any command could turn it off (10-network.asadmin
# sets it again among the commands run while the domain is up, each of whose outcome is checked).
apply_first_start_settings() {
  local xml="$domains_dir/$domain/config/domain.xml" host
  host=$(escape "$bind_address")
  # a new domain's server-config has neither element yet: the server adds both, enabled, at its first start
  grep -q '<config name="server-config"[^>]*>' "$xml" && ! grep -q '<jms-service\|<phone-home' <(
    sed -n '/<config name="server-config"/,/<\/config>/p' "$xml") || return 1
  local jms='<jms-service type="DISABLED" default-jms-host="default_JMS_host"><jms-host name="default_JMS_host"'
  jms+=' host="'$host'" port="${JMS_PROVIDER_PORT}"><\/jms-host><\/jms-service>'
  local phone_home='<phone-home-runtime-configuration enabled="false"><\/phone-home-runtime-configuration>'
  sed -i -E -e "s/(<config name=\"server-config\"[^>]*>)/\\1$jms$phone_home/" "$xml"
}

# Proves every pre-boot value and JVM option is in force: pre-boot commands that fail are only logged.
check_boot_settings() {
  local checks expected actual missing=0
  checks=$(mktemp)
  { sed -E 's/^set ([^=]+)=.*/get \1/' "$boot"; echo "list-jvm-options"; } > "$checks"
  actual=$(admin_at --passwordfile "$asadmin_password_file" multimode --file "$checks" 2>&1) || true
  rm -f "$checks"
  while IFS= read -r expected; do
    grep -qxF -- "$expected" <<<"$actual" || { echo "provision-domain: not in force: $expected" >> "$log"; missing=1; }
  done < <(sed -E 's/^set //' "$boot"; sed -n -E 's/^create-jvm-options (.*)/\1/p' "$jvm_options" | sed 's/\\:/:/g')
  [ "$missing" -eq 0 ]
}

# Whether the process in the domain's pid file runs and is this domain's server (after a reboot, the number may
# belong to another process).
server_runs_from_domain() {
  local pid instance_root
  pid=$(cat "$domains_dir/$domain/config/pid" 2>/dev/null) && [ -n "$pid" ] || return 1
  instance_root=$(grep -az -m 1 '^-Dcom\.sun\.aas\.instanceRoot=' "/proc/$pid/cmdline" 2>/dev/null | tr -d '\0')
  [ -n "$instance_root" ] && [ "${instance_root#*=}" -ef "$domains_dir/$domain" ]
}

if [ -d "$domains_dir/$domain" ]; then
  "$asadmin" stop-domain --domaindir "$domains_dir" "$domain" >/dev/null 2>&1 || true
  if ! refusal=$("$asadmin" delete-domain --domaindir "$domains_dir" "$domain" 2>&1); then
    # asadmin cannot delete a domain whose creation was cut short (Ctrl-C, a crash): its domain.xml is incomplete.
    # Such a domain was never configured (no stamp) and no server runs from it: nothing of it is worth keeping, the
    # node's data and secrets live elsewhere.
    if [ -f "$stamp_file" ] || server_runs_from_domain; then
      echo "provision-domain: cannot delete the domain '$domain' in $domains_dir to configure it anew; stop its" \
        "server first. asadmin said: $refusal" >&2
      exit 1
    fi
    rm -rf "${domains_dir:?}/$domain"
  fi
fi
echo "provision-domain: creating domain '$domain' (portbase $portbase) in $domains_dir"
# The generated master password encrypts the domain's password aliases and keystores. It is saved in the domain
# (config/master-password) so that the server starts unattended; README says how to require it at start instead.
{ printf 'AS_ADMIN_MASTERPASSWORD=%s\n' "$(head -n 1 "$master_password_file")"; cat "$asadmin_password_file"; } > "$secrets"
# asadmin follows a refusal (a port in use, above all) with its whole usage text: only the lines before it are said.
if ! refusal=$("$asadmin" --user admin --passwordfile "$secrets" create-domain --savemasterpassword=true \
    --portbase "$portbase" --domaindir "$domains_dir" "$domain" 2>&1 >/dev/null); then
  : > "$secrets"
  echo "provision-domain: asadmin could not create the domain '$domain' (portbase $portbase): $(
    sed '/^Usage: /,$d' <<<"$refusal")" >&2
  exit 1
fi
: > "$secrets"
apply_jvm_options || exit 1
apply_first_start_settings \
  || { echo "provision-domain: cannot turn JMS and the phone home off in the new domain.xml" >&2; exit 1; }
# The node's TLS key into the domain keystore (the HTTPS listener's cert-nickname custodia-tls, 10-network.asadmin)
# and the certificates it trusts into the domain truststore, both protected by the domain's master password.
keytool -importkeystore -noprompt -srckeystore "$tls_keystore" -srcstoretype PKCS12 -srcalias "$tls_alias" \
  -srcstorepass:file "$tls_password_file" -destkeystore "$domains_dir/$domain/config/keystore.p12" \
  -deststoretype PKCS12 -destalias custodia-tls -deststorepass:file "$master_password_file" >/dev/null 2>&1 \
  || { echo "provision-domain: cannot put the node's TLS key into the domain keystore" >&2; exit 1; }
for ((i = 0; i < ${#trust_certs[@]}; i++)); do
  keytool -importcert -noprompt -alias "custodia-trusted-$i" -file "${trust_certs[i]}" \
    -keystore "$domains_dir/$domain/config/cacerts.p12" -storepass:file "$master_password_file" >/dev/null 2>&1 \
    || { echo "provision-domain: cannot add ${trust_certs[i]} to the domain truststore" >&2; exit 1; }
done
admin_port=$((portbase + 48))
# the admin listener answers on loopback only (10-network.asadmin)
admin_host=127.0.0.1
admin_at() { "$asadmin" --host "$admin_host" --port "$admin_port" --user admin "$@"; }
log="$domains_dir/$domain/provision.log"
# the commands are echoed into it, settings as given (the chain node's URL may carry a credential): the owner's only
: > "$log"
chmod 600 "$log"
fail_configuring() { # WHAT: stops the domain (if it runs) and reports
  "$asadmin" stop-domain --domaindir "$domains_dir" "$domain" >/dev/null 2>&1 || true
  echo "provision-domain: $1; see $log" >&2
  exit 1
}
# The server in a session of its own (and so is the one restart-domain starts): a Ctrl-C in the terminal of a script
# that provisions the domain does not end it; the script decides.
setsid -w "$asadmin" start-domain --domaindir "$domains_dir" --prebootcommandfile "$boot" "$domain" >> "$log" 2>&1 \
  || fail_configuring "starting the new domain '$domain' failed"
check_boot_settings || fail_configuring "the listener, Hazelcast or JVM settings did not apply: $(grep 'not in force' "$log" | head -3)"
# asadmin reads its password file as Java properties: a backslash escapes and leading blanks are dropped, so both are
# escaped (a secret outside printable ASCII was refused above).
for ((i = 0; i < ${#aliases[@]}; i += 2)); do
  alias_value=$(head -n 1 "${aliases[i + 1]}")
  alias_value=$(sed -e 's/\\/\\\\/g' -e 's/^ /\\ /' <<<"$alias_value")
  { printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$alias_value"; cat "$asadmin_password_file"; } > "$secrets"
  admin_at --passwordfile "$secrets" create-password-alias "${aliases[i]}" \
    >> "$log" 2>&1 \
    || fail_configuring "creating the password alias ${aliases[i]} failed"
done
: > "$secrets"
status=0
admin_at --passwordfile "$asadmin_password_file" --echo=true multimode --file "$runtime" >> "$log" 2>&1 || status=$?
# multimode goes on after a failed command and reports only the last status: check every command.
if [ "$status" -ne 0 ] || grep -qiE 'Command .* failed|remote failure|invalid option|usage:' "$log"; then
  grep -iE -B1 -A3 'failed|remote failure|invalid option|usage:' "$log" >&2 || tail -20 "$log" >&2
  fail_configuring "configuring '$domain' failed"
fi
if $keep_running; then
  # a library added to the domain is loaded only by a new server process
  if grep -q '^add-library ' "$runtime"; then
    "$asadmin" restart-domain --domaindir "$domains_dir" "$domain" >/dev/null || fail_configuring "restarting '$domain' failed"
  fi
else
  "$asadmin" stop-domain --domaindir "$domains_dir" "$domain" >/dev/null
fi
echo "$stamp" > "$stamp_file"
echo "provision-domain: domain '$domain' configured (admin port $admin_port on loopback: asadmin --user admin --passwordfile $asadmin_password_file; HTTPS port $((portbase + 81)), HTTP $((portbase + 80)) redirecting)$($keep_running && echo ', running')"
