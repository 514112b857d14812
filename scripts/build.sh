#!/usr/bin/env bash
# Compiles every TypeScript project (tsc --build through project references) and the
# AF_PACKET addon of packages/announce.
set -euo pipefail
cd "$(dirname "$0")/.."
nodedir="$(dirname "$(dirname "$(command -v node)")")"
if [[ ! -f packages/announce/build/Release/vipd_packet.node || packages/announce/native/packet.c -nt packages/announce/build/Release/vipd_packet.node ]]; then
  (cd packages/announce && pnpm exec node-gyp rebuild --nodedir="$nodedir" --loglevel=warn >/dev/null)
fi
pnpm exec tsc --build
