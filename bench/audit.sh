#!/usr/bin/env bash
# `qy audit` throughput (MB/s of content digests verified) against `sha512sum` over the same files,
# in the same run. The store: the sample collection plus two items of five large masters each
# (10000×7500 JPEGs, generated here), ingested with OCR off into a fresh data folder; the audit
# reads every OCFL content file once. Usage, from the repository root: bench/audit.sh [RUNS]
# BIG=N masters instead of ten, five per item (BIG=30 makes a store of about 275 MB of content).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
BIG=${BIG:-10}
items=$(( (BIG + 4) / 5 ))
command -v /usr/bin/time >/dev/null || apt-get install -y -q time >/dev/null
dotnet build QyHeritage.sln -c Release -v q -nologo >/dev/null
DLL=curation-web/bin/Release/net10.0/QyHeritage.Web.dll
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
dotnet "$DLL" ingest assets/sample-collection --Qy:DataFolder="$data" --Qy:OcrEnabled=false >/dev/null
big="$data/big"
for b in $(seq 1 "$items"); do mkdir -p "$big/b$b"; done
page=assets/sample-collection/rb01_gdtz_j04_qingyuan_jiangyu/p001.jpg
for i in $(seq 1 "$BIG"); do
  # Each master differs (noise), so deduplication does not shrink the store.
  vips resize "$page" "$big/r.v" 4.17 >/dev/null
  vips gaussnoise "$big/n.v" "$(vipsheader -f width "$big/r.v")" "$(vipsheader -f height "$big/r.v")" --sigma 8 >/dev/null
  vips add "$big/r.v" "$big/n.v" "$big/s.v" >/dev/null
  vips jpegsave "$big/s.v" "$big/b$(( (i - 1) / 5 + 1 ))/p$(printf %03d $(( (i - 1) % 5 + 1 ))).jpg" --Q 90 >/dev/null
done
rm -f "$big"/*.v
{ head -1 assets/sample-collection/items.csv
  for b in $(seq 1 "$items"); do
    echo "QY-BENCH-$b,rare-book,測試,Bench,,,,,\"traditional characters, vertical\",,,,,b$b,"
  done
} > "$big/items.csv"
dotnet "$DLL" ingest "$big" --Qy:DataFolder="$data" --Qy:OcrEnabled=false >/dev/null
files=$(find "$data/store/ocfl" -path '*/content/*' -type f)
mb=$(echo "$files" | xargs cat | wc -c | awk '{ printf "%.1f", $1 / 1048576 }')
echo "date=$(date -u +%F) files=$(echo "$files" | wc -l) content_mb=$mb runs=$RUNS load_before=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
for run in $(seq "$RUNS"); do
  cat $files >/dev/null # warm the page cache equally for both
  /usr/bin/time -f "%e %M" -o /tmp/qy-audit-time dotnet "$DLL" audit --no-derivatives --Qy:DataFolder="$data" >/dev/null 2>&1
  read -r ours rss_ours < /tmp/qy-audit-time
  /usr/bin/time -f "%e %M" -o /tmp/qy-sha-time sh -c "echo \"$files\" | xargs sha512sum >/dev/null"
  read -r peer rss_peer < /tmp/qy-sha-time
  echo "run=$run qy_audit_s=$ours qy_audit_mb_s=$(awk "BEGIN { printf \"%.0f\", $mb / $ours }") qy_rss_mib=$((rss_ours/1024)) sha512sum_s=$peer sha512sum_mb_s=$(awk "BEGIN { printf \"%.0f\", $mb / $peer }")"
done
echo "load_after=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
