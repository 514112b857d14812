// Command-line options of `npm run bench:services` (pure).
import { knownList, outDirArg, parseFlags, wholeNumber } from './cli';

export const PARTS = ['distribution', 'backend', 'throughput', 'update', 'sigkill', 'linkcut'] as const;
export type Part = (typeof PARTS)[number];

export interface ServicesArgs {
  /** Which figures to measure (in this order, whatever order they are given in). */
  parts: Part[];
  /** Trials of each director fault (SIGKILL, link cut). */
  trials: number;
  /** Back-to-back pairs (direct, NAT) of the throughput comparison. */
  pairs: number;
  /** Fewer requests everywhere: a check that the bench runs, not figures to quote. */
  quick: boolean;
  /** Where the JSON goes (default: <repo>/bench-results). */
  outDir: string | undefined;
  help: boolean;
}

export const SERVICES_USAGE = `usage: npm run bench:services -- [--parts LIST] [--trials N] [--pairs N] [--quick] [--out DIR]
  --parts LIST ${PARTS.join(',')} (default: all)
  --trials N   trials of each director fault, SIGKILL and link cut (default 5)
  --pairs N    back-to-back direct/NAT pairs for the throughput ratio (default 5)
  --quick      fewer requests in every figure (a check that it runs; do not quote its figures)
  --out DIR    output directory (default: bench-results/ in the repository)
Needs root: it builds a network-namespace lab (nothing in the root namespace).`;

export function parseServicesArgs(argv: readonly string[]): ServicesArgs {
  const args: ServicesArgs = {
    parts: [...PARTS],
    trials: 5,
    pairs: 5,
    quick: false,
    outDir: undefined,
    help: false,
  };
  args.help = parseFlags(argv, {
    '--trials': (v) => (args.trials = wholeNumber('--trials', v(), 1, 100)),
    '--pairs': (v) => (args.pairs = wholeNumber('--pairs', v(), 1, 100)),
    '--parts': (v) => (args.parts = knownList('--parts', v(), PARTS)),
    '--quick': () => (args.quick = true),
    '--out': (v) => (args.outDir = outDirArg(v())),
  }).help;
  return args;
}
