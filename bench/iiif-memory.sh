#!/usr/bin/env bash
# Memory of the host on its default settings (issue 11): resident set size (VmRSS) of one `serve`
# process on a fresh data folder,
#   1. after the first-start ingest of the sample collection,
#   2. under an 8-connection tile load for LOAD_SECONDS (the highest 1-second sample, and at the end),
#   3. after ten `full/^max/0/default.png` renders (32 MP each, the maxArea) of distinct pages.
# Prints a Markdown table for bench/RESULTS.md. Extra host settings go in QY_ARGS (e.g.
# QY_ARGS="--Qy:Iiif:ReturnMemoryAboveMegapixels=0" to compare without returning memory).
#   bench/iiif-memory.sh            # OCR=false LOAD_SECONDS=60 WORK=/tmp/qy-iiif-memory PORT=18490
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-/tmp/qy-iiif-memory}"
PORT="${PORT:-18490}"
LOAD_SECONDS="${LOAD_SECONDS:-60}"
OCR="${OCR:-false}"
QY_ARGS="${QY_ARGS:-}"
URL="http://127.0.0.1:$PORT"
mkdir -p "$WORK"
command -v wrk >/dev/null || apt-get -o DPkg::Lock::Timeout=900 install -y wrk >/dev/null

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building the host (Release)…"
  dotnet build "$ROOT/curation-web" -c Release -v q -o "$WORK/bin" >/dev/null
fi
DATA="$WORK/data"
rm -rf "$DATA"
# From the repository: the host finds the PP-OCR models (tools/ocr-models) from its working folder.
cd "$ROOT"
# shellcheck disable=SC2086
dotnet "$WORK/bin/QyHeritage.Web.dll" --urls="$URL" --Qy:DataFolder="$DATA" --Qy:OcrEnabled="$OCR" \
  --Qy:SampleCollection="$ROOT/assets/sample-collection" --Logging:LogLevel:Default=Warning \
  --Logging:LogLevel:QyHeritage.Web.Features.FirstRun=Debug $QY_ARGS >"$WORK/host.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
rss() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$PID/status"; }

# 1. The first-start ingest, then a few seconds for the collector to settle.
started=$(date +%s)
until curl -sf "$URL/health" 2>/dev/null | grep -q '"sampleIngest":"done'; do
  kill -0 $PID 2>/dev/null || { echo "the host stopped:"; cat "$WORK/host.log"; exit 1; }
  curl -sf "$URL/health" 2>/dev/null | grep -q '"sampleIngest":"failed' && { curl -s "$URL/health"; exit 1; }
  sleep 2
done
INGEST_S=$(( $(date +%s) - started ))
sleep 5
RSS_INGEST=$(rss)
echo "ingest done in ${INGEST_S}s, RSS ${RSS_INGEST} MB"
# The first-start ingest's own account of releasing recognition and returning memory (working sets).
grep -m1 'recognition released' "$WORK/host.log" | sed 's/^ *//' || true
grep -q 'PP-OCR recognition model not found' "$WORK/host.log" && echo "WARNING: OCR ran without PP-OCR (run ./qy help to install tools/ocr-models)"

# 2. Tiles of every page, as a viewer asks for them: 256 px tiles at scale factors 1, 2, 4 and 512 px
#    regions at 1 (the mosaic), shuffled; the response cache serves repeats, as in production.
python3 - "$DATA/store/derivatives" "$URL" "$WORK/tiles.txt" "$WORK/pages.txt" <<'PY'
import json, os, random, sys, urllib.request
root, url, out, pages_out = sys.argv[1:]
ids = sorted(f"{item}~{f[:-4]}" for item in os.listdir(root) for f in os.listdir(os.path.join(root, item)) if f.endswith(".tif"))
paths = []
for ident in ids:
    info = json.load(urllib.request.urlopen(f"{url}/iiif/3/{ident}/info.json"))
    W, H = info["width"], info["height"]
    for step, scales in ((256, (1, 2, 4)), (512, (1,))):
        for s in scales:
            region = step * s
            for y in range(0, H, region):
                for x in range(0, W, region):
                    w, h = min(region, W - x), min(region, H - y)
                    paths.append(f"/iiif/3/{ident}/{x},{y},{w},{h}/{-(-w // s)},/0/default.jpg")
random.Random(11).shuffle(paths)
open(out, "w").write("\n".join(paths) + "\n")
open(pages_out, "w").write("\n".join(ids) + "\n")
print(f"{len(ids)} pages, {len(paths)} tile URLs")
PY
wrk -t2 -c8 -d"${LOAD_SECONDS}s" -s "$ROOT/bench/iiif-urls.lua" "$URL" -- "$WORK/tiles.txt" >"$WORK/wrk.txt" &
WRK=$!
RSS_LOAD_PEAK=0
while kill -0 $WRK 2>/dev/null; do
  r=$(rss); [ "$r" -gt "$RSS_LOAD_PEAK" ] && RSS_LOAD_PEAK=$r
  sleep 1
done
RSS_LOAD_END=$(rss)
RPS=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$WORK/wrk.txt")
NON2XX=$(awk '/Non-2xx/ { print $5 }' "$WORK/wrk.txt"); NON2XX=${NON2XX:-0}
echo "tile load: $RPS req/s, non-2xx $NON2XX, RSS peak $RSS_LOAD_PEAK MB, at the end $RSS_LOAD_END MB"

# 3. Ten 32 MP PNG renders, one after another, of ten distinct pages.
RSS_RENDER_PEAK=0
for ident in $(head -10 "$WORK/pages.txt"); do
  curl -sf -o "$WORK/max.png" "$URL/iiif/3/$ident/full/^max/0/default.png" &
  C=$!
  while kill -0 $C 2>/dev/null; do r=$(rss); [ "$r" -gt "$RSS_RENDER_PEAK" ] && RSS_RENDER_PEAK=$r; sleep 0.5; done
  wait $C || { echo "render of $ident failed"; exit 1; }
done
SIZE=$(python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); print('%dx%d' % struct.unpack('>II', d[16:24]))" "$WORK/max.png")
RSS_RENDER_NOW=$(rss)
sleep 5
RSS_RENDER=$(rss)
echo "ten ^max renders (last $SIZE): RSS peak $RSS_RENDER_PEAK MB, just after $RSS_RENDER_NOW MB, 5 s later $RSS_RENDER MB"

echo
echo "\`bench/iiif-memory.sh\` $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, OCR=$OCR, host args: ${QY_ARGS:-(defaults)}; load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| point | VmRSS MB |"
echo "| --- | ---: |"
echo "| after the sample ingest (${INGEST_S} s) | $RSS_INGEST |"
echo "| 8-connection tile load, ${LOAD_SECONDS} s ($RPS req/s, $NON2XX non-2xx): highest 1-s sample | $RSS_LOAD_PEAK |"
echo "| same, at the end of the load | $RSS_LOAD_END |"
echo "| ten \`^max\` PNG renders ($SIZE): highest sample while rendering | $RSS_RENDER_PEAK |"
echo "| after the ten renders (+5 s) | $RSS_RENDER |"
