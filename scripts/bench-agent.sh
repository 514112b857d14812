#!/usr/bin/env bash
# The kernel agent's own timing (packages/netif/native/vipd-agent.c): how long it takes to add
# N addresses in one batch, and to fence (remove) everything it tracks, as it reports it itself
# ("log info N address changes in X ms", "fenced request EPOCH REMOVED ABSENT FAILED MS").
# As root, after the build. One throw-away namespace per run, with a veth pair; documentation
# addresses only (198.51.100.0/24, 203.0.113.0/24 as /32, 2001:db8::/64).
#   npm run bench:agent              # 667 and 2000 addresses: IPv6 only, and IPv4 + IPv6 mixed;
#                                    # 2000 added back right after a fence; CPU while keeping lifetimes
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $(id -u) -eq 0 ]] || { echo "bench:agent needs root (it builds network namespaces)" >&2; exit 1; }
AGENT=packages/netif/build/vipd-agent
[[ -x $AGENT ]] || { echo "bench:agent: $AGENT is not built: run npm run build" >&2; exit 1; }
NS="vipdagt$$"
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

# commands V4 V6: the add lines (IPv4 first, then IPv6), then a fence request.
commands() {
  local v4=$1 v6=$2 i id=0
  for ((i = 0; i < v4; i++)); do
    id=$((id + 1))
    if ((i < 250)); then echo "A $id 1 a0 198.51.100.$((i + 1))/24 30"; else echo "A $id 1 a0 203.0.113.$((i - 249))/32 30"; fi
  done
  for ((i = 0; i < v6; i++)); do
    id=$((id + 1))
    printf 'A %d 1 a0 2001:db8::%x/64 30\n' "$id" $((i + 256))
  done
}

# run LABEL V4 V6: adds them (the agent batches what it reads at once), then fences.
run() {
  local label=$1 v4=$2 v6=$3
  lab_up
  commands "$v4" "$v6" >"$WORK/adds"
  { cat "$WORK/adds"; sleep 2; echo F; sleep 1; } | ip netns exec "$NS" "$AGENT" >"$WORK/out" 2>/dev/null
  awk -v l="$label" '
    /^ok / { ok++ }
    /^log info [0-9]+ address changes in / { adds += $3; ms += $7 }
    /^fenced request / { fence = $7; removed = $4 + $5 }
    END { printf "%-28s %4d added in %.1f ms (agent batches), fence of %d in %.1f ms\n", l, ok, ms, removed, fence }
  ' "$WORK/out"
  ip netns del "$NS"
}

echo "vipd-agent: its own timing, $(uname -r), $(nproc) cores, $(date -u +%F), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
run "667 IPv6" 0 667
run "667 mixed (250 v4, 417 v6)" 250 417
run "2000 IPv6" 0 2000
run "2000 mixed (500 v4, 1500 v6)" 500 1500
run "500 IPv4" 500 0

# again LABEL V4 V6: adds them, fences, and adds them all again at once (epoch 2): the second time,
# right after their removal (the MLD tombstones the agent's held groups avoid; docs/safety.md).
again() {
  local label=$1 v4=$2 v6=$3
  lab_up
  commands "$v4" "$v6" >"$WORK/adds"
  { cat "$WORK/adds"; sleep 3; echo F; sleep 0.05; sed 's/^A \([0-9]*\) 1 /A \1 2 /' "$WORK/adds"; sleep 5; echo F; sleep 1; } |
    ip netns exec "$NS" "$AGENT" >"$WORK/out" 2>/dev/null
  awk -v l="$label" '
    /^fenced request/ { fences++; next }
    /^log info [0-9]+ address changes in / { if (fences == 0) first += $7; else if (fences == 1) second += $7 }
    END { printf "%-28s added in %.0f ms, fenced, added back at once in %.0f ms\n", l, first, second }
  ' "$WORK/out"
  ip netns del "$NS"
}
again "2000 mixed (500 v4, 1500 v6)" 500 1500

# keep LABEL V4 V6 [AFTER_MS]: adds them with 2 s lifetimes (vipd's default) and has the agent keep
# them (L, each refreshed once AFTER_MS old: 1400, 0.7 of the lifetime, as vipd asks; see
# KEEP_AFTER_SHARE in services/vipd/src/kernel-linux.ts); the agent's CPU time over 10 s, its own
# and the kernel's work on its behalf (every IPv6 refresh walks the interface's groups).
keep() {
  local label=$1 v4=$2 v6=$3 after=${4:-1400} until pid c0 c1
  lab_up
  commands "$v4" "$v6" | sed 's/ 30$/ 2/' >"$WORK/adds"
  until=$(python3 -c 'import time; print(int(time.monotonic() * 1000) + 60000)')
  { echo "B 60000"; cat "$WORK/adds"; echo "L $after $until"; sleep 16; echo F; sleep 0.5; } |
    ip netns exec "$NS" "$AGENT" >"$WORK/out" 2>/dev/null &
  pid=$!
  sleep 4
  c0=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
  sleep 10
  c1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
  wait "$pid" || true
  awk -v l="$label" -v t="$((c1 - c0))" -v hz="$(getconf CLK_TCK)" -v late="$(grep -c '^kept ' "$WORK/out")" -v after="$after" \
    'BEGIN { printf "%-28s kept (2 s lifetimes, refreshed at %d ms): agent CPU %.1f%% of one core over 10 s, %d lapse reports\n", l, after, 100 * t / hz / 10, late }'
  ip netns del "$NS"
}
keep "667 mixed (250 v4, 417 v6)" 250 417
keep "2000 mixed (500 v4, 1500 v6)" 500 1500
keep "2000 mixed, refreshed at 1 s" 500 1500 1000
keep "500 IPv4" 500 0
