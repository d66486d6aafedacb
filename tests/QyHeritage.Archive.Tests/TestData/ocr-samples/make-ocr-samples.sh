#!/bin/sh
# Regenerates the hOCR fixtures in this folder from the sample collection.
# Run from anywhere; needs the Debian tesseract 5.3 packages (chi_sim, chi_tra_vert) and the vips CLI.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export OMP_THREAD_LIMIT=1
cd "$tmp"

# Rare-book pages: red column rules defeat page segmentation, so OCR the red channel only.
for folder in rb03_gdtz_j10_qingyuan_shanchuan rb05_gdtz_j53_qingyuan_guji; do
  vips extract_band "$repo/assets/sample-collection/$folder/p001.jpg" "$folder-p001-red.png" 0
  tesseract "$folder-p001-red.png" "$here/$folder-p001" -l chi_tra_vert --psm 5 -c hocr_char_boxes=1 hocr
done

# Republic-era page: red channel too (slightly better than colour).
folder=rd01_luxun_huanghuajie
vips extract_band "$repo/assets/sample-collection/$folder/p001.jpg" "$folder-p001-red.png" 0
tesseract "$folder-p001-red.png" "$here/$folder-p001" -l chi_tra_vert --psm 5 -c hocr_char_boxes=1 hocr

# Horizontal modern page: colour image as is.
folder=lh03_wiki_beijiang
cp "$repo/assets/sample-collection/$folder/p001.jpg" "$folder-p001.jpg"
tesseract "$folder-p001.jpg" "$here/$folder-p001" -l chi_sim --psm 6 -c hocr_char_boxes=1 hocr

# Newspaper page: automatic page segmentation for the tiers.
folder=np01_synthetic_newspaper
cp "$repo/assets/sample-collection/$folder/p001.jpg" "$folder-p001.jpg"
tesseract "$folder-p001.jpg" "$here/$folder-p001" -l chi_tra_vert --psm 3 -c hocr_char_boxes=1 hocr
