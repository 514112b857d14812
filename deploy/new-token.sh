#!/usr/bin/env bash
# Writes a new admin API token (64 hex characters from /dev/urandom) to FILE, mode 600 (640
# with GROUP, for a coordinator that runs as another user than the one reading it with vipadm),
# in a folder created with mode 700 (750 with GROUP). It refuses to overwrite a file: rotating a
# token is a decision (remove the old file first). Prints nothing secret.
#
#   deploy/new-token.sh /etc/vipd/tokens/admin vip-coordinator
set -euo pipefail
if [[ $# -lt 1 || $# -gt 2 || "$1" == -* ]]; then
  echo "usage: new-token.sh FILE [GROUP]" >&2
  exit 2
fi
file="$1"
group="${2:-}"
if [[ -e "$file" ]]; then
  echo "new-token.sh: $file exists; remove it first to replace the token" >&2
  exit 1
fi
dir="$(dirname "$file")"
if [[ ! -d "$dir" ]]; then
  mkdir -p "$dir"
  chmod "$([[ -n "$group" ]] && echo 750 || echo 700)" "$dir"
  [[ -z "$group" ]] || chgrp "$group" "$dir"
fi
umask 077
token="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$token" >"$file"
if [[ -n "$group" ]]; then
  chgrp "$group" "$file"
  chmod 640 "$file"
fi
echo "new-token.sh: wrote a new token to $file" >&2
