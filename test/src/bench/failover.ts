// npm run bench:failover: vipd (default and fast profile) against keepalived (advert_int 1 and
// 0.1) in ONE namespace lab: the same two node hosts, the same VIP and the same client pinging
// every 10 ms. Trial by trial it cycles faults × systems, so slow drifts of the machine spread
// over every system alike. Needs root; touches nothing outside the lab's namespaces and its
// temporary directory except the results directory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorLine } from '@vipd/log';
import { REPO_ROOT } from '../harness/paths';
import { pingGaps, SafetyMonitor } from '../faults/monitor';
import { pollUntil, sleep } from '../harness/proc';
import { createLab, type Lab, type NodeHost } from '../lab';
import { parseFailoverArgs, USAGE, type FailoverArgs } from './args';
import { runCli } from './cli';
import { machine, stamp, withLimit } from './run-info';
import { createDriver, NODES, VIP, VIP_CIDR, type SystemDriver } from './drivers';
import {
  type BenchRun,
  type FaultId,
  type SystemId,
  type TrialResult,
  faultLabel,
  systemLabel,
} from './model';
import { formatMs, renderMarkdown, renderSvg } from './report';

const PING_INTERVAL_MS = 10;
/** Hard bound on one trial, whatever happens inside it. */
const TRIAL_LIMIT_MS = 120_000;
const TAKEOVER_LIMIT_MS = 15_000;

async function holdsNow(lab: Lab, host: NodeHost): Promise<boolean> {
  return (await lab.addresses(host)).includes(VIP_CIDR);
}

/** Between trials: no daemon, links up, no VIP on any node, no stale neighbour entry at the client. */
async function resetLab(lab: Lab, driver: SystemDriver): Promise<string[]> {
  const notes: string[] = [];
  await driver.stopAll();
  for (const h of NODES) await lab.restoreLink(h);
  for (const h of NODES) {
    // A daemon that released the VIP has done so by now; anything left is removed by hand.
    for (let i = 0; i < 50 && (await holdsNow(lab, h)); i++) await sleep(20);
    if (await holdsNow(lab, h)) {
      await lab.exec(h, ['ip', 'addr', 'del', VIP_CIDR, 'dev', 'e0']);
      notes.push(`removed a leftover VIP from ${h}`);
    }
  }
  await lab.exec('cli', ['ip', 'neigh', 'flush', 'to', VIP, 'dev', 'e0']).catch(() => undefined);
  return notes;
}

interface TrialContext {
  lab: Lab;
  driver: SystemDriver;
  system: SystemId;
  fault: FaultId;
  trial: number;
  staleBoundMs: number;
}

async function runTrial(ctx: TrialContext): Promise<TrialResult> {
  const { lab, driver, system, fault, trial } = ctx;
  const result: TrialResult = { system, fault, trial, ok: false };
  await driver.start();
  const monitor = await SafetyMonitor.start(lab, VIP, NODES);
  const ping = lab.startPing('cli', VIP, { intervalMs: PING_INTERVAL_MS });
  let cutActive = false;
  try {
    await ping.waitForReply(5000);
    const n1mac = await lab.mac('n1');
    await pollUntil(async () => ((await lab.neighbour('cli', VIP)) === n1mac ? true : undefined), {
      timeoutMs: 3000,
      intervalMs: 20,
      what: "the client's neighbour entry to point at n1",
    });
    await sleep(300);
    if (ping.stats().unansweredAtEnd > 0) await sleep(200);

    const faultAt = Date.now();
    result.faultAt = faultAt;
    if (fault === 'link-cut') {
      await monitor.cut('n1');
      cutActive = true;
    } else {
      await driver.stopDaemon('n1', fault === 'sigterm' ? 'SIGTERM' : 'SIGKILL');
    }

    // The other host takes the address (kernel truth, from the event record).
    const takenAt = await pollUntil(
      async () =>
        monitor.timeline.intervals(VIP, 'n2').find((i) => i.end === undefined && i.start >= faultAt - 5)
          ?.start,
      { timeoutMs: TAKEOVER_LIMIT_MS, intervalMs: 10, what: `n2 to take ${VIP} after the ${fault}` },
    );
    result.takeoverMs = Math.round(Math.max(0, takenAt - faultAt));
    const n2mac = await lab.mac('n2');
    await pollUntil(async () => ((await lab.neighbour('cli', VIP)) === n2mac ? true : undefined), {
      timeoutMs: 5000,
      intervalMs: 20,
      what: "the client's neighbour entry to follow the VIP to n2",
    });
    // The client is answered again (bounded), then a short settle.
    for (let i = 0; i < 150 && ping.stats().unansweredAtEnd > 0; i++) await sleep(20);
    await sleep(200);

    if (fault === 'sigkill') {
      // How long does the killed daemon's host keep answering for the VIP?
      const deadline = faultAt + ctx.staleBoundMs;
      let goneAt: number | undefined;
      while (Date.now() < deadline) {
        const open = monitor.timeline.intervals(VIP, 'n1').find((i) => i.end === undefined);
        if (!open) {
          goneAt = monitor.timeline.lastHeld('n1', VIP);
          break;
        }
        await sleep(20);
      }
      if (goneAt === undefined) {
        result.staleKept = true;
        result.staleMs = ctx.staleBoundMs;
        result.overlapAtLeast = true;
        await lab.exec('n1', ['ip', 'addr', 'del', VIP_CIDR, 'dev', 'e0']);
      } else {
        result.staleMs = Math.max(0, goneAt - faultAt);
      }
    }

    let restoreAt: number | undefined;
    if (fault === 'link-cut') {
      restoreAt = Date.now();
      await monitor.restore('n1');
      cutActive = false;
      // Both systems preempt: n1 (priority 150) ends up with the VIP again. Bounded wait, then settle.
      await pollUntil(
        async () => {
          const open = NODES.filter((h) =>
            monitor.timeline.intervals(VIP, h).some((i) => i.end === undefined),
          );
          return open.length === 1 && open[0] === 'n1' ? true : undefined;
        },
        { timeoutMs: 12_000, intervalMs: 20, what: 'n1 to hold the VIP alone after its link came back' },
      ).catch(() => undefined);
      await sleep(300);
    }

    const stats = await ping.stop();
    const gaps = pingGaps(ping.output().split('\n'), PING_INTERVAL_MS);
    const failoverGaps = gaps.filter(
      (g) => g.to > faultAt && (restoreAt === undefined || g.from < restoreAt),
    );
    result.outageMs = Math.round(failoverGaps.reduce((m, g) => Math.max(m, g.ms), 0));
    if (restoreAt !== undefined) {
      const after = gaps.filter((g) => g.from >= restoreAt);
      result.restoreOutageMs = Math.round(after.reduce((m, g) => Math.max(m, g.ms), 0));
    }
    result.duplicates = stats.duplicates;
    result.unansweredAtEnd = stats.unansweredAtEnd;
    const mon = await monitor.stop();
    // With a stale VIP removed by hand, the overlap ran until that removal: a lower bound.
    result.overlapMs = Math.round(mon.maxOverlapMs);
    result.ok = true;
    return result;
  } finally {
    if (cutActive) await monitor.restore('n1').catch(() => undefined);
    await ping.stop().catch(() => undefined);
    await monitor.stop().catch(() => undefined);
  }
}

function describeTrial(t: TrialResult): string {
  if (!t.ok) return `FAILED: ${t.error ?? '?'}`;
  const parts = [
    `outage ${formatMs(t.outageMs)}`,
    `overlap ${t.overlapAtLeast ? '≥ ' : ''}${formatMs(t.overlapMs)}`,
  ];
  if (t.fault === 'sigkill')
    parts.push(`stale VIP ${t.staleKept ? `≥ ${formatMs(t.staleMs)} (kept)` : formatMs(t.staleMs)}`);
  if (t.restoreOutageMs !== undefined) parts.push(`after restore ${formatMs(t.restoreOutageMs)}`);
  if (t.duplicates) parts.push(`${t.duplicates} duplicate replies`);
  return parts.join(', ');
}

function writeOutputs(
  run: BenchRun,
  outDir: string,
  base: string,
): { json: string; md: string; svg: string } {
  mkdirSync(outDir, { recursive: true });
  const files = {
    json: join(outDir, `${base}.json`),
    md: join(outDir, `${base}.md`),
    svg: join(outDir, `${base}.svg`),
  };
  writeFileSync(files.json, `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(files.md, renderMarkdown(run));
  writeFileSync(files.svg, renderSvg(run));
  return files;
}

async function main(args: FailoverArgs): Promise<number> {
  if (process.getuid?.() !== 0) {
    console.error('bench:failover needs root (it builds network namespaces)');
    return 1;
  }
  const started = new Date();
  const outDir = args.outDir ?? join(REPO_ROOT, 'bench-results');
  const base = `failover-${stamp(started)}`;
  const virtualRouterId = 1 + Math.floor(Math.random() * 255);
  const run: BenchRun = {
    startedAt: started.toISOString(),
    command: `npm run bench:failover -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, ''),
    machine: machine(),
    trialsPerCell: args.trials,
    pingIntervalMs: PING_INTERVAL_MS,
    staleBoundMs: args.staleBoundMs,
    vip: VIP_CIDR,
    virtualRouterId,
    systems: args.systems,
    faults: args.faults,
    trials: [],
  };
  const total = args.trials * args.faults.length * args.systems.length;
  console.error(
    `bench:failover: ${args.systems.length} systems × ${args.faults.length} faults × ${args.trials} trials = ${total} trials; ` +
      `results in ${outDir}/${base}.{json,md,svg}`,
  );
  const lab = await createLab({ nodes: 2, etcd: true });
  const drivers = new Map<SystemId, SystemDriver>();
  let n = 0;
  try {
    const endpoint = await lab.startEtcd();
    console.error(`lab ${lab.names.id} up (etcd ${endpoint}); virtual_router_id ${virtualRouterId}`);
    for (const s of args.systems) drivers.set(s, createDriver(s, lab, endpoint, virtualRouterId));
    for (let trial = 1; trial <= args.trials; trial++) {
      for (const fault of args.faults) {
        for (const system of args.systems) {
          const driver = drivers.get(system);
          if (!driver) continue;
          n++;
          const label = `[${String(n).padStart(String(total).length)}/${total}] trial ${trial} · ${faultLabel(fault)} · ${systemLabel(system)}`;
          process.stderr.write(`${label} ... `);
          const t0 = Date.now();
          let result: TrialResult;
          try {
            result = await withLimit(TRIAL_LIMIT_MS, 'the trial', () =>
              runTrial({ lab, driver, system, fault, trial, staleBoundMs: args.staleBoundMs }),
            );
          } catch (err) {
            result = { system, fault, trial, ok: false, error: errorLine(err) };
          }
          // A lab that cannot be reset would spoil every later trial: stop the run then.
          const notes = await withLimit(30_000, 'resetting the lab', () => resetLab(lab, driver));
          run.trials.push(result);
          process.stderr.write(
            `${describeTrial(result)} (${((Date.now() - t0) / 1000).toFixed(1)} s)${notes.length ? `; ${notes.join('; ')}` : ''}\n`,
          );
          writeOutputs(run, outDir, base);
        }
      }
    }
  } catch (err) {
    run.aborted = (err as Error).message;
    console.error(`bench:failover stopped: ${run.aborted}`);
  } finally {
    for (const d of drivers.values()) await d.dispose().catch(() => undefined);
    await lab.destroy().catch((err: Error) => console.error(`lab teardown: ${err.message}`));
  }
  run.finishedAt = new Date().toISOString();
  const files = writeOutputs(run, outDir, base);
  process.stdout.write(`\n${renderMarkdown(run)}\n`);
  console.error(`wrote ${files.json}\n      ${files.md}\n      ${files.svg}`);
  return run.aborted || run.trials.some((t) => !t.ok) ? 1 : 0;
}

runCli(parseFailoverArgs, USAGE, main);
