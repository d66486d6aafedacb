#!/usr/bin/env bash
# Hall compiler benchmark: compile time and GLB size for 10, 60 and 200 exhibits (beijiang-gallery, synthetic
# exhibitions cycling through the shipped exhibits' pictures), draw calls, triangles and texture memory against the
# headset budgets. Each size is compiled twice: first with the Image API's textures rendered, then warm (the peer).
# Driver: bench/halls/CompileBench (not in the solution, not a test).
# Usage: bench/halls.sh [OUT.md]   SIZES=10,60 bench/halls.sh   (prints the table and the machine's load)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp --suffix=.md)}"
bin=bench/out/halls/compile-bin
dotnet build bench/halls/CompileBench/CompileBench.csproj -c Release -v q -nologo -clp:NoSummary -o "$bin" >/dev/null
echo "date $(date -u '+%Y-%m-%d %H:%M UTC'), load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
dotnet "$bin/CompileBench.dll" "$out"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$out"
