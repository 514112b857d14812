// Command-line options of `npm run bench:failover` (pure).
import { FAULTS, SYSTEMS, type FaultId, type SystemId } from './model';

export interface FailoverArgs {
  trials: number;
  systems: SystemId[];
  faults: FaultId[];
  /** Where the JSON, Markdown and SVG go (default: <repo>/bench-results). */
  outDir: string | undefined;
  /** How long to wait for a SIGKILLed daemon's VIP to disappear (ms). */
  staleBoundMs: number;
  help: boolean;
}

export const USAGE = `usage: npm run bench:failover -- [--trials N] [--systems a,b] [--faults a,b] [--out DIR] [--stale-bound-ms MS]
  --trials N          trials per system × fault (default 10, or VIPD_BENCH_TRIALS)
  --systems LIST      ${SYSTEMS.map((s) => s.id).join(',')} (default: all)
  --faults LIST       ${FAULTS.map((f) => f.id).join(',')} (default: all)
  --out DIR           output directory (default: bench-results/ in the repository)
  --stale-bound-ms MS how long to wait for a killed daemon's VIP to go (default 10000)
Needs root: it builds a network-namespace lab (nothing in the root namespace).`;

function positiveInt(name: string, text: string | undefined, maxValue: number): number {
  const n = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1 || n > maxValue) {
    throw new Error(`${name} must be a whole number from 1 to ${maxValue}, got ${JSON.stringify(text)}`);
  }
  return n;
}

function list<T extends string>(name: string, text: string | undefined, known: readonly T[]): T[] {
  if (!text) throw new Error(`${name} needs a comma-separated list`);
  const out: T[] = [];
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const found = known.find((k) => k === item);
    if (!found) throw new Error(`${name}: unknown "${item}" (known: ${known.join(', ')})`);
    if (!out.includes(found)) out.push(found);
  }
  if (out.length === 0) throw new Error(`${name} needs at least one entry`);
  return out;
}

export function parseFailoverArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): FailoverArgs {
  const args: FailoverArgs = {
    trials: env.VIPD_BENCH_TRIALS ? positiveInt('VIPD_BENCH_TRIALS', env.VIPD_BENCH_TRIALS, 1000) : 10,
    systems: SYSTEMS.map((s) => s.id),
    faults: FAULTS.map((f) => f.id),
    outDir: undefined,
    staleBoundMs: 10_000,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const value = (): string | undefined => (raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '--trials':
        args.trials = positiveInt('--trials', value(), 1000);
        break;
      case '--systems':
        args.systems = list(
          '--systems',
          value(),
          SYSTEMS.map((s) => s.id),
        );
        break;
      case '--faults':
        args.faults = list(
          '--faults',
          value(),
          FAULTS.map((f) => f.id),
        );
        break;
      case '--out':
        args.outDir = value();
        if (!args.outDir) throw new Error('--out needs a directory');
        break;
      case '--stale-bound-ms':
        args.staleBoundMs = positiveInt('--stale-bound-ms', value(), 600_000);
        break;
      case '-h':
      case '--help':
        args.help = true;
        break;
      default:
        throw new Error(`unknown argument ${JSON.stringify(raw)}\n${USAGE}`);
    }
  }
  return args;
}
