#!/usr/bin/env bash
# The curator's workshop (issue 14): publishing an exhibition of 60 exhibits (time, bytes written into its OCFL object)
# and 20 curators autosaving at once (p99 latency), with saving OCFL versions at the same rate as the peer.
# The rare-book and local-history items of the sample collection ingested once with OCR off; the host on loopback;
# bench/exhibitions/workshop-load.mjs drives the JSON API as signed-in curators (real sign-in form, anti-forgery header).
# Then the public story of those 60 exhibits on the school line (bench/school-line/page-load.mjs: 10 Mbit/s, 40 ms),
# cold and warm, as sent (HTML compressed by the host) and, the peer in the same run, asking for uncompressed answers.
# Needs the Release build (curation-web/bin/Release). Usage: bench/exhibitions.sh   (CURATORS=20 DURATION=10 RUNS=2)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
. "$ROOT/bench/lib/subset.sh"
WORK="${WORK:-/tmp/qy-bench-exhibitions}"
PORT="${PORT:-18591}"
CURATORS="${CURATORS:-20}"
SECONDS_EACH="${DURATION:-10}"
DLL="$ROOT/curation-web/bin/Release/net10.0/QyHeritage.Web.dll"
[ -f "$DLL" ] || { echo "build first: dotnet build QyHeritage.sln -c Release"; exit 1; }

DATA="$WORK/data"
ingest_subset "$ROOT" "$WORK" QY-RB- QY-LH-
PASSWORD="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
for i in $(seq 0 "$CURATORS"); do
  echo "$PASSWORD" | dotnet "$DLL" user add "bench-$i" --role curator --password-stdin --Qy:DataFolder="$DATA" >/dev/null
done

dotnet "$DLL" serve --urls="http://127.0.0.1:$PORT" --Qy:DataFolder="$DATA" --Qy:IngestSampleOnFirstStart=false \
  --Qy:Accounts:SignInAttemptsPerMinute=1000 >"$WORK/host.log" 2>&1 &
HOST_PID=$!
trap 'kill $HOST_PID 2>/dev/null || true; wait $HOST_PID 2>/dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 240); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.5; done

echo "## $(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores · load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"
echo
node "$ROOT/bench/exhibitions/workshop-load.mjs" "$BASE" "$DATA" "$PASSWORD" "$CURATORS" "$SECONDS_EACH"
echo
STORY="$BASE/exhibitions/bench-sixty"
echo "Story page HTML: $(curl -s -H 'Accept-Encoding: br' -o /dev/null -w '%{size_download}' "$STORY") bytes with br, $(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$STORY") with gzip, $(curl -s -o /dev/null -w '%{size_download}' "$STORY") uncompressed"
echo
echo "### The story of the 60 exhibits on 10 Mbit/s, 40 ms (its images are regions: \"deep-zoom first tile\" is the first region's arrival)"
echo
echo "| run | first contentful paint ms | first page image ms | deep-zoom first tile ms | viewer ready ms | script+CSS before image kB | all before image kB | requests before image | all kB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
node --experimental-websocket --no-warnings "$ROOT/bench/school-line/page-load.mjs" "$STORY" "${RUNS:-2}" --markdown
node --experimental-websocket --no-warnings "$ROOT/bench/school-line/page-load.mjs" "$STORY" "${RUNS:-2}" --markdown --identity
echo
echo "Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
