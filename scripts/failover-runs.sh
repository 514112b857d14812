#!/usr/bin/env bash
# Runs the end-to-end failover scenarios RUNS times (default 5) and prints the client outage
# of each (median and max). Needs root and a built tree (npm test or npm run demo first).
# Usage: bash scripts/failover-runs.sh [RUNS] [NAME-PATTERN]   e.g. 5 '^[234]\.'
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $(id -u) -eq 0 ]] || { echo "failover-runs: needs root (the failover scenarios build network namespaces and would only skip)" >&2; exit 1; }
runs="${1:-5}"
pattern="${2:-^[2346]\.}"
[[ "$runs" =~ ^[0-9]+$ && "$runs" -ge 1 && "$runs" -le 50 ]] || { echo "failover-runs: RUNS must be 1..50" >&2; exit 2; }
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
for ((i = 1; i <= runs; i++)); do
  echo "run $i/$runs ..." >&2
  node --test --test-name-pattern="$pattern" test/dist/e2e/failover.test.js >"$out.run" 2>&1 || {
    grep -E 'not ok|error:' "$out.run" >&2 || true
    echo "failover-runs: run $i failed" >&2
    exit 1
  }
  grep -oE '# [^:]+: client outage [0-9]+ ms' "$out.run" | sed -e 's/^# //' -e 's/^\\# //' >>"$out"
done
rm -f "$out.run"
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n");
const by = new Map();
for (const l of lines) { const m = /^(.*): client outage (\d+) ms/.exec(l); if (m) by.set(m[1], [...(by.get(m[1]) ?? []), +m[2]]); }
console.log("| scenario | runs | median ms | max ms | all |\n|---|---|---|---|---|");
for (const [k, v] of by) { const s = [...v].sort((a, b) => a - b); const med = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  console.log(`| ${k} | ${s.length} | ${med} | ${s[s.length - 1]} | ${v.join(", ")} |`); }
' "$out"
