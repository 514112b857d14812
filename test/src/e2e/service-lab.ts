/**
 * A lab for virtual services: vipd on the directors n1 and n2 (the VIP `front` prefers n1), a
 * real etcd, backends b1..b3 each running a small HTTP server that answers with its own name,
 * and the client `cli` that loads the VIP with http-load. Services are written to etcd as
 * vipd reads them (the coordinator's own suite covers the admin API). Everything is in the
 * lab's namespaces and torn down by withLab.
 */
import type { ChildProcess } from 'node:child_process';
import { HTTP_LOAD, NAME_SERVER, VIPD_BIN } from '../harness/paths';
import { pollUntil } from '../harness/proc';
import { type BackendHost, ipv4Of, type Lab, type NodeHost, vipV4, withLab } from '../lab';
import type { LoadSummary } from '../tools/load-summary';
import { CLUSTER, VipdCluster } from './vipd-cluster';

export const DIRECTORS: NodeHost[] = ['n1', 'n2'];
export const BACKENDS: BackendHost[] = ['b1', 'b2', 'b3'];
export const VIP = vipV4(0);
export const TTL = 3;

/** What test/src/tools/http-load.ts prints (rps, p50, p99 and the counts: after the warm-up). */
export interface LoadResult extends LoadSummary {
  requests: number;
  bodies: Record<string, number>;
  failures: Record<string, number>;
  /** The wall clock at the load's start (ms since the epoch): the origin of the timeline. */
  t0: number;
  elapsedMs: number;
  warmup: number;
  /** Every request, in order of start: [start, end, body or `!error`], ms since t0. */
  timeline: [number, number, string][];
}

export class ServiceLab {
  /** Name servers by `host:port`. */
  readonly servers = new Map<string, ChildProcess>();
  readonly realservers = new Map<BackendHost, ChildProcess>();

  constructor(
    readonly lab: Lab,
    readonly cluster: VipdCluster,
    /** Requests per second of load() unless given (0: unpaced). */
    readonly rate = 0,
  ) {}

  /** Starts the name server NAME on host:port and waits until it answers from the client. */
  async startServer(host: BackendHost, port: number, name: string = host): Promise<void> {
    const proc = this.lab.spawn(host, [process.execPath, NAME_SERVER, name, String(port)]);
    this.servers.set(`${host}:${port}`, proc);
    await pollUntil(
      async () => ((await this.get(`http://${ipv4Of(host)}:${port}/`)) === name ? true : undefined),
      {
        timeoutMs: 5000,
        what: `${name} to answer on ${host}:${port}`,
      },
    );
  }

  async stopServer(host: BackendHost, port: number): Promise<void> {
    const proc = this.servers.get(`${host}:${port}`);
    if (!proc) return;
    this.servers.delete(`${host}:${port}`);
    await this.lab.kill(proc, 'SIGKILL');
  }

  /** `vipd realserver --vip VIP` on the host (DR mode). */
  async startRealserver(host: BackendHost): Promise<void> {
    this.realservers.set(
      host,
      this.lab.spawn(host, [process.execPath, VIPD_BIN, 'realserver', '--vip', VIP]),
    );
    await pollUntil(
      async () =>
        (await this.lab.exec(host, ['ip', '-4', 'addr', 'show', 'dev', 'lo'])).includes(`${VIP}/32`)
          ? true
          : undefined,
      { timeoutMs: 5000, what: `${VIP} on lo of ${host}` },
    );
  }

  async stopRealserver(host: BackendHost): Promise<void> {
    const proc = this.realservers.get(host);
    if (!proc) return;
    this.realservers.delete(host);
    await this.lab.kill(proc, 'SIGTERM');
  }

  /** One GET from the client; the body, or undefined on any failure. */
  async get(url: string): Promise<string | undefined> {
    const r = await this.load(url, 1, 3000);
    return Object.keys(r.bodies)[0];
  }

  /**
   * COUNT requests from the client, each on a new connection (bounded by maxMs), at most `rate`
   * per second (0: unpaced, for throughput), the client niced so the directors come first; rps
   * and latencies leave out the first `warmup` requests.
   */
  async load(
    url: string,
    count: number,
    maxMs = 30_000,
    concurrency = 1,
    timeoutMs = 2000,
    rate = this.rate,
    warmup = 0,
  ): Promise<LoadResult> {
    const argv = [url, count, maxMs, concurrency, timeoutMs, rate, warmup].map(String);
    const out = await this.lab.exec('cli', ['nice', '-n', '10', process.execPath, HTTP_LOAD, ...argv], {
      timeoutMs: maxMs + 15_000,
    });
    return JSON.parse(out) as LoadResult;
  }

  /** Writes services/<name> as it is stored (the coordinator would write the same JSON). */
  async putService(spec: Record<string, unknown> & { name: string }): Promise<void> {
    await this.cluster.etcdctl(['put', `/vipd/${CLUSTER}/services/${spec.name}`, JSON.stringify(spec)]);
  }

  async putServiceRaw(name: string, value: string): Promise<void> {
    await this.cluster.etcdctl(['put', `/vipd/${CLUSTER}/services/${name}`, value]);
  }

  /** service-health/<name> as the director reported it. */
  async health(
    name: string,
  ): Promise<
    | { node: string; serving: string; backends: Record<string, { health: string; connections?: number }> }
    | undefined
  > {
    const out = await this.cluster.etcdctl([
      'get',
      '--print-value-only',
      `/vipd/${CLUSTER}/service-health/${name}`,
    ]);
    return out.trim() ? (JSON.parse(out.trim()) as never) : undefined;
  }

  /** Opens `count` TCP connections from the client to the VIP and holds them for `ms` (no request sent). */
  holdConnections(port: number, count: number, ms: number): void {
    const code = `const net=require('net');for(let i=0;i<${count};i++)net.connect(${port},'${VIP}').on('error',()=>{});setTimeout(()=>process.exit(0),${ms})`;
    this.lab.spawn('cli', [process.execPath, '-e', code]);
  }

  /** The rules on a director, as nft lists them. */
  async rules(host: NodeHost): Promise<string> {
    return this.lab.exec(host, ['nft', 'list', 'ruleset']);
  }

  /** Waits until the director's rules satisfy `ok`. */
  async waitRules(
    host: NodeHost,
    ok: (ruleset: string) => boolean,
    what: string,
    timeoutMs = 10_000,
  ): Promise<void> {
    await pollUntil(async () => (ok(await this.rules(host)) ? true : undefined), {
      timeoutMs,
      intervalMs: 50,
      what,
    });
  }
}

/**
 * A lab with the VIP up on n1 (n2 standing by) and name servers on b1..b3 at `ports` (each
 * answering its host name); fn gets the ServiceLab. Logs of both directors print on failure.
 */
export async function withServiceLab(
  opts: {
    ports: number[];
    logLevel?: 'debug' | 'info';
    /**
     * The default fast takeover (300 ms silence) unless false: the tests turn it off, so that a
     * machine busy with other work does not move the VIP under them (they test the services).
     */
    fastTakeover?: boolean;
    /** load()'s default pace, requests per second (0: unpaced). */
    rate?: number;
  },
  fn: (s: ServiceLab) => Promise<void>,
): Promise<void> {
  await withLab({ nodes: 2, etcd: true, backends: 3 }, async (lab) => {
    const endpoint = await lab.startEtcd();
    const cluster = new VipdCluster(lab, endpoint, {
      ttlSeconds: TTL,
      logLevel: opts.logLevel,
      extraYaml: opts.fastTakeover === false ? ['takeover:', '  enabled: false'] : [],
    });
    const s = new ServiceLab(lab, cluster, opts.rate ?? 0);
    try {
      await cluster.putVip({
        name: 'front',
        address: `${VIP}/24`,
        interface: 'e0',
        nodes: { n1: { priority: 150 }, n2: { priority: 100 } },
      });
      // A NAT director forwards (as for LVS-NAT); in a flat segment it must not tell the client to
      // go to the backend directly.
      for (const n of DIRECTORS) {
        await lab.exec(n, [
          'sysctl',
          '-q',
          '-w',
          'net.ipv4.ip_forward=1',
          'net.ipv4.conf.all.send_redirects=0',
          'net.ipv4.conf.e0.send_redirects=0',
        ]);
      }
      for (const b of BACKENDS) for (const port of opts.ports) await s.startServer(b, port);
      cluster.start('n1');
      cluster.start('n2');
      await cluster.waitHolder(`${VIP}/24`, DIRECTORS, 15_000, 'n1');
      await cluster.waitServing(DIRECTORS);
      await fn(s);
    } catch (err) {
      cluster.printLogTails(DIRECTORS, 25);
      throw err;
    } finally {
      await cluster.stopAll();
    }
  });
}

/** Whether a NAT ruleset sends new connections to ADDR:PORT (map element or single DNAT). */
export function hasBackend(ruleset: string, address: string, port: number): boolean {
  return ruleset.includes(`${address} . ${port}`) || ruleset.includes(`${address}:${port}`);
}

/** Each backend's share of the answers, in percent. */
export function shares(r: LoadResult): Record<string, number> {
  const total = Object.values(r.bodies).reduce((a, b) => a + b, 0);
  return Object.fromEntries(Object.entries(r.bodies).map(([k, v]) => [k, (100 * v) / total]));
}
