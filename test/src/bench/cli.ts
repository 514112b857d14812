// What the benchmarks' command lines share (pure, but for runCli): `--flag value` and
// `--flag=value`, checked numbers and lists, --help, and exit codes (2: bad arguments).

/** A whole number in [min, max], or a one-line error naming the flag. */
export function wholeNumber(name: string, text: string | undefined, min: number, max: number): number {
  const n = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return n;
}

/** A comma-separated list of known names, without repeats; at least one. */
export function knownList<T extends string>(
  name: string,
  text: string | undefined,
  known: readonly T[],
): T[] {
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

/**
 * Walks argv: each flag's handler reads its value (from `--flag=value` or the next word).
 * Returns whether -h/--help was given; an unknown flag is a one-line error.
 */
export function parseFlags(
  argv: readonly string[],
  handlers: Record<string, (value: () => string | undefined) => void>,
): { help: boolean } {
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const eq = raw.indexOf('=');
    const inline = raw.startsWith('--') && eq > 0;
    const flag = inline ? raw.slice(0, eq) : raw;
    const value = (): string | undefined => (inline ? raw.slice(eq + 1) : argv[++i]);
    if (flag === '-h' || flag === '--help') help = true;
    else if (Object.hasOwn(handlers, flag)) handlers[flag]?.(value);
    else throw new Error(`unknown argument ${JSON.stringify(raw)} (see --help)`);
  }
  return { help };
}

/** --out DIR: a directory, or a one-line error. */
export function outDirArg(value: string | undefined): string {
  if (!value) throw new Error('--out needs a directory');
  return value;
}

/** Parses argv (exit 2 with one line on bad input), prints usage on --help, else runs main. */
export function runCli<A extends { help: boolean }>(
  parse: (argv: readonly string[], env: NodeJS.ProcessEnv) => A,
  usage: string,
  main: (args: A) => Promise<number>,
): void {
  let args: A;
  try {
    args = parse(process.argv.slice(2), process.env);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  if (args.help) {
    console.log(usage);
    return;
  }
  main(args).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
