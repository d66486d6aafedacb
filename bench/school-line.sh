#!/usr/bin/env bash
# The reading room on a school line (issue 13): the item page in headless chromium throttled to 10 Mbit/s and 40 ms
# (CDP Network.emulateNetworkConditions; bench/school-line/page-load.mjs): first contentful paint, first deep-zoom
# tile, bytes of script and CSS before that tile, cold and warm. Then the search page, the item page and the JSON API
# of the same query under wrk (2 threads, 8 connections, DURATION each) on loopback, unthrottled.
# Needs ./qy's build (curation-web/bin/Release, wwwroot/dist). Usage: bench/school-line.sh   (RUNS=3 DURATION=15s)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-/tmp/qy-school-line}"
PORT="${PORT:-18590}"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-15s}"
ITEM="${ITEM:-QY-RB-001}"
Q="${Q:-清远}"
DLL="$ROOT/curation-web/bin/Release/net10.0/QyHeritage.Web.dll"
. "$ROOT/bench/lib/subset.sh"
[ -f "$DLL" ] || { echo "build first: ./qy help"; exit 1; }
command -v wrk >/dev/null || apt-get -o DPkg::Lock::Timeout=900 install -y -q wrk >/dev/null

# 1. A data folder with the item (and the rest of its collection for the search), ingested once, OCR off.
DATA="$WORK/data"
if [ ! -f "$DATA/catalog.db" ]; then
  rm -rf "$WORK"; mkdir -p "$WORK"
  subset_ingest "$ROOT" "$DLL" "$WORK" "$DATA"
fi

# 2. The host on loopback.
dotnet "$DLL" serve --urls="http://127.0.0.1:$PORT" --Qy:DataFolder="$DATA" --Qy:IngestSampleOnFirstStart=false >"$WORK/host.log" 2>&1 &
HOST_PID=$!
trap 'kill $HOST_PID 2>/dev/null || true; wait $HOST_PID 2>/dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"
QE=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$Q")
for _ in $(seq 1 240); do curl -sf "$BASE/api/search?q=$QE" | grep -q "$ITEM" && break; sleep 0.5; done
curl -sf "$BASE/api/search?q=$QE" | grep -q "$ITEM" || { echo "the host did not come up or index"; cat "$WORK/host.log"; exit 1; }
# The host warms itself up on one item page at start (/health "warmup"); a visitor arriving later meets a warm host.
for _ in $(seq 1 120); do curl -sf "$BASE/health" | grep -Eq '"warmup":"(done|skipped|off|failed)"' && break; sleep 0.5; done

echo "## $(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores · chromium $(/usr/bin/chromium --version 2>/dev/null | grep -o '[0-9.]\+' | head -1)"
echo
echo "### Item page /items/$ITEM on 10 Mbit/s, 40 ms (cold: cache cleared; warm: again with that cache)"
echo
echo "| run | first contentful paint ms | first tile ms | script+CSS before tile kB | all before tile kB | requests before tile | all kB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
node --experimental-websocket --no-warnings "$ROOT/bench/school-line/page-load.mjs" "$BASE/items/$ITEM" "$RUNS" --markdown
# The peer in the same run: the same page asking for uncompressed answers.
node --experimental-websocket --no-warnings "$ROOT/bench/school-line/page-load.mjs" "$BASE/items/$ITEM" 1 --markdown --identity
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
for path in "/search?q=$QE" "/api/search?q=$QE" "/items/$ITEM"; do
  out=$(wrk -t2 -c8 -d"$DURATION" -s "$LUA" "$BASE$path" | tail -1)
  read -r rps p50 p99 errors <<<"$out"
  echo "| \`$(python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "$path")\` | $rps | $p50 | $p99 | $errors |"
done
