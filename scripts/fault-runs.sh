#!/usr/bin/env bash
# Runs the fault suite (test/dist/faults) RUNS times (default 3) and prints, per scenario, the
# client outage (median and max) and the longest overlap of two reachable holders. Needs root
# and a built tree (npm run build). Every scenario prints
# `# <scenario>: client outage N ms, max overlap M ms`.
# Usage: bash scripts/fault-runs.sh [RUNS] [NAME-PATTERN]   e.g. 5 '^(3|10) '
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $(id -u) -eq 0 ]] || { echo "fault-runs: needs root (the fault suite builds network namespaces and would only skip)" >&2; exit 1; }
runs="${1:-3}"
pattern="${2:-}"
[[ "$runs" =~ ^[0-9]+$ && "$runs" -ge 1 && "$runs" -le 50 ]] || { echo "fault-runs: RUNS must be 1..50" >&2; exit 2; }
mapfile -t files < <(find test/dist/faults -name '*.test.js' | sort)
((${#files[@]} > 0)) || { echo "fault-runs: no test/dist/faults/*.test.js (build first)" >&2; exit 1; }
args=(--test --test-concurrency=1 --test-timeout=600000)
[[ -n "$pattern" ]] && args+=("--test-name-pattern=$pattern")
out="$(mktemp)"
trap 'rm -f "$out" "$out.run"' EXIT
failed=0
for ((i = 1; i <= runs; i++)); do
  echo "run $i/$runs ..." >&2
  start=$SECONDS
  if ! node "${args[@]}" "${files[@]}" >"$out.run" 2>&1; then
    grep -E '^\s*not ok|error:' "$out.run" >&2 || true
    echo "fault-runs: run $i had failures (its numbers are still counted)" >&2
    failed=$((failed + 1))
  fi
  echo "run $i took $((SECONDS - start)) s" >&2
  grep -oE '# [^:]+: client outage [0-9]+ ms, max overlap [0-9]+ ms' "$out.run" | sed -e 's/^# //' -e 's/^\\# //' >>"$out" || true
done
node -e '
const text = require("fs").readFileSync(process.argv[1], "utf8").trim();
const by = new Map();
for (const l of text ? text.split("\n") : []) {
  const m = /^(.*): client outage (\d+) ms, max overlap (\d+) ms/.exec(l);
  if (!m) continue;
  const e = by.get(m[1]) ?? { outage: [], overlap: [] };
  e.outage.push(+m[2]); e.overlap.push(+m[3]); by.set(m[1], e);
}
const median = (v) => { const s = [...v].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
console.log("| scenario | runs | median outage ms | max outage ms | max overlap ms | outages |\n|---|---|---|---|---|---|");
for (const [k, e] of [...by].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true })))
  console.log(`| ${k} | ${e.outage.length} | ${median(e.outage)} | ${Math.max(...e.outage)} | ${Math.max(...e.overlap)} | ${e.outage.join(", ")} |`);
' "$out"
((failed == 0)) || { echo "fault-runs: $failed of $runs runs had failures" >&2; exit 1; }
