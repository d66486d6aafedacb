#!/usr/bin/env bash
# Indexing benchmark on unpunctuated classical text (issue 12): PAGES pages (default 100,000) of about 700 characters
# cut from the sample rare-book transcriptions without punctuation (bench/search/IndexBench/ClassicalCorpus.cs),
# indexed on two threads with every field; the peer is the same pages' bigram+unigram `text` field alone, built in the
# same run. With BASE=<commit> the same driver is first built against that commit's search library and run too (the
# old code beside the new, same pages, same run). FIELDS=1 adds one index per field group; ANALYSIS=1 what each field's
# analysis costs per page (FIELD_PAGES=N: the field groups on the first N pages only). Markdown on stdout and in bench/out/search/index-PAGES.md.
#   PAGES=100000 BASE=ab251cc ANALYSIS=1 FIELDS=1 bench/search/index.sh
#   PAGES=1000000 bench/search/index.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
pages=${PAGES:-100000}
work=${WORK:-/tmp/qy-index-bench}
out=bench/out/search
mkdir -p "$out" "$work"
sample=$PWD/assets/sample-collection
bench() { dotnet "$1/bench/search/IndexBench/bin/Release/net10.0/IndexBench.dll" "${@:2}"; }
dotnet build bench/search/IndexBench -c Release -v q -nologo > "$work/build.log" || { cat "$work/build.log"; exit 1; }
if [[ -n "${BASE:-}" ]]; then
  base=$work/base-src
  # Built once per commit and driver (a build takes minutes on a busy machine).
  stamp="$BASE-$(cat bench/search/IndexBench/*.cs bench/search/IndexBench/*.csproj bench/search/SearchBench/Corpus.cs | sha1sum | cut -c1-12)"
  if [[ "$(cat "$base/.built" 2>/dev/null)" != "$stamp" ]]; then
    rm -rf "$base" && mkdir -p "$base/bench/search/SearchBench"
    git archive "$BASE" search archive-core Directory.Build.props Directory.Packages.props global.json | tar -x -C "$base"
    cp -r bench/search/IndexBench "$base/bench/search/" && cp bench/search/SearchBench/Corpus.cs "$base/bench/search/SearchBench/"
    rm -rf "$base/bench/search/IndexBench/bin" "$base/bench/search/IndexBench/obj"
    dotnet build "$base/bench/search/IndexBench" -c Release -v q -nologo -p:DefineConstants=BASELINE > "$work/base-build.log" || { cat "$work/base-build.log"; exit 1; }
    echo "$stamp" > "$base/.built"
  fi
fi
{
  echo "# Indexing, unpunctuated classical text: $pages pages, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M') UTC, commit $(git rev-parse --short HEAD)$(git diff --quiet -- search || echo ' (+ uncommitted search changes)')"
  echo "load average before: $(cat /proc/loadavg)"
  echo
  echo "| build (2 indexing threads) | pages | seconds | pages/s | CPU ms per page | pages/s 2 free cores would give (from CPU time) | kB allocated per page, indexing threads | kB per page, whole process | GCs gen0/1/2 | index MB | kB per page | close (+ force-merge) s |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  [[ -n "${BASE:-}" ]] && bench "$base" full "$pages" "$work" "$sample" "old: commit $BASE, every field"
  bench . full "$pages" "$work" "$sample" "new: every field"
  bench . peer "$pages" "$work" "$sample" "peer: bigram+unigram text field alone"
  if [[ "${FIELDS:-}" == 1 ]]; then
    fpages=${FIELD_PAGES:-$pages}
    echo; echo "Each field group alone (the first $fpages of the same pages):"; echo
    echo "| field group | pages | seconds | pages/s | CPU ms per page | | kB allocated per page, indexing threads | | GCs gen0/1/2 | index MB | kB per page | |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    bench . fields "$fpages" "$work" "$sample"
  fi
  if [[ "${ANALYSIS:-}" == 1 ]]; then
    echo
    [[ -n "${BASE:-}" ]] && { echo "Old code:"; echo; bench "$base" analysis 20000 "$work" "$sample"; echo; echo "New code:"; echo; }
    bench . analysis 20000 "$work" "$sample"
  fi
  echo
  echo "load average after: $(cat /proc/loadavg)"
} | tee "$out/index-$pages.md"
