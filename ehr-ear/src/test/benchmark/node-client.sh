# Sourced by the curl benchmarks beside it: the node's API as curl reaches it, and the staff and patient they use.
# Needs $home (the node's CUSTODIA_HOME), $api (its API's base URL) and $work (a scratch directory only this user can
# read, as mktemp -d makes it) set before it is sourced.

admin_password=$(head -1 "$home/secrets/admin-password")

# curl, with each "-u user:password" passed in a config file under $work: a command line is visible to every user of
# the machine (ps), a file of mode 600 is not.
http() {
  local args=()
  while [ $# -gt 0 ]; do
    if [ "$1" = -u ]; then
      args+=(-K "$(credentials_file "$2")")
      shift 2
    else
      args+=("$1")
      shift
    fi
  done
  curl -sSk --http1.1 "${args[@]}"
}

# The config file that gives curl the credentials $1 (user:password), written once.
credentials_file() {
  local file escaped=${1//\\/\\\\}
  file="$work/credentials-$(printf '%s' "$1" | sha256sum | cut -c1-16)"
  [ -f "$file" ] || (umask 077 && printf 'user = "%s"\n' "${escaped//\"/\\\"}" > "$file")
  echo "$file"
}

# A request body kept off curl's command line (it may hold a password): written to a file of mode 600 under $work,
# whose name curl is given as --data-binary @FILE.
private_body() {
  local file
  file=$(umask 077 && mktemp "$work/body.XXXXXX")
  printf '%s' "$1" > "$file"
  echo "@$file"
}

# An account with a role, its owner's own password set; prints user:password.
account() {
  local name="bench-$1.$RANDOM$RANDOM" initial="initial-$RANDOM$RANDOM-$RANDOM" own="own-$RANDOM$RANDOM-$RANDOM"
  http -o /dev/null -u "admin:$admin_password" -H 'Content-Type: application/json' --data-binary "$(private_body \
    "{\"username\":\"$name\",\"displayName\":\"Benchmark $1\",\"password\":\"$initial\",\"roles\":[\"$1\"]}")" \
    "$api/staff"
  http -o /dev/null -u "$name:$initial" -X PUT -H 'Content-Type: application/json' \
    --data-binary "$(private_body "{\"currentPassword\":\"$initial\",\"newPassword\":\"$own\"}")" "$api/staff/me/password"
  echo "$name:$own"
}

# Registers a benchmark patient with the clerk account given, and the national id given or a new one; prints the
# patient's id.
register_patient() {
  local patient national_id=${2:-BN$RANDOM$RANDOM}
  patient=$(http -u "$1" -H 'Content-Type: application/json' \
    -d "{\"mrn\":\"BENCH-$RANDOM$RANDOM\",\"familyName\":\"Roe\",\"givenName\":\"Jane\",\"birthDate\":\"1980-02-29\",\"nationalId\":\"$national_id\"}" \
    "$api/patients" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
  [ -n "$patient" ] || { echo "cannot register the benchmark patient at $api" >&2; exit 1; }
  echo "$patient"
}

# The median in ms of the times (s) of curl's "%{http_code} %{time_total}" lines in a file, after checking each code.
median_of() {
  awk -v code="$2" '$1 != code {exit 1}' "$1" || { echo "a request answered other than $2: $(grep -v "^$2 " "$1" | head -3)" >&2; exit 1; }
  awk '{print $2}' "$1" | sort -g | awk '{t[NR]=$1} END {printf "%.3f", t[int((NR+1)/2)]*1000}'
}

# $requests (REQUESTS of the script) requests of one URL on one connection, as the account given ($1, user:password)
# or none (empty); prints the median. Needs $work (a scratch directory) and $requests set.
series() {
  local user=$1 url=$2 urls=()
  for _ in $(seq "$requests"); do urls+=(-o /dev/null "$url"); done
  if [ -n "$user" ]; then
    http -u "$user" -w '%{http_code} %{time_total}\n' "${urls[@]}" > "$work/series"
  else
    http -w '%{http_code} %{time_total}\n' "${urls[@]}" > "$work/series"
  fi
  median_of "$work/series" 200
}

# The answer of a list as the account given ($1, user:password) and of every older page its Link headers lead to, one
# page after the other; a page answered with an error ends the script. A list answered whole (no Link) is one page.
# Needs $work (a scratch directory) set.
all_pages() {
  local url=$2
  while [ -n "$url" ]; do
    http -f -u "$1" -D "$work/page-headers" "$url"
    echo
    url=$(tr -d '\r' < "$work/page-headers" | sed -n 's/^[Ll]ink: *<\([^>]*\)>; *rel="next".*/\1/p')
  done
}
