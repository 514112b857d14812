// Records when each host held which address on e0. One `ip -ts monitor address dev e0` per
// namespace, event-driven: the kernel pushes every RTM_NEWADDR/RTM_DELADDR (also expiry of a
// valid_lft) and ip stamps it when it reads it, so the record is exact to about a millisecond
// and costs nothing while nothing changes. Polling at 10 ms would need 300 `ip` processes a
// second for 3 hosts and still be 10 ms coarse. The state before the monitor started is taken
// from one `ip -json addr` snapshot, and another at stop() cross-checks the event record.
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { hasExited, pollUntil, signalPid, waitForExit } from '../harness/proc';
import { AddressTimeline, parseMonitorLine } from './address-timeline';
import { LAB_IFNAME } from './lab-network';
import { canonicalIp } from './topology';

/** The part of a Lab the sampler needs (kept narrow so this file does not import lab.ts). */
export interface SamplerLab {
  spawn(host: string, argv: string[], opts: { pipe: true; env?: NodeJS.ProcessEnv }): ChildProcess;
  addresses(host: string): Promise<string[]>;
}

export interface SamplerOptions {
  /** The monitors stop by themselves after this long (default 10 minutes). */
  maxDurationMs?: number;
  /** Ignore link-local IPv6 addresses (default true). */
  ignoreLinkLocal?: boolean;
}

export interface SamplerResult {
  timeline: AddressTimeline;
  /** Differences between the event record and the final snapshot (should be empty). */
  discrepancies: string[];
}

export class AddressSampler {
  readonly timeline = new AddressTimeline();
  private readonly monitors = new Map<string, ChildProcess>();
  private maxTimer: NodeJS.Timeout | undefined;
  private result: Promise<SamplerResult> | undefined;

  private constructor(
    private readonly lab: SamplerLab,
    readonly hosts: readonly string[],
    private readonly ignoreLinkLocal: boolean,
  ) {}

  static async start(
    lab: SamplerLab,
    hosts: readonly string[],
    opts: SamplerOptions = {},
  ): Promise<AddressSampler> {
    const sampler = new AddressSampler(lab, hosts, opts.ignoreLinkLocal ?? true);
    try {
      await Promise.all(hosts.map((h) => sampler.startHost(h)));
    } catch (err) {
      await sampler.stopMonitors();
      throw err;
    }
    sampler.maxTimer = setTimeout(() => void sampler.stopMonitors(), opts.maxDurationMs ?? 600_000);
    sampler.maxTimer.unref();
    return sampler;
  }

  private keep(address: string): boolean {
    return !(this.ignoreLinkLocal && /^fe80:/i.test(address));
  }

  private async startHost(host: string): Promise<void> {
    const child = this.lab.spawn(host, ['ip', '-ts', 'monitor', 'address', 'dev', LAB_IFNAME], {
      pipe: true,
      env: { TZ: 'UTC' }, // ip prints local time without a zone; make it UTC
    });
    this.monitors.set(host, child);
    let partial = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const ev = parseMonitorLine(line);
        if (!ev || ev.ifname !== LAB_IFNAME || !this.keep(ev.address)) continue;
        if (ev.deleted) this.timeline.remove(host, ev.address, ev.at);
        else this.timeline.add(host, ev.address, ev.at);
      }
    });
    child.stderr?.resume();
    await waitSubscribed(child);
    // Subscribed: from here on every change arrives as an event. The snapshot gives what
    // was there before (an add already seen as an event keeps its earlier time).
    const at = Date.now();
    for (const a of await this.lab.addresses(host)) {
      if (this.keep(canonicalIp(a))) this.timeline.add(host, a, at);
    }
  }

  private async stopMonitors(): Promise<void> {
    if (this.maxTimer) clearTimeout(this.maxTimer);
    await Promise.all(
      [...this.monitors.values()].map(async (child) => {
        signalPid(child, 'SIGTERM');
        if (!(await waitForExit(child, 2000))) signalPid(child, 'SIGKILL');
        // Let the last buffered lines be read (bounded).
        await Promise.race([
          new Promise((r) => child.once('close', r)),
          new Promise((r) => setTimeout(r, 500)),
        ]);
      }),
    );
  }

  /** Stops the monitors and closes the record (idempotent). */
  stop(): Promise<SamplerResult> {
    this.result ??= this.finish();
    return this.result;
  }

  private async finish(): Promise<SamplerResult> {
    // Compare while the monitors still run, so nothing changes unseen in between.
    const discrepancies: string[] = [];
    await new Promise((r) => setTimeout(r, 20)); // events already in flight
    for (const host of this.hosts) {
      const actual = new Set((await this.lab.addresses(host)).map(canonicalIp).filter((a) => this.keep(a)));
      const recorded = new Set(this.timeline.held(host));
      for (const a of actual) if (!recorded.has(a)) discrepancies.push(`${host} holds ${a}, not recorded`);
      for (const a of recorded) if (!actual.has(a)) discrepancies.push(`${host} recorded ${a}, not held`);
    }
    await this.stopMonitors();
    this.timeline.close(Date.now());
    return { timeline: this.timeline, discrepancies };
  }
}

/**
 * Waits until ip has joined the address multicast groups: its netlink socket (port id = its
 * PID) shows non-zero groups in /proc/PID/net/netlink. Bounded to 2 s.
 */
async function waitSubscribed(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) throw new Error('ip monitor did not start');
  await pollUntil(
    async () => {
      const table = await readFile(`/proc/${pid}/net/netlink`, 'utf8');
      return table.split('\n').some((row) => {
        const cols = row.trim().split(/\s+/);
        return cols[2] === String(pid) && cols[3] !== undefined && /[1-9a-f]/i.test(cols[3]);
      })
        ? true
        : undefined;
    },
    {
      timeoutMs: 2000,
      intervalMs: 5,
      what: `ip monitor (pid ${pid}) to subscribe`,
      fatal: () => (hasExited(child) ? new Error('ip monitor exited') : undefined),
    },
  );
}
