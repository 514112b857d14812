#!/usr/bin/env bash
# vipd hook (docs/hooks.md): on Google Cloud, move the VIP -- an alias IP (/32 from the subnet's
# primary range) -- to this instance: off the instance that has it, onto this one. Config:
#   onMaster: [/etc/vipd/hooks/gcp-move-alias-ip.sh]           # interface nic0
#   onMaster: [/etc/vipd/hooks/gcp-move-alias-ip.sh, nic1]     # another interface
# Needs: gcloud, curl and jq; a service account allowed compute.instances.list, .get and
# .updateNetworkInterface. Other alias ranges on the interface are kept (--aliases sets the list).
# Backup and fault need nothing: the next master takes the alias from the old holder.
# Not run against Google Cloud by this repository (no cloud here); tested against stub CLIs.
set -euo pipefail

nic=${1:-nic0}
log() { echo "gcp-move-alias-ip: $*"; }

if [[ ${VIPD_STATE:?} != master ]]; then
  log "state $VIPD_STATE: nothing to do"
  exit 0
fi
: "${VIPD_ADDRESS:?}" "${VIPD_INTERFACE:?}" "${VIPD_REVISION:?}"
range="$VIPD_ADDRESS/32"

# A hook of an older revision can run late: only move the address while vipd still has it here.
if ! ip -o -4 addr show dev "$VIPD_INTERFACE" | grep -qF " $VIPD_ADDRESS/"; then
  log "$VIPD_ADDRESS is no longer on $VIPD_INTERFACE (revision $VIPD_REVISION): not moving it"
  exit 0
fi

md() { curl -fsS --max-time 2 -H 'Metadata-Flavor: Google' "http://metadata.google.internal/computeMetadata/v1/$1"; }
self=$(md instance/name)
zone=$(md instance/zone)
zone=${zone##*/}

# The alias ranges of an instance's interface, ';'-separated.
aliases_of() {
  gcloud compute instances describe "$1" --zone "$2" --format=json |
    jq -r --arg nic "$nic" '.networkInterfaces[] | select(.name == $nic) | [.aliasIpRanges[]?.ipCidrRange] | join(";")'
}
# A ';'-separated list without our range.
without_ours() { tr ';' '\n' <<<"$1" | { grep -vxF "$range" || true; } | paste -sd';' -; }

# An alias lives on one instance at a time: take it off the current holder first.
holders=$(gcloud compute instances list --filter="networkInterfaces.aliasIpRanges.ipCidrRange=$range" \
  --format='value(name,zone.basename())')
while read -r name where; do
  [[ -z $name || $name == "$self" ]] && continue
  log "removing $range from $name ($where)"
  gcloud compute instances network-interfaces update "$name" --zone "$where" --network-interface "$nic" \
    --aliases "$(without_ours "$(aliases_of "$name" "$where")")"
done <<<"$holders"

current=$(aliases_of "$self" "$zone")
if tr ';' '\n' <<<"$current" | grep -qxF "$range"; then
  log "$range is already on $self"
  exit 0
fi
log "adding $range to $self ($zone), revision $VIPD_REVISION"
gcloud compute instances network-interfaces update "$self" --zone "$zone" --network-interface "$nic" \
  --aliases "${current:+$current;}$range"
