#!/usr/bin/env bash
# Character accuracy (reading order) of the OCR over every page of a collection folder in the sample-collection format
# (items.csv with its 15 columns, one folder per item with pNNN.jpg and pNNN.txt), per collection, with plain tesseract
# on the colour page as the peer in the same run.
# Usage: bench/ocr/accuracy.sh [FOLDER] [--parallel N] [--csv FILE] [--readers tesseract,paddle,both,glyphs]
#   FOLDER defaults to assets/sample-collection; ../shared/real-scans holds real scans with real transcriptions.
# Needs tesseract-ocr with chi_tra, chi_tra_vert and chi_sim (apt), and for the paddle/both readers the PP-OCR models
# (./qy installs them into tools/ocr-models). Runs two pages at a time, one thread each.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
folder="assets/sample-collection"
if [[ $# -gt 0 && "$1" != --* ]]; then folder="$(cd "$1" && pwd)"; shift; fi
[[ -f "$folder/items.csv" || -f "$root/$folder/items.csv" ]] || { echo "no items.csv in $folder" >&2; exit 2; }
cd "$root"
dotnet build bench/ocr/OcrBench -c Release -v q -nologo >/dev/null
exec dotnet bench/ocr/OcrBench/bin/Release/net10.0/OcrBench.dll "$folder" --peer "$@"
