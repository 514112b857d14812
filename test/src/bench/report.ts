// Summaries per system × fault and their Markdown table and SVG chart (pure, no I/O).
import {
  type BenchRun,
  type FaultId,
  type SystemId,
  type TrialResult,
  FAULTS,
  SYSTEMS,
  faultLabel,
  systemLabel,
} from './model';
import { type Summary, max, median, summarize } from './stats';

export interface CellSummary {
  system: SystemId;
  fault: FaultId;
  trials: number;
  failed: number;
  outage: Summary;
  maxOverlapMs: number | undefined;
  /** The max overlap is a lower bound (a stale VIP was removed by hand). */
  overlapAtLeast: boolean;
  /** SIGKILL only: the longest and median stale time, and how many trials kept the VIP. */
  stale?: { maxMs: number | undefined; medianMs: number | undefined; kept: number };
}

export function summarizeCell(system: SystemId, fault: FaultId, trials: readonly TrialResult[]): CellSummary {
  const mine = trials.filter((t) => t.system === system && t.fault === fault);
  const ok = mine.filter((t) => t.ok);
  const outages = ok.flatMap((t) => (t.outageMs === undefined ? [] : [t.outageMs]));
  const overlaps = ok.flatMap((t) => (t.overlapMs === undefined ? [] : [t.overlapMs]));
  const maxOverlapMs = max(overlaps);
  const overlapAtLeast = ok.some((t) => t.overlapAtLeast && t.overlapMs === maxOverlapMs);
  const cell: CellSummary = {
    system,
    fault,
    trials: mine.length,
    failed: mine.length - ok.length,
    outage: summarize(outages),
    maxOverlapMs,
    overlapAtLeast,
  };
  if (fault === 'sigkill') {
    const stale = ok.flatMap((t) => (t.staleMs === undefined ? [] : [t.staleMs]));
    cell.stale = { maxMs: max(stale), medianMs: median(stale), kept: ok.filter((t) => t.staleKept).length };
  }
  return cell;
}

/** One summary per system × fault that the run covers, systems in the outer order. */
export function summarizeRun(run: Pick<BenchRun, 'systems' | 'faults' | 'trials'>): CellSummary[] {
  const systems = SYSTEMS.map((s) => s.id).filter((s) => run.systems.includes(s));
  const faults = FAULTS.map((f) => f.id).filter((f) => run.faults.includes(f));
  return systems.flatMap((s) => faults.map((f) => summarizeCell(s, f, run.trials)));
}

/** 12 ms, 850 ms, 3.41 s, 12.0 s. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return 'n/a';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 1000).toFixed(1)} s`;
}

function staleCell(c: CellSummary, boundMs: number): string {
  if (!c.stale) return '—';
  const ok = c.trials - c.failed;
  if (ok === 0) return 'n/a';
  if (c.stale.kept > 0) return `≥ ${formatMs(boundMs)} (kept, ${c.stale.kept}/${ok})`;
  return `${formatMs(c.stale.medianMs)} median, ${formatMs(c.stale.maxMs)} max`;
}

function overlapCell(c: CellSummary): string {
  if (c.maxOverlapMs === undefined) return 'n/a';
  return c.overlapAtLeast ? `≥ ${formatMs(c.maxOverlapMs)}` : formatMs(c.maxOverlapMs);
}

export function renderMarkdown(run: BenchRun, cells: readonly CellSummary[] = summarizeRun(run)): string {
  const lines = [
    `Failover benchmark, ${run.startedAt} — ${run.trialsPerCell} trial(s) per cell, client pings every ${run.pingIntervalMs} ms`,
    '',
    `Machine: ${run.machine.hostname}, ${run.machine.cpus} × ${run.machine.cpuModel}, Linux ${run.machine.kernel}, ` +
      `Node ${run.machine.node}, ${run.machine.keepalived}, vipd ${run.machine.commit}`,
    `Command: \`${run.command}\``,
    '',
    '| system | fault | trials ok | outage median | outage p95 | outage max | max overlap (reachable hosts) | stale VIP after SIGKILL |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const c of cells) {
    lines.push(
      `| ${systemLabel(c.system)} | ${faultLabel(c.fault)} | ${c.trials - c.failed}/${c.trials} | ` +
        `${formatMs(c.outage.median)} | ${formatMs(c.outage.p95)} | ${formatMs(c.outage.max)} | ` +
        `${overlapCell(c)} | ${staleCell(c, run.staleBoundMs)} |`,
    );
  }
  lines.push(
    '',
    'Outage: the longest run of unanswered client pings after the fault. p95 is by nearest rank ' +
      '(with fewer than 20 trials it equals the maximum). Overlap: the longest time two hosts that could ' +
      'reach the client both had the VIP on e0 (a host counts as unreachable while its link is cut; after ' +
      `the link is restored it counts again). Stale VIP: time until the killed daemon's host lost the address, ` +
      `waited for at most ${formatMs(run.staleBoundMs)}; "kept" means it was still there and was removed by hand ` +
      '(so the overlap is a lower bound).',
  );
  if (run.aborted) lines.push('', `**The run stopped early:** ${run.aborted}`);
  const failed = run.trials.filter((t) => !t.ok);
  if (failed.length > 0) {
    lines.push('', 'Failed trials (not in the figures):');
    for (const t of failed)
      lines.push(`- ${systemLabel(t.system)}, ${faultLabel(t.fault)}, trial ${t.trial}: ${t.error ?? '?'}`);
  }
  return `${lines.join('\n')}\n`;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A round axis maximum at or above value: 1, 2, 2.5 or 5 times a power of ten. */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const pow = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * pow >= value) return m * pow;
  return 10 * pow;
}

const COLORS: Record<SystemId, string> = {
  'vipd-default': '#1f77b4',
  'vipd-fast': '#17becf',
  'keepalived-1': '#d62728',
  'keepalived-0.1': '#ff7f0e',
};

/**
 * Grouped bars: one group per fault, one bar per system; the bar is the median client outage,
 * the whisker runs up to the maximum, the label gives the median. Hand-written SVG.
 */
export function renderSvg(run: BenchRun, cells: readonly CellSummary[] = summarizeRun(run)): string {
  const faults = FAULTS.map((f) => f.id).filter((f) => run.faults.includes(f));
  const systems = SYSTEMS.map((s) => s.id).filter((s) => run.systems.includes(s));
  const width = 960;
  const height = 480;
  const left = 70;
  const right = 20;
  const top = 80;
  const bottom = 60;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const top1 = Math.max(1, ...cells.map((c) => c.outage.max ?? 0));
  const yMax = niceCeil(top1);
  const y = (ms: number): number => top + plotH - (Math.min(ms, yMax) / yMax) * plotH;
  const groupW = plotW / Math.max(1, faults.length);
  const barW = Math.min(60, (groupW * 0.8) / Math.max(1, systems.length));
  const fmt = (n: number): string => (Math.round(n * 10) / 10).toString();
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="16" font-weight="bold">${escapeXml(
      `Client outage on failover (median bar, whisker to max; ${run.trialsPerCell} trial(s) per cell)`,
    )}</text>`,
    `<text x="${width / 2}" y="40" text-anchor="middle" fill="#555">${escapeXml(
      `${run.startedAt} · ${run.machine.hostname} · ping every ${run.pingIntervalMs} ms`,
    )}</text>`,
  ];
  // Legend.
  systems.forEach((s, i) => {
    const x = left + i * (plotW / Math.max(1, systems.length));
    out.push(
      `<rect x="${fmt(x)}" y="52" width="12" height="12" fill="${COLORS[s]}"/>`,
      `<text x="${fmt(x + 16)}" y="62" font-size="11">${escapeXml(systemLabel(s))}</text>`,
    );
  });
  // Axis and grid.
  const ticks = 5;
  for (let i = 0; i <= ticks; i++) {
    const v = (yMax / ticks) * i;
    const ty = y(v);
    out.push(
      `<line x1="${left}" y1="${fmt(ty)}" x2="${width - right}" y2="${fmt(ty)}" stroke="#e0e0e0"/>`,
      `<text x="${left - 6}" y="${fmt(ty + 4)}" text-anchor="end">${escapeXml(formatMs(v))}</text>`,
    );
  }
  out.push(
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#333"/>`,
    `<line x1="${left}" y1="${top + plotH}" x2="${width - right}" y2="${top + plotH}" stroke="#333"/>`,
  );
  faults.forEach((f, gi) => {
    const gx = left + gi * groupW;
    const start = gx + (groupW - barW * systems.length) / 2;
    systems.forEach((s, si) => {
      const c = cells.find((x) => x.system === s && x.fault === f);
      const x = start + si * barW;
      const cx = x + barW / 2;
      const med = c?.outage.median;
      if (med === undefined || c === undefined) {
        out.push(
          `<text x="${fmt(cx)}" y="${fmt(top + plotH - 4)}" text-anchor="middle" fill="#999">n/a</text>`,
        );
        return;
      }
      const by = y(med);
      out.push(
        `<rect x="${fmt(x + 2)}" y="${fmt(by)}" width="${fmt(barW - 4)}" height="${fmt(top + plotH - by)}" fill="${COLORS[s]}">` +
          `<title>${escapeXml(`${systemLabel(s)}, ${faultLabel(f)}: median ${formatMs(med)}, max ${formatMs(c.outage.max)}`)}</title></rect>`,
      );
      const mx = c.outage.max ?? med;
      if (mx > med) {
        const wy = y(mx);
        out.push(
          `<line x1="${fmt(cx)}" y1="${fmt(by)}" x2="${fmt(cx)}" y2="${fmt(wy)}" stroke="#333"/>`,
          `<line x1="${fmt(cx - 6)}" y1="${fmt(wy)}" x2="${fmt(cx + 6)}" y2="${fmt(wy)}" stroke="#333"/>`,
        );
      }
      out.push(
        `<text x="${fmt(cx)}" y="${fmt(y(mx) - 5)}" text-anchor="middle" font-size="11">${escapeXml(formatMs(med))}</text>`,
      );
      // An outage of 0 after SIGKILL can mean the dead daemon's host still answers: say so.
      if (c.stale && c.stale.kept > 0) {
        out.push(
          `<text x="${fmt(cx)}" y="${fmt(y(mx) - 19)}" text-anchor="middle" font-size="10" fill="#b00">VIP kept</text>`,
          `<text x="${fmt(cx)}" y="${fmt(y(mx) - 31)}" text-anchor="middle" font-size="10" fill="#b00">${escapeXml(`≥ ${formatMs(run.staleBoundMs)}`)}</text>`,
        );
      }
    });
    out.push(
      `<text x="${fmt(gx + groupW / 2)}" y="${top + plotH + 22}" text-anchor="middle" font-size="13">${escapeXml(faultLabel(f))}</text>`,
    );
  });
  out.push('</svg>', '');
  return out.join('\n');
}
