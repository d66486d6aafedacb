#!/usr/bin/env bash
# Ingest of the whole sample collection into a fresh file-system store: wall time, pages/s and
# peak memory (max RSS), with and without OCR. Usage: bench/ingest.sh  (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || apt-get install -y -q time >/dev/null
dotnet build QyHeritage.sln -c Release -v q -nologo >/dev/null
DLL=curation-web/bin/Release/net10.0/QyHeritage.Web.dll
PAGES=$(ls assets/sample-collection/*/p*.jpg | wc -l)
for ocr in false true; do
  data=$(mktemp -d)
  /usr/bin/time -f "%e %M" -o /tmp/qy-ingest-time dotnet "$DLL" ingest assets/sample-collection \
      --Qy:DataFolder="$data" --Qy:OcrEnabled=$ocr >/dev/null
  read -r wall rss_kb < /tmp/qy-ingest-time
  pps=$(python3 -c "print(f'{$PAGES/$wall:.2f}')")
  echo "ocr=$ocr pages=$PAGES wall_s=$wall pages_per_s=$pps peak_rss_mib=$((rss_kb/1024)) store_mib=$(du -sm "$data/store" | cut -f1)"
  rm -rf "$data"
done
