/**
 * V8 lets its old generation grow to up to four times what survived the last full collection
 * before collecting again. vipd keeps little alive (about 45 MB at 2000 VIPs) but allocates
 * steadily (beats, renewals, reconciles), so a node with 2000 VIPs sat at 170–230 MB RSS, most
 * of it garbage not yet collected. Growing by half instead keeps it near 1.5 × its live data
 * (bench:scale at N = 2000, seven runs: 140–155 MB per node; steady CPU within the run-to-run
 * spread). 30 % gave 140–144 MB, but the failovers at that N took 5.7–15 s in both runs
 * instead of 2.6–5.9 s: more full collections in the middle of a takeover. V8 reads the flag
 * at each collection, so setting it at start-up works; an operator who gives node its own
 * `--heap-growing-percent` keeps theirs.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

/** Sets the growth unless node's command line has one; returns whether it set it. */
export function limitHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  setFlags: (flags: string) => void = setFlagsFromString,
): boolean {
  if (execArgv.some((a) => /^--heap[-_]growing[-_]percent(=|$)/.test(a))) return false;
  setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
