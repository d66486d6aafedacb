#!/usr/bin/env bash
# Ingest of the whole sample collection into a fresh file-system store: wall time, pages/s and
# peak memory (max RSS), with and without OCR. Peer in the same run: a shell script doing the bare
# minimum per page with the command-line tools, two pages at a time (xargs -P2): sha512sum, a
# `vips tiffsave` pyramid and, with OCR, plain `tesseract` on the colour page. No OCFL, no catalog.
# Usage, from the repository root: bench/ingest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || apt-get install -y -q time >/dev/null
dotnet build QyHeritage.sln -c Release -v q -nologo >/dev/null
DLL=curation-web/bin/Release/net10.0/QyHeritage.Web.dll
PAGES=$(ls assets/sample-collection/*/p*.jpg | wc -l)
echo "date=$(date -u +%F) load_before=\"$(cut -d' ' -f1-3 /proc/loadavg)\""

report() { # label ocr timefile store
  read -r wall rss_kb < "$3"
  pps=$(python3 -c "print(f'{$PAGES/$wall:.2f}')")
  echo "$1 ocr=$2 pages=$PAGES wall_s=$wall pages_per_s=$pps peak_rss_mib=$((rss_kb/1024)) store_mib=$(du -sm "$4" | cut -f1)"
}

peer_page() { # page out ocr
  local page=$1 out=$2/$(echo "$1" | tr '/' '_')
  sha512sum "$page" >/dev/null
  vips tiffsave "$page" "$out.tif" --tile --pyramid --compression jpeg --Q 85 --tile-width 256 --tile-height 256
  if [ "$3" = true ]; then
    case "$page" in
      *lh03*|*lh04*) OMP_THREAD_LIMIT=1 tesseract "$page" "$out" -l chi_sim --psm 6 hocr >/dev/null 2>&1 ;;
      *) OMP_THREAD_LIMIT=1 tesseract "$page" "$out" -l chi_tra_vert --psm 5 hocr >/dev/null 2>&1 ;;
    esac
  fi
}
export -f peer_page

for ocr in false true; do
  data=$(mktemp -d)
  /usr/bin/time -f "%e %M" -o /tmp/qy-ingest-time dotnet "$DLL" ingest assets/sample-collection \
      --Qy:DataFolder="$data" --Qy:OcrEnabled=$ocr >/dev/null
  report qy "$ocr" /tmp/qy-ingest-time "$data/store"
  rm -rf "$data"

  out=$(mktemp -d)
  ls assets/sample-collection/*/p*.jpg | /usr/bin/time -f "%e %M" -o /tmp/qy-peer-time \
      xargs -P2 -I{} bash -c "peer_page {} $out $ocr"
  report peer-shell "$ocr" /tmp/qy-peer-time "$out"
  rm -rf "$out"
done
echo "load_after=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
