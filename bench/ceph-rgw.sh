#!/usr/bin/env bash
# A throwaway one-node Ceph cluster (memstore OSD, objects in RAM) with the RADOS Gateway in front,
# on 127.0.0.1 and free ports, for benchmarks (the tests start the same from CephRgwFixture.cs; both fill in
# tools/ceph/ceph.conf.in).
#   bench/ceph-rgw.sh start DIR   → prints "PORT ACCESS_KEY SECRET_KEY"; daemons' pids in DIR/run/*.pid
#   bench/ceph-rgw.sh stop DIR    → stops the daemons by those pids and deletes DIR
# Needs Debian's radosgw ceph-mon ceph-osd (./qy installs them).
set -euo pipefail
cmd=${1:?start|stop}; D=${2:?folder}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
case "$cmd" in
start)
  mkdir -p "$D/run" "$D/mon" "$D/osd/osd.0"
  MON=$(free_port); RGW=$(free_port); FSID=$(cat /proc/sys/kernel/random/uuid); C="$D/ceph.conf"
  sed -e "s|@FSID@|$FSID|g" -e "s|@DIR@|$D|g" -e "s|@MON_PORT@|$MON|g" -e "s|@RGW_PORT@|$RGW|g" -e "s|@MEMSTORE_BYTES@|4294967296|g" \
    "$(dirname "$0")/../tools/ceph/ceph.conf.in" >"$C"
  {
    monmaptool --create --fsid "$FSID" --addv a "[v1:127.0.0.1:$MON]" "$D/monmap"
    ceph-mon -c "$C" --mkfs -i a --monmap "$D/monmap"
    ceph-mon -c "$C" -i a
    U=$(cat /proc/sys/kernel/random/uuid)
    ceph -c "$C" osd new "$U"
    ceph -c "$C" osd crush add osd.0 1.0 root=default
    ceph-osd -c "$C" -i 0 --mkfs --osd-uuid "$U"
    ceph-osd -c "$C" -i 0
    radosgw -c "$C" -n client.rgw
    for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$RGW/" && break; sleep 0.3; done
    radosgw-admin -c "$C" user create --uid=bench --display-name=bench --access-key=QYBENCH --secret-key=qy-bench-secret
  } >"$D/start.log" 2>&1 || { cat "$D/start.log" >&2; exit 1; }
  echo "$RGW QYBENCH qy-bench-secret"
  ;;
stop)
  for n in client.rgw osd.0 mon.a; do
    p=$(cat "$D/run/$n.pid" 2>/dev/null) || continue
    kill "$p" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
  done
  rm -rf "$D"
  ;;
esac
