#!/usr/bin/env bash
# vipd hook (docs/hooks.md): on Azure, move the VIP -- a private IP in an extra IP configuration
# named vipd-<vip> -- to this VM's NIC: the configuration holding it on another NIC of the
# resource group is deleted, then ours is updated (or created) with the address. Config:
#   onMaster: [/etc/vipd/hooks/azure-move-ip.sh, RESOURCE_GROUP, THIS_VMS_NIC_NAME]
# Needs: az CLI and a managed identity allowed to read and write the NICs of the resource group.
# Backup and fault need nothing: the next master takes the address from the old holder.
# Not run against Azure by this repository (no cloud here); tested against stub CLIs.
set -euo pipefail

rg=${1:?usage: azure-move-ip.sh RESOURCE_GROUP NIC_NAME}
nic=${2:?usage: azure-move-ip.sh RESOURCE_GROUP NIC_NAME}
log() { echo "azure-move-ip: $*"; }

if [[ ${VIPD_STATE:?} != master ]]; then
  log "state $VIPD_STATE: nothing to do"
  exit 0
fi
: "${VIPD_VIP:?}" "${VIPD_ADDRESS:?}" "${VIPD_INTERFACE:?}" "${VIPD_REVISION:?}"
config="vipd-$VIPD_VIP"

# A hook of an older revision can run late: only move the address while vipd still has it here.
if ! ip -o addr show dev "$VIPD_INTERFACE" | grep -qF " $VIPD_ADDRESS/"; then
  log "$VIPD_ADDRESS is no longer on $VIPD_INTERFACE (revision $VIPD_REVISION): not moving it"
  exit 0
fi

az login --identity --output none

# IP configurations in the resource group that have the address now, as "NIC CONFIG" lines.
holders=$(az network nic list -g "$rg" \
  --query "[].ipConfigurations[] | [?privateIPAddress=='$VIPD_ADDRESS'].id" -o tsv |
  awk -F/ '{ print $(NF-2), $NF }')
while read -r other_nic other_config; do
  [[ -z $other_nic || $other_nic == "$nic" ]] && continue
  log "removing $VIPD_ADDRESS from $other_nic ($other_config)"
  az network nic ip-config delete -g "$rg" --nic-name "$other_nic" -n "$other_config"
done <<<"$holders"

if az network nic ip-config show -g "$rg" --nic-name "$nic" -n "$config" --output none 2>/dev/null; then
  log "setting $VIPD_ADDRESS on $nic ($config), revision $VIPD_REVISION"
  az network nic ip-config update -g "$rg" --nic-name "$nic" -n "$config" \
    --private-ip-address "$VIPD_ADDRESS" --output none
else
  log "creating $config with $VIPD_ADDRESS on $nic, revision $VIPD_REVISION"
  az network nic ip-config create -g "$rg" --nic-name "$nic" -n "$config" \
    --private-ip-address "$VIPD_ADDRESS" --output none
fi
