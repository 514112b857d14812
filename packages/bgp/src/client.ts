/**
 * A client of one gobgpd's gRPC API: configure the speaker (AS, router id, peers), add and
 * withdraw host routes, read the peers' state. Every call has a deadline; errors are BgpError
 * (transient when gobgpd is not reachable). Passwords go to gobgpd only, never into an error.
 */
import { grpc, loadGobgpApi } from './api';
import { BgpError, fromGrpcError } from './errors';
import type { GobgpApiClient } from './generated/apipb/GobgpApi';
import type { GetBgpResponse__Output } from './generated/apipb/GetBgpResponse';
import type { ListPathResponse__Output } from './generated/apipb/ListPathResponse';
import type { ListPeerResponse__Output } from './generated/apipb/ListPeerResponse';
import type { Peer } from './generated/apipb/Peer';
import { bgpFamily, familyOf, hostRoutePath, routeName, type HostRoute } from './paths';

export interface SpeakerSettings {
  asn: number;
  routerId: string;
  /** The TCP port gobgpd listens for BGP on; -1: it only connects out (the default). */
  listenPort?: number;
}

export interface PeerSettings {
  address: string;
  asn: number;
  /** TCP MD5 (RFC 2385) password; sent to gobgpd, never logged. */
  password?: string;
  /** Hold time in seconds (keepalives a third of it); gobgpd's default 90 when undefined. */
  holdTimeSec?: number;
  /** Seconds between connection attempts; gobgpd's default 120 when undefined. */
  connectRetrySec?: number;
  /** Only wait for the peer to connect, never connect out. */
  passive?: boolean;
  /**
   * Address families carried on the session (multiprotocol BGP): default the peer address's own.
   * IPv6 host routes over an IPv4 session need [4, 6].
   */
  families?: readonly (4 | 6)[];
}

export type SessionState =
  'UNKNOWN' | 'IDLE' | 'CONNECT' | 'ACTIVE' | 'OPENSENT' | 'OPENCONFIRM' | 'ESTABLISHED';

export interface PeerStatus {
  address: string;
  asn: number;
  state: SessionState;
  /** Whether the session is administratively down. */
  adminDown: boolean;
}

export interface GobgpClientOptions {
  /** gobgpd's API address, HOST:PORT (gobgpd's --api-hosts). */
  address: string;
  /** Deadline of each call (default 2000 ms). */
  callTimeoutMs?: number;
}

export class GobgpClient {
  private readonly client: GobgpApiClient;
  private readonly callTimeoutMs: number;

  constructor(opts: GobgpClientOptions) {
    const { GobgpApi } = loadGobgpApi();
    this.client = new GobgpApi(opts.address, grpc.credentials.createInsecure());
    this.callTimeoutMs = opts.callTimeoutMs ?? 2000;
  }

  /** Resolves once the API answers; rejects (transient) when it does not within `timeoutMs`. */
  async waitReady(timeoutMs: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.client.waitForReady(Date.now() + timeoutMs, (err) =>
        err ? reject(new BgpError('connect to gobgpd', err.message, true, { cause: err })) : resolve(),
      );
    });
  }

  /** Starts the speaker (gobgpd's StartBgp); fails if it runs already. */
  async startBgp(s: SpeakerSettings): Promise<void> {
    await this.unary('start BGP', (cb) =>
      this.client.StartBgp(
        { global: { asn: s.asn, router_id: s.routerId, listen_port: s.listenPort ?? -1 } },
        this.options(),
        cb,
      ),
    );
  }

  /** The speaker's AS and router id, or undefined when it has not been started. */
  async speaker(): Promise<{ asn: number; routerId: string } | undefined> {
    const res = await this.unary<GetBgpResponse__Output>('read the BGP speaker', (cb) =>
      this.client.GetBgp({}, this.options(), cb),
    );
    const g = res.global;
    return g && g.asn !== 0 ? { asn: g.asn, routerId: g.router_id } : undefined;
  }

  async addPeer(p: PeerSettings): Promise<void> {
    const family = familyOf(p.address);
    const peer: Peer = {
      conf: { neighbor_address: p.address, peer_asn: p.asn, auth_password: p.password ?? '' },
      afi_safis: (p.families ?? [family]).map((f) => ({ config: { family: bgpFamily(f), enabled: true } })),
      ...(p.passive === true && { transport: { passive_mode: true } }),
      ...((p.holdTimeSec !== undefined || p.connectRetrySec !== undefined) && {
        timers: {
          config: {
            hold_time: String(p.holdTimeSec ?? 90),
            keepalive_interval: String(Math.max(1, Math.floor((p.holdTimeSec ?? 90) / 3))),
            connect_retry: String(p.connectRetrySec ?? 120),
          },
        },
      }),
    };
    await this.unary(`add peer ${p.address}`, (cb) => this.client.AddPeer({ peer }, this.options(), cb));
  }

  /** Announces `route.address` as a host route with next hop `route.nextHop` (replaces an earlier one). */
  async announce(route: HostRoute): Promise<void> {
    await this.unary(`announce ${routeName(route)}`, (cb) =>
      this.client.AddPath({ table_type: 'GLOBAL', path: hostRoutePath(route) }, this.options(), cb),
    );
  }

  /** Withdraws the host route (nothing happens when it was not announced). */
  async withdraw(route: HostRoute): Promise<void> {
    const path = hostRoutePath(route);
    await this.unary(`withdraw ${routeName(route)}`, (cb) =>
      this.client.DeletePath(
        { table_type: 'GLOBAL', family: bgpFamily(familyOf(route.address)), path },
        this.options(),
        cb,
      ),
    );
  }

  /** Host routes this speaker originates now (its global RIB's local paths), as "ADDR/LEN". */
  async announced(family: 4 | 6): Promise<string[]> {
    const out: string[] = [];
    await this.stream(
      `list ${family === 4 ? 'IPv4' : 'IPv6'} paths`,
      () => this.client.ListPath({ table_type: 'GLOBAL', family: bgpFamily(family) }, this.options()),
      (res: ListPathResponse__Output) => {
        const d = res.destination;
        // A local path has no neighbour ("<nil>" or "" depending on the gobgpd version).
        if (d?.paths.some((p) => p.neighbor_ip === '' || p.neighbor_ip === '<nil>')) out.push(d.prefix);
      },
    );
    return out;
  }

  /** Every configured peer and its session state. */
  async peers(): Promise<PeerStatus[]> {
    const out: PeerStatus[] = [];
    await this.stream(
      'list peers',
      () => this.client.ListPeer({}, this.options()),
      (res: ListPeerResponse__Output) => {
        const p = res.peer;
        if (!p?.conf) return;
        out.push({
          address: p.conf.neighbor_address,
          asn: p.conf.peer_asn,
          state: (p.state?.session_state ?? 'UNKNOWN') as SessionState,
          adminDown: p.conf.admin_down,
        });
      },
    );
    return out;
  }

  close(): void {
    this.client.close();
  }

  private options(): grpc.CallOptions {
    return { deadline: Date.now() + this.callTimeoutMs };
  }

  private unary<T>(action: string, call: (cb: grpc.requestCallback<T>) => unknown): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      call((err, res) => (err || res === undefined ? reject(fromGrpcError(action, err)) : resolve(res)));
    });
  }

  private stream<T>(
    action: string,
    open: () => grpc.ClientReadableStream<T>,
    each: (msg: T) => void,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const s = open();
      s.on('data', each);
      s.on('error', (err) => reject(fromGrpcError(action, err)));
      s.on('end', () => resolve());
    });
  }
}
