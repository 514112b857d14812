// The scale benchmark's result records and their Markdown table (pure).
import type { Machine } from './model';
import type { EtcdLoad, ScaleFault } from './scale-plan';

export interface NodeFigures {
  node: string;
  /** VIPs the node held during the steady window. */
  vips: number;
  rssMb: number;
  peakRssMb: number;
  /** vipd's CPU time over the steady window, % of one core. */
  cpuPercent: number;
  /** Its helper processes' (the kernel agent vipd-agent, hooks), % of one core. */
  helperCpuPercent?: number;
}

export interface FailoverFigures {
  fault: ScaleFault;
  /** VIPs the failed node held, all of which had to move. */
  vipsMoved: number;
  /** The last of them appeared on another node this long after the fault. */
  allMovedMs: number;
  sampled: number;
  outageMedianMs: number;
  outageMaxMs: number;
  /** The last sampled client was answered again this long after the fault. */
  allSampledReachableMs: number;
  /** etcd's load from the fault until every VIP had moved. */
  etcd: EtcdLoad;
  /** VIPs held by two nodes once the move was over (SIGKILL only: a cut node is unreachable). */
  doubledAtEnd: number;
}

export interface ScaleResult {
  vips: number;
  ok: boolean;
  error?: string;
  coldStart?: { allUpMs: number; settledMs: number };
  steady?: EtcdLoad;
  nodes?: NodeFigures[];
  failovers?: FailoverFigures[];
  /** After each fault: n1 back and every VIP on its preferred node again (ms). */
  recoveries?: Record<string, number>;
}

export interface ScaleRun {
  startedAt: string;
  finishedAt?: string;
  command: string;
  machine: Machine;
  steadyMs: number;
  samples: number;
  /** --timings, when not vipd's default profile. */
  timings?: { heartbeatMs: number; holderFenceMs: number };
  /** --node-flags: options node ran vipd with. */
  nodeFlags?: string[];
  results: ScaleResult[];
}

function ms(x: number | undefined): string {
  if (x === undefined) return '–';
  return x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`;
}

function range(xs: number[], unit: string): string {
  if (xs.length === 0) return '–';
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo === hi ? `${lo}${unit}` : `${lo}–${hi}${unit}`;
}

function topMethods(load: EtcdLoad, seconds: number): string {
  return Object.entries(load.byMethod)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([m, n]) => `${m} ${(n / seconds).toFixed(1)}`)
    .join(', ');
}

export function renderScaleMarkdown(run: ScaleRun): string {
  const lines = [
    `### Scale: 3 nodes, N VIPs`,
    '',
    `${run.startedAt.slice(0, 10)} · ${run.machine.cpuModel} × ${run.machine.cpus} · Linux ${run.machine.kernel} · Node ${run.machine.node} · commit ${run.machine.commit} · \`${run.command}\``,
    '',
    '| N | cold start: all up / all on preferred node | etcd steady req/s (writes/s) | vipd RSS per node (peak) | vipd CPU per node (its ip and fence helpers) | SIGKILL n1: all its VIPs moved / sampled outage median, max | link cut n1: all moved / outage median, max | etcd req/s during failover |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const notes: string[] = [];
  for (const r of run.results) {
    if (!r.ok) notes.push(`N = ${r.vips} did not finish: ${r.error ?? '?'} (figures before that are shown).`);
    if (!r.coldStart) {
      lines.push(`| ${r.vips} | failed: ${r.error ?? '?'} | | | | | | |`);
      continue;
    }
    const nodes = r.nodes ?? [];
    const f = (id: ScaleFault): string => {
      const x = r.failovers?.find((y) => y.fault === id);
      return x
        ? `${x.vipsMoved} VIPs in ${ms(x.allMovedMs)} / ${ms(x.outageMedianMs)}, ${ms(x.outageMaxMs)}`
        : '–';
    };
    const during = (r.failovers ?? []).map((x) => `${x.fault} ${x.etcd.requestsPerSec}`).join(', ');
    lines.push(
      `| ${r.vips} | ${ms(r.coldStart?.allUpMs)} / ${ms(r.coldStart?.settledMs)} | ${r.steady?.requestsPerSec ?? '–'} (${r.steady?.writesPerSec ?? '–'}) | ${range(
        nodes.map((n) => n.rssMb),
        ' MB',
      )} (${range(
        nodes.map((n) => n.peakRssMb),
        ' MB',
      )}) | ${range(
        nodes.map((n) => n.cpuPercent),
        ' %',
      )}${
        nodes.some((n) => n.helperCpuPercent !== undefined)
          ? ` (helpers ${range(
              nodes.map((n) => n.helperCpuPercent ?? 0),
              ' %',
            )})`
          : ''
      } | ${f('sigkill')} | ${f('link-cut')} | ${during || '–'} |`,
    );
  }
  if (notes.length) lines.push('', ...notes);
  const measured = run.results.filter((r) => r.steady);
  if (measured.length) {
    lines.push('', 'Steady-state etcd requests per second by method:', '');
    for (const r of measured)
      if (r.steady) lines.push(`- N = ${r.vips}: ${topMethods(r.steady, r.steady.seconds)}`);
  }
  lines.push(
    '',
    `Steady window ${run.steadyMs / 1000} s; ${run.samples} sampled VIPs of the failed node pinged every 10 ms. ` +
      (run.timings
        ? `Heartbeat ${run.timings.heartbeatMs} ms, holder fence ${run.timings.holderFenceMs} ms (--timings). `
        : 'Default takeover profile (heartbeat 100 ms, holder fence 300 ms). ') +
      (run.nodeFlags ? `vipd ran as \`node ${run.nodeFlags.join(' ')}\`. ` : '') +
      'VIPs are IPv6 (2001:db8::1:0/64 upward), each eligible on all three nodes with priorities 150/120/100 ' +
      'rotating so that a third prefers each node; etcd figures are deltas of etcd’s own gRPC counters.',
    '',
  );
  return lines.join('\n');
}
