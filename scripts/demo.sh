#!/usr/bin/env bash
# npm run demo: set up (install, build) and run the namespace-lab demo. Needs root.
# `npm run demo -- --update-readme` also rewrites README.md's sample of its output.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $(id -u) -ne 0 ]]; then
  echo "demo: needs root (it installs packages and builds network namespaces); run it as root" >&2
  exit 1
fi
bash scripts/setup.sh
exec node test/dist/demo.js "$@"
