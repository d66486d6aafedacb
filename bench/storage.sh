#!/usr/bin/env bash
# Storage benchmark: the sample collection ingested into the file-system store, into s3rver and into
# Ceph RGW (wall time, MB/s of masters), and IIIF 256 px tiles served from each (wrk, 2 threads, 4
# connections): from S3 with the local pyramid cache emptied before (cold) and then filled (warm),
# and from the file system as the reference. OCR is off at ingest: this measures storage and
# pyramids, not tesseract. s3rver (npm, tools/node) and a one-node Ceph with its RADOS Gateway
# (bench/ceph-rgw.sh; objects in RAM) run on 127.0.0.1 for the run and are stopped after.
# Without Ceph's binaries the RGW rows are left out (said on stderr and in the report).
# Writes markdown to stdout and bench/out/storage.md.
# Usage, from anywhere: bench/storage.sh   (DURATION=15s RUNS=1 KEEP=1 to keep the work folder)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION="${DURATION:-15s}"
RUNS="${RUNS:-1}"
WORK="$(mktemp -d /tmp/qy-storage-bench.XXXXXX)"
SAMPLE="$ROOT/assets/sample-collection"
mkdir -p bench/out
OUT="$ROOT/bench/out/storage.md"

command -v wrk >/dev/null && command -v /usr/bin/time >/dev/null || apt-get -o DPkg::Lock::Timeout=900 install -y -q wrk time >/dev/null
S3RVER="$ROOT/tools/node/node_modules/.bin/s3rver"
[ -x "$S3RVER" ] || (cd tools/node && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
echo "building the host (Release)…" >&2
dotnet build curation-web -c Release -v q -nologo >/dev/null
DLL="$ROOT/curation-web/bin/Release/net10.0/QyHeritage.Web.dll"

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  [ -d "$WORK/ceph" ] && bench/ceph-rgw.sh stop "$WORK/ceph"
  [ "${KEEP:-}" = 1 ] && echo "work folder kept: $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 150); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.2; done; echo "nothing listens on $1" >&2; exit 1; }

# s3rver, as the tests start it (its listings need OpenSSL's legacy provider on node 17+).
S3PORT=$(free_port)
NODE_OPTIONS=--openssl-legacy-provider "$S3RVER" -d "$WORK/s3rver" -a 127.0.0.1 -p "$S3PORT" --silent --no-vhost-buckets >"$WORK/s3rver.log" 2>&1 &
S3PID=$!
PIDS+=("$S3PID")
wait_port "$S3PORT"
# The host's settings for each S3 store; the bucket is added per run.
declare -A SENV
SENV[s3]="Qy__Storage=S3 Qy__S3__Endpoint=127.0.0.1:$S3PORT Qy__S3__UseTls=false QY_S3_ACCESS_KEY=S3RVER QY_S3_SECRET_KEY=S3RVER"
STORES=(fs s3)
if command -v radosgw >/dev/null && command -v ceph-osd >/dev/null && command -v ceph-mon >/dev/null; then
  echo "starting Ceph RGW…" >&2
  read -r RGWPORT RGWKEY RGWSECRET < <(bench/ceph-rgw.sh start "$WORK/ceph")
  [ -n "${RGWPORT:-}" ] || { echo "Ceph RGW did not start; see above" >&2; exit 1; }
  SENV[rgw]="Qy__Storage=S3 Qy__S3__Endpoint=127.0.0.1:$RGWPORT Qy__S3__UseTls=false QY_S3_ACCESS_KEY=$RGWKEY QY_S3_SECRET_KEY=$RGWSECRET"
  STORES+=(rgw)
else
  echo "!!! Ceph RGW rows left out: radosgw, ceph-mon, ceph-osd not installed (./qy installs them) !!!" >&2
fi

MASTER_BYTES=$(find "$SAMPLE" -mindepth 2 -maxdepth 2 -regextype posix-extended -regex '.*/p[0-9]+\.(jpg|jpeg|png|tif|tiff)' -printf '%s\n' | awk '{ s += $1 } END { print s }')
PAGES=$(find "$SAMPLE" -mindepth 2 -maxdepth 2 -name 'p*.jpg' | wc -l)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# 1. Ingest, RUNS times into fresh data folders (and fresh buckets); the median wall time counts.
ingest() { # $1: fs|s3, $2: run → wall seconds; leaves $WORK/$1 as the data folder of the last run
  rm -rf "${WORK:?}/$1"
  local cmd=(dotnet "$DLL" ingest "$SAMPLE" --Qy:DataFolder="$WORK/$1" --Qy:OcrEnabled=false)
  # shellcheck disable=SC2206 # the settings are single words
  [ "$1" != fs ] && cmd=(env ${SENV[$1]} Qy__S3__Bucket="bench-$2" "${cmd[@]}")
  /usr/bin/time -f "%e %M" -o "$WORK/time-$1" "${cmd[@]}" >"$WORK/ingest-$1.log" 2>&1 \
    || { echo "ingest into $1 failed:" >&2; tail -20 "$WORK/ingest-$1.log" >&2; exit 1; }
  read -r wall rss <"$WORK/time-$1"
  echo "$wall $((rss / 1024))"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
declare -A WALL RSS
for store in "${STORES[@]}"; do
  walls=()
  for run in $(seq 1 "$RUNS"); do
    echo "ingest into $store, run $run…" >&2
    res=$(ingest "$store" "$run")
    read -r w r <<<"$res"
    walls+=("$w"); RSS[$store]=$r
  done
  WALL[$store]=$(printf '%s\n' "${walls[@]}" | median)
done
STORE_MB_FS=$(du -sm "$WORK/fs/store" | cut -f1)
STORE_MB_S3=$(du -sm "$WORK/s3rver" | cut -f1)

# 2. IIIF tiles: every full-resolution 256 px tile of every page, shuffled with a fixed seed.
start_host() { # $1: fs|s3 → HOST_PID, HOST_PORT
  HOST_PORT=$(free_port)
  local cmd=(dotnet "$DLL" serve --urls="http://127.0.0.1:$HOST_PORT" --Qy:DataFolder="$WORK/$1"
    --Qy:IngestSampleOnFirstStart=false --Qy:Iiif:CacheMegabytes=0 --Qy:Iiif:CacheFolder="$WORK/iiif-cache-$1"
    --Qy:Audit:Interval=00:00:00 --Logging:LogLevel:Default=Warning)
  # shellcheck disable=SC2206
  [ "$1" != fs ] && cmd=(env ${SENV[$1]} Qy__S3__Bucket="bench-$RUNS" "${cmd[@]}")
  "${cmd[@]}" >"$WORK/host-$1.log" 2>&1 &
  HOST_PID=$!
  PIDS+=("$HOST_PID")
  wait_port "$HOST_PORT"
}
stop_host() { kill "$HOST_PID"; wait "$HOST_PID" 2>/dev/null || true; }

start_host fs
python3 - "http://127.0.0.1:$HOST_PORT" "$WORK/tiles.txt" <<'PY'
import json, random, sys, urllib.request
base = sys.argv[1]
get = lambda path: json.load(urllib.request.urlopen(base + path))
urls = []
for listed in get("/api/items")["items"]:
    item = get("/api/items/" + listed["id"])
    for p in item["pages"]:
        w, h = p["width"], p["height"]
        if not w or not h: continue  # a page with a transcription and no image
        for y in range(0, h, 256):
            for x in range(0, w, 256):
                tw, th = min(256, w - x), min(256, h - y)
                urls.append(f"/iiif/3/{item['id']}~p{p['order']:03d}/{x},{y},{tw},{th}/{tw},/0/default.jpg")
random.Random(42).shuffle(urls)
open(sys.argv[2], "w").write("\n".join(urls) + "\n")
PY
TILES=$(wc -l <"$WORK/tiles.txt")
[ "$TILES" -gt 0 ] || { echo "no tile URLs: /api/items has no page sizes" >&2; exit 1; }

to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms/,"",v) } else if (v ~ /s$/) { sub(/s/,"",v); v=v*1000 }; printf "%.1f", v }'; }
measure() { # $1: label → "rps p50 p99 non2xx"; the host must answer the first URL with an image first
  local code out rps p50 p99 errors
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HOST_PORT$(head -1 "$WORK/tiles.txt")")
  [ "$code" = 200 ] || { echo "$1: HTTP $code for $(head -1 "$WORK/tiles.txt")" >&2; exit 1; }
  out=$(wrk -t2 -c4 -d"$DURATION" --latency -s "$ROOT/bench/iiif-urls.lua" "http://127.0.0.1:$HOST_PORT" -- "$WORK/tiles.txt")
  echo "$out" >"$WORK/wrk-$1.txt"
  rps=$(echo "$out" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
  p50=$(echo "$out" | awk '$1=="50%" { print $2 }' | to_ms)
  p99=$(echo "$out" | awk '$1=="99%" { print $2 }' | to_ms)
  errors=$(echo "$out" | awk '/Non-2xx/ { print $5 }')
  echo "$rps $p50 $p99 ${errors:-0}"
}
declare -A R
echo "wrk: file-system store…" >&2
R[fs]=$(measure fs)
stop_host

# Cold: the local pyramid cache emptied and the host restarted, so each page's first tile waits on its download.
declare -A CACHE_MB
for store in "${STORES[@]:1}"; do
  rm -rf "$WORK/$store/work/s3-cache"
  start_host "$store"
  echo "wrk: $store, cold pyramid cache…" >&2
  R[${store}cold]=$(measure "$store-cold")
  # Warm: one tile of every page first, so that every pyramid is in the local cache.
  awk -F/ '!seen[$4]++' "$WORK/tiles.txt" | sed "s|^|http://127.0.0.1:$HOST_PORT|" | xargs -P4 -n1 curl -s -o /dev/null
  echo "wrk: $store, warm pyramid cache…" >&2
  R[${store}warm]=$(measure "$store-warm")
  CACHE_MB[$store]=$(du -sm "$WORK/$store/work/s3-cache" 2>/dev/null | cut -f1)
  stop_host
done

# 3. The report.
mbs() { awk -v b="$MASTER_BYTES" -v s="$1" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
{
  echo "# Storage benchmark: file system, S3 on s3rver and S3 on Ceph RGW"
  echo
  echo "\`bench/storage.sh\`, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), s3rver $(node -p "require('$ROOT/tools/node/node_modules/s3rver/package.json').version") on 127.0.0.1 (files on local disk, no TLS)$([ -n "${SENV[rgw]:-}" ] && echo ", Ceph RGW $(radosgw --version | awk '{ print $3 }') on 127.0.0.1 (one memstore OSD: objects in RAM, no TLS)" || echo "; **Ceph RGW not installed: its rows are missing**")."
  echo
  echo "## Ingest of the sample collection ($PAGES pages, $(awk -v b="$MASTER_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB of masters)"
  echo
  echo "\`qy ingest assets/sample-collection --Qy:OcrEnabled=false\` into a fresh data folder (and, for S3, a fresh bucket). **OCR off**, so the time is"
  echo "reading, digesting and storing masters, building and storing pyramids, OCFL inventories and the catalog and index; the process start (about a second) is included. Median of $RUNS run(s)."
  echo
  echo "| store | wall s | MB/s of masters | pages/s | peak RSS MiB | stored MiB |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  echo "| file system | ${WALL[fs]} | $(mbs "${WALL[fs]}") | $(awk -v p="$PAGES" -v s="${WALL[fs]}" 'BEGIN { printf "%.2f", p / s }') | ${RSS[fs]} | $STORE_MB_FS |"
  echo "| S3 (s3rver) | ${WALL[s3]} | $(mbs "${WALL[s3]}") | $(awk -v p="$PAGES" -v s="${WALL[s3]}" 'BEGIN { printf "%.2f", p / s }') | ${RSS[s3]} | $STORE_MB_S3 (s3rver's folder, all runs) |"
  [ -n "${WALL[rgw]:-}" ] && echo "| S3 (Ceph RGW) | ${WALL[rgw]} | $(mbs "${WALL[rgw]}") | $(awk -v p="$PAGES" -v s="${WALL[rgw]}" 'BEGIN { printf "%.2f", p / s }') | ${RSS[rgw]} | (in RAM) |"
  echo
  echo "## IIIF 256 px tiles"
  echo
  echo "wrk, 2 threads, 4 connections, $DURATION per row, over the $TILES full-resolution 256 px tiles of every page in shuffled order"
  echo "(\`bench/iiif-urls.lua\`). The host's response cache is off (\`Qy:Iiif:CacheMegabytes=0\`), so every tile is cut from its pyramid."
  echo "Cold: the local pyramid cache (\`data/work/s3-cache\`) emptied and the host restarted before the run, so each page's first tile"
  echo "downloads its pyramid; warm: right after, with one tile of every page requested first (cache then ${CACHE_MB[s3]} MiB)."
  echo
  echo "| store | req/s | p50 ms | p99 ms | non-2xx |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  for k in fs:"file system (reference)" s3cold:"s3rver, cold pyramid cache" s3warm:"s3rver, warm pyramid cache" rgwcold:"Ceph RGW, cold pyramid cache" rgwwarm:"Ceph RGW, warm pyramid cache"; do
    [ -n "${R[${k%%:*}]:-}" ] || continue
    read -r rps p50 p99 err <<<"${R[${k%%:*}]}"
    echo "| ${k#*:} | $rps | $p50 | $p99 | $err |"
  done
  echo
  echo "Load average (1, 5, 15 min) at the start: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg). Above the core count, other work shared the CPUs: compare the rows, not the absolute numbers."
} >"$OUT"
cat "$OUT"
