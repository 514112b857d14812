#!/usr/bin/env bash
# Builds the .deb (`npm run package`): dist-pkg/vipd_<version>_<arch>.deb, from this checkout
# (<version>: package.json's, plus the commit's time and hash; see below).
# What goes where (docs/deploy.md, "Install from the .deb"):
#   /usr/bin/{vipd,vip-coordinator,vipadm}     → ../lib/vipd/bin/<command> (the launchers)
#   /usr/lib/vipd/{bin,dist,proto,vendor}     the esbuild bundles (scripts/package/bundle.mjs)
#   /usr/lib/vipd/build/vipd-agent             the kernel agent (packages/netif)
#   /usr/lib/vipd/build/Release/vipd_packet.node  the AF_PACKET addon (packages/announce)
#   /usr/lib/systemd/system/*                  deploy/systemd's units, pointed at the paths above
#   /usr/lib/sysusers.d/vipd.conf              the users vipd and vip-coordinator
#   /usr/share/doc/vipd/                       README, docs/*.md, examples/ (configs, hooks, etcd)
# Nothing is enabled or started on install: configure /etc/vipd first (docs/deploy.md).
# Options: --out DIR (default dist-pkg); --no-build: package the tree as built (the test does,
# after `npm test` has built it), without running scripts/build.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist-pkg
build=1
while (($#)); do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "package: unknown option $1 (--out DIR, --no-build)" >&2; exit 2 ;;
  esac
done
started=$SECONDS
if ((build)); then bash scripts/build.sh; fi

version="$(node -p 'require("./package.json").version')"
# The Debian version names the commit, so that apt takes a build of a later commit for an upgrade
# (package.json's version alone made every build 0.1.0, a reinstall): package.json's version, then
# the commit's time in UTC (it orders builds, two of one day too), then its short hash, e.g.
# 0.1.0+git20261207.182933.25d51da. Outside a git checkout: package.json's version alone.
if sha="$(git rev-parse --short HEAD 2>/dev/null)"; then
  version="$version+git$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y%m%d.%H%M%S).$sha"
fi
node_major="$(node -p '/^>=\s*(\d+)/.exec(require("./package.json").engines.node)[1]')"
arch="$(dpkg --print-architecture)"
root="$out/root"
lib="$root/usr/lib/vipd"
doc="$root/usr/share/doc/vipd"
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$doc/examples"

node scripts/package/bundle.mjs "$lib"
for cmd in vipd vip-coordinator vipadm; do
  chmod 755 "$lib/bin/$cmd"
  ln -s "../lib/vipd/bin/$cmd" "$root/usr/bin/$cmd"
done
install -D -m 755 packages/netif/build/vipd-agent "$lib/build/vipd-agent"
install -D -m 644 packages/announce/build/Release/vipd_packet.node "$lib/build/Release/vipd_packet.node"

# The units, with the repository's install paths (/opt/vipd, `node bin/...`) turned into the package's.
units="$root/usr/lib/systemd/system"
mkdir -p "$units"
for unit in deploy/systemd/*.service; do
  sed -e 's|/usr/bin/node /opt/vipd/services/vipd/bin/vipd|/usr/bin/vipd|g' \
    -e 's|/usr/bin/node /opt/vipd/services/coordinator/bin/vip-coordinator|/usr/bin/vip-coordinator|g' \
    -e 's|/opt/vipd/packages/netif/build/vipd-agent|/usr/lib/vipd/build/vipd-agent|g' \
    -e 's|file:/opt/vipd/services/coordinator/README.md|file:/usr/share/doc/vipd/coordinator.md|g' \
    -e 's|file:/opt/vipd/docs/|file:/usr/share/doc/vipd/|g' \
    -e 's|file:/opt/vipd/README.md|file:/usr/share/doc/vipd/README.md|g' \
    -e 's|^# Install: docs/deploy.md. The tree is built in /opt/vipd.*$|# Installed by the vipd .deb (docs/deploy.md, "Install from the .deb"); config in /etc/vipd.|' \
    "$unit" >"$units/$(basename "$unit")"
done
if grep -n '/opt/vipd' "$units"/*; then
  echo "package: a unit still names /opt/vipd (add its path to the sed above)" >&2
  exit 1
fi
install -D -m 644 deploy/systemd/vipd.sysusers.conf "$root/usr/lib/sysusers.d/vipd.conf"

install -m 644 README.md "$doc/README.md"
install -m 644 docs/*.md "$doc/"
install -m 644 services/coordinator/README.md "$doc/coordinator.md"
install -m 644 deploy/*.example.yaml deploy/examples/*.yaml "$doc/examples/"
install -D -m 755 -t "$doc/examples/hooks" deploy/hooks/*.sh
install -D -m 755 -t "$doc/examples/etcd" deploy/etcd/create-roles.sh
install -m 755 deploy/new-token.sh "$doc/examples/"

# libc6: the newest glibc symbol version the native helpers use.
glibc="$(objdump -T "$lib/build/vipd-agent" "$lib/build/Release/vipd_packet.node" |
  grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)"
cat >"$root/DEBIAN/control" <<EOF
Package: vipd
Version: $version
Architecture: $arch
Maintainer: vipd developers <vipd@example.invalid>
Section: net
Priority: optional
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: nodejs (>= $node_major), libc6 (>= $glibc), iproute2
Recommends: nftables
Suggests: etcd-client, gobgpd
Description: floating virtual IPs over etcd leadership, without multicast VRRP
 vipd holds one leadership lock per VIP in etcd; the holder adds the VIP to its
 interface and announces it with gratuitous ARP or unsolicited NA. Ships vipd
 (the node daemon), vip-coordinator (the admin API) and vipadm (its CLI), as
 esbuild bundles run by Debian's nodejs, with the kernel agent and systemd units.
EOF
cat >"$root/DEBIAN/postinst" <<'EOF'
#!/bin/sh
# Creates the users the units run as; enables and starts nothing (configure /etc/vipd first).
set -e
if [ "$1" = configure ]; then
  mkdir -p /etc/vipd
  if command -v systemd-sysusers >/dev/null 2>&1; then systemd-sysusers vipd.conf; fi
  if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
fi
EOF
cat >"$root/DEBIAN/postrm" <<'EOF'
#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
EOF
chmod 755 "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"

deb="$out/vipd_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "package: $deb $(du -k "$deb" | cut -f1) KiB, bundles $(du -sk "$lib/dist" | cut -f1) KiB, in $((SECONDS - started)) s" >&2
echo "$deb"
