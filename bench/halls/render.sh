#!/usr/bin/env bash
# Headless hall renderer benchmark (immersive/Rendering, Silk.NET.OpenGL on surfaceless EGL):
# frame time at 2048×1024 (MSAA 4 and without), six 1344² views, and the 4096×2048 equirectangular
# panorama on a synthetic gallery of 100 draw calls (94 textured pictures and the room).
# On these machines EGL answers with Mesa llvmpipe (CPU); the figures are the CPU's.
#
#   bench/halls/render.sh                  # FRAMES=10 PANORAMAS=3 by default
#   APPEND=1 bench/halls/render.sh         # also append the raw output to bench/RESULTS.md's section
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$root/bench/out/halls
mkdir -p "$out"
frames=${FRAMES:-10}
panoramas=${PANORAMAS:-3}

dotnet build "$here/RenderBench/RenderBench.csproj" -c Release -v q -nologo -clp:NoSummary -o "$out/bin" >/dev/null
{
  echo "date $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "load_before $(cut -d' ' -f1-3 /proc/loadavg) cores $(nproc)"
  dotnet "$out/bin/RenderBench.dll" "$frames" "$panoramas" "$out"
  echo "load_after $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/render.txt"
echo "pictures: $out/bench-frame.jpg $out/bench-panorama.jpg" >&2
if [ "${APPEND:-0}" = 1 ]; then
  { echo; echo '```'; cat "$out/render.txt"; echo '```'; } >> "$root/bench/RESULTS.md"
fi
