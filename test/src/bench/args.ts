// Command-line options of `npm run bench:failover` (pure).
import { knownList, outDirArg, parseFlags, wholeNumber } from './cli';
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

export function parseFailoverArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): FailoverArgs {
  const args: FailoverArgs = {
    trials: env.VIPD_BENCH_TRIALS ? wholeNumber('VIPD_BENCH_TRIALS', env.VIPD_BENCH_TRIALS, 1, 1000) : 10,
    systems: SYSTEMS.map((s) => s.id),
    faults: FAULTS.map((f) => f.id),
    outDir: undefined,
    staleBoundMs: 10_000,
    help: false,
  };
  args.help = parseFlags(argv, {
    '--trials': (v) => (args.trials = wholeNumber('--trials', v(), 1, 1000)),
    '--systems': (v) =>
      (args.systems = knownList(
        '--systems',
        v(),
        SYSTEMS.map((s) => s.id),
      )),
    '--faults': (v) =>
      (args.faults = knownList(
        '--faults',
        v(),
        FAULTS.map((f) => f.id),
      )),
    '--out': (v) => (args.outDir = outDirArg(v())),
    '--stale-bound-ms': (v) => (args.staleBoundMs = wholeNumber('--stale-bound-ms', v(), 1, 600_000)),
  }).help;
  return args;
}
