#!/usr/bin/env bash
# Installs whatever is missing on a fresh Debian 12 machine (as root), then builds.
# Idempotent: a second run only checks.
#
# It never touches a running service: Debian packages are installed with a temporary
# /usr/sbin/policy-rc.d that exits 101 (Debian's "action forbidden" convention, honoured by
# invoke-rc.d and deb-systemd-invoke), so installing etcd-server, keepalived, gobgpd or bird2
# starts nothing; the file is removed afterwards, also when apt-get fails, and one the host
# already had is put back as it was. Nothing here stops, disables or restarts a service.
set -euo pipefail
cd "$(dirname "$0")/.."
# Node.js first: package.json's engines.node is the requirement, checked the way every program checks it.
command -v node >/dev/null || { echo "setup: no node on PATH; install Node.js (package.json engines.node) first" >&2; exit 1; }
node -e 'require("./packages/log/node-version").requireSupportedNode("setup")'
PNPM_VERSION="$(node -p 'require("./package.json").packageManager.split("@")[1]')"
# gobgpd is the BGP speaker vipd drives in BGP mode; bird2 is the lab's router (docs/bgp.md);
# hey is bench:services' HTTP load generator (throughput through a director).
DEBS=(etcd-server etcd-client iproute2 nftables iputils-ping keepalived gobgpd bird2 hey python3 make g++)
# The path is fixed by Debian; the variable exists so that the test can point it elsewhere.
POLICY_RC_D="${VIPD_SETUP_POLICY_RC_D:-/usr/sbin/policy-rc.d}"

missing=()
for pkg in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done

# Puts the host's own policy-rc.d back (or removes ours); runs on every exit once installed.
policy_saved=""
restore_policy() {
  if [[ -n "$policy_saved" ]]; then
    mv -f "$policy_saved" "$POLICY_RC_D"
  else
    rm -f "$POLICY_RC_D"
  fi
}

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing Debian packages (${missing[*]}) and not root; run as root or install them" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]} (no service is started)" >&2
  if [[ -e "$POLICY_RC_D" ]]; then
    policy_saved="$(mktemp "$POLICY_RC_D.vipd-saved.XXXXXX")"
    cp -p "$POLICY_RC_D" "$policy_saved"
  fi
  trap restore_policy EXIT
  trap 'exit 1' INT TERM HUP
  printf '#!/bin/sh\n# vipd scripts/setup.sh: nothing starts while it installs packages.\nexit 101\n' >"$POLICY_RC_D"
  chmod 755 "$POLICY_RC_D"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  restore_policy
  trap - EXIT INT TERM HUP
  for pkg in "${missing[@]}"; do
    case "$pkg" in
      etcd-server | keepalived | gobgpd)
        echo "setup: $pkg installed but not started (the tests run their own); Debian enables it at boot: 'systemctl disable ${pkg%-server}' if you do not want that" >&2
        ;;
      bird2)
        echo "setup: bird2 installed but not started (the BGP lab runs its own); Debian enables it at boot: 'systemctl disable bird' if you do not want that" >&2
        ;;
    esac
  done
fi

if [[ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]]; then
  echo "setup: installing pnpm@$PNPM_VERSION" >&2
  npm install -g --silent "pnpm@$PNPM_VERSION" >/dev/null
fi

pnpm install --frozen-lockfile --reporter=silent
bash scripts/build.sh
