#!/usr/bin/env bash
# IIIF load benchmark: our Image API server against IIPImage (Debian iipimage-server behind lighttpd
# mod_fastcgi), both on 127.0.0.1, on the same pyramidal TIFFs (a 12000×9000 photo-like image, and
# 2000×1500 ones for full/max). IIPImage runs twice, with its tile cache off and on (64 MB, as it is
# deployed), beside ours in the same run. wrk, 2 threads, 4 connections, DURATION each, over shuffled URL lists.
# Writes bench/iiif-results.md. Usage: bench/iiif-load.sh   (DURATION=20s WORK=/tmp/qy-iiif-bench)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-/tmp/qy-iiif-bench}"
DURATION="${DURATION:-20s}"
PORT_QY="${PORT_QY:-18480}"
PORT_IIP="${PORT_IIP:-18481}"          # IIPImage with its tile cache off
PORT_IIPC="${PORT_IIPC:-18482}"        # IIPImage with its tile cache on, 64 MB, as deployed
IIP_CACHE_MB="${IIP_CACHE_MB:-64}"
COPIES_2K=16
LISTS="${LISTS:-tiles256 tiles512 thumbs max2k}"   # e.g. LISTS=thumbs for the thumbnail row alone
WARM="${WARM:-1}"                                   # 0 skips the warm response-cache table
QY_ARGS="${QY_ARGS:-}"                              # more settings for our host, e.g. --Qy:Iiif:DecodedTileCacheMegabytes=0
mkdir -p "$WORK"

need() { command -v "$1" >/dev/null 2>&1 || [ -x "$1" ]; }
# libturbojpeg0: our server decodes the tiles of small computed images (thumbnails) with TurboJPEG.
if ! need wrk || ! need lighttpd || ! need /usr/lib/iipimage-server/iipsrv.fcgi || ! need vips || ! ldconfig -p | grep -q libturbojpeg.so.0; then
  apt-get -o DPkg::Lock::Timeout=900 install -y wrk lighttpd iipimage-server libvips-tools libturbojpeg0 >/dev/null
fi

# 1. The images: photo-like (smooth colour fields plus fine grain, so JPEG tiles have realistic sizes).
DATA="$WORK/data"; IIP="$WORK/iip"
PYR="$DATA/store/derivatives/BENCH-001/p001.tif"
if [ ! -f "$PYR" ]; then
  echo "making the 12000×9000 test image…"
  T="$WORK/tmp"; mkdir -p "$T" "$IIP" "$(dirname "$PYR")"
  for b in r g b; do vips gaussnoise "$T/$b.v" 375 282 --sigma 60 --mean 128; done
  vips bandjoin "$T/r.v $T/g.v $T/b.v" "$T/small.v"
  vips resize "$T/small.v" "$T/coarse.v" 32 --kernel cubic
  vips gaussnoise "$T/grain.v" 12000 9024 --sigma 14 --mean 0
  vips add "$T/coarse.v" "$T/grain.v" "$T/sum.v"
  vips extract_area "$T/sum.v" "$T/crop.v" 0 0 12000 9000
  vips cast "$T/crop.v" "$T/u8.v" uchar
  vips copy "$T/u8.v" "$T/master.v" --interpretation srgb
  # As PyramidBuilder writes them: 256 px JPEG tiles, Q85, every level.
  vips tiffsave "$T/master.v" "$PYR" --tile --pyramid --compression jpeg --Q 85 --tile-width 256 --tile-height 256
  vips resize "$T/master.v" "$T/2k.v" 0.1666667
  vips tiffsave "$T/2k.v" "$T/2k.tif" --tile --pyramid --compression jpeg --Q 85 --tile-width 256 --tile-height 256
  ln -f "$PYR" "$IIP/bench.tif"
  for i in $(seq -w 1 $COPIES_2K); do
    mkdir -p "$DATA/store/derivatives/BENCH-2K-$i"
    cp "$T/2k.tif" "$DATA/store/derivatives/BENCH-2K-$i/p001.tif"
    ln -f "$DATA/store/derivatives/BENCH-2K-$i/p001.tif" "$IIP/bench2k-$i.tif"
  done
  rm -rf "$T"
fi

# 2. URL lists, shuffled with a fixed seed; the same request suffixes for both servers.
python3 - "$WORK" "$COPIES_2K" <<'PY'
import random, sys
work, copies = sys.argv[1], int(sys.argv[2])
W, H = 12000, 9000
def tiles(step):
    out = []
    for y in range(0, H, step):
        for x in range(0, W, step):
            w, h = min(step, W - x), min(step, H - y)
            out.append(("BENCH-001", f"{x},{y},{w},{h}/{w},/0/default.jpg"))
    return out
lists = {
    "tiles256": tiles(256),
    "tiles512": tiles(512),
    # Distinct sizes, so no two concurrent requests are the same and nothing is coalesced.
    "thumbs": [("BENCH-001", f"full/!{s},{s}/0/default.jpg") for s in range(351, 401)],
    "max2k": [(f"BENCH-2K-{i:02d}", "full/max/0/default.jpg") for i in range(1, copies + 1)] * 4,
}
rng = random.Random(42)
for name, urls in lists.items():
    rng.shuffle(urls)
    with open(f"{work}/{name}.qy.txt", "w") as qy, open(f"{work}/{name}.iip.txt", "w") as iip:
        for ident, rest in urls:
            qy.write(f"/iiif/3/{ident}~p001/{rest}\n")
            f = "bench.tif" if ident == "BENCH-001" else f"bench2k-{ident[-2:]}.tif"
            # IIPImage 1.1 speaks IIIF Image API 2: 'max' is 'full' there.
            iip.write(f"/fcgi-bin/iipsrv.fcgi?IIIF={f}/{rest.replace('full/max', 'full/full')}\n")
PY

# 3. The servers.
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building the host (Release)…"
  dotnet build "$ROOT/curation-web" -c Release -v q -o "$WORK/bin" >/dev/null
fi
iip_conf() { # $1 port, $2 cache MB, $3 name
cat > "$WORK/lighttpd-$3.conf" <<CONF
server.document-root = "$WORK"
server.bind = "127.0.0.1"
server.port = $1
server.modules = ("mod_fastcgi")
server.errorlog = "$WORK/lighttpd-$3-error.log"
server.max-connections = 256
fastcgi.server = ( "/fcgi-bin/iipsrv.fcgi" => ((
  "socket" => "$WORK/iipsrv-$3.sock",
  "check-local" => "disable",
  "min-procs" => 2,
  "max-procs" => 2,
  "bin-path" => "/usr/lib/iipimage-server/iipsrv.fcgi",
  "bin-environment" => (
    "FILESYSTEM_PREFIX" => "$IIP/",
    "MAX_IMAGE_CACHE_SIZE" => "$2",
    "JPEG_QUALITY" => "85",
    "OMP_NUM_THREADS" => "1",
    "VERBOSITY" => "0",
    "LOGFILE" => "$WORK/iipsrv-$3.log"
  )
)) )
CONF
}
iip_conf "$PORT_IIP" 0 iip
iip_conf "$PORT_IIPC" "$IIP_CACHE_MB" iipc

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

start_qy() { # $1: cache megabytes
  dotnet "$WORK/bin/QyHeritage.Web.dll" --urls="http://127.0.0.1:$PORT_QY" --Qy:DataFolder="$DATA" \
    --Qy:IngestSampleOnFirstStart=false --Qy:Iiif:CacheMegabytes="$1" --Qy:Iiif:CacheFolder="$WORK/cache-$1" \
    --Logging:LogLevel:Default=Warning $QY_ARGS >"$WORK/qy.log" 2>&1 &
  QY_PID=$!
  PIDS+=("$QY_PID")
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT_QY/iiif/3/BENCH-001~p001/info.json" >/dev/null && return; sleep 0.2; done
  echo "our server did not start"; cat "$WORK/qy.log"; exit 1
}
stop_qy() { kill "$QY_PID"; wait "$QY_PID" 2>/dev/null || true; }

for name in iip iipc; do
  lighttpd -D -f "$WORK/lighttpd-$name.conf" &
  PIDS+=("$!")
done
for port in $PORT_IIP $PORT_IIPC; do
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port$(head -1 "$WORK/thumbs.iip.txt")" -o /dev/null && break; sleep 0.2; done
done
# The IIPImage URL lists serve both of its settings.
for list in $LISTS; do cp "$WORK/$list.iip.txt" "$WORK/$list.iipc.txt"; done
start_qy 0

# Both must answer every URL kind with an image before anything is measured.
for list in $LISTS; do
  for s in qy:$PORT_QY iip:$PORT_IIP iipc:$PORT_IIPC; do
    name=${s%%:*}; port=${s##*:}
    code=$(curl -s -o "$WORK/probe.jpg" -w '%{http_code}' "http://127.0.0.1:$port$(head -1 "$WORK/$list.$name.txt")")
    [ "$code" = 200 ] || { echo "$name $list: HTTP $code for $(head -1 "$WORK/$list.$name.txt")"; exit 1; }
  done
done

to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms/,"",v) } else if (v ~ /s$/) { sub(/s/,"",v); v=v*1000 }; printf "%.2f", v }'; }
run() { # $1 server name, $2 port, $3 list → "rps p50 p99 errors"
  local out
  out=$(wrk -t2 -c4 -d"$DURATION" --latency -s "$ROOT/bench/iiif-urls.lua" "http://127.0.0.1:$2" -- "$WORK/$3.$1.txt")
  echo "$out" > "$WORK/wrk-$1-$3-$4.txt"
  local rps p50 p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
  p50=$(echo "$out" | awk '$1=="50%" { print $2 }' | to_ms)
  p99=$(echo "$out" | awk '$1=="99%" { print $2 }' | to_ms)
  errors=$(echo "$out" | awk '/Non-2xx/ { print $5 }'); errors=${errors:-0}
  echo "$rps $p50 $p99 $errors"
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A R
for list in $LISTS; do
  for s in iip:$PORT_IIP iipc:$PORT_IIPC qy:$PORT_QY; do
    name=${s%%:*}; port=${s##*:}
    echo "wrk $name $list…"
    R[$name-$list]=$(run "$name" "$port" "$list" cold)
  done
done
RSS_COLD=$(awk '/VmHWM/ { print $2 }' "/proc/$QY_PID/status")
stop_qy

# Warm: our response cache on and filled by one pass over every list first.
RSS_WARM=0
if [ "$WARM" = 1 ]; then
start_qy 4096
for list in $LISTS; do
  sed "s|^|http://127.0.0.1:$PORT_QY|" "$WORK/$list.qy.txt" | xargs -P 4 -I{} curl -s -o /dev/null {}
done
for list in $LISTS; do
  echo "wrk qy (warm cache) $list…"
  R[warm-$list]=$(run qy "$PORT_QY" "$list" warm)
done
RSS_WARM=$(awk '/VmHWM/ { print $2 }' "/proc/$QY_PID/status")
stop_qy
fi

# 4. The report.
OUT="$ROOT/bench/iiif-results.md"
{
  echo "# IIIF load benchmark: QyHeritage vs IIPImage"
  echo
  echo "\`bench/iiif-load.sh\`, $(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), shared machine."
  echo "wrk 2 threads, 4 connections, $DURATION per row, on 127.0.0.1. Same pyramidal TIFF for both (12000×9000, 256 px JPEG tiles Q85; full/max on 2000×1500 copies)."
  echo "IIPImage $(dpkg-query -W -f='${Version}' iipimage-server) (IIIF 2 syntax) behind lighttpd $(dpkg-query -W -f='${Version}' lighttpd) mod_fastcgi, 2 processes, OMP_NUM_THREADS=1, twice: MAX_IMAGE_CACHE_SIZE=0 (cache off) and $IIP_CACHE_MB (cache on, MB)."
  echo "Ours: Release build of the host on its defaults (decoded-tile cache 64 MB), response cache off for the first table (tile passthrough on: it is not a cache)."
  echo
  echo "| URLs | IIP off req/s | p50 ms | IIP on req/s | p50 ms | ours req/s | p50 ms | p99 ms | ours/IIP off | ours/IIP on | non-2xx (off/on/ours) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.2f×", b / a; else print "–" }'; }
  for list in $LISTS; do
    read -r iip_rps iip_p50 _ iip_err <<<"${R[iip-$list]}"
    read -r iipc_rps iipc_p50 _ iipc_err <<<"${R[iipc-$list]}"
    read -r qy_rps qy_p50 qy_p99 qy_err <<<"${R[qy-$list]}"
    echo "| $list | $iip_rps | $iip_p50 | $iipc_rps | $iipc_p50 | $qy_rps | $qy_p50 | $qy_p99 | $(ratio "$iip_rps" "$qy_rps") | $(ratio "$iipc_rps" "$qy_rps") | $iip_err / $iipc_err / $qy_err |"
  done
  if [ "$WARM" = 1 ]; then
  echo
  echo "Ours with the response cache warm (filled by one pass over each list):"
  echo
  echo "| URLs | req/s | p50 ms | p99 ms | non-2xx |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  for list in $LISTS; do
    read -r rps p50 p99 err <<<"${R[warm-$list]}"
    echo "| $list | $rps | $p50 | $p99 | $err |"
  done
  fi
  echo
  if [ "$WARM" = 1 ]; then
    echo "Peak RSS of our server: $((RSS_COLD / 1024)) MiB (cache off run), $((RSS_WARM / 1024)) MiB (warm run)."
  else
    echo "Peak RSS of our server: $((RSS_COLD / 1024)) MiB (response cache off)."
  fi
  echo
  echo "Load average (1, 5, 15 min) when measuring began: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg). Above the core count, other work shared the CPUs and the figures are noisy: read the ratios, not the absolute numbers."
} > "$OUT"
cat "$OUT"
