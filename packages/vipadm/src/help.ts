/** Help texts, one per command path ('' is the top level). */
import { POOL_HELP } from './pool-commands';
import { SERVICE_HELP } from './service-help';

const GLOBAL = `Global options (anywhere after "vipadm"); each beats its environment variable,
which beats the context of the config file (vipadm help config):
  --server HOST:PORT     the coordinator (env VIPADM_SERVER; default localhost:7500)
  --context NAME         a context of the config file (env VIPADM_CONTEXT)
  --token-file F         read the API token from F (env VIPADM_TOKEN_FILE, or the token
                         itself in VIPADM_TOKEN)
  --token T              the API token; shows in ps, prefer --token-file
  --tls                  use TLS with the system's CAs
  --tls-ca F             use TLS, trusting the CA in F (env VIPADM_TLS_CA)
  --tls-cert F --tls-key F
                         client certificate and key for mutual TLS (env VIPADM_TLS_CERT,
                         VIPADM_TLS_KEY)
  -o, --output FORMAT    table (default; env VIPADM_OUTPUT), wide (tables with more
                         columns), json (stable, for scripts) or yaml (the json shapes)
  --call-timeout MS      deadline of each call (default 10000)
  -h, --help             help for any command; --version prints the version`;

const SPEC_OPTIONS = `  --address ADDR/PREFIX      IPv4 or IPv6 address with prefix length, e.g. 198.51.100.100/24
  --interface IF             interface on every node
  --node NODE[=PRIORITY]     eligible node, priority 1-255 (default 100); repeat for each
                             node; no --node means every node at priority 100
  --node-interface NODE=IF   per-node interface override for a --node node
  --no-preempt, --preempt    whether a better node takes the VIP back (default: preempt)
  --preempt-delay MS         wait this long before taking it back (default 0)
  --announce-count N         gratuitous ARP / NA messages on takeover, 1-100 (default 3)
  --announce-interval MS     between them (default 100)
  --announce-refresh MS      re-announce period (default 30000)
  --announce-probe MS        how often the holder probes (ARP/NDP) for a second host
                             answering for the address (default 10000); 0 is refused for
                             every --announce-* option: the API reads 0 as "the default"
  --track CHECK              a node health check (vipd checks[]) the VIP depends on: a node
                             holds the VIP only while the check passes; repeat for each
                             (default: none)
  --track CHECK:WEIGHT       a weighted check (keepalived's track_script weight): the node
                             stays eligible, its priority changes by WEIGHT (-253..253, not
                             0): a negative weight while the check is not up there, a
                             positive one while it is up; the sum is kept within 1..255
  --announce-second-burst MS a second burst this long after the VIP came up (keepalived's
                             garp_master_delay); 0: none (default)
  --announce-mode MODE       arp (default): gratuitous ARP / NA on the link; bgp: a host
                             route from the holder's gobgpd (docs/bgp.md); both
  --label SUFFIX             IPv4 address label IF:SUFFIX (default IF:vip; IPaddr2's iflabel)
  --no-prefix-route          the kernel adds no prefix route for it (--prefix-route: undo)
  --scope SCOPE              global (default), site, link or host (IPv4; the kernel wants one
                             scope per subnet on an interface)
  --broadcast ADDR|+         IPv4 broadcast address; + is the prefix's own
  --route 'TO [via GW] [dev IF] [table N] [metric N]'
                             a route the holder adds with the VIP (keepalived's
                             virtual_routes; TO: ADDR/PREFIX or default; dev: the VIP's
                             interface, table: main unless given); repeatable
  --rule '[from P] [to P] table N [priority N]'
                             a policy rule the holder adds with the VIP (virtual_rules);
                             repeatable
  --vmac ID                  virtual MAC 1..255 (keepalived's use_vmac): the VIP goes on a
                             macvlan with 00:00:5e:00:01:ID (IPv6 00:00:5e:00:02:ID); 0: none
  --group NAME               VIP group (keepalived's vrrp_sync_group): the VIPs of one group
                             live on one node and move together (vip set --no-group: leave it)
  --on-etcd-loss MODE        when the holder cannot reach etcd: failsafe (default) keeps
                             the VIP while every peer confirms over heartbeats that none of
                             them reaches etcd or holds it; fence drops it at its lease
                             deadline`;

export const HELP: Record<string, string> = {
  '': `Usage: vipadm [global options] COMMAND ...

Administers floating virtual IPs through the vipd coordinator (vip-coordinator).

Commands:
  vip add NAME --address ADDR/PREFIX --interface IF [--node NODE[=PRIORITY]]... [--no-preempt]
  vip set NAME [spec options]       change a VIP (read, change, write back if unchanged)
  vip list                          VIPs with their holders
  vip get NAME                      one VIP in full
  vip rm NAME                       delete a VIP; its holder releases it
  vip move NAME --to NODE           planned switchover, waits until NODE holds it
  vip unpin NAME                    remove the pin vip move left; the VIP stays where it is
  node list                         nodes, liveness, health and what they hold
  node drain NODE                   NODE gives up its VIPs and takes none
  node undrain NODE                 NODE may hold VIPs again
  status                            cluster, etcd, VIPs and nodes at a glance
  watch                             one line per event until interrupted
  export                            VIPs and services as YAML, the file apply reads (a cluster in git)
  apply -f FILE [--dry-run] [--prune]
                                    make the cluster's VIPs what FILE says; --dry-run: the diff
  import-keepalived FILE [--node NAME]
                                    a keepalived.conf as the YAML apply reads (no coordinator)
  config view                       the server, context, token file and TLS files in use
  completion bash|zsh               shell completion script
  service add|set|list|get|rm NAME  virtual services: L4 load balancing on a VIP
  service backend add|rm|drain|weight NAME ADDR:PORT
  pool add|list|get|rm NAME         address pools; vip add NAME --pool POOL takes the lowest free
  help [COMMAND]                    this text, or a command's; "help config": the config file

${GLOBAL}

Exit codes: 0 ok, 1 error (refused by the coordinator, unreachable, timeout, status with
something unknown), 2 bad usage (also an unknown command).
Errors are one line on stderr: "vipadm: <message>".

Examples:
  vipadm vip add web --address 198.51.100.100/24 --interface eth0 --node n1=150 --node n2
  vipadm vip list
  vipadm -o json status | jq '.vips[] | {name: .spec.name, holder}'
  VIPADM_SERVER=coord.example:7500 vipadm --token-file /etc/vipd/token node list`,

  vip: `Usage: vipadm vip add|set|list|get|rm|move|unpin ...

  vip add NAME --address ADDR/PREFIX --interface IF [--node NODE[=PRIORITY]]... [--no-preempt]
  vip set NAME [spec options]
  vip list
  vip get NAME
  vip rm NAME
  vip move NAME --to NODE [--timeout MS]
  vip unpin NAME

See "vipadm vip COMMAND --help" for each.`,

  'vip add': `Usage: vipadm vip add NAME --address ADDR/PREFIX --interface IF [options]
       vipadm vip add NAME --pool POOL [--family ipv4|ipv6] --interface IF [options]

Creates a VIP. NAME is lower-case letters, digits and "-". Fails if NAME exists.
With --pool, the VIP takes the lowest free address of POOL (vipadm pool add), IPv4 before
IPv6 unless --family says, with the pool's prefix length, in the transaction that creates
it: concurrent adds never get the same address. A full pool is refused and nothing is written.

${SPEC_OPTIONS}

Examples:
  vipadm vip add web --address 198.51.100.100/24 --interface eth0
  vipadm vip add db --address 2001:db8::10/64 --interface eth1 --node n1=200 --node n2=100 --no-preempt
  vipadm vip add api --address 198.51.100.101/24 --interface eth0 --node n1 --node n2 \\
      --node-interface n2=bond0 --preempt-delay 5000 --announce-count 5
  vipadm vip add web --address 198.51.100.100/24 --interface eth0 --track nginx --track uplink
  vipadm vip add db --address 198.51.100.102/24 --interface eth0 --on-etcd-loss failsafe
  vipadm vip add web --address 198.51.100.100/24 --interface eth0 --announce-probe 2000
  vipadm vip add web --pool public --interface eth0 --node n1 --node n2`,

  'vip set': `Usage: vipadm vip set NAME [options]

Changes a VIP: reads it, applies the options, and writes it back only if nobody changed it
meanwhile (otherwise: "conflict: ..., try again"). Options not given keep their value.
--node replaces the whole node list, --track the whole list of tracked checks.

${SPEC_OPTIONS}
  --no-track                 track no check any more
  --no-routes, --no-rules    add no route / no rule with the VIP any more
  --no-group                 leave its VIP group: it moves on its own again

Examples:
  vipadm vip set web --node n1=150 --node n2=120 --node n3
  vipadm vip set web --no-preempt
  vipadm vip set web --announce-refresh 10000
  vipadm vip set web --announce-probe 60000
  vipadm vip set web --track nginx --track uplink
  vipadm vip set web --no-track
  vipadm vip set db --on-etcd-loss fence`,

  'vip list': `Usage: vipadm vip list      (alias: vip ls)

Lists VIPs: address, interface, eligible nodes (NODE=PRIORITY), preempt, holder and pin.
A holder of "-" means nobody holds the VIP now. Tracked checks and the etcd-loss mode are
in "vip get" and -o json.

Examples:
  vipadm vip list
  vipadm -o json vip list | jq -r '.vips[] | select(.holder == "") | .spec.name'`,

  'vip get': `Usage: vipadm vip get NAME      (alias: vip show)

Shows one VIP in full: spec (with tracked checks and the etcd-loss mode), revision,
holder with its fencing revision, pin, and each node's effective priority (the spec's
priority with its weighted checks applied, and which did: "130 (150; svc down: -20)").
Below it (table output): every node that may hold it, best first by effective priority, with
what keeps it from holding it (not registered, drained, pinned elsewhere, cannot serve it
and the node's own reason: "e0: interface has no carrier", "tracked check nginx not up",
"the kernel refused it on e0: …", "no BGP session established"), and one line on why it is
held where it is, or not at all. -o json adds the same as "candidates" and "why".

Examples:
  vipadm vip get web
  vipadm -o json vip get web | jq -r .holder
  vipadm -o json vip get web | jq -r '.spec.track[]'
  vipadm -o json vip get web | jq -r '.priorities[] | "\\(.node) \\(.priority) \\(.reasons)"'
  vipadm -o json vip get web | jq -r '.candidates[] | "\\(.node) \\(.state)"'`,

  'vip rm': `Usage: vipadm vip rm NAME      (aliases: vip delete, vip remove)

Deletes a VIP and its pin; the holder removes the address.

Example:
  vipadm vip rm web`,

  'vip move': `Usage: vipadm vip move NAME --to NODE [--timeout MS]

Planned switchover: pins NAME to NODE and waits until NODE holds it. The current holder
lets go only once NODE is registered and ready, so clients see no gap. The pin stays:
NODE takes the VIP back after a failure until the VIP is moved again or unpinned
(vipadm vip unpin NAME).

Options:
  --to NODE       the node to move to
  --timeout MS    how long the coordinator waits for NODE to hold it (default 10000,
                  at most 600000)

Examples:
  vipadm vip move web --to n2
  vipadm vip move web --to n2 --timeout 30000 && echo moved`,

  'import-keepalived': `Usage: vipadm import-keepalived FILE [--node NAME]

Reads one node's keepalived.conf (FILE, or - for stdin) and prints the VIP specs it implies as
the YAML "vipadm apply -f" reads: one VIP per virtual_ipaddress address of each vrrp_instance,
with this node (--node NAME, else global_defs router_id, else node1) at the instance's priority;
nopreempt, preempt_delay, track_script / track_process / track_interface (and their weights),
garp_master_*, dev, label, scope, brd, noprefixroute, virtual_routes, virtual_rules, use_vmac
(with virtual_router_id) and vrrp_sync_group (a VIP group) are carried. vrrp_script,
vrrp_track_process, each tracked interface (an interface check link-IF) and
notify_master|backup|fault follow as comments: the checks and hooks for the node's vipd.yaml.
Each option that cannot be carried (advert_int, authentication, a route with src, ...) is one
line on stderr saying why; the exit code is still 0. Needs no coordinator.

Examples:
  vipadm import-keepalived /etc/keepalived/keepalived.conf > vips.yaml
  vipadm import-keepalived db1.conf --node db1 > vips.yaml && vipadm apply -f vips.yaml --dry-run`,

  'vip unpin': `Usage: vipadm vip unpin NAME

Removes the pin "vip move" left on NAME, and nothing else: the VIP and its holder stay,
and from now on the VIP's own ranking decides (priorities and preempt: with --no-preempt
the holder keeps it; with preempt the best-ranked node takes it). A VIP without a pin is
not an error: "NAME is not pinned; nothing changed".

Examples:
  vipadm vip unpin web
  vipadm -o json vip unpin web | jq -r .unpinned_from`,

  node: `Usage: vipadm node list|drain|undrain ...

  node list
  node drain NODE
  node undrain NODE

See "vipadm node COMMAND --help" for each.`,

  'node list': `Usage: vipadm node list      (alias: node ls)

Lists nodes: advertised address, alive (live lease), drained, health, the VIPs each holds
(with fencing revisions), the VIPs it cannot serve now (unready), and the VIPs whose priority
its weighted checks change now (WEIGHTED: "web=130 (150; svc down: -20)"); -o json adds the
state of each of its checks.

Examples:
  vipadm node list
  vipadm -o json node list | jq -r '.nodes[] | select(.alive | not) | .name'`,

  'node drain': `Usage: vipadm node drain NODE

NODE gives up its VIPs (each moves to the next-best node) and takes none until undrained.

Example:
  vipadm node drain n1 && vipadm node list`,

  'node undrain': `Usage: vipadm node undrain NODE

NODE may hold VIPs again (with preempt, it takes back those it ranks first for).

Example:
  vipadm node undrain n1`,

  status: `Usage: vipadm status

The cluster name, etcd endpoints and health, every VIP with its holder, every node.
When the coordinator cannot read etcd, VIPs and nodes are "unknown" (-o json: the
"unknown" list names them) and the exit code is 1.

Examples:
  vipadm status
  vipadm -o json status`,

  watch: `Usage: vipadm watch [--vip NAME] [--node NODE]

Prints one line per event (acquired, released, spec_created, node_left, ...) as it happens,
until interrupted (Ctrl-C or SIGTERM exits 0). With -o json, one JSON object per line; -o
wide adds each event's etcd revision; -o yaml, one document per event.

If the stream is lost (the coordinator restarts), watch says so on stderr, reconnects with
backoff (0.25 s doubling to 5 s) and resumes after the last event it printed: nothing is
lost or printed twice. It stops (exit 1) only when that cannot be done: a refused token, or
etcd has compacted the revisions it missed.

Options:
  --vip NAME    only events about this VIP
  --node NODE   only events about this node

Examples:
  vipadm watch
  vipadm -o json watch --vip web | jq -c 'select(.type == "acquired")'`,

  completion: `Usage: vipadm completion bash|zsh

Prints a shell completion script for commands, options and their values.

Examples:
  source <(vipadm completion bash)                          # this shell only
  vipadm completion bash > /etc/bash_completion.d/vipadm    # every bash
  vipadm completion zsh > "\${fpath[1]}/_vipadm"             # zsh (restart it)`,

  config: `The config file: named contexts, like kubectl's

Path: $VIPADM_CONFIG, else $XDG_CONFIG_HOME/vipadm/config.yaml, else
~/.config/vipadm/config.yaml (a missing default file is fine). YAML:

  current-context: prod
  contexts:
    prod:
      server: coord.example:7500
      token-file: ~/.config/vipadm/prod.token     # mode 600; first line is the token
      tls-ca: /etc/vipd/tls/ca.pem                # or "tls: true" for the system's CAs
      tls-cert: /etc/vipd/tls/admin.pem
      tls-key: /etc/vipd/tls/admin-key.pem
    lab:
      server: 198.51.100.2:7500
      token-file: lab.token                       # relative: beside this file

--context NAME (or VIPADM_CONTEXT) picks another context than current-context. A flag or
an environment variable (VIPADM_SERVER, VIPADM_TOKEN_FILE, VIPADM_TLS_CA, ...) beats the
context's value. The file holds no token itself, only where to read it.
"vipadm config view" shows what is in use and where it comes from (never the token).`,

  export: `Usage: vipadm export [-o yaml|json]

Prints every VIP spec and every virtual service spec in the file format "vipadm apply -f" reads
(YAML by default, -o json for JSON), every default explicit and everything sorted, so that the
cluster's VIPs and services can live in git and a later export of the same cluster is byte for
byte the same.

Examples:
  vipadm export > cluster.yaml
  vipadm export > cluster.yaml && git diff cluster.yaml`,

  apply: `Usage: vipadm apply -f FILE [--dry-run] [--prune]

Makes the cluster's VIPs and virtual services what FILE says (the format "vipadm export"
writes; YAML or JSON; - for stdin): creates those it does not have, updates those that differ
(each only if nobody changed it since it was read), and with --prune deletes those FILE does not
list (without it they are kept and listed). Fields left out in FILE take their defaults.
A FILE without a "services:" key leaves the services alone (--prune included): a file of VIPs
only, or one exported before services existed, never deletes a service.

VIPs are written first, then services; with --prune services are deleted before VIPs.
Prints the plan as a diff: "+" create, "~" update (field: old -> new), "-" delete, "=" the same.
Stops at the first refusal, saying how many changes were applied.

Options:
  -f, --file FILE   the desired VIPs and services
  --dry-run         only show the diff; change nothing
  --prune           also delete VIPs (and, with "services:", services) that FILE does not list

Examples:
  vipadm apply -f cluster.yaml --dry-run
  vipadm apply -f cluster.yaml
  vipadm export | vipadm apply -f - --dry-run      # nothing to do: the same cluster`,

  'config view': `Usage: vipadm config view [--context NAME]

Shows the config file, context, server, where the token comes from (never the token) and the
TLS files that a command would use, after flags, environment and the context are applied.
Talks to nobody. See "vipadm help config" for the file.

Examples:
  vipadm config view
  vipadm --context prod -o json config view`,
  ...SERVICE_HELP,
  ...POOL_HELP,
};

export function helpText(topic: string): string {
  return HELP[topic] ?? HELP['']!;
}
