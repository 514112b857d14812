#!/usr/bin/env bash
# The whole test suite: lint and format checks, then unit, integration and end-to-end
# tests in one node:test run (its summary is the last thing printed).
set -euo pipefail
cd "$(dirname "$0")/.."
# The lab suites (network namespaces, raw frames: announce, netif, test/ lab, e2e and fault) need
# root and skip without it. Say so up front, and refuse outright under CI=true: a CI run that
# skipped them would be green while testing none of what matters most.
if [[ $(id -u) -ne 0 ]]; then
  if [[ "${CI:-}" == true ]]; then
    echo "test: not root, so the lab suites would skip; with CI=true that is a failure: run as root" >&2
    exit 1
  fi
  echo "test: !!! not root: the lab suites (network namespaces) will SKIP; run as root to test them !!!" >&2
fi
echo "== lint and format" >&2
pnpm exec eslint .
pnpm exec prettier --check . >/dev/null || { pnpm exec prettier --list-different .; echo "format: run 'npm run format'" >&2; exit 1; }
mapfile -t files < <(find packages services test -path '*/node_modules' -prune -o -path '*/dist/*' -name '*.test.js' -print | sort)
if ((${#files[@]} == 0)); then echo "test: no test files found" >&2; exit 1; fi
echo "== ${#files[@]} test files" >&2
exec node --test --test-concurrency=1 --test-timeout=600000 "${files[@]}"
