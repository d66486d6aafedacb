#!/usr/bin/env bash
# Regenerates search/Folding/folding-table.tsv from Debian's Unicode data and OpenCC dictionaries.
# Needs: apt-get install unicode-data opencc python3 (only to regenerate; the table is checked in).
#   search/Folding/generate-folding-table.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for pkg in unicode-data opencc; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || {
    echo "generate-folding-table: install $pkg first (apt-get install unicode-data opencc)" >&2; exit 1; }
done
# OpenCC ships its dictionaries binary (ocd2); dump the ones the table is made from.
for d in TSCharacters STCharacters TSPhrases TWVariantsRev HKVariantsRev JPVariantsRev; do
  opencc_dict -i "/usr/share/opencc/$d.ocd2" -o "$work/$d.txt" -f ocd2 -t text
done
for f in Variants Readings IRGSources; do
  bzcat "/usr/share/unicode/Unihan_$f.txt.bz2" > "$work/Unihan_$f.txt"
done
python3 "$here/generate_folding_table.py" "$work" /usr/share/unicode/UnicodeData.txt \
  "$(dpkg-query -W -f='${Version}' unicode-data)" "$(dpkg-query -W -f='${Version}' opencc)" > "$here/folding-table.tsv.new"
mv "$here/folding-table.tsv.new" "$here/folding-table.tsv"
echo "wrote $here/folding-table.tsv ($(grep -vc '^#' "$here/folding-table.tsv") rows)"
