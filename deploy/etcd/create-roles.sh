#!/usr/bin/env bash
# Creates the etcd roles and users that vipd, vip-coordinator and read-only viewers need for one
# vipd cluster, limited to its key prefix /vipd/<cluster>/ (docs/etcd.md explains each step).
# Passwords are read from files and given to etcdctl on its standard input: never on a command
# line (ps shows those) and never printed. Idempotent: run it again to add a user or reset a
# password.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: create-roles.sh [options] CLUSTER

Creates in etcd (v3 API, etcdctl on PATH):
  role vipd-CLUSTER          read and write under /vipd/CLUSTER/ and nothing else
  role vipd-CLUSTER-viewer   read only under /vipd/CLUSTER/, except /vipd/CLUSTER/keys/ (the
                             heartbeat key: whoever reads it can sign beats)
and users holding them. Existing roles and users are kept; a given password is set again.

Options:
  --endpoints URLS                  etcd client URLs, comma-separated
                                    (default: $ETCDCTL_ENDPOINTS, else http://127.0.0.1:2379)
  --cacert FILE, --cert FILE, --key FILE
                                    TLS to etcd: CA bundle, client certificate and key
  --user NAME                       the vipd user (default: vipd)
  --password-file FILE              its password (first line, no spaces); needed for a new user
  --coordinator-user NAME           a user for vip-coordinator, with the same role as vipd
  --coordinator-password-file FILE
  --viewer-user NAME                a read-only user (dashboards, `etcdctl watch`)
  --viewer-password-file FILE
  --root-password-file FILE         password of etcd's root user: used to log in when
                                    authentication is already on, and given to root when
                                    --enable-auth creates it
  --enable-auth                     create user root (role root) if missing, then turn
                                    authentication on (after the users exist)
  -h, --help

Example (first time, auth still off):
  create-roles.sh --endpoints https://etcd1:2379 --cacert ca.pem --cert admin.pem --key admin-key.pem \
      --password-file vipd.pw --coordinator-user vip-coordinator --coordinator-password-file coord.pw \
      --viewer-user vipd-viewer --viewer-password-file viewer.pw \
      --enable-auth --root-password-file root.pw prod
USAGE
}

die() {
  echo "create-roles.sh: $*" >&2
  exit 2
}

endpoints=${ETCDCTL_ENDPOINTS:-http://127.0.0.1:2379}
tls=()
user=vipd password_file=''
coord_user='' coord_password_file=''
viewer_user='' viewer_password_file=''
root_password_file='' enable_auth=0
cluster=''

while (($#)); do
  case $1 in
    -h | --help) usage; exit 0 ;;
    --enable-auth) enable_auth=1; shift; continue ;;
    --endpoints | --cacert | --cert | --key | --user | --password-file | --coordinator-user | \
      --coordinator-password-file | --viewer-user | --viewer-password-file | --root-password-file)
      (($# >= 2)) || die "$1 needs a value"
      ;;
    -*) die "unknown option $1 (see --help)" ;;
    *)
      [[ -z $cluster ]] || die "one CLUSTER only (got $cluster and $1)"
      cluster=$1; shift; continue ;;
  esac
  case $1 in
    --endpoints) endpoints=$2 ;;
    --cacert | --cert | --key) [[ -r $2 ]] || die "$1: cannot read $2"; tls+=("$1=$2") ;;
    --user) user=$2 ;;
    --password-file) password_file=$2 ;;
    --coordinator-user) coord_user=$2 ;;
    --coordinator-password-file) coord_password_file=$2 ;;
    --viewer-user) viewer_user=$2 ;;
    --viewer-password-file) viewer_password_file=$2 ;;
    --root-password-file) root_password_file=$2 ;;
  esac
  shift 2
done

[[ -n $cluster ]] || die "CLUSTER is missing (see --help)"
# The same rule as vipd's `cluster` setting.
[[ $cluster =~ ^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$ ]] || die "CLUSTER must be lower-case letters, digits and '-'"
for name in "$user" "$coord_user" "$viewer_user"; do
  [[ -z $name || $name =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || die "invalid user name: $name"
done
((enable_auth == 0)) || [[ -n $root_password_file ]] || die "--enable-auth needs --root-password-file"
command -v etcdctl >/dev/null || die "etcdctl not found on PATH"

# read_password FILE: prints the first line; refuses what etcdctl could not read from stdin.
read_password() {
  local pw=''
  [[ -r $1 ]] || die "cannot read password file $1"
  IFS= read -r pw <"$1" || [[ -n $pw ]] || die "password file $1 is empty"
  [[ -n $pw ]] || die "password file $1 is empty"
  [[ $pw =~ ^[^[:space:]]+$ ]] || die "password in $1 contains white space (etcdctl cannot read that from stdin)"
  printf '%s\n' "$pw"
}

# Every password is read and checked before anything is changed.
password='' coord_password='' viewer_password='' root_password=''
if [[ -n $password_file ]]; then password=$(read_password "$password_file"); fi
if [[ -n $coord_password_file ]]; then coord_password=$(read_password "$coord_password_file"); fi
if [[ -n $viewer_password_file ]]; then viewer_password=$(read_password "$viewer_password_file"); fi
if [[ -n $root_password_file ]]; then root_password=$(read_password "$root_password_file"); fi

export ETCDCTL_API=3
# Log in as root only when authentication is on (etcd refuses a login while it is off).
as_root=0
if ! etcdctl --endpoints "$endpoints" "${tls[@]}" role list >/dev/null 2>&1; then
  [[ -n $root_password ]] || die "cannot list roles: etcd unreachable, or authentication is on and --root-password-file is missing"
  as_root=1
fi

ctl() {
  if ((as_root)); then
    ETCDCTL_USER=root ETCDCTL_PASSWORD=$root_password etcdctl --endpoints "$endpoints" "${tls[@]}" "$@"
  else
    etcdctl --endpoints "$endpoints" "${tls[@]}" "$@"
  fi
}

prefix="/vipd/$cluster/"
rw_role="vipd-$cluster"
ro_role="vipd-$cluster-viewer"

ensure_role() { # NAME PERMISSION
  ctl role get "$1" >/dev/null 2>&1 || ctl role add "$1" >/dev/null
  ctl role grant-permission "$1" --prefix=true "$2" "$prefix" >/dev/null
  echo "role $1: $2 on $prefix (prefix)"
}

ensure_user() { # NAME PASSWORD ROLE
  local name=$1 pw=$2 role=$3
  if ctl user get "$name" >/dev/null 2>&1; then
    if [[ -n $pw ]]; then
      printf '%s\n' "$pw" | ctl user passwd "$name" --interactive=false >/dev/null
      echo "user $name: password set"
    fi
  else
    [[ -n $pw ]] || die "user $name does not exist yet: give its password file"
    printf '%s\n' "$pw" | ctl user add "$name" --interactive=false >/dev/null
    echo "user $name: created"
  fi
  ctl user grant-role "$name" "$role" >/dev/null
  echo "user $name: role $role"
}

# The viewer reads everything under the prefix but keys/ (etcd grants are additive ranges: two of
# them, around keys/). A whole-prefix read granted by an earlier version of this script is taken back.
ensure_viewer_role() { # NAME
  ctl role get "$1" >/dev/null 2>&1 || ctl role add "$1" >/dev/null
  ctl role revoke-permission "$1" --prefix=true "$prefix" >/dev/null 2>&1 || true
  ctl role grant-permission "$1" read "$prefix" "${prefix}keys/" >/dev/null
  ctl role grant-permission "$1" read "${prefix}keys0" "${prefix%/}0" >/dev/null
  echo "role $1: read on $prefix (prefix) except ${prefix}keys/"
}

ensure_role "$rw_role" readwrite
ensure_viewer_role "$ro_role"
ensure_user "$user" "$password" "$rw_role"
if [[ -n $coord_user ]]; then ensure_user "$coord_user" "$coord_password" "$rw_role"; fi
if [[ -n $viewer_user ]]; then ensure_user "$viewer_user" "$viewer_password" "$ro_role"; fi

if ((enable_auth)); then
  if ((as_root == 0)); then
    if ! ctl user get root >/dev/null 2>&1; then
      printf '%s\n' "$root_password" | ctl user add root --interactive=false >/dev/null
      echo "user root: created"
    fi
    ctl user grant-role root root >/dev/null
    ctl auth enable >/dev/null
  fi
  echo "authentication: on"
fi
