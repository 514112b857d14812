/** Help texts of the `service` commands (virtual services, docs/services.md). */

const OPTIONS = `  --vip VIPNAME              the VIP the service rides on (its rules run where it is held)
  --port PORT                the service port on the VIP, 1-65535
  --protocol tcp|udp         (default tcp)
  --scheduler rr|wrr|sh|random
                             rr: each backend in turn; wrr: in proportion to weights; sh:
                             source hash, one client to one backend; random: weighted random
                             (default rr)
  --mode nat|dr              nat: the director rewrites the destination (DNAT); dr: it
                             forwards the frame to the backend's MAC unchanged, and the
                             backend carries the VIP on lo (vipd realserver) (default nat)
  --snat, --no-snat          nat: also masquerade, for backends that do not route back
                             through the director (default off)
  --backend ADDR:PORT[=WEIGHT]
                             a real server, weight 0-1000 (default 1; 0: drained); repeat
                             for each; IPv6 as [ADDR]:PORT; in dr mode PORT is the service's
  --check tcp|http[:/PATH]|exec:COMMAND|none
                             the health check of every backend (default tcp)
  --check-arg ARG            exec: an argument of COMMAND; repeat for each (the backend is
                             in VIPD_BACKEND_ADDRESS and VIPD_BACKEND_PORT)
  --check-status N           http: the expected status (default 200)
  --check-body TEXT          http: the body must contain TEXT
  --check-port PORT          tcp/http: probe this port instead of the backend's
  --check-interval MS, --check-timeout MS, --check-rise N, --check-fall N
                             (defaults 1000, min(1000, interval), 2, 2)
  --sorry ADDR:PORT          served while no backend is healthy (--no-sorry: none)
  --quorum N                 fewer healthy backends than N: the director counts as unable
                             to serve the VIP, which moves to a director that can (default
                             0: off)`;

export const SERVICE_HELP: Record<string, string> = {
  service: `Usage: vipadm service add|set|list|get|rm|backend ...

L4 load balancing on a VIP (keepalived's virtual_server), with nftables on the node that
holds the VIP.

  service add NAME --vip VIPNAME --port PORT --backend ADDR:PORT[=WEIGHT]... [options]
  service set NAME [options]
  service list
  service get NAME
  service rm NAME
  service backend add NAME ADDR:PORT[=WEIGHT]
  service backend rm NAME ADDR:PORT
  service backend drain NAME ADDR:PORT      weight 0: no new connections, established ones finish
  service backend weight NAME ADDR:PORT WEIGHT

See "vipadm service COMMAND --help" for each.`,

  'service add': `Usage: vipadm service add NAME --vip VIPNAME --port PORT --backend ADDR:PORT[=WEIGHT]... [options]

Creates a virtual service. Refused (nothing written) when the VIP does not exist, a backend
is given twice, a port is 0, a weight is out of range or the scheduler is unknown.

${OPTIONS}

Examples:
  vipadm service add web --vip front --port 80 --backend 203.0.113.10:8080 --backend 203.0.113.11:8080
  vipadm service add web --vip front --port 80 --scheduler wrr --backend 203.0.113.10:80=3 \\
      --backend 203.0.113.11:80=1 --check http:/healthz --check-body ok --sorry 203.0.113.99:80
  vipadm service add dns --vip front --port 53 --protocol udp --mode dr --check none \\
      --backend 198.51.100.21:53 --backend 198.51.100.22:53`,

  'service set': `Usage: vipadm service set NAME [options]

Changes a service: reads it, applies the options, writes it back only if nobody changed it
meanwhile. --backend replaces the whole backend list; --check options change only what
they name.

${OPTIONS}

Examples:
  vipadm service set web --scheduler sh
  vipadm service set web --check-interval 500 --check-fall 3`,

  'service list': `Usage: vipadm service list      (alias: service ls)

Lists services: VIP, port, scheduler, mode, healthy backends, what the rules serve now
(backends, sorry, none, below_quorum) and the director (the VIP's holder).

Example:
  vipadm -o json service list | jq -r '.services[] | select(.serving != "backends") | .name'`,

  'service get': `Usage: vipadm service get NAME      (alias: service show)

Shows one service: its spec and each backend's weight, health and last check result, as
the director reported them.

Example:
  vipadm service get web`,

  'service rm': `Usage: vipadm service rm NAME      (aliases: service delete, service remove)

Deletes a service; the director removes its rules.`,

  'service backend add': `Usage: vipadm service backend add NAME ADDR:PORT[=WEIGHT]

Adds a backend (weight 1 unless given). Refused when it is already there.`,

  'service backend rm': `Usage: vipadm service backend rm NAME ADDR:PORT

Removes a backend: new connections go elsewhere at once.`,

  'service backend drain': `Usage: vipadm service backend drain NAME ADDR:PORT

Sets the backend's weight to 0: it gets no new connections; established ones finish.
Undo with "service backend weight NAME ADDR:PORT WEIGHT".`,

  'service backend weight': `Usage: vipadm service backend weight NAME ADDR:PORT WEIGHT

Sets a backend's weight, 0-1000 (0 drains it).`,
};
