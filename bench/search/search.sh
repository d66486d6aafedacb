#!/usr/bin/env bash
# Search benchmark: PAGES synthetic pages (default 1,000,000) from the sample transcriptions, indexed by
# QyHeritage.Search (Lucene) and SQLite FTS5 (trigram); 300 mixed queries against both, in-process and over
# HTTP; SmartCn's analysis cost. Results (markdown) on stdout and in bench/out/search/; append the reading
# to bench/RESULTS.md by hand.
#   PAGES=100000 bench/search/search.sh
# Iterating at 1M (a build takes many minutes): REUSE=1 keeps the index and FTS5 database a completed run left in
# WORK; ENGINE=ours runs only our engine's queries (page counts still compared with the FTS5 counts saved by an
# earlier full run); MERGE=N force-merges our index to N segments first; BREAKDOWN=1 times each stage.
#   PAGES=1000000 WARM_PASSES=1 bench/search/search.sh                # once: build both, full comparison
#   PAGES=1000000 REUSE=1 ENGINE=ours MERGE=1 bench/search/search.sh  # then: ours only, on one segment
# BASE=<commit>: the same driver is first built against that commit's search library and run (in WORK/base), then the
# current code: old and new in one run (ENGINE=ours suits it: FTS5 does not change).
#   PAGES=100000 ENGINE=ours BASE=ab251cc bench/search/search.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
pages=${PAGES:-1000000}
out=bench/out/search
work=${WORK:-/tmp/qy-search-bench}
mkdir -p "$out" "$work"
dotnet build bench/search/SearchBench -c Release -v q -nologo >/dev/null
if [[ -n "${BASE:-}" ]]; then
  base=$work/base-src
  rm -rf "$base" && mkdir -p "$base/bench/search" "$work/base"
  git archive "$BASE" search archive-core Directory.Build.props Directory.Packages.props global.json | tar -x -C "$base"
  cp -r bench/search/SearchBench "$base/bench/search/" && rm -rf "$base/bench/search/SearchBench/bin" "$base/bench/search/SearchBench/obj"
  dotnet build "$base/bench/search/SearchBench" -c Release -v q -nologo >/dev/null
  echo "## Old code: commit $BASE" | tee "$out/results-$pages-base.md"
  dotnet "$base/bench/search/SearchBench/bin/Release/net10.0/SearchBench.dll" "$pages" "$work/base" assets/sample-collection "${QUERIES:-300}" | tee -a "$out/results-$pages-base.md"
  echo "## New code: commit $(git rev-parse --short HEAD)"
fi
dotnet bench/search/SearchBench/bin/Release/net10.0/SearchBench.dll "$pages" "$work" assets/sample-collection "${QUERIES:-300}" | tee "$out/results-$pages.md"
cp "$work/latencies.tsv" "$out/latencies-$pages.tsv"
