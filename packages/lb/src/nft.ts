/**
 * The nftables data plane: renders the wanted services (render.ts) and hands the script to
 * `nft -f -`, one process and one kernel transaction per change. A refused script changes
 * nothing (the transaction is all or nothing), so the rules that ran before keep running.
 */
import { spawn } from 'node:child_process';
import { oneLine } from '@vipd/log';
import { LbApplyError } from './errors';
import { type OwnedChains, ownedChains, renderRuleset, type RenderOptions, renderUpdate } from './render';
import type { LbDataPlane, LbService } from './types';

export interface NftOptions extends RenderOptions {
  /** The nft command (default `['nft']`, found on PATH); tests prefix `ip netns exec NS`. */
  nft?: readonly string[];
  /** How long one `nft -f` may take before it is killed (default 10000 ms). */
  timeoutMs?: number;
}

/** Runs `nft -f -` with `script` on stdin; rejects with LbApplyError on failure. */
export function runNftScript(script: string, options: NftOptions = {}): Promise<void> {
  const [nft = 'nft', ...args] = options.nft ?? ['nft'];
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const child = spawn(nft, [...args, '-f', '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 16_384) stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new LbApplyError(`cannot run ${nft}: ${err.message}`, '', { cause: err }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const why = signal ? `killed by ${signal} after ${timeoutMs} ms` : `exit ${code}`;
      const first = stderr.split('\n').find((l) => l.trim() !== '') ?? '';
      reject(new LbApplyError(`nft refused the ruleset (${why}): ${oneLine(first).slice(0, 300)}`, stderr));
    });
    child.stdin.on('error', () => undefined); // nft may exit before reading everything
    child.stdin.end(script);
  });
}

/**
 * Knows what its last script left in the kernel, so that a change is an update of the chains
 * (renderUpdate: base chains kept, new connections never see a NAT hook missing) rather than a
 * table replaced; when it does not know (nothing applied yet, or the last script failed) it
 * replaces the tables wholesale (renderRuleset).
 */
export class NftDataPlane implements LbDataPlane {
  private owned: OwnedChains | undefined;

  constructor(private readonly options: NftOptions = {}) {}

  async apply(services: readonly LbService[]): Promise<void> {
    const previous = this.owned;
    this.owned = undefined;
    // Nothing to serve: the tables go entirely (no NAT hook, hence no conntrack, left behind).
    const script =
      previous && services.length > 0
        ? renderUpdate(services, previous, this.options)
        : renderRuleset(services, this.options);
    await runNftScript(script, this.options);
    this.owned = ownedChains(services);
  }

  async clear(): Promise<void> {
    this.owned = undefined;
    await runNftScript(renderRuleset([], this.options), this.options);
    this.owned = { nat: [], drIngress: [], dr: [] };
  }
}
