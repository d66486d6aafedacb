#!/usr/bin/env bash
# Development pages for the OCR (issue 17): the sample collection's transcriptions drawn as real pages look — black
# frames, column rules and a 版心, ink spread and broken strokes, paper tone, stains, show-through, skew and warp, JPEG —
# in fonts the glyph templates are not drawn from (CNS 11643 Sung/Kai, cwTeX). Writes OUT in the sample-collection
# format, so `bench/ocr/accuracy.sh OUT --readers tesseract,both,glyphs` measures it unchanged.
# Usage: bench/ocr/pagegen.sh OUT [--seed N] [--kinds classical,republican,newspaper,horizontal] [--pages N] [--only PREFIX]
#   --seed    same seed, same bytes (default 1)
#   --kinds   which looks (default all); republican writes each item twice: a book page and a magazine page (_mag,
#             three tiers, ~10 px characters)
#   --pages   at most N pages an item (default all)
# Needs fonts-cns11643-sung fonts-cns11643-kai fonts-cwtex-ming fonts-cwtex-kai fonts-cwtex-fs (./qy test installs them).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
[[ $# -gt 0 && "$1" != --* ]] || { sed -n '2,11p' "$0" >&2; exit 2; }
out="$(mkdir -p "$1" && cd "$1" && pwd)"; shift
cd "$root"
dotnet build bench/ocr/PageGen -c Release -v q -nologo >/dev/null
exec dotnet bench/ocr/PageGen/bin/Release/net10.0/PageGen.dll "$out" --source assets/sample-collection "$@"
