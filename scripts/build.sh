#!/usr/bin/env bash
# Compiles every TypeScript project (tsc --build through project references) and the
# AF_PACKET addon of packages/announce, and the kernel agent (vipd-agent) of packages/netif.
set -euo pipefail
cd "$(dirname "$0")/.."
nodedir="$(dirname "$(dirname "$(command -v node)")")"
addon=packages/announce/build/Release/vipd_packet.node
stale=$([[ -f "$addon" ]] && find packages/announce/native packages/announce/binding.gyp -newer "$addon" | head -1 || echo missing)
if [[ -n "$stale" ]]; then
  (cd packages/announce && pnpm exec node-gyp rebuild --nodedir="$nodedir" --loglevel=warn >/dev/null)
fi
agent=packages/netif/build/vipd-agent
if [[ ! -x "$agent" || packages/netif/native/vipd-agent.c -nt "$agent" ]]; then
  mkdir -p packages/netif/build
  cc -O2 -Wall -Wextra -Werror -o "$agent.tmp" packages/netif/native/vipd-agent.c
  mv -f "$agent.tmp" "$agent"
fi
pnpm exec tsc --build
