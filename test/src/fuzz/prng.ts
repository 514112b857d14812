/**
 * Seeded randomness for the fuzz tests: the seed comes from VIPD_FUZZ_SEED or is drawn
 * fresh, and every failure names it so the exact run can be repeated.
 */
import { randomInt } from 'node:crypto';

export class Prng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0 || 1;
  }

  /** mulberry32: a uniform 32-bit value. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }

  bool(): boolean {
    return (this.next() & 1) === 1;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.next() & 0xff;
    return b;
  }

  /** A string of n characters from the alphabet. */
  string(n: number, alphabet: string): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
}

/** The run's seed: VIPD_FUZZ_SEED if set, else a fresh one. */
export function fuzzSeed(): number {
  const given = process.env.VIPD_FUZZ_SEED;
  return given !== undefined && given !== '' ? Number(given) >>> 0 : randomInt(1, 2 ** 31);
}

/**
 * Runs fn(prng); a failure is rethrown with the seed and how to repeat it. The seed is also
 * printed first, so that a run whose process dies (a crash, the memory limit) still names it.
 */
export async function withSeed(what: string, fn: (rng: Prng) => Promise<void> | void): Promise<void> {
  const seed = fuzzSeed();
  console.log(`${what}: seed ${seed} (repeat: VIPD_FUZZ_SEED=${seed})`);
  try {
    await fn(new Prng(seed));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`${what}: failed with seed ${seed} (repeat: VIPD_FUZZ_SEED=${seed}): ${message}`, {
      cause: err,
    });
  }
}
