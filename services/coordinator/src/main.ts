/** `vip-coordinator`: the admin API server's command line. */
import {
  type EtcdTlsFiles,
  exitWith,
  packageVersion,
  quietIpServernameWarning,
  readEtcdTls,
} from '@vipd/config';
import { createLogger, type Logger } from '@vipd/log';
import { MetricsEndpoint } from '@vipd/metrics-http';
import { callDeadline, createEtcdClient, Keys } from '@vipd/store';
import { AuditLog } from './audit';
import { Authorizer, certRoleMapper } from './auth';
import { ConfigError, type CoordinatorConfig, loadCoordinatorConfig, printableConfig } from './config';
import { CoordinatorMetrics } from './metrics';
import { CoordinatorServer } from './server';
import { adminServerCredentials } from './tls';
import type * as grpc from '@grpc/grpc-js';
import type { TokenDigest } from './tokens';

const USAGE = `Usage: vip-coordinator --config FILE [options]

Serves the vipd admin API (vipd.v1.AdminService, grpc.health.v1, server reflection) over
the cluster's state in etcd. Stateless: run several side by side.

Options (each overrides the file; VIPD_COORDINATOR_* environment variables sit between):
  --config FILE             YAML config: listen, cluster, etcd.{endpoints,dialTimeoutMs,
                            callTimeoutMs,tls,auth}, tls.{ca,cert,key,requireClientCert,
                            clientRoles}, auth.{tokens,anonymous}, reflection,
                            metrics.listen, log.{level,format,levelNames}
  --listen HOST:PORT        listen          (VIPD_COORDINATOR_LISTEN; default 0.0.0.0:7500)
  --cluster NAME            cluster         (VIPD_COORDINATOR_CLUSTER; default "default")
  --etcd-endpoints URLS     etcd.endpoints, comma-separated (VIPD_COORDINATOR_ETCD_ENDPOINTS)
  --metrics-listen HOST:PORT  metrics.listen: Prometheus GET /metrics
                            (VIPD_COORDINATOR_METRICS_LISTEN; default: no metrics endpoint)
  --log-level LEVEL         debug|info|warn|error (VIPD_COORDINATOR_LOG_LEVEL)
  --log-format FORMAT       json|pretty|auto     (VIPD_COORDINATOR_LOG_FORMAT)
  --log-level-names         log.levelNames: "level":"info" in JSON lines, not 30
                            (VIPD_COORDINATOR_LOG_LEVEL_NAMES; default off)
  --check-config            validate, print the effective config (secrets masked), exit
  --help, --version

The etcd user comes from etcd.auth.username or VIPD_COORDINATOR_ETCD_USERNAME; its password
only from etcd.auth.passwordFile or VIPD_COORDINATOR_ETCD_PASSWORD, never a flag.
Admin API tokens only from files: auth.tokens: [{name, role: viewer|operator, file}], each
file one token (16+ characters, mode 600 or 640). Writes always need an operator token;
reads need a token unless auth.anonymous is viewer.
Exit codes: 0 ok, 1 runtime failure, 2 bad usage or config.`;

const PROGRAM = 'vip-coordinator';

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${PROGRAM} ${packageVersion(__dirname)}\n`);
    return;
  }
  const checkOnly = argv.includes('--check-config');
  let config: CoordinatorConfig;
  let tokens: TokenDigest[];
  let etcdTls: EtcdTlsFiles | undefined;
  let credentials: grpc.ServerCredentials;
  try {
    ({ config, tokens } = loadCoordinatorConfig({
      argv: argv.filter((a) => a !== '--check-config'),
      env: process.env,
    }));
    etcdTls = readEtcdTls(config.etcd.tls);
    credentials = adminServerCredentials(config.tls);
  } catch (err) {
    if (err instanceof ConfigError) exitWith(PROGRAM, 2, err.message);
    throw err;
  }
  if (checkOnly) {
    process.stdout.write(`${JSON.stringify(printableConfig(config), null, 2)}\n`);
    return;
  }
  const { level, format, levelNames } = config.log;
  const root: Logger = createLogger({ level, format, levelNames });
  const log = root.child({ component: 'coordinator' });
  const auth = config.etcd.auth;
  const client = createEtcdClient({
    endpoints: config.etcd.endpoints,
    dialTimeoutMs: config.etcd.dialTimeoutMs,
    callTimeoutMs: config.etcd.callTimeoutMs,
    tls: etcdTls,
    auth: auth ? { username: auth.username, password: auth.password ?? '' } : undefined,
  });
  const keys = new Keys(config.cluster);
  const metricsLog = root.child({ component: 'metrics' });
  // etcd's health, read at each scrape: a quorum read of the cluster's prefix (allowed to its role).
  const etcdProbe = async (): Promise<void> => {
    const probeMs = Math.min(2000, config.etcd.callTimeoutMs);
    await client.kv.range({ key: Buffer.from(keys.root), limit: 1, keys_only: true }, callDeadline(probeMs));
  };
  const metrics = config.metrics.listen
    ? new CoordinatorMetrics(metricsLog, { version: packageVersion(__dirname), etcdProbe })
    : undefined;
  const server = new CoordinatorServer(
    {
      client,
      keys,
      metrics,
      log,
      cluster: config.cluster,
      endpoints: config.etcd.endpoints,
      callTimeoutMs: config.etcd.callTimeoutMs,
      healthTimeoutMs: Math.min(1000, config.etcd.callTimeoutMs),
      auth: new Authorizer({
        tokens,
        anonymous: config.auth.anonymous,
        // Only a server that asks for and verifies client certificates may take roles from them.
        certRole: config.tls?.requireClientCert ? certRoleMapper(config.tls.clientRoles) : undefined,
      }),
      audit: new AuditLog(root.child({ component: 'audit' })),
    },
    { reflection: config.reflection },
  );
  let port: number;
  try {
    port = await server.listen(config.listen, credentials);
  } catch (err) {
    client.close();
    exitWith(PROGRAM, 1, (err as Error).message);
  }
  let endpoint: MetricsEndpoint | undefined;
  if (metrics && config.metrics.listen) {
    const render = () => metrics.render();
    endpoint = await MetricsEndpoint.start({ listen: config.metrics.listen, render, log: metricsLog }).catch(
      (err: unknown) => {
        client.close();
        return exitWith(PROGRAM, 1, (err as Error).message);
      },
    );
  }
  log.info(
    {
      listen: config.listen,
      port,
      cluster: config.cluster,
      etcd: config.etcd.endpoints,
      tls: config.tls ? (config.tls.requireClientCert ? 'mutual' : 'server') : 'off',
      version: packageVersion(__dirname),
      tokens: tokens.map((t) => `${t.name}:${t.role}`),
      anonymous: config.auth.anonymous,
      reflection: config.reflection,
    },
    'vip-coordinator serving',
  );
  if (!tokens.some((t) => t.role === 'operator')) {
    log.warn({}, 'no operator token in auth.tokens: every write call will be refused');
  }
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'signal received; shutting down');
    Promise.all([server.close(), endpoint?.close()])
      .then(() => {
        client.close();
        process.exit(0);
      })
      .catch((err: unknown) => {
        log.error({ err: String(err) }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

quietIpServernameWarning();
main(process.argv.slice(2)).catch((err: unknown) => {
  exitWith(PROGRAM, 1, err instanceof Error ? err.message : String(err));
});
