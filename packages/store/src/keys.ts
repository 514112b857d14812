/** The etcd key schema, in one place. Everything lives under /vipd/<cluster>/. */

const CLUSTER_RE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function isValidClusterName(cluster: string): boolean {
  return CLUSTER_RE.test(cluster);
}

export class Keys {
  readonly root: string;
  constructor(readonly cluster: string) {
    this.root = `/vipd/${cluster}/`;
  }
  get vipsPrefix(): string {
    return `${this.root}vips/`;
  }
  get nodesPrefix(): string {
    return `${this.root}nodes/`;
  }
  get leadersPrefix(): string {
    return `${this.root}leaders/`;
  }
  get statusPrefix(): string {
    return `${this.root}status/`;
  }
  /** Operator drain switches: drain/<node> present means the node holds nothing. */
  get drainPrefix(): string {
    return `${this.root}drain/`;
  }
  /** Planned moves: pins/<vip> names the node the VIP should be on while it is eligible. */
  get pinsPrefix(): string {
    return `${this.root}pins/`;
  }
  /** alive/<node>: touched by a node, under its lease, only while it misses a peer's beats. */
  get alivePrefix(): string {
    return `${this.root}alive/`;
  }
  /**
   * takeovers/<vip>: written by a taker with its marker, under a short lease of its own, so that
   * a node that reads the leaders afresh (restart, resync) still honours the takeover's wait.
   */
  get takeoversPrefix(): string {
    return `${this.root}takeovers/`;
  }
  /** services/<name>: a virtual service (L4 load balancing) on a VIP (service-spec.ts). */
  get servicesPrefix(): string {
    return `${this.root}services/`;
  }
  service(name: string): string {
    return this.servicesPrefix + name;
  }
  /** service-health/<name>: its backends' health, written by the director running its rules. */
  get serviceHealthPrefix(): string {
    return `${this.root}service-health/`;
  }
  serviceHealth(name: string): string {
    return this.serviceHealthPrefix + name;
  }
  /** pools/<name>: an address pool that `vip add --pool` allocates from (pool-spec.ts). */
  get poolsPrefix(): string {
    return `${this.root}pools/`;
  }
  pool(name: string): string {
    return this.poolsPrefix + name;
  }
  /** keys/: the cluster's secrets (only `keys/beat` today). Read by vipd only, never logged. */
  get keysPrefix(): string {
    return `${this.root}keys/`;
  }
  /** keys/beat: the key every vipd signs its heartbeats with (HMAC-SHA256; see beat-key.ts). */
  get beatKey(): string {
    return `${this.keysPrefix}beat`;
  }
  takeoverMark(vip: string): string {
    return this.takeoversPrefix + vip;
  }
  alive(node: string): string {
    return this.alivePrefix + node;
  }
  drain(node: string): string {
    return this.drainPrefix + node;
  }
  pin(vip: string): string {
    return this.pinsPrefix + vip;
  }
  vip(name: string): string {
    return this.vipsPrefix + name;
  }
  node(name: string): string {
    return this.nodesPrefix + name;
  }
  leader(vip: string): string {
    return this.leadersPrefix + vip;
  }
  status(vip: string): string {
    return this.statusPrefix + vip;
  }
  /** The last path element of a key under `prefix`, or undefined if it is not directly under it. */
  static nameUnder(prefix: string, key: string): string | undefined {
    if (!key.startsWith(prefix)) return undefined;
    const rest = key.slice(prefix.length);
    return rest.length > 0 && !rest.includes('/') ? rest : undefined;
  }
}
