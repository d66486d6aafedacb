#!/usr/bin/env bash
# Character accuracy (reading order) of the OCR over every page of the sample collection, per collection, with
# plain tesseract on the colour page as the peer in the same run. Usage: bench/ocr/accuracy.sh [--parallel N] [--csv FILE]
# Needs tesseract-ocr with chi_tra, chi_tra_vert and chi_sim (apt). Runs two pages at a time, one thread each.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
dotnet build bench/ocr/OcrBench -c Release -v q -nologo >/dev/null
exec dotnet bench/ocr/OcrBench/bin/Release/net10.0/OcrBench.dll assets/sample-collection --peer "$@"
