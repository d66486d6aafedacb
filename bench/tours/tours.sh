#!/usr/bin/env bash
# Live tours under load: TOURS tours × PUPILS simulated pupils (SignalR.Client) on loopback, ROUNDS moves of every tour
# at once; the host runs as its own process (its CPU and memory are read from /proc), then is killed and restarted for
# the reconnect storm. HOSTS=2: two hosts on one redis-server (Qy:Tours:Redis) and one store, pupils on both, the
# second host restarted. Markdown on stdout and in bench/out/tours/; append the reading to bench/RESULTS.md by hand.
#   TOURS=10 PUPILS=60 ROUNDS=20 bench/tours/tours.sh
#   HOSTS=2 TOURS=10 PUPILS=60 ROUNDS=20 bench/tours/tours.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/out/tours
work=${WORK:-/tmp/qy-tours-bench}
mkdir -p "$out" "$work"
dotnet build curation-web -c Release -v q -nologo >/dev/null
dotnet build bench/tours/TourBench -c Release -v q -nologo >/dev/null
dotnet bench/tours/TourBench/bin/Release/net10.0/TourBench.dll "$PWD" "$work" "${TOURS:-10}" "${PUPILS:-60}" "${ROUNDS:-20}" "$([ "${HOSTS:-1}" = 2 ] && echo redis || echo one)" | tee "$out/results-${TOURS:-10}x${PUPILS:-60}-h${HOSTS:-1}.md"
