#!/usr/bin/env bash
# In-process timing of the IIIF image paths, without HTTP: lossless mosaic against libvips for
# 512 px tiles, TurboJPEG tile decoding against libvips' tiffload for full/!w,h thumbnails.
# Uses the 12000×9000 pyramid that bench/iiif-load.sh makes (run that once first).
#   bench/iiif-render.sh              # SECONDS_PER_ROW=3; BREAKDOWN=1 for the parts of a thumbnail
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-/tmp/qy-iiif-bench}"
PYR="$WORK/data/store/derivatives/BENCH-001/p001.tif"
[ -f "$PYR" ] || { echo "no $PYR: run bench/iiif-load.sh first" >&2; exit 1; }
dotnet build "$ROOT/bench/iiif/RenderBench" -c Release -v q -o "$WORK/render-bench" >/dev/null
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
dotnet "$WORK/render-bench/RenderBench.dll" "$PYR" "${SECONDS_PER_ROW:-3}"
