#!/usr/bin/env bash
# Compiles every TypeScript project (tsc --build through project references) and the
# AF_PACKET addon of packages/announce, and the vipd-fence dead-man's switch of packages/netif.
set -euo pipefail
cd "$(dirname "$0")/.."
nodedir="$(dirname "$(dirname "$(command -v node)")")"
if [[ ! -f packages/announce/build/Release/vipd_packet.node || packages/announce/native/packet.c -nt packages/announce/build/Release/vipd_packet.node ]]; then
  (cd packages/announce && pnpm exec node-gyp rebuild --nodedir="$nodedir" --loglevel=warn >/dev/null)
fi
fence=packages/netif/build/vipd-fence
if [[ ! -x "$fence" || packages/netif/native/vipd-fence.c -nt "$fence" ]]; then
  mkdir -p packages/netif/build
  cc -O2 -Wall -Wextra -o "$fence.tmp" packages/netif/native/vipd-fence.c
  mv -f "$fence.tmp" "$fence"
fi
pnpm exec tsc --build
