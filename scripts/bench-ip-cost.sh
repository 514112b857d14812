#!/usr/bin/env bash
# What one address change costs the kernel as a namespace holds more addresses: the figures
# behind vipd's paced lifetime refresh (services/vipd/src/lifetime-refresh.ts, docs/safety.md).
# As root. One throw-away namespace per size, with a veth pair; documentation addresses only.
#   npm run bench:ip-cost            # IPv6 at 200, 667, 2000 addresses; IPv4 at 508
set -euo pipefail
[[ $(id -u) -eq 0 ]] || { echo "bench:ip-cost needs root (it builds network namespaces)" >&2; exit 1; }
NS="vipdipc$$"
WORK=$(mktemp -d)
cleanup() { ip netns del "$NS" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

now() { date +%s%N; }

# run LABEL ADD_FILE CHANGE_FILE: adds every address, then changes every lifetime once.
run() {
  local label=$1 add=$2 change=$3 n t0 t1 t2
  ip netns add "$NS"
  ip -n "$NS" link add a0 type veth peer name b0
  ip -n "$NS" link set a0 up
  ip -n "$NS" link set b0 up
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
echo "kernel $(uname -r), $(nproc) cores"
