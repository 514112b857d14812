// A namespace lab running vipd on some nodes with many planned VIPs, as the scale and stall
// benchmarks use it: the VIP specs written to etcd in one go, and what each node holds read from
// the kernel's address events (the sampler), never from vipd's own claims.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VipdCluster } from '../e2e/vipd-cluster';
import { TOOLS_DIR } from '../harness/paths';
import type { AddressSampler, Lab, NodeHost } from '../lab';
import type { PlannedVip } from './scale-plan';

export interface VipLabOptions {
  /** The nodes that run vipd. */
  nodes: readonly NodeHost[];
  /** Extra top-level lines of every node's vipd YAML. */
  extraYaml?: string[];
  /** The lease TTL (default 3 s; the VIPs' kernel lifetime follows it: docs/safety.md). */
  ttlSeconds?: number;
  /** Options for node before vipd's script. */
  nodeFlags?: readonly string[];
  /** Each node's kernel agent as its own process (see VipdNodeOptions.agentService). */
  agentService?: boolean;
  /** How vipd is started (see VipdNodeOptions.vipdCommand). */
  vipdCommand?: readonly string[];
}

export class VipLab {
  readonly cluster: VipdCluster;
  readonly nodes: readonly NodeHost[];
  sampler!: AddressSampler;
  private readonly byIp: Map<string, PlannedVip>;

  constructor(
    readonly lab: Lab,
    readonly endpoint: string,
    readonly vips: PlannedVip[],
    opts: VipLabOptions,
  ) {
    this.nodes = opts.nodes;
    this.cluster = new VipdCluster(lab, endpoint, {
      ttlSeconds: opts.ttlSeconds ?? 3,
      logLevel: 'info',
      extraYaml: opts.extraYaml ?? [],
      nodeFlags: opts.nodeFlags ?? [],
      agentService: opts.agentService ?? false,
      ...(opts.vipdCommand && { vipdCommand: opts.vipdCommand }),
    });
    this.byIp = new Map(vips.map((v) => [v.ip, v]));
  }

  async putSpecs(): Promise<void> {
    const file = join(this.lab.dir, 'vips.json');
    const entries = this.vips.map((v) => [`/vipd/lab/vips/${v.name}`, JSON.stringify(v.spec)]);
    writeFileSync(file, JSON.stringify(Object.fromEntries(entries)));
    const out = await this.lab.exec('etcd', [
      process.execPath,
      join(TOOLS_DIR, 'etcd-put.js'),
      this.endpoint,
      file,
    ]);
    if (Number(out.trim()) !== this.vips.length) throw new Error(`etcd-put wrote ${out.trim()} VIPs`);
  }

  /** Planned VIPs the host holds now (kernel truth, from the address events). */
  heldBy(host: NodeHost): PlannedVip[] {
    return this.sampler.timeline
      .held(host)
      .map((ip) => this.byIp.get(ip))
      .filter((v): v is PlannedVip => v !== undefined);
  }

  /** How many planned VIPs are held by exactly one node, and how many by more than one. */
  census(): { single: number; doubled: number } {
    const count = new Map<string, number>();
    for (const h of this.nodes) for (const v of this.heldBy(h)) count.set(v.ip, (count.get(v.ip) ?? 0) + 1);
    let single = 0;
    let doubled = 0;
    for (const c of count.values())
      if (c === 1) single++;
      else doubled++;
    return { single, doubled };
  }

  /** Every planned VIP on its preferred node and nowhere else (preempt brings them home). */
  settled(): boolean {
    const { single, doubled } = this.census();
    if (single !== this.vips.length || doubled) return false;
    return this.nodes.every((h) => this.heldBy(h).every((v) => v.preferred === h));
  }

  pid(host: NodeHost): number {
    const pid = this.cluster.procs.get(host)?.pid;
    if (pid === undefined) throw new Error(`vipd on ${host} is not running`);
    return pid;
  }
}
