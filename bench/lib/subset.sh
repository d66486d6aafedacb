# Sourced by the benchmarks that need a small data folder (school-line.sh, exhibitions.sh):
#   ingest_subset ROOT WORK PREFIX...
# copies the sample collection's items whose id starts with one of the PREFIXes (QY-RB-, QY-LH- …) into WORK/subset
# (items.csv filtered, their folders copied) and ingests them with OCR off into WORK/data with the Release build
# (ROOT/curation-web/bin/Release); the ingest's log goes to WORK/ingest.log. WORK is emptied first.
ingest_subset() {
  local root="$1" work="$2"
  shift 2
  rm -rf "$work"; mkdir -p "$work/subset"
  python3 - "$root/assets/sample-collection" "$work/subset" "$@" <<'PY'
import csv, shutil, sys, os
src, dst, prefixes = sys.argv[1], sys.argv[2], tuple(sys.argv[3:])
rows = list(csv.reader(open(os.path.join(src, "items.csv"), encoding="utf-8")))
keep = [rows[0]] + [r for r in rows[1:] if r[0].startswith(prefixes)]
with open(os.path.join(dst, "items.csv"), "w", encoding="utf-8", newline="") as f: csv.writer(f).writerows(keep)
folder = rows[0].index("folder")
for r in keep[1:]: shutil.copytree(os.path.join(src, r[folder]), os.path.join(dst, r[folder]))
PY
  dotnet "$root/curation-web/bin/Release/net10.0/QyHeritage.Web.dll" ingest "$work/subset" \
    --Qy:DataFolder="$work/data" --Qy:OcrEnabled=false >"$work/ingest.log" 2>&1
}
