#!/usr/bin/env bash
# A subset of the sample collection, ingested once with OCR off: the rare books (QY-RB-*) and local-history items
# (QY-LH-*), which every shipped exhibition and the reading-room benches use.
# Usage (sourced): . bench/lib/subset.sh; subset_ingest ROOT DLL WORK DATA
#   → WORK/subset/ (items.csv and the items' folders), DATA (the ingested data folder), WORK/ingest.log
subset_ingest() {
  local root="$1" dll="$2" work="$3" data="$4"
  rm -rf "$work/subset"; mkdir -p "$work/subset"
  python3 - "$root/assets/sample-collection" "$work/subset" <<'PY'
import csv, shutil, sys, os
src, dst = sys.argv[1], sys.argv[2]
rows = list(csv.reader(open(os.path.join(src, "items.csv"), encoding="utf-8")))
keep = [rows[0]] + [r for r in rows[1:] if r[0].startswith("QY-RB-") or r[0].startswith("QY-LH-")]
with open(os.path.join(dst, "items.csv"), "w", encoding="utf-8", newline="") as f: csv.writer(f).writerows(keep)
folder = rows[0].index("folder")
for r in keep[1:]: shutil.copytree(os.path.join(src, r[folder]), os.path.join(dst, r[folder]))
PY
  dotnet "$dll" ingest "$work/subset" --Qy:DataFolder="$data" --Qy:OcrEnabled=false >"$work/ingest.log" 2>&1
}
