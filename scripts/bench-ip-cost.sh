#!/usr/bin/env bash
# What one address change costs the kernel as a namespace holds more addresses: the figures
# behind vipd's paced lifetime refresh (services/vipd/src/lifetime-refresh.ts, docs/safety.md).
# As root. One throw-away namespace per size, with a veth pair; documentation addresses only.
#   npm run bench:ip-cost            # IPv6 at 200, 667, 2000 addresses; IPv4 at 508; 2000 IPv6
#                                    # added back right after their removal (MLD tombstones)
set -euo pipefail
[[ $(id -u) -eq 0 ]] || { echo "bench:ip-cost needs root (it builds network namespaces)" >&2; exit 1; }
NS="vipdipc$$"
WORK=$(mktemp -d)
cleanup() { ip netns del "$NS" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# A throw-away namespace with a veth pair a0/b0, both up (each run deletes it again).
lab_up() {
  ip netns add "$NS"
  ip -n "$NS" link add a0 type veth peer name b0
  ip -n "$NS" link set a0 up
  ip -n "$NS" link set b0 up
}

now() { date +%s%N; }

# run LABEL ADD_FILE CHANGE_FILE: adds every address, then changes every lifetime once.
run() {
  local label=$1 add=$2 change=$3 n t0 t1 t2
  lab_up
  n=$(wc -l <"$add")
  t0=$(now)
  ip -n "$NS" -force -batch "$add"
  t1=$(now)
  ip -n "$NS" -force -batch "$change"
  t2=$(now)
  awk -v l="$label" -v n="$n" -v a="$((t1 - t0))" -v c="$((t2 - t1))" 'BEGIN {
    printf "%-5s %5d addresses: add %.3f ms each, lifetime change %.3f ms each (%.0f ms for all)\n",
      l, n, a / 1e6 / n, c / 1e6 / n, c / 1e6 }'
  ip netns del "$NS"
}

# The same argv vipd uses (netif's buildReplaceArgs / buildChangeArgs).
for n in 200 667 2000; do
  : >"$WORK/add6" && : >"$WORK/chg6"
  for ((i = 1; i <= n; i++)); do
    printf 'address add 2001:db8::1:%x/64 dev a0 valid_lft 30 preferred_lft 0 metric 1024 nodad\n' "$i" >>"$WORK/add6"
    printf 'address change 2001:db8::1:%x/64 dev a0 valid_lft 30 preferred_lft 0 metric 1024 nodad\n' "$i" >>"$WORK/chg6"
  done
  run IPv6 "$WORK/add6" "$WORK/chg6"
done
: >"$WORK/add4" && : >"$WORK/chg4"
for net in 198.51.100 203.0.113; do
  for ((i = 1; i <= 254; i++)); do
    echo "address add $net.$i/32 dev a0 valid_lft 30 preferred_lft 0 metric 1024" >>"$WORK/add4"
    echo "address change $net.$i/32 dev a0 valid_lft 30 preferred_lft 0 metric 1024" >>"$WORK/chg4"
  done
done
run IPv4 "$WORK/add4" "$WORK/chg4"

# The multicast groups' share (docs/safety.md, the agent's hold_group): 2000 IPv6 addresses removed
# and added back at once, after a pause, and with their solicited-node groups held by a socket
# (what the kernel agent does), in which case the removal leaves no MLD tombstone behind.
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f ms", (b - a) / 1e6 }'; }
readd() {
  local label=$1 pause=$2 t0 t1 t2 t3
  lab_up
  if [[ $label == held ]]; then
    # A listener holding the 2000 groups (ff02::1:ff plus the last 24 bits), as the agent does.
    ip netns exec "$NS" python3 -c '
import socket, struct, sys, time
idx = socket.if_nametoindex("a0"); socks = []
for i in range(1, 2001):
    if i % 100 == 1: socks.append(socket.socket(socket.AF_INET6, socket.SOCK_DGRAM))
    g = bytes.fromhex("ff0200000000000000000001ff01") + i.to_bytes(2, "big")
    socks[-1].setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, g + struct.pack("@I", idx))
sys.stdout.write("joined\n"); sys.stdout.flush(); time.sleep(120)' >"$WORK/joined" &
    local holder=$!
    for ((k = 0; k < 100; k++)); do [[ -s $WORK/joined ]] && break; sleep 0.1; done
  fi
  t0=$(now)
  ip -n "$NS" -force -batch "$WORK/add6"
  t1=$(now)
  ip -n "$NS" -force -batch "$WORK/del6"
  sleep "$pause"
  t2=$(now)
  ip -n "$NS" -force -batch "$WORK/add6"
  t3=$(now)
  [[ $label == held ]] && kill "$holder" 2>/dev/null
  echo "IPv6  2000 addresses, groups $label: add $(ms "$t0" "$t1"); removed, after ${pause} s added back in $(ms "$t2" "$t3")"
  ip netns del "$NS"
}
: >"$WORK/del6"
for ((i = 1; i <= 2000; i++)); do printf 'address del 2001:db8::1:%x/64 dev a0\n' "$i" >>"$WORK/del6"; done
readd left 0
readd left 1.5
readd held 0
echo "kernel $(uname -r), $(nproc) cores"
