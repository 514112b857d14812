// bench:services, the director holding the VIP lost (vipd SIGKILLed, or its cable pulled): how
// long new connections from a client fail, per trial, with the checks that the fault hit the
// director the client's frames went to.
import { pollUntil, sleep } from '../harness/proc';
import { DIRECTORS, type ServiceLab, VIP } from '../e2e/service-lab';
import type { NodeHost } from '../lab';
import { type Outage, outageAfter, outageDoubts } from './service-figures';
import { type Report, URL } from './services-common';
import { max, median } from './stats';

export type DirectorFault = 'SIGKILL' | 'link cut';

/** A new connection every PROBE_MS; more at once than PROBE_TIMEOUT_MS / PROBE_MS, so a hung one never delays the next. */
const PROBE_MS = 10;
const PROBE_TIMEOUT_MS = 300;
const PROBE_CONCURRENCY = 60;
const BEFORE_MS = 2000;
const AFTER_MS = 6000;
/** A figure is kept only if connections started at most this far apart around the fault. */
const MAX_RESOLUTION_MS = 50;

interface Trial extends Outage {
  trial: number;
  /** The director faulted: the one that held the VIP. */
  holder: NodeHost;
  /** Where the client's ARP entry for the VIP pointed just before the fault, and after the load. */
  clientBefore: string;
  clientAfter: string;
  /** How long the fault command took (the kill until the process was gone; `ip link set down`). */
  applyMs: number;
  /** From the fault to the successor's log line "VIP up on this node" (its clock is the same machine's). */
  successorUpMs: number | undefined;
  doubts: string[];
}

const PROBES =
  `The client opens a new connection every ${PROBE_MS} ms (no keep-alive, up to ${PROBE_CONCURRENCY} at once, ` +
  `${PROBE_TIMEOUT_MS} ms timeout) from ~2 s before the fault to ${AFTER_MS / 1000} s after. outage = the longest ` +
  'stretch in which every new connection failed (first failed start to the next answered start); settled = from ' +
  'the fault to the first answered start after the last failure. Both on the load clock, exact to the widest gap ' +
  `between connection starts (a trial with gaps over ${MAX_RESOLUTION_MS} ms is not kept). Before the fault the ` +
  "bench checks that the faulted director alone has the VIP and that the client's ARP entry for the VIP has its " +
  'MAC; after it, that the other director holds the VIP, and when it logged "VIP up on this node". Trials with a doubt are listed and left out of median and max.';

const METHOD: Record<DirectorFault, string> = {
  SIGKILL:
    `vipd on the director holding the VIP is SIGKILLed. ${PROBES} The killed director keeps its last nftables ` +
    'rules (removed when vipd starts again) and its kernel agent drops the VIP, so frames that still reach it ' +
    "(the client's ARP entry is unchanged until the successor announces the VIP) are forwarded: few or no failed " +
    'connections is real, and settled is when the successor took over the traffic.',
  'link cut':
    `the switch port of the director holding the VIP is set down. ${PROBES} Every frame to the VIP is lost until the ` +
    "successor announces it, so a trial without a failed connection measured nothing (the client's frames did not " +
    'go to the cut director) and is not kept.',
};

/** The VIP back on n1 (preferred), both directors serving, the client's frames going to the holder. */
async function settle(s: ServiceLab): Promise<NodeHost> {
  await s.cluster.waitServing(DIRECTORS, 20_000);
  const holder = await s.cluster.waitHolder(`${VIP}/24`, DIRECTORS, 20_000, 'n1');
  await s.waitRules(holder, (x) => x.includes('goto svc_web'), `web rules on ${holder}`);
  const mac = await s.lab.mac(holder);
  await pollUntil(
    async () =>
      (await s.get(URL)) !== undefined && (await s.lab.neighbour('cli', VIP)) === mac ? true : undefined,
    { timeoutMs: 10_000, intervalMs: 100, what: `the client's frames for the VIP to go to ${holder}` },
  );
  return holder;
}

async function trial(s: ServiceLab, fault: DirectorFault, n: number): Promise<Trial> {
  const holder = await settle(s);
  const standby: NodeHost = holder === 'n1' ? 'n2' : 'n1';
  const byMac = new Map<string | undefined, string>();
  for (const d of DIRECTORS) byMac.set(await s.lab.mac(d), d);
  const clientGoesTo = async () => {
    const mac = await s.lab.neighbour('cli', VIP);
    return byMac.get(mac) ?? `${mac ?? 'no entry'}`;
  };
  const load = s.load(
    URL,
    (BEFORE_MS + AFTER_MS) / PROBE_MS,
    BEFORE_MS + AFTER_MS,
    PROBE_CONCURRENCY,
    PROBE_TIMEOUT_MS,
    1000 / PROBE_MS,
  );
  await sleep(BEFORE_MS);
  const doubts: string[] = [];
  const holders = await s.cluster.holders(`${VIP}/24`, DIRECTORS);
  if (holders.join() !== holder)
    doubts.push(`at the fault the VIP was on ${holders.join('+') || 'none'}, not ${holder}`);
  const clientBefore = await clientGoesTo();
  if (clientBefore !== holder)
    doubts.push(`the client's frames went to ${clientBefore}, not the faulted ${holder}`);
  const mark = s.cluster.logs(standby).length;
  const at = Date.now();
  if (fault === 'SIGKILL') await s.cluster.signal(holder, 'SIGKILL');
  else await s.lab.cutLink(holder);
  const applyMs = Date.now() - at;
  const r = await load;
  const outage = outageAfter(r.timeline, at - r.t0);
  doubts.push(
    ...outageDoubts(outage, { mustFail: fault === 'link cut', maxResolutionMs: MAX_RESOLUTION_MS }),
  );
  const took = await s.cluster.waitHolder(`${VIP}/24`, [standby], 15_000, standby).then(
    () => true,
    () => false,
  );
  if (!took) doubts.push(`${standby} did not take the VIP`);
  const clientAfter = await clientGoesTo();
  const up = s.cluster
    .logs(standby)
    .slice(mark)
    .find((l) => l.msg === 'VIP up on this node');
  const successorUpMs = up === undefined ? undefined : Date.parse(String(up.time)) - at;
  if (fault === 'SIGKILL') s.cluster.start(holder);
  else await s.lab.restoreLink(holder);
  return { trial: n, holder, clientBefore, clientAfter, applyMs, successorUpMs, ...outage, doubts };
}

/** `trials` of the fault; one line per trial and a summary line over the trials without doubts. */
export async function directorLost(
  s: ServiceLab,
  report: Report,
  fault: DirectorFault,
  trials: number,
): Promise<void> {
  const fmt = (n: number | undefined) => (n === undefined ? '?' : `${Math.round(n)} ms`);
  const done: Trial[] = [];
  for (let i = 1; i <= trials; i++) {
    const t = await trial(s, fault, i);
    done.push(t);
    report.say(
      `  ${fault} trial ${i}: ${t.holder} faulted (client's frames to ${t.clientBefore}, after: ${t.clientAfter}); ` +
        `${t.failed} failed, outage ${fmt(t.outageMs)}, settled ${fmt(t.settledMs)} after the fault, ` +
        `${t.holder === 'n1' ? 'n2' : 'n1'} had the VIP after ${fmt(t.successorUpMs)} ` +
        `(connections ≤ ${Math.round(t.resolutionMs)} ms apart)${t.doubts.length ? `; NOT KEPT: ${t.doubts.join('; ')}` : ''}`,
    );
  }
  const kept = done.filter((t) => t.doubts.length === 0);
  const outages = kept.map((t) => t.outageMs!);
  const settled = kept.map((t) => t.settledMs!);
  const key = fault === 'SIGKILL' ? 'directorKilled' : 'directorLinkCut';
  report.figure(
    key,
    {
      method: METHOD[fault],
      kept: kept.length,
      outageMs: { median: median(outages), max: max(outages) },
      settledMs: { median: median(settled), max: max(settled) },
      failed: kept.map((t) => t.failed),
      successorUpMs: { median: median(kept.flatMap((t) => t.successorUpMs ?? [])) },
      trials: done,
    },
    `director holding the VIP, ${fault}: outage of new connections ${fmt(median(outages))} (max ${fmt(max(outages))}), ` +
      `settled ${fmt(median(settled))} after the fault (max ${fmt(max(settled))}); median of ${kept.length} of ` +
      `${trials} trials; the successor had the VIP after ${fmt(median(kept.flatMap((t) => t.successorUpMs ?? [])))} ` +
      `(median; target: within the VIP's failover time)`,
  );
}
