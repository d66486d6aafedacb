#!/usr/bin/env bash
# The hall client's frame time on the shipped halls (issue 15): beijiang-history (template beijiang-gallery) and
# qingyuan-tea (tea-pavilion), published from assets/exhibitions over the rare-book and local-history sample items,
# drawn by /halls/{id} in headless Debian chromium (WebGL 2 on SwiftShader, i.e. the CPU) and measured at every tour
# stop by bench/halls/client-frames.mjs: draw calls, triangles, texture memory, frame-time percentiles, and the empty
# canvas in the same run as the peer. The host's own panorama renderer is off (it would share the CPU with SwiftShader).
# Needs the Release build (curation-web/bin/Release) and the front end built.
# Usage: bench/halls/client.sh   (FRAMES=60 per stop, WIDTH=1280 HEIGHT=900 window)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${WORK:-/tmp/qy-bench-hall-client}"
PORT="${PORT:-18593}"
DLL="$ROOT/curation-web/bin/Release/net10.0/QyHeritage.Web.dll"
[ -f "$DLL" ] || { echo "build first: dotnet build QyHeritage.sln -c Release"; exit 1; }
. "$ROOT/bench/lib/subset.sh"

DATA="$WORK/data"
if [ ! -f "$DATA/catalog.db" ]; then
  ingest_subset "$ROOT" "$WORK" QY-RB- QY-LH-
fi
# The shipped exhibitions are published at start beside a sample folder already ingested (the first-start marker).
rm -rf "$WORK/exhibitions"; cp -r "$ROOT/assets/exhibitions" "$WORK/exhibitions"
[ -f "$DATA/.sample-ingested" ] || date -u +%FT%TZ >"$DATA/.sample-ingested"

dotnet "$DLL" serve --urls="http://127.0.0.1:$PORT" --Qy:DataFolder="$DATA" --Qy:SampleCollection="$WORK/subset" \
  --Qy:OcrEnabled=false --Qy:Halls:Renderer=off >"$WORK/host.log" 2>&1 &
HOST_PID=$!
trap 'kill $HOST_PID 2>/dev/null || true; wait $HOST_PID 2>/dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 240); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.5; done
# Compiled on publish; asking for the GLB waits for (or does) the compile.
for id in beijiang-history qingyuan-tea; do
  for _ in $(seq 1 120); do curl -sf -o /dev/null "$BASE/halls/$id.glb" && break; sleep 2; done
done

echo "## $(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores · load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"
echo
node --experimental-websocket "$ROOT/bench/halls/client-frames.mjs" "$BASE" beijiang-history qingyuan-tea
echo
echo "Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
