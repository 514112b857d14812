/** Help texts, one per command path ('' is the top level). */
import { SERVICE_HELP } from './service-help';

const GLOBAL = `Global options (anywhere after "vipadm"):
  --server HOST:PORT     the coordinator (env VIPADM_SERVER; default localhost:7500)
  --token-file F         read the API token from F (or env VIPADM_TOKEN)
  --token T              the API token; shows in ps, prefer VIPADM_TOKEN or --token-file
  --tls                  use TLS with the system's CAs
  --tls-ca F             use TLS, trusting the CA in F
  --tls-cert F --tls-key F
                         client certificate and key for mutual TLS
  -o, --output FORMAT    table (default; env VIPADM_OUTPUT) or json (stable, for scripts)
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
  node list                         nodes, liveness, health and what they hold
  node drain NODE                   NODE gives up its VIPs and takes none
  node undrain NODE                 NODE may hold VIPs again
  status                            cluster, etcd, VIPs and nodes at a glance
  watch                             one line per event until interrupted
  service add|set|list|get|rm NAME  virtual services: L4 load balancing on a VIP
  service backend add|rm|drain|weight NAME ADDR:PORT
  help [COMMAND]                    this text, or a command's

${GLOBAL}

Exit codes: 0 ok, 1 error (refused by the coordinator, unreachable, timeout), 2 bad usage.
Errors are one line on stderr: "vipadm: <message>".

Examples:
  vipadm vip add web --address 198.51.100.100/24 --interface eth0 --node n1=150 --node n2
  vipadm vip list
  vipadm -o json status | jq '.vips[] | {name: .spec.name, holder}'
  VIPADM_SERVER=coord.example:7500 vipadm --token-file /etc/vipd/token node list`,

  vip: `Usage: vipadm vip add|set|list|get|rm|move ...

  vip add NAME --address ADDR/PREFIX --interface IF [--node NODE[=PRIORITY]]... [--no-preempt]
  vip set NAME [spec options]
  vip list
  vip get NAME
  vip rm NAME
  vip move NAME --to NODE [--timeout MS]

See "vipadm vip COMMAND --help" for each.`,

  'vip add': `Usage: vipadm vip add NAME --address ADDR/PREFIX --interface IF [options]

Creates a VIP. NAME is lower-case letters, digits and "-". Fails if NAME exists.

${SPEC_OPTIONS}

Examples:
  vipadm vip add web --address 198.51.100.100/24 --interface eth0
  vipadm vip add db --address 2001:db8::10/64 --interface eth1 --node n1=200 --node n2=100 --no-preempt
  vipadm vip add api --address 198.51.100.101/24 --interface eth0 --node n1 --node n2 \\
      --node-interface n2=bond0 --preempt-delay 5000 --announce-count 5
  vipadm vip add web --address 198.51.100.100/24 --interface eth0 --track nginx --track uplink
  vipadm vip add db --address 198.51.100.102/24 --interface eth0 --on-etcd-loss failsafe
  vipadm vip add web --address 198.51.100.100/24 --interface eth0 --announce-probe 2000`,

  'vip set': `Usage: vipadm vip set NAME [options]

Changes a VIP: reads it, applies the options, and writes it back only if nobody changed it
meanwhile (otherwise: "conflict: ..., try again"). Options not given keep their value.
--node replaces the whole node list, --track the whole list of tracked checks.

${SPEC_OPTIONS}
  --no-track                 track no check any more

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
holder with its fencing revision, pin.

Examples:
  vipadm vip get web
  vipadm -o json vip get web | jq -r .holder
  vipadm -o json vip get web | jq -r '.spec.track[]'`,

  'vip rm': `Usage: vipadm vip rm NAME      (aliases: vip delete, vip remove)

Deletes a VIP and its pin; the holder removes the address.

Example:
  vipadm vip rm web`,

  'vip move': `Usage: vipadm vip move NAME --to NODE [--timeout MS]

Planned switchover: pins NAME to NODE and waits until NODE holds it. The current holder
lets go only once NODE is registered and ready, so clients see no gap. The pin stays:
NODE takes the VIP back after a failure until the VIP is moved again.

Options:
  --to NODE       the node to move to
  --timeout MS    how long the coordinator waits for NODE to hold it (default 10000,
                  at most 600000)

Examples:
  vipadm vip move web --to n2
  vipadm vip move web --to n2 --timeout 30000 && echo moved`,

  node: `Usage: vipadm node list|drain|undrain ...

  node list
  node drain NODE
  node undrain NODE

See "vipadm node COMMAND --help" for each.`,

  'node list': `Usage: vipadm node list      (alias: node ls)

Lists nodes: advertised address, alive (live lease), drained, health, the VIPs each holds
(with fencing revisions) and the VIPs it cannot serve now (unready).

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

Examples:
  vipadm status
  vipadm -o json status`,

  watch: `Usage: vipadm watch [--vip NAME] [--node NODE]

Prints one line per event (acquired, released, spec_created, node_left, ...) as it happens,
until interrupted (Ctrl-C or SIGTERM exits 0). With -o json, one JSON object per line.

Options:
  --vip NAME    only events about this VIP
  --node NODE   only events about this node

Examples:
  vipadm watch
  vipadm -o json watch --vip web | jq -c 'select(.type == "acquired")'`,
  ...SERVICE_HELP,
};

export function helpText(topic: string): string {
  return HELP[topic] ?? HELP['']!;
}
