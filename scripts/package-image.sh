#!/usr/bin/env bash
# Builds the OCI image of deploy/kubernetes (`npm run package:image`) with buildah, from the .deb
# (scripts/package.sh) and deploy/container/Containerfile, tagged as the manifests name it
# (registry.example/vipd:<version>, in this host's container storage; push it where yours is).
#
# The base: the Containerfile's (debian:trixie-slim) when a registry answers; otherwise, as in a
# sandbox that reaches only Debian's package mirror, localhost/vipd-base:trixie, made once here
# from Debian's packages with debootstrap (minbase + nodejs, iproute2, nftables) and reused.
# Options: --no-build (package the tree as built), --out DIR (default dist-pkg; the image is also
# saved there as an OCI archive, vipd-image_<version>.oci.tar), --base IMAGE (skip the choice),
# --tag NAME (instead of the manifests' name; the test uses its own and removes it).
# Needs root (buildah's storage and debootstrap), buildah, and debootstrap for the local base.
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist-pkg
base=""
image=""
package_args=()
while (($#)); do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --no-build) package_args+=(--no-build); shift ;;
    --base) base="$2"; shift 2 ;;
    --tag) image="$2"; shift 2 ;;
    *) echo "package-image: unknown option $1 (--out DIR, --no-build, --base IMAGE, --tag NAME)" >&2; exit 2 ;;
  esac
done
command -v buildah >/dev/null || { echo "package-image: needs buildah (apt-get install buildah)" >&2; exit 1; }
started=$SECONDS
version="$(node -p 'require("./package.json").version')"
image="${image:-registry.example/vipd:$version}"
registry_base="$(sed -n 's/^ARG BASE=//p' deploy/container/Containerfile)"
local_base=localhost/vipd-base:trixie

deb="$(bash scripts/package.sh "${package_args[@]}" --out "$out" | tail -1)"
context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
cp "$deb" "$context/vipd.deb"

if [[ -z "$base" ]]; then
  if buildah inspect --type image "$registry_base" >/dev/null 2>&1 ||
    timeout 60 buildah pull --quiet "$registry_base" >/dev/null 2>"$context/pull.err"; then
    base="$registry_base"
  else
    echo "package-image: cannot pull $registry_base ($(tail -1 "$context/pull.err")); using $local_base" >&2
    base="$local_base"
  fi
fi

if [[ "$base" == "$local_base" ]] && ! buildah inspect --type image "$local_base" >/dev/null 2>&1; then
  command -v debootstrap >/dev/null || {
    echo "package-image: no registry and no debootstrap to build $local_base (apt-get install debootstrap)" >&2
    exit 1
  }
  echo "package-image: building $local_base from Debian's packages (debootstrap trixie, a few minutes)" >&2
  ctr="$(buildah from scratch)"
  cleanup_ctr() { buildah rm "$ctr" >/dev/null 2>&1 || true; }
  trap 'cleanup_ctr; rm -rf "$context"' EXIT
  mnt="$(buildah mount "$ctr")"
  debootstrap --variant=minbase --include=nodejs,iproute2,nftables trixie "$mnt" \
    "${VIPD_DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$context/debootstrap.log" 2>&1 ||
    {
      tail -5 "$context/debootstrap.log" >&2
      exit 1
    }
  chroot "$mnt" apt-get clean
  rm -rf "$mnt"/var/lib/apt/lists/* "$mnt"/var/cache/apt/*.bin "$mnt"/var/log/*.log "$mnt"/var/log/apt/*
  buildah umount "$ctr" >/dev/null
  buildah config --cmd /bin/bash "$ctr"
  buildah commit --quiet --rm "$ctr" "$local_base" >/dev/null
  trap 'rm -rf "$context"' EXIT
fi

# Isolation chroot: RUN needs no OCI runtime then. crun (buildah's default) fails on a host whose
# cgroups are v1 or hybrid ("cgroups in hybrid mode not supported", as on this project's machines).
# BUILDAH_ISOLATION=oci picks the runtime where it works. With the local base RUN needs no network.
buildah build --quiet --layers=false --isolation "${BUILDAH_ISOLATION:-chroot}" --from "$base" \
  -f deploy/container/Containerfile -t "$image" "$context" >/dev/null
rm -f "$out/vipd-image_$version.oci.tar"
buildah push --quiet "$image" "oci-archive:$out/vipd-image_$version.oci.tar:$image" >/dev/null
echo "package-image: $image from $base ($(du -k "$out/vipd-image_$version.oci.tar" | cut -f1) KiB as OCI archive), in $((SECONDS - started)) s" >&2
echo "$image"
