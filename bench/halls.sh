#!/usr/bin/env bash
# Hall compiler benchmark: compile time and GLB size for 10, 60 and 200 exhibits (beijiang-gallery, synthetic
# exhibitions cycling through the shipped exhibits' pictures), draw calls, triangles and texture memory against the
# headset budgets. Each size is compiled twice: Image API response cache cold (textures rendered), then warm (peer).
# Usage: bench/halls.sh [OUT.md]   (prints the table; needs the Release build of tests/QyHeritage.Immersive.Tests)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp --suffix=.md)}"
dotnet build tests/QyHeritage.Immersive.Tests -c Release -v q -nologo -clp:NoSummary >/dev/null
QY_BENCH_HALLS="$out" dotnet test tests/QyHeritage.Immersive.Tests -c Release --no-build \
  --filter "FullyQualifiedName~HallBenchmark" --logger "console;verbosity=minimal" >/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
cat "$out"
