#!/usr/bin/env bash
# The reading room on a school line (issue 13): the item page in headless chromium throttled to 10 Mbit/s and 40 ms
# (CDP Network.emulateNetworkConditions; bench/school-line/page-load.mjs): first contentful paint, first deep-zoom
# tile, bytes of script and CSS before that tile, cold and warm. Then the search page, the item page and the JSON API
# of the same query under wrk (2 threads, 8 connections, DURATION each) on loopback, unthrottled.
# Needs ./qy's build (curation-web/bin/Release, wwwroot/dist). Usage: bench/school-line.sh   (RUNS=3 DURATION=15s)
# PEER=DIR: another built checkout (e.g. a worktree of an older commit, `dotnet build curation-web -c Release` and
# `node curation-web/client/build.mjs` run in it): its host is started too, on a copy of the same data folder, and each
# run measures the peer's item page right after this one's (same browser start, same load), rows labelled "peer".
# What each column means: bench/school-line/page-load.mjs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
. "$ROOT/bench/lib/subset.sh"
WORK="${WORK:-/tmp/qy-school-line}"
PORT="${PORT:-18590}"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-15s}"
ITEM="${ITEM:-QY-RB-001}"
Q="${Q:-清远}"
DLL="$ROOT/curation-web/bin/Release/net10.0/QyHeritage.Web.dll"
[ -f "$DLL" ] || { echo "build first: ./qy help"; exit 1; }
command -v wrk >/dev/null || apt-get -o DPkg::Lock::Timeout=900 install -y -q wrk >/dev/null

# 1. A data folder with the item (and the rest of its collection for the search), ingested once, OCR off.
DATA="$WORK/data"
if [ ! -f "$DATA/catalog.db" ]; then
  ingest_subset "$ROOT" "$WORK" QY-RB- QY-LH-
fi

# 2. The host on loopback (and the peer's on the next port, on its own copy of the data).
HOSTS=()
trap 'for p in "${HOSTS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done' EXIT
start_host() { # DLL PORT DATA LOG
  dotnet "$1" serve --urls="http://127.0.0.1:$2" --Qy:DataFolder="$3" --Qy:IngestSampleOnFirstStart=false >"$4" 2>&1 &
  HOSTS+=($!)
}
QE=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$Q")
wait_host() { # BASE LOG
  for _ in $(seq 1 240); do curl -sf "$1/api/search?q=$QE" | grep -q "$ITEM" && break; sleep 0.5; done
  curl -sf "$1/api/search?q=$QE" | grep -q "$ITEM" || { echo "the host at $1 did not come up or index"; cat "$2"; exit 1; }
  # The host warms itself up on one item page at start (/health "warmup"); a visitor arriving later meets a warm host.
  for _ in $(seq 1 120); do curl -sf "$1/health" | grep -Eq '"warmup":"(done|skipped|off|failed)"' && break; sleep 0.5; done
}
BASE="http://127.0.0.1:$PORT"
if [ -n "${PEER:-}" ]; then
  PEER_DLL="$PEER/curation-web/bin/Release/net10.0/QyHeritage.Web.dll"
  [ -f "$PEER_DLL" ] || { echo "PEER=$PEER is not built"; exit 1; }
  PEER_NAME="peer $(git -C "$PEER" rev-parse --short HEAD 2>/dev/null || basename "$PEER")"
  rm -rf "$WORK/peer-data"; cp -a "$DATA" "$WORK/peer-data"; rm -rf "$WORK/peer-data/work"
  PEER_BASE="http://127.0.0.1:$((PORT + 1))"
  start_host "$PEER_DLL" "$((PORT + 1))" "$WORK/peer-data" "$WORK/peer-host.log"
  wait_host "$PEER_BASE" "$WORK/peer-host.log"
fi
start_host "$DLL" "$PORT" "$DATA" "$WORK/host.log"
wait_host "$BASE" "$WORK/host.log"

LOAD() { cut -d' ' -f1-3 /proc/loadavg; }
echo "## $(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores · chromium $(/usr/bin/chromium --version 2>/dev/null | grep -o '[0-9.]\+' | head -1) · load average $(LOAD) before"
echo
echo "### Item page /items/$ITEM on 10 Mbit/s, 40 ms (cold: a new visitor; warm: the same again), ms after navigation start"
echo
echo "| run | first contentful paint ms | first page image ms | deep-zoom first tile ms | viewer ready ms | script+CSS before image kB | all before image kB | requests before image | all kB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
PAGE_LOAD=(node --experimental-websocket --no-warnings "$ROOT/bench/school-line/page-load.mjs")
for _ in $(seq 1 "$RUNS"); do
  "${PAGE_LOAD[@]}" "$BASE/items/$ITEM" 1 --markdown --label=new
  [ -z "${PEER:-}" ] || "${PAGE_LOAD[@]}" "$PEER_BASE/items/$ITEM" 1 --markdown "--label=$PEER_NAME"
done
# What the page costs without build.mjs's brotli copies: the same page asking for uncompressed answers.
"${PAGE_LOAD[@]}" "$BASE/items/$ITEM" 1 --markdown --identity --label=new
echo
echo "Load average after the page runs: $(LOAD)"
echo
echo "### Under load: wrk -t2 -c8 -d$DURATION, loopback, with Accept-Encoding: br, gzip"
echo
echo "| address | requests/s | p50 ms | p99 ms | errors |"
echo "| --- | ---: | ---: | ---: | ---: |"
LUA="$WORK/latency.lua"
cat >"$LUA" <<'LUA'
wrk.headers["Accept-Encoding"] = "br, gzip"
done = function(summary, latency, requests)
  io.write(string.format("%.1f %.1f %.1f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status))
end
LUA
wrk_row() { # NAME URL
  out=$(wrk -t2 -c8 -d"$DURATION" -s "$LUA" "$2" | tail -1)
  read -r rps p50 p99 errors <<<"$out"
  echo "| $1 | $rps | $p50 | $p99 | $errors |"
}
decode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "$1"; }
for path in "/search?q=$QE" "/api/search?q=$QE" "/items/$ITEM"; do
  wrk_row "\`$(decode "$path")\`" "$BASE$path"
done
[ -z "${PEER:-}" ] || wrk_row "\`/items/$ITEM\` ($PEER_NAME)" "$PEER_BASE/items/$ITEM"
echo
echo "Load average at the end: $(LOAD)"
