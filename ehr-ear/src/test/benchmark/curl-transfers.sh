#!/usr/bin/env bash
# Transfer and per-request benchmark against a running node, with curl as the client (no JVM on the client side),
# next to its references measured in the same run. See README, "Records benchmark".
#
#   ehr-ear/src/test/benchmark/curl-transfers.sh [CUSTODIA_HOME] [HTTPS port]
#
# CUSTODIA_HOME defaults to ~/.custodia (the run command's --single node), the port to 8081. Creates a physician and a
# clerk with the administrator's password from CUSTODIA_HOME/secrets, registers one patient, then:
#   - warms the node up: WARMUP_ROUNDS (default 150) rounds of 20 uploads and downloads of 1 MiB, printing every
#     25th, then 3 rounds of 100 MiB records and of the per-request measurement (a JVM just started keeps compiling
#     the upload path for thousands of uploads: figures taken earlier measure its JIT compiler as much as the node);
#   - measures ROUNDS (default 3) rounds, each: 20 uploads then 20 downloads of 1 MiB, 5 of 100 MiB (random bytes,
#     one curl process per series keeping its connection alive, HTTP/1.1; the median of all but the first), and
#     GET /records/{id} against the staff pages' style sheet, 3 x 200 requests each (medians and their ratio);
#   - measures the references: SHA-256 and AES-256-GCM (openssl speed, 64 KiB blocks) and writing into the node's data
#     directory with fsync (dd conv=fsync), two ways: new data kept until all is written, as the store keeps its
#     envelopes (5 files of 100 MiB, 300 of 1 MiB, medians), then a few files where files were just deleted (100 MiB
#     3 times, deleted after each; 21 files of 1 MiB; medians), which get recently freed pages; each 1 MiB file is
#     a new file, so the reference for 1 MiB records carries the same fixed cost of a flush as the store. It prints
#     the slowest for each size, and each round's transfer rates as a share of it and of the few files' write.
# Then, if PER_REQUEST_ROUNDS is set (0 by default), that many rounds of 2,000 GET /records/{id} followed by 2,000 of
# the style sheet and 2,000 downloads of the same 4 KiB record, after 20 s for the uploads' anchors to settle: the
# medians, the ratio of the first two, and the CPU time the node's request threads used per request (from /proc;
# their CPU, not the JIT compiler's or the anchoring's); then as many rounds of 200 uploads of 4 KiB, each 10 s after
# the last so that its anchors have settled (an envelope of this size is written on the request thread): the median
# and the request threads' CPU per upload.
# Then, if FLOOR_ROUNDS is set (0 by default), what Payara itself needs for a 1 MiB transfer, as a floor for the node's:
# the servlet in platform-floor/ beside this script, compiled against the Payara the node runs on and deployed to the
# node (admin port ADMIN_PORT, by default the HTTPS port - 33) for this phase only, reads each request body over the
# same HTTPS listener and discards it, hashes it (SHA-256), or hashes it while writing it to a new file in the node's
# data directory, forces that to disk and deletes it; and serves a file of 1 MiB from that directory, hashing it as
# it reads it. Each round: 41 uploads of 1 MiB to the node, then 41 to the servlet each way, then 41 downloads of one
# 1 MiB record from the node and 41 of the servlet's file (one curl process per series keeping its connection alive;
# the median of all but the first), each with the CPU time the node's request threads used per request; the servlet
# and its file are removed at the end.
# Then, if ANCHOR_SERIES is set (0 by default), that many series of 500 uploads of 4 KiB one after the other (one curl
# process each), as fast as one client goes: per series the median upload and the node's thread count after it; then
# how long after the last upload every record was anchored (polled every 5 s, at most 15 min), the most threads seen,
# and how many warnings the server log and its rotated files gained meanwhile.
# Everything it uploads stays in the node as records of a benchmark patient (about 6 GB with the defaults: mind the
# disk); the scratch files live in a temporary directory that is removed at the end.
set -euo pipefail

home=${1:-$HOME/.custodia}
port=${2:-8081}
api=https://127.0.0.1:$port/custodia/api
warmup_rounds=${WARMUP_ROUNDS:-150}
rounds=${ROUNDS:-3}
work=$(mktemp -d)
floor_deployed=
cleanup() {
  [ -z "$floor_deployed" ] || asadmin undeploy custodia-platform-floor > /dev/null || true
  rm -f "$home/data/floor-serve.bin"
  rm -rf "$work"
}
trap cleanup EXIT
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
asadmin() {
  "$root/server-config/target/payara6/bin/asadmin" --host 127.0.0.1 --port "${ADMIN_PORT:-$((port - 33))}" \
    --user admin --passwordfile "$home/secrets/asadmin-passwordfile" "$@"
}

# shellcheck source=node-client.sh
. "$(dirname "${BASH_SOURCE[0]}")/node-client.sh"

physician=$(account physician)
clerk=$(account clerk)
patient=$(register_patient "$clerk")

head -c $((1024 * 1024)) /dev/urandom > "$work/1"
head -c $((100 * 1024 * 1024)) /dev/urandom > "$work/100"
head -c 4096 /dev/urandom > "$work/4k"
details_id=$(http -u "$physician" -H 'Content-Type: text/plain' -H 'Custodia-Record-Title: Per%20request' \
  --data-binary @<(head -c 4096 /dev/zero) "$api/patients/$patient/records?category=laboratory" | grep -o '"id":"[0-9a-f]\{64\}"' | cut -d'"' -f4)

# Median in ms of the times (s) in a file, all but the first line.
median_ms() { tail -n +2 "$1" | sort -n | awk '{t[NR]=$1} END {m=(NR%2)?t[(NR+1)/2]:(t[NR/2]+t[NR/2+1])/2; printf "%.1f", m*1000}'; }
mb_per_s() { awk -v mib="$1" -v ms="$2" 'BEGIN {printf "%.0f", mib*1.048576/(ms/1000)}'; }

# Uploads then downloads COUNT records of SIZE MiB; prints "upload ms MB/s download ms MB/s".
transfers() {
  local size=$1 count=$2 urls=() downloads=()
  for _ in $(seq "$count"); do urls+=("$api/patients/$patient/records?category=imaging"); done
  http -u "$physician" -H 'Content-Type: application/octet-stream' -H 'Custodia-Record-Title: Benchmark' -H 'Expect:' \
    --data-binary @"$work/$size" \
    -w '\n%{http_code} %{time_total}\n' "${urls[@]}" > "$work/uploads"
  grep -a -E '^[0-9]{3} ' "$work/uploads" | awk '$1 != 201 {exit 1}' || {
    echo "an upload failed: $(grep -a -v '"id":"' "$work/uploads" | grep -a -v -E '^201 ' | head -c 600)" >&2; exit 1; }
  grep -a -E '^[0-9]{3} ' "$work/uploads" | awk '{print $2}' > "$work/upload-times"
  for id in $(grep -a -o '"id":"[0-9a-f]\{64\}"' "$work/uploads" | cut -d'"' -f4); do
    downloads+=(-o /dev/null "$api/records/$id/content")
  done
  http -u "$physician" -w '%{http_code} %{time_total}\n' "${downloads[@]}" > "$work/downloads"
  awk '$1 != 200 {exit 1}' "$work/downloads" || { echo "a download failed: $(grep -v '^200 ' "$work/downloads")" >&2; exit 1; }
  awk '{print $2}' "$work/downloads" > "$work/download-times"
  local up down
  up=$(median_ms "$work/upload-times"); down=$(median_ms "$work/download-times")
  echo "$up ms $(mb_per_s "$size" "$up") MB/s, download $down ms $(mb_per_s "$size" "$down") MB/s"
}

# GET /records/{id} against the style sheet, alternating 3 x 200 each; prints both medians and the ratio.
per_request() {
  local signed_in=() static=()
  for _ in $(seq 200); do
    signed_in+=(-o /dev/null "$api/records/$details_id")
    static+=(-o /dev/null "https://127.0.0.1:$port/custodia/resources/css/custodia.css")
  done
  : > "$work/signed-in"; : > "$work/static"
  for _ in 1 2 3; do
    http -u "$physician" -w '%{http_code} %{time_total}\n' "${signed_in[@]}" >> "$work/signed-in"
    http -w '%{http_code} %{time_total}\n' "${static[@]}" >> "$work/static"
  done
  awk '$1 != 200 {exit 1}' "$work/signed-in" "$work/static" || { echo "a request failed" >&2; exit 1; }
  local a b
  a=$(awk '{print $2}' "$work/signed-in" | sort -n | awk '{t[NR]=$1} END {printf "%.3f", t[int((NR+1)/2)]*1000}')
  b=$(awk '{print $2}' "$work/static" | sort -n | awk '{t[NR]=$1} END {printf "%.3f", t[int((NR+1)/2)]*1000}')
  echo "GET /records/{id} $a ms, static file $b ms, ratio $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a/b}')"
}

# The node's process, and the CPU ticks its request threads used so far.
node_pid() {
  local pid
  pid=$(pgrep -f -- "$home/domains/" | head -1)
  [ -n "$pid" ] || { echo "no node process runs from $home/domains" >&2; exit 1; }
  echo "$pid"
}
request_ticks() { cat /proc/"$1"/task/*/stat 2>/dev/null | grep '(http-thread-poo' | awk '{s += $14 + $15} END {print s}'; }
tick_us=$((1000000 / $(getconf CLK_TCK)))

# PER_REQUEST_ROUNDS rounds of N signed-in requests, N of the style sheet, N downloads of the 4 KiB record: medians,
# ratio, request-thread CPU.
per_request_cpu() {
  local n=2000 signed_in=() static=() content=() pid t0 t1 t2 t3 a b c
  pid=$(node_pid)
  ticks() { request_ticks "$pid"; }
  for _ in $(seq $n); do
    signed_in+=(-o /dev/null "$api/records/$details_id")
    static+=(-o /dev/null "https://127.0.0.1:$port/custodia/resources/css/custodia.css")
    content+=(-o /dev/null "$api/records/$details_id/content")
  done
  t0=$(ticks)
  http -u "$physician" -w '%{http_code} %{time_total}\n' "${signed_in[@]}" > "$work/signed-in"
  t1=$(ticks)
  http -w '%{http_code} %{time_total}\n' "${static[@]}" > "$work/static"
  t2=$(ticks)
  http -u "$physician" -w '%{http_code} %{time_total}\n' "${content[@]}" > "$work/content"
  t3=$(ticks)
  awk '$1 != 200 {exit 1}' "$work/signed-in" "$work/static" "$work/content" || { echo "a request failed" >&2; exit 1; }
  a=$(awk '{print $2}' "$work/signed-in" | sort -g | awk '{t[NR]=$1} END {printf "%.3f", t[int((NR+1)/2)]*1000}')
  b=$(awk '{print $2}' "$work/static" | sort -g | awk '{t[NR]=$1} END {printf "%.3f", t[int((NR+1)/2)]*1000}')
  c=$(awk '{print $2}' "$work/content" | sort -g | awk '{t[NR]=$1} END {printf "%.3f", t[int((NR+1)/2)]*1000}')
  echo "GET /records/{id} $a ms, static file $b ms, ratio $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a/b}');" \
    "request-thread CPU per request $(( (t1 - t0) * tick_us / n )) us and $(( (t2 - t1) * tick_us / n )) us;" \
    "4 KiB download $c ms, $(( (t3 - t2) * tick_us / n )) us"
}

# 200 uploads of 4 KiB on one connection: median, request-thread CPU per upload (their anchors follow in the
# background, on other threads).
small_uploads_cpu() {
  local n=200 uploads=() pid t0 t1 d
  pid=$(node_pid)
  for _ in $(seq $n); do
    uploads+=(-o /dev/null "$api/patients/$patient/records?category=laboratory")
  done
  t0=$(request_ticks "$pid")
  http -u "$physician" -H 'Content-Type: text/plain' -H 'Custodia-Record-Title: Per%20request' -H 'Expect:' \
    --data-binary @"$work/4k" \
    -w '%{http_code} %{time_total}\n' "${uploads[@]}" > "$work/small-uploads"
  t1=$(request_ticks "$pid")
  awk '$1 != 201 {exit 1}' "$work/small-uploads" || { echo "an upload of 4 KiB failed" >&2; exit 1; }
  d=$(awk '{print $2}' "$work/small-uploads" | sort -g | awk '{t[NR]=$1} END {printf "%.3f", t[int((NR+1)/2)]*1000}')
  echo "4 KiB upload $d ms, request-thread CPU per upload $(( (t1 - t0) * tick_us / n )) us"
}

# ANCHOR_SERIES series of 500 uploads of 4 KiB, then the wait until all are anchored.
anchor_soak() {
  local pid logs warnings_before most=0 threads urls=() started pending
  pid=$(pgrep -f -- "$home/domains/" | head -1)
  [ -n "$pid" ] || { echo "no node process runs from $home/domains" >&2; exit 1; }
  logs=$(ls -d "$home"/domains/*/logs | head -1)
  # the log rotates at 10 MiB: count over the current file and the rotated ones
  warnings() { cat "$logs"/server.log* | grep -c '\[WARNING\]' || true; }
  warnings_before=$(warnings)
  head -c 4096 /dev/urandom > "$work/4k"
  for _ in $(seq 500); do urls+=(-o /dev/null "$api/patients/$patient/records?category=laboratory"); done
  for series in $(seq "$ANCHOR_SERIES"); do
    http -u "$physician" -H 'Content-Type: application/octet-stream' -H 'Custodia-Record-Title: Anchoring' \
      --data-binary @"$work/4k" \
      -w '%{http_code} %{time_total}\n' "${urls[@]}" > "$work/soak"
    awk '$1 != 201 {exit 1}' "$work/soak" || { echo "an upload failed: $(grep -v '^201 ' "$work/soak" | head -3)" >&2; exit 1; }
    threads=$(ls /proc/"$pid"/task | wc -l)
    [ "$threads" -gt "$most" ] && most=$threads
    echo "anchoring series $series: 500 uploads of 4 KiB, median $(awk '{print $2}' "$work/soak" \
      | sort -g | awk '{t[NR]=$1} END {printf "%.2f", t[int((NR+1)/2)]*1000}') ms; node threads $threads"
  done
  started=$(date +%s)
  while true; do
    pending=$(all_pages "$physician" "$api/patients/$patient/records" | { grep -o '"anchorStatus":"pending"' || true; } \
      | wc -l)
    threads=$(ls /proc/"$pid"/task | wc -l)
    [ "$threads" -gt "$most" ] && most=$threads
    [ "$pending" -eq 0 ] && break
    [ $(( $(date +%s) - started )) -gt 900 ] && { echo "still $pending records pending after 15 min" >&2; break; }
    sleep 5
  done
  echo "anchoring: all anchored $(( $(date +%s) - started )) s after the last upload (polled every 5 s);" \
    "at most $most node threads; $(( $(warnings) - warnings_before )) warnings logged"
}

echo "warming up ($warmup_rounds rounds)"
for warmup in $(seq "$warmup_rounds"); do
  if [ $((warmup % 25)) -eq 0 ]; then echo "warm-up round $warmup: 1 MiB upload $(transfers 1 20)"; else transfers 1 20 > /dev/null; fi
done
for _ in 1 2 3; do transfers 100 5 > /dev/null; per_request > /dev/null; done

for round in $(seq "$rounds"); do
  echo "round $round: 1 MiB upload $(transfers 1 20)"
  echo "round $round: 100 MiB upload $(transfers 100 5)"
  echo "round $round: $(per_request)"
done | tee "$work/rounds"

sha=$(openssl speed -evp sha256 -bytes 65536 -seconds 2 2>/dev/null | awk '/^sha256/ {sub("k","",$NF); printf "%.0f", $NF*1000/1e6}')
gcm=$(openssl speed -evp aes-256-gcm -bytes 65536 -seconds 2 2>/dev/null | awk '/^AES-256-GCM/ {sub("k","",$NF); printf "%.0f", $NF*1000/1e6}')
# Seconds dd takes to write a file and force it to disk.
dd_seconds() { dd if="$1" of="$2" bs=1M conv=fsync 2>&1 | awk '/copied/ {print $(NF-3)}'; }
# MB/s of SIZE MiB in the median of the seconds read from stdin.
median_rate() { sort -g | awk -v mib="$1" '{t[NR]=$1} END {printf "%.0f", mib*1.048576/t[int((NR+1)/2)]}'; }
# New data, kept until all are written, as the store keeps its envelopes: 5 files of 100 MiB, then 300 of 1 MiB.
# Measured first, while the rounds' uploads have used up the recently freed pages: on a virtual machine that hands
# free memory back to its host, a write into pages the kernel has not used lately costs several times more (see
# README), and the store, which frees nothing, writes into such pages once the recently freed ones are used up.
for i in $(seq 5); do dd_seconds "$work/100" "$home/data/dd-new-100-$i"; done > "$work/new100"
for i in $(seq 300); do dd_seconds "$work/1" "$home/data/dd-new-1-$i"; done > "$work/new1"
rm -f "$home/data"/dd-new-*
kept=$(median_rate 100 < "$work/new100"); kept1=$(median_rate 1 < "$work/new1")
# Then a few files, written where files were just deleted: the page cache hands out the recently freed pages.
for i in 1 2 3; do dd_seconds "$work/100" "$home/data/dd-reference"; rm -f "$home/data/dd-reference"; done > "$work/dd"
for i in $(seq 21); do dd_seconds "$work/1" "$home/data/dd-reference-$i"; done > "$work/dd1"
rm -f "$home/data"/dd-reference-*
write=$(median_rate 100 < "$work/dd"); write1=$(median_rate 1 < "$work/dd1")
slowest() { printf '%s\n' "$@" | sort -n | head -1; }
slowest100=$(slowest "$sha" "$gcm" "$write" "$kept"); slowest1=$(slowest "$sha" "$gcm" "$write1" "$kept1")
echo "references: SHA-256 $sha MB/s, AES-256-GCM $gcm MB/s; write+fsync of a few files where files were just" \
  "deleted $write MB/s (100 MiB, median of 3) and $write1 MB/s (1 MiB, median of 21); write+fsync of new data kept" \
  "$kept MB/s (100 MiB, median of 5) and $kept1 MB/s (1 MiB, median of 300); slowest $slowest100 MB/s for" \
  "100 MiB records, $slowest1 MB/s for 1 MiB records"
if [ "$kept" -gt $((write / 2)) ]; then
  echo "note: new data was written about as fast as the few files ($kept against $write MB/s for 100 MiB): recently" \
    "freed pages were not used up yet (as after deleting many GB shortly before); more warm-up rounds write more first"
fi
# Each round's transfer rates against the slowest reference of their size, and against the write+fsync of a few
# files (the reference before the new-data one was measured).
percent_of() { awk -v size="$1" -v dir="$2" -v ref="$3" '
  $0 ~ ": " size " MiB upload" {
    for (i = 1; i <= NF; i++) if ($i == "MB/s,") up = $(i - 1); else if ($i == "MB/s") down = $(i - 1)
    v = (dir == "upload") ? up : down; printf "%s%.0f %%", sep, 100 * v / ref; sep = ", "
  }' "$work/rounds"; }
for size in 1 100; do
  for dir in upload download; do
    if [ "$size" = 1 ]; then ref=$slowest1; few=$write1; else ref=$slowest100; few=$write; fi
    echo "$size MiB $dir by round: $(percent_of "$size" "$dir" "$ref") of the slowest reference," \
      "$(percent_of "$size" "$dir" "$few") of the write+fsync of a few files"
  done
done

if [ "${PER_REQUEST_ROUNDS:-0}" -gt 0 ]; then
  sleep 20
  for round in $(seq "$PER_REQUEST_ROUNDS"); do echo "per request, round $round: $(per_request_cpu)"; done
  for round in $(seq "$PER_REQUEST_ROUNDS"); do
    sleep 10 # the previous round's anchors settle
    echo "small uploads, round $round: $(small_uploads_cpu)"
  done
fi

# 41 requests to URL (curl options before it), one connection: the median of all but the first, and the request
# threads' CPU per request.
requests_cpu() {
  local url=${*: -1} options=("${@:1:$#-1}") n=41 urls=() pid t0 t1
  pid=$(node_pid)
  for _ in $(seq $n); do urls+=(-o /dev/null "$url"); done
  t0=$(request_ticks "$pid")
  http "${options[@]}" -w '%{http_code} %{time_total}\n' "${urls[@]}" > "$work/requests"
  t1=$(request_ticks "$pid")
  awk '$1 != 200 && $1 != 201 {exit 1}' "$work/requests" || { echo "a request to $url failed" >&2; exit 1; }
  awk '{print $2}' "$work/requests" > "$work/request-times"
  echo "$(median_ms "$work/request-times") ms, $(( (t1 - t0) * tick_us / n )) us CPU"
}
posts_cpu() { requests_cpu -H 'Content-Type: application/octet-stream' -H 'Expect:' --data-binary @"$work/1" "$@"; }

# FLOOR_ROUNDS rounds of 1 MiB uploads and downloads, the node's and the floor servlet's (see the top of this file).
platform_floor() {
  local payara="$root/server-config/target/payara6" floor="$work/floor" url record
  mkdir -p "$floor/WEB-INF/classes"
  javac --release 17 -cp "$payara/glassfish/modules/jakarta.servlet-api.jar" -d "$floor/WEB-INF/classes" \
    "$root/ehr-ear/src/test/benchmark/platform-floor/FloorServlet.java"
  cat > "$floor/WEB-INF/web.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
  <context-param><param-name>floor.directory</param-name><param-value>$home/data</param-value></context-param>
</web-app>
XML
  (cd "$floor" && jar cf "$work/floor.war" .)
  asadmin deploy --name custodia-platform-floor --contextroot custodia-platform-floor "$work/floor.war" > /dev/null
  floor_deployed=yes
  url=https://127.0.0.1:$port/custodia-platform-floor
  cp "$work/1" "$home/data/floor-serve.bin"
  record=$(http -u "$physician" -H 'Content-Type: application/octet-stream' -H 'Custodia-Record-Title: Floor' \
    --data-binary @"$work/1" "$api/patients/$patient/records?category=imaging" | grep -o '"id":"[0-9a-f]\{64\}"' | cut -d'"' -f4)
  for _ in $(seq 10); do # the servlet's paths compiled before they are measured
    posts_cpu "$url/store" > /dev/null; requests_cpu "$url/serve" > /dev/null
  done
  for round in $(seq "$FLOOR_ROUNDS"); do
    echo "platform floor, round $round: 1 MiB upload to the node" \
      "$(posts_cpu -u "$physician" -H 'Custodia-Record-Title: Floor' "$api/patients/$patient/records?category=imaging");" \
      "to a servlet that discards it $(posts_cpu "$url/discard"), hashes it $(posts_cpu "$url/hash")," \
      "hashes, writes and forces it $(posts_cpu "$url/store");" \
      "1 MiB download from the node $(requests_cpu -u "$physician" "$api/records/$record/content")," \
      "of a file the servlet hashes as it sends it $(requests_cpu "$url/serve")"
  done
  asadmin undeploy custodia-platform-floor > /dev/null
  floor_deployed=
}

if [ "${FLOOR_ROUNDS:-0}" -gt 0 ]; then
  platform_floor
fi

if [ "${ANCHOR_SERIES:-0}" -gt 0 ]; then
  anchor_soak
fi
