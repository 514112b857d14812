#!/usr/bin/env bash
# Installs whatever is missing on a fresh Debian 12 machine (as root), then builds.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM_VERSION="$(node -p 'require("./package.json").packageManager.split("@")[1]')"
DEBS=(etcd-server etcd-client iproute2 nftables iputils-ping keepalived python3 make g++)

missing=()
for pkg in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing Debian packages (${missing[*]}) and not root; run as root or install them" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts etcd as a service on install; the project runs its own etcd, never this one.
  if systemctl is-active --quiet etcd 2>/dev/null; then systemctl disable --now etcd >/dev/null 2>&1 || true; fi
fi

if [[ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]]; then
  echo "setup: installing pnpm@$PNPM_VERSION" >&2
  npm install -g --silent "pnpm@$PNPM_VERSION" >/dev/null
fi

pnpm install --frozen-lockfile --reporter=silent
bash scripts/build.sh
