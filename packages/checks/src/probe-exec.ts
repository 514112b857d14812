// exec: up when the command exits 0 within timeoutMs. Run by runBounded (spawn with an argv
// array, never a shell). On timeout (or stop) the process itself is sent SIGKILL by its PID; its
// own children, if it started any, are not touched (a check script should `exec` its last
// command or wait for its children). Output is kept for the log, at most MAX_OUTPUT_BYTES.
import { firstLine } from '@vipd/log';
import { STOPPED, type ProbeOptions, type ProbeOutcome } from './outcome';
import { exitStatus, runBounded } from './run-bounded';
import type { ExecCheckSpec } from './spec';

export const MAX_OUTPUT_BYTES = 4096;
// After the process exits, how long to wait for its pipes to close: a grandchild that inherited
// stdout can hold them open for ever.
const PIPE_GRACE_MS = 100;

/** Keeps the first `limit` bytes written to it and counts the rest. */
export class OutputBuffer {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private total = 0;

  constructor(private readonly limit: number = MAX_OUTPUT_BYTES) {}

  add(chunk: Buffer): void {
    this.total += chunk.length;
    const room = this.limit - this.kept;
    if (room <= 0) return;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(part);
    this.kept += part.length;
  }

  /** The kept text; when output was cut, ends with `…[truncated, N bytes in all]`. */
  text(): string {
    const text = Buffer.concat(this.chunks).toString('utf8');
    return this.total > this.kept ? `${text}…[truncated, ${this.total} bytes in all]` : text;
  }
}

/** The first line of the output that is not blank, cut at 200 characters. */
function outputLine(text: string): string {
  const line = firstLine(text);
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

export async function probeExec(spec: ExecCheckSpec, options: ProbeOptions = {}): Promise<ProbeOutcome> {
  const { signal } = options;
  if (signal?.aborted) return STOPPED;
  const [command] = spec.argv;
  if (command === undefined) return { ok: false, timedOut: false, message: 'argv is empty' };
  const output = new OutputBuffer();
  const end = await runBounded({
    argv: spec.argv,
    env: spec.env === undefined ? process.env : { ...process.env, ...spec.env },
    timeoutMs: spec.timeoutMs,
    signal,
    pipeGraceMs: PIPE_GRACE_MS,
    onOutput: (_stream, chunk) => output.add(chunk),
  });
  const { pid, exit } = end;
  const text = output.text();
  const extra = { ...(pid === undefined ? {} : { pid }), ...(text === '' ? {} : { output: text }) };
  if (end.killed === 'abort') return { ...STOPPED, ...extra };
  if (end.killed === 'timeout') {
    return {
      ok: false,
      timedOut: true,
      message: `timed out after ${spec.timeoutMs} ms; killed pid ${pid ?? '?'} with SIGKILL`,
      ...extra,
    };
  }
  const status = exitStatus(command, end);
  if (exit === undefined) return { ok: false, timedOut: false, message: status, ...extra };
  if (exit.code === 0) return { ok: true, timedOut: false, message: status, ...extra };
  const line = outputLine(text);
  return { ok: false, timedOut: false, message: line === '' ? status : `${status}: ${line}`, ...extra };
}
