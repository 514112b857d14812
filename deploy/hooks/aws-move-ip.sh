#!/usr/bin/env bash
# vipd hook (docs/hooks.md): on AWS, move the VIP -- a secondary private IPv4 address -- to the
# ENI behind this node's VIP interface. Config (node config, hooks.onMaster):
#   onMaster: [/etc/vipd/hooks/aws-move-ip.sh]
# Needs: aws CLI v2 and curl; an instance role allowing ec2:AssignPrivateIpAddresses; IMDSv2.
# Backup and fault need nothing: the next master reassigns the address (--allow-reassignment).
# Not run against AWS by this repository (no cloud here); the tests run it against stub CLIs.
set -euo pipefail

log() { echo "aws-move-ip: $*"; }

if [[ ${VIPD_STATE:?} != master ]]; then
  log "state $VIPD_STATE: nothing to do"
  exit 0
fi
: "${VIPD_ADDRESS:?}" "${VIPD_INTERFACE:?}" "${VIPD_REVISION:?}"
if [[ $VIPD_ADDRESS == *:* ]]; then
  log "IPv6 VIPs are not handled by this recipe" >&2
  exit 2
fi

# A hook of an older revision can run late: only move the address while vipd still has it here.
if ! ip -o -4 addr show dev "$VIPD_INTERFACE" | grep -qF " $VIPD_ADDRESS/"; then
  log "$VIPD_ADDRESS is no longer on $VIPD_INTERFACE (revision $VIPD_REVISION): not moving it"
  exit 0
fi

imds=http://169.254.169.254/latest
token=$(curl -fsS --max-time 2 -X PUT "$imds/api/token" -H 'X-aws-ec2-metadata-token-ttl-seconds: 60')
meta() { curl -fsS --max-time 2 -H "X-aws-ec2-metadata-token: $token" "$imds/meta-data/$1"; }
mac=$(cat "/sys/class/net/$VIPD_INTERFACE/address")
eni=$(meta "network/interfaces/macs/$mac/interface-id")
region=$(meta placement/region)

log "assigning $VIPD_ADDRESS to $eni ($VIPD_INTERFACE) in $region, revision $VIPD_REVISION"
aws ec2 assign-private-ip-addresses --region "$region" --network-interface-id "$eni" \
  --private-ip-addresses "$VIPD_ADDRESS" --allow-reassignment
