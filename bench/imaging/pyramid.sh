#!/usr/bin/env bash
# Pyramid-building benchmark: our PyramidBuilder (NetVips, through a small console driver) against
# the `vips tiffsave` command line, on the same generated 10000x7500 JPEG master, in the same run.
# Every build is its own process under /usr/bin/time -v (wall time, peak RSS); the variants are
# interleaved run by run so that load from other users of the machine hits all of them alike.
#
#   bench/imaging/pyramid.sh            # RUNS=5 by default
#   RUNS=9 APPEND=1 bench/imaging/pyramid.sh   # also append the section to bench/RESULTS.md
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${RUNS:-5}
out=$root/bench/out/imaging
mkdir -p "$out"

if [ ! -x /usr/bin/time ]; then
  apt-get -o DPkg::Lock::Timeout=900 install -y time >/dev/null
fi
command -v vips >/dev/null || { echo "vips CLI missing: apt-get install libvips-tools" >&2; exit 1; }

# 1. The master: a sample page stretched to 10000x7500 plus Gaussian grain (sigma 12), so tiles
#    carry photo-like texture rather than flat upscaled paper, saved as JPEG Q90. Made once.
master=$out/master-10000x7500.jpg
if [ ! -s "$master" ]; then
  page=$root/assets/sample-collection/rd01_luxun_huanghuajie/p001.jpg
  vips thumbnail "$page" "$out/base.v" 10000 --height 7500 --size force
  vips gaussnoise "$out/noise.v" 10000 7500 --sigma 12 --mean 0
  vips cast "$out/noise.v" "$out/noise8.v" char
  vips add "$out/base.v" "$out/noise8.v" "$out/sum.v"
  vips cast "$out/sum.v" "$out/master.v" uchar
  vips jpegsave "$out/master.v" "$master" --Q 90
  rm -f "$out"/*.v
fi
vipsheader "$master"

# 2. Our driver, Release build.
dotnet build -c Release "$here/PyramidBench" -v q -nologo >/dev/null
ours=$here/PyramidBench/bin/Release/net10.0/PyramidBench

cli_args=(--tile --pyramid --compression jpeg --Q 85 --tile-width 256 --tile-height 256)

# One measured build: label, then the command, with @OUT@ standing for the output file.
# Appends "label wall_s rss_mb bytes" to raw.tsv.
measure() {
  local label=$1; shift
  local dest=$out/out-$label.tif
  rm -f "$dest"
  /usr/bin/time -v -o "$out/time.txt" "${@//@OUT@/$dest}" > "$out/stdout.txt"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$out/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$out/time.txt")
  printf '%s\t%s\t%s\t%s\n' "$label" "$wall" "$rss" "$(stat -c %s "$dest")" >> "$out/raw.tsv"
  if [ "${label#ours}" != "$label" ]; then cat "$out/stdout.txt"; fi
}

run_ours_floor=(sh -c "\"\$0\" \"\$1\" --probe-only && : > \"\$2\"" "$ours" "$master" @OUT@)
# Two pages at once, one per core, as ingest runs them: wall time of the pair (peak RSS is that of the larger process).
run_pair_1=(sh -c "\"\$0\" \"\$1\" \"\$2\" 1 >/dev/null & \"\$0\" \"\$1\" \"\$2.b\" 1 >/dev/null & wait; rm -f \"\$2.b\"" "$ours" "$master" @OUT@)
run_pair_2=(sh -c "\"\$0\" \"\$1\" \"\$2\" 2 >/dev/null & \"\$0\" \"\$1\" \"\$2.b\" 2 >/dev/null & wait; rm -f \"\$2.b\"" "$ours" "$master" @OUT@)
run_ours_1=("$ours" "$master" @OUT@ 1)
run_ours_2=("$ours" "$master" @OUT@ 2)
run_cli_default=(vips tiffsave "$master" @OUT@ "${cli_args[@]}")
run_cli_1=(env VIPS_CONCURRENCY=1 vips tiffsave "$master" @OUT@ "${cli_args[@]}")

# Warm the page cache and the JIT's disk reads once, unmeasured.
: > "$out/raw.tsv"
measure warmup-ours "${run_ours_1[@]}" >/dev/null; measure warmup-cli "${run_cli_default[@]}"
: > "$out/raw.tsv"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for i in $(seq "$runs"); do
  measure ours-t1 "${run_ours_1[@]}"
  measure cli-default "${run_cli_default[@]}"
  measure ours-t2 "${run_ours_2[@]}"
  measure cli-t1 "${run_cli_1[@]}"
  measure ours-floor "${run_ours_floor[@]}"
  measure pair-ours-t1 "${run_pair_1[@]}"
  measure pair-ours-t2 "${run_pair_2[@]}"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
col() { awk -v l="$1" -v c="$2" -F'\t' '$1 == l { print $c }' "$out/raw.tsv" | median; }

base_wall=$(col cli-default 2); base_rss=$(col cli-default 3)
vips_version=$(vips --version)
netvips_native=$(ls "$here/PyramidBench/bin/Release/net10.0/runtimes/linux-x64/native/" 2>/dev/null | grep -m1 -o 'libvips.*' || true)

{
  echo
  echo "## Imaging: pyramid build, 10000x7500 JPEG master ($(date -u +%Y-%m-%d))"
  echo
  echo "Master: a sample page stretched to 10000x7500 with Gaussian grain, JPEG Q90 ($(stat -c %s "$master") bytes)."
  echo "Output: tiled pyramidal TIFF, 256x256 JPEG Q85 tiles. $runs interleaved runs per variant, medians;"
  echo "each build is a separate process under \`/usr/bin/time -v\` (ours includes .NET start-up)."
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), shared with other engineers;"
  echo "load average before/after: $load_before / $load_after. CLI: $vips_version (Debian); ours: NetVips 3.2.0 with NetVips.Native 8.18.7."
  echo
  echo "| variant | wall s (median) | peak RSS MB (median) | output bytes | wall vs CLI | RSS vs CLI |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for l in ours-t1 ours-t2 cli-default cli-t1 ours-floor pair-ours-t1 pair-ours-t2; do
    w=$(col "$l" 2); r=$(col "$l" 3); b=$(col "$l" 4)
    printf '| %s | %.2f | %s | %s | %.2f | %.2f |\n' "$l" "$w" "$r" "$b" \
      "$(awk -v a="$w" -v b="$base_wall" 'BEGIN { print a / b }')" "$(awk -v a="$r" -v b="$base_rss" 'BEGIN { print a / b }')"
  done
  echo
  echo "ours-tN: \`PyramidBench MASTER OUT N\` (PyramidBuilder.Build, NetVips.Concurrency = N; production default N = 1)."
  echo "ours-floor: the same driver reading only the header (.NET runtime + libvips loaded, no pixels): what ours costs before any image work."
  echo "pair-ours-tN: two builds of the page at once (two processes, one page per core as ingest runs them); wall time of the pair, RSS of the larger process."
  echo "cli-default: \`vips tiffsave MASTER OUT ${cli_args[*]}\` (libvips concurrency = cores); cli-t1: same with VIPS_CONCURRENCY=1."
  echo "Command: \`RUNS=$runs bench/imaging/pyramid.sh\`. Raw rows: bench/out/imaging/raw.tsv."
} > "$out/section.md"

cat "$out/section.md"
if [ "${APPEND:-0}" = 1 ]; then
  [ -f "$root/bench/RESULTS.md" ] || echo "# Benchmark results" > "$root/bench/RESULTS.md"
  cat "$out/section.md" >> "$root/bench/RESULTS.md"
fi
