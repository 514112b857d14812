/** `vipadm` as a process: signals, stdout, exit code. The work is in cli.ts. */
import { quietIpServernameWarning } from '@vipd/config';
import { redactTokenArgs } from './args';
import { main, type Io } from './cli';

// `--token T` would show in ps and /proc/<pid>/cmdline for as long as we run (`watch`):
// overwrite the process title, which on Linux rewrites the argv area the kernel shows.
const args = process.argv.slice(2);
if (args.some((a) => a === '--token' || a.startsWith('--token='))) {
  process.title = ['vipadm', ...redactTokenArgs(args)].join(' ');
}

let onSignal: () => void = () => undefined;
const interrupted = new Promise<void>((resolve) => (onSignal = resolve));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => onSignal());
// `vipadm watch | head -1`: a closed pipe ends the command quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});
const io: Io = { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) };
quietIpServernameWarning();
void main(args, process.env, io, interrupted).then((code) => {
  process.exitCode = code;
  // Anything still open (a grpc channel winding down) must not hold the exit up.
  setTimeout(() => process.exit(code), 1000).unref();
});
