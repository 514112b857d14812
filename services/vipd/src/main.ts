/** `vipd`: the node daemon's command line. */
import { hostname } from 'node:os';
import * as grpc from '@grpc/grpc-js';
import {
  ConfigError,
  DEFAULT_STATUS_SOCKET,
  type EtcdTlsFiles,
  exitWith,
  loadVipdConfig,
  maskSecrets,
  packageVersion,
  readEtcdTls,
  quietIpServernameWarning,
  readMutualTlsFiles,
  type VipdConfig,
} from '@vipd/config';
import { type MeshTls, meshServerCredentials, serverOptions } from '@vipd/heartbeat';
import { NftDataPlane } from '@vipd/lb';
import { createLogger, errorLine, type Logger } from '@vipd/log';
import { MetricsEndpoint } from '@vipd/metrics-http';
import {
  type LeftoverRemoval,
  VIPD_ADDR_METRIC,
  removeOwnedAddresses,
  removeOwnedRouting,
  removeVmacLinks,
} from '@vipd/netif';
import { Daemon } from './daemon';
import { realserver } from './realserver';
import { HealthServer } from './health';
import { limitHeapGrowth } from './heap';
import { applyNice } from './scheduling';
import { BgpSpeaker } from './bgp-speaker';
import { withBgp } from './kernel-bgp';
import { createLinuxKernel } from './kernel-linux';
import { VipdMetrics } from './metrics';
import { statusCommand } from './status-command';
import type { AgentStatus } from './status-report';
import { StatusServer } from './status-socket';

const USAGE = `Usage: vipd --config FILE [options]

Holds floating virtual IPs for this node: takes one leadership lock per VIP in etcd,
adds the VIP to its interface and announces it with gratuitous ARP / unsolicited NA.

Options (each overrides the file; VIPD_* environment variables sit between the two):
  --config FILE             YAML config (see deploy/vipd.example.yaml)
  --node-name NAME          node.name            (VIPD_NODE_NAME; default: host name)
  --listen HOST:PORT        node.listen, gRPC health (VIPD_NODE_LISTEN; default 0.0.0.0:7400)
  --advertise HOST:PORT     node.advertise       (VIPD_NODE_ADVERTISE)
  --cluster NAME            cluster              (VIPD_CLUSTER; default "default")
  --etcd-endpoints URLS     etcd.endpoints, comma-separated (VIPD_ETCD_ENDPOINTS)
  --lease-ttl SECONDS       lease.ttlSeconds     (VIPD_LEASE_TTL_SECONDS; default 3)
  --heartbeat-interval MS   heartbeat.intervalMs (VIPD_HEARTBEAT_INTERVAL_MS)
  --drained                 start drained: hold no VIP (VIPD_NODE_DRAINED)
  --agent-socket PATH       node.agentSocket: the kernel agent run as its own service
                            (vipd-agent.service) (VIPD_NODE_AGENT_SOCKET; default: vipd
                            starts the agent as its child)
  --status-socket PATH      node.statusSocket, read by vipd status (VIPD_NODE_STATUS_SOCKET;
                            default ${DEFAULT_STATUS_SOCKET})
  --metrics-listen HOST:PORT  metrics.listen: Prometheus GET /metrics (VIPD_METRICS_LISTEN;
                            default: no metrics endpoint)
  --log-level LEVEL         debug|info|warn|error (VIPD_LOG_LEVEL)
  --log-format FORMAT       json|pretty|auto     (VIPD_LOG_FORMAT)
  --log-level-names         log.levelNames: "level":"info" in JSON lines, not 30
                            (VIPD_LOG_LEVEL_NAMES; default off)
  --check-config            validate, print the effective config (secrets masked), exit
  --cleanup                 remove every address vipd added on this host (route metric
                            ${VIPD_ADDR_METRIC}, IPv4 label <if>:vip), and its routes and rules
                            (proto 118) and vmac4.ID/vmac6.ID macvlans, log each one, exit; for systemd's
                            ExecStopPost after vipd died. Needs no etcd; touches no other address.
  --help, --version

  vipd status [-o json]           what the running vipd holds, its peers and deadlines
                                  (see vipd status --help)
  vipd realserver --vip ADDR...   prepare this host as a DR real server (see vipd realserver --help)

The etcd password comes only from etcd.auth.passwordFile or VIPD_ETCD_PASSWORD, never a flag.
Exit codes: 0 ok, 1 runtime failure, 2 bad usage or config.`;

const PROGRAM = 'vipd';

function makeLogger(config: VipdConfig | undefined, nodeName: string | undefined): Logger {
  const { level, format, levelNames } = config?.log ?? {};
  return createLogger({ level, format, levelNames, base: { node: nodeName } });
}

/**
 * `--cleanup`: removes every address carrying vipd's mark in this network namespace, and every
 * route and rule of vipd's protocol and virtual-MAC macvlan, and exits 0, or 1 when one could
 * not be removed. It runs after vipd has died (ExecStopPost), so it must
 * not depend on what may have killed it: a config that no longer loads is reported and the
 * cleanup goes on with default log settings.
 */
async function cleanup(argv: string[]): Promise<number> {
  let config: VipdConfig | undefined;
  try {
    config = loadVipdConfig({ argv, env: process.env }).config;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`vipd: warning: ${err.message}; cleaning up anyway\n`);
  }
  const log = makeLogger(config, config?.node.name).child({ component: 'cleanup' });
  let failed = 0;
  let others = 0;
  // The routes and rules of vipd's protocol and the virtual-MAC macvlans that a killed unit's
  // kernel agent left (it died with vipd): routes and rules before the addresses, macvlans after.
  const extras = async (what: string, remove: () => Promise<LeftoverRemoval[]>): Promise<void> => {
    try {
      for (const x of await remove()) {
        const fields = { [x.kind === 'virtual MAC' ? 'vmac' : x.kind]: x.text };
        if (x.error) {
          failed++;
          log.error({ ...fields, err: x.error.message }, `could not remove a ${x.kind}`);
        } else {
          others++;
          log.info(fields, `removed a ${x.kind} left by vipd`);
        }
      }
    } catch (err) {
      failed++;
      log.error({ err: errorLine(err) }, `could not list the ${what} left by vipd`);
    }
  };
  await extras('routes and rules', () => removeOwnedRouting());
  const results = await removeOwnedAddresses();
  for (const { address: a, removed, error } of results) {
    const fields = { address: `${a.address}/${a.prefixLen}`, interface: a.ifname };
    if (error) log.error({ ...fields, err: error.message }, 'could not remove a VIP address');
    else if (removed) log.info(fields, 'removed a VIP address left by vipd');
  }
  failed += results.filter((r) => r.error).length;
  await extras('virtual-MAC macvlans', () => removeVmacLinks());
  try {
    await new NftDataPlane().clear();
  } catch (err) {
    failed++;
    log.error({ err: errorLine(err) }, 'could not remove the virtual service rules');
  }
  log.info({ removed: results.filter((r) => r.removed).length, others, failed }, 'cleanup done');
  return failed ? 1 : 0;
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'realserver') {
    const log = createLogger({ base: { node: hostname() } }).child({ component: 'realserver' });
    process.exitCode = await realserver(argv.slice(1), log);
    return;
  }
  if (argv[0] === 'status') {
    process.exitCode = await statusCommand(argv.slice(1), process.env);
    return;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${PROGRAM} ${packageVersion(__dirname)}\n`);
    return;
  }
  if (argv.includes('--cleanup')) {
    process.exitCode = await cleanup(argv.filter((a) => a !== '--cleanup'));
    return;
  }
  const checkOnly = argv.includes('--check-config');
  let config: VipdConfig;
  let etcdTls: EtcdTlsFiles | undefined;
  let meshTls: MeshTls | undefined;
  try {
    config = loadVipdConfig({ argv: argv.filter((a) => a !== '--check-config'), env: process.env }).config;
    etcdTls = readEtcdTls(config.etcd.tls);
    const hbTls = config.heartbeat.tls;
    meshTls = hbTls ? readMutualTlsFiles(hbTls, { prefix: 'heartbeat.tls.' }) : undefined;
  } catch (err) {
    if (err instanceof ConfigError) exitWith(PROGRAM, 2, err.message);
    throw err;
  }
  if (checkOnly) {
    process.stdout.write(`${JSON.stringify(maskSecrets(config), null, 2)}\n`);
    return;
  }
  if (process.getuid?.() !== 0) {
    process.stderr.write(
      'vipd: warning: not root; adding addresses needs CAP_NET_ADMIN and ARP needs CAP_NET_RAW\n',
    );
  }
  const log = makeLogger(config, config.node.name);
  if (!limitHeapGrowth()) log.info({}, 'node was given --heap-growing-percent; vipd keeps it');
  // Before the kernel agent is spawned: it inherits the priority.
  const nice = config.scheduling.nice;
  const priority = applyNice(nice);
  if (priority.error) {
    log.warn({ nice, err: priority.error }, 'could not raise the CPU priority; a busy host may delay beats');
  } else if (nice !== 0) {
    log.info({ nice, threads: priority.threads, autogroup: priority.autogroup }, 'CPU priority set');
  }
  const server = new grpc.Server(serverOptions());
  const health = new HealthServer(server);
  const lost = { daemon: undefined as Daemon | undefined, bgp: undefined as BgpSpeaker | undefined };
  const startedAt = new Date().toISOString();
  // The kernel agent as `vipd status` shows it.
  const agent: AgentStatus = {
    mode: config.node.agentSocket ? 'service' : 'child',
    socket: config.node.agentSocket ?? null,
    restarts: 0,
    fences: 0,
    lastFence: null,
  };
  const linux = createLinuxKernel(log.child({ component: 'kernel' }), {
    onAgentLost: () => {
      agent.restarts++;
      lost.daemon?.agentLost({ class: 'fence_switch', text: 'kernel agent restarted' });
    },
    onFenced: (f) => {
      agent.fences++;
      const { reason, removed, failed } = f;
      agent.lastFence = { at: new Date().toISOString(), reason, removed, failed };
      // The fence killed gobgpd with the addresses: no route is wanted until a VIP is up again.
      lost.bgp?.forgetAll();
      lost.daemon?.agentLost({ class: 'fenced', text: `fenced by the kernel agent (${f.reason})` });
    },
    agentSocket: config.node.agentSocket,
  });
  if (!(await linux.ready())) {
    exitWith(
      PROGRAM,
      1,
      config.node.agentSocket
        ? `kernel agent not reachable at ${config.node.agentSocket}: is vipd-agent.service running?`
        : 'kernel agent (vipd-agent) did not start',
    );
  }
  // BGP mode (docs/bgp.md): vipd's own gobgpd, which the kernel agent's fence kills.
  let bgp: BgpSpeaker | undefined;
  if (config.bgp) {
    bgp = new BgpSpeaker({
      config: config.bgp,
      log: log.child({ component: 'bgp' }),
      killOnFence: (pid) => linux.killOnFence?.(pid) ?? Promise.resolve(),
      onSessionChange: () => lost.daemon?.recheckReadiness(),
    });
    lost.bgp = bgp;
    try {
      await bgp.start();
    } catch (err) {
      await linux.close();
      exitWith(PROGRAM, 1, `BGP: cannot start gobgpd (${config.bgp.gobgpd}): ${(err as Error).message}`);
    }
  }
  const metricsLog = log.child({ component: 'metrics' });
  const metrics = config.metrics.listen
    ? new VipdMetrics(metricsLog, { version: packageVersion(__dirname) })
    : undefined;
  const routed = bgp ? withBgp(linux, bgp) : linux;
  const kernel = metrics ? metrics.countingKernel(routed) : routed;
  if (metrics && bgp) {
    const speaker = bgp;
    metrics.watchBgp(() => speaker.snapshot());
  }
  const daemon = new Daemon(config, {
    kernel,
    log,
    etcdTls,
    meshTls,
    server,
    metrics,
    lb: new NftDataPlane(),
    ...(bgp && {
      bgpSessionUp: () => bgp.sessionUp,
      bgpPeers: () => Object.fromEntries(bgp.snapshot().peers.map((p) => [p.address, p.state])),
    }),
    onReady: (ready) => {
      metrics?.setReady(ready);
      health.setServing(ready);
      log.info({ component: 'health', serving: ready }, ready ? 'health: SERVING' : 'health: NOT_SERVING');
    },
  });
  lost.daemon = daemon;
  try {
    await health.listen(config.node.listen, meshServerCredentials(meshTls));
  } catch (err) {
    exitWith(PROGRAM, 1, (err as Error).message);
  }
  let endpoint: MetricsEndpoint | undefined;
  if (metrics && config.metrics.listen) {
    const render = () => metrics.render();
    endpoint = await MetricsEndpoint.start({ listen: config.metrics.listen, render, log: metricsLog }).catch(
      (err: unknown) => exitWith(PROGRAM, 1, (err as Error).message),
    );
  }
  const vipdVersion = packageVersion(__dirname);
  const status = new StatusServer(
    config.node.statusSocket,
    () => ({
      ...daemon.status({ pid: process.pid, vipdVersion, startedAt, agent }),
      bgp: bgp?.snapshot() ?? null,
    }),
    log.child({ component: 'status' }),
  );
  await status.listen();
  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    log.info({ component: 'daemon', signal }, 'signal received');
    stopping = daemon
      .stop()
      .then(() => Promise.all([health.close(), endpoint?.close(), status.close(), bgp?.stop()]))
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ component: 'daemon', err: String(err) }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  await daemon.start();
}

quietIpServernameWarning();
main(process.argv.slice(2)).catch((err: unknown) => {
  exitWith(PROGRAM, 1, err instanceof Error ? err.message : String(err));
});
