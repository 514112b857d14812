// A client pinging a target every intervalMs with iputils `ping -n -D -O -i ...`. The
// statistics come from ping's own -D timestamps (wall clock, epoch), parsed by pure functions.
import type { ChildProcess } from 'node:child_process';
import { hasExited, signalPid, waitForExit } from '../harness/proc';

export type PingLine =
  | { kind: 'reply'; at: number; seq: number; from: string; dup: boolean }
  | { kind: 'no-answer'; at: number; seq: number }
  | { kind: 'error'; at: number; seq: number; text: string }
  | { kind: 'summary'; transmitted: number; received: number };

export interface PingStats {
  /** Echo requests sent (ping's summary when it printed one, else the highest sequence seen). */
  sent: number;
  /** Distinct sequence numbers answered (duplicates not counted). */
  received: number;
  /** Extra answers to an already answered request: two hosts answering for one address. */
  duplicates: number;
  /** Epoch milliseconds (ping's -D clock) of the first and last answer. */
  firstReplyAt: number | undefined;
  lastReplyAt: number | undefined;
  /** Longest time between two consecutive answers (any cause, including timer jitter). */
  maxGapMs: number;
  /** Longest gap between consecutive answers with lost requests in between, minus the interval. */
  outageMs: number;
  /** Requests after the last answer that were never answered (an outage still going on). */
  unansweredAtEnd: number;
}

const STAMP = String.raw`^\[(\d+)\.(\d+)\]\s+`;
const REPLY_RE = new RegExp(STAMP + String.raw`\d+ bytes from (\S+?):? icmp_seq=(\d+).*?(\(DUP!\))?\s*$`);
const NO_ANSWER_RE = new RegExp(STAMP + String.raw`no answer yet for icmp_seq=(\d+)`);
const ERROR_RE = new RegExp(STAMP + String.raw`From (.*?)\s+icmp_seq=(\d+)\s+(.*)$`);
const SUMMARY_RE = /^(\d+) packets transmitted, (\d+) (?:packets )?received/;

function stampMs(sec: string, frac: string): number {
  return Number(sec) * 1000 + Number(`0.${frac}`) * 1000;
}

/** Parses one line of `ping -n -D -O` output; undefined for lines that carry nothing we use. */
export function parsePingLine(line: string): PingLine | undefined {
  const text = line.trim();
  let m = REPLY_RE.exec(text);
  if (m) {
    const [, sec = '', frac = '', from = '', seq = '', dup] = m;
    return { kind: 'reply', at: stampMs(sec, frac), seq: Number(seq), from, dup: dup !== undefined };
  }
  m = NO_ANSWER_RE.exec(text);
  if (m) return { kind: 'no-answer', at: stampMs(m[1] ?? '', m[2] ?? ''), seq: Number(m[3]) };
  m = ERROR_RE.exec(text);
  if (m) return { kind: 'error', at: stampMs(m[1] ?? '', m[2] ?? ''), seq: Number(m[4]), text: m[5] ?? '' };
  m = SUMMARY_RE.exec(text);
  if (m) return { kind: 'summary', transmitted: Number(m[1]), received: Number(m[2]) };
  return undefined;
}

/** Sequence numbers are 16 bits and wrap; the forward distance from a to b. */
function seqDistance(a: number, b: number): number {
  return (b - a + 65536) % 65536;
}

export function pingStats(output: string | readonly string[], intervalMs: number): PingStats {
  const lines = typeof output === 'string' ? output.split('\n') : output;
  const answered = new Set<number>();
  const replies: { at: number; seq: number }[] = [];
  let duplicates = 0;
  let highestSeq = 0;
  let lastSeq: number | undefined;
  let transmitted: number | undefined;
  for (const raw of lines) {
    const line = parsePingLine(raw);
    if (!line) continue;
    if (line.kind === 'summary') {
      transmitted = line.transmitted;
      continue;
    }
    highestSeq = Math.max(highestSeq, line.seq);
    lastSeq = line.seq;
    if (line.kind !== 'reply') continue;
    if (line.dup || answered.has(line.seq)) {
      duplicates++;
      continue;
    }
    answered.add(line.seq);
    replies.push({ at: line.at, seq: line.seq });
  }
  let maxGapMs = 0;
  let outageMs = 0;
  for (let i = 1; i < replies.length; i++) {
    const prev = replies[i - 1];
    const cur = replies[i];
    if (!prev || !cur) continue;
    const gap = cur.at - prev.at;
    maxGapMs = Math.max(maxGapMs, gap);
    if (seqDistance(prev.seq, cur.seq) > 1) outageMs = Math.max(outageMs, gap - intervalMs);
  }
  const last = replies[replies.length - 1];
  return {
    sent: transmitted ?? highestSeq,
    received: answered.size,
    duplicates,
    firstReplyAt: replies[0]?.at,
    lastReplyAt: last?.at,
    maxGapMs: round3(maxGapMs),
    outageMs: round3(Math.max(0, outageMs)),
    unansweredAtEnd:
      last && lastSeq !== undefined ? seqDistance(last.seq, lastSeq) : (transmitted ?? highestSeq),
  };
}

function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** The argv for pinging target every intervalMs (IPv6 when the target contains a colon). */
export function pingArgv(target: string, intervalMs: number): string[] {
  const family = target.includes(':') ? ['-6'] : ['-4'];
  return ['ping', ...family, '-n', '-D', '-O', '-i', (intervalMs / 1000).toFixed(3), '-W', '1', target];
}

const MAX_LINES = 500_000;

export class Pinger {
  private readonly lines: string[] = [];
  private partial = '';
  private stderr = '';
  private firstReply: number | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly closed: Promise<void>;

  constructor(
    private readonly child: ChildProcess,
    readonly target: string,
    readonly intervalMs: number,
  ) {
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => this.onData(chunk));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (this.stderr.length < 64 * 1024) this.stderr += chunk;
    });
    child.once('exit', () => this.wake());
    this.closed = new Promise((resolve) => child.once('close', () => resolve()));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private onData(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      if (this.lines.length < MAX_LINES) this.lines.push(line);
      if (this.firstReply === undefined) {
        const parsed = parsePingLine(line);
        if (parsed?.kind === 'reply') {
          this.firstReply = parsed.at;
          this.wake();
        }
      }
    }
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves with the first answer's time (epoch ms); rejects on timeout or if ping exits. */
  waitForReply(timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      const check = (): void => {
        if (this.firstReply !== undefined) {
          done();
          resolve(this.firstReply);
        } else if (hasExited(this.child)) {
          done();
          reject(new Error(`ping ${this.target} exited before any reply: ${this.stderr.trim()}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no reply from ${this.target} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** Statistics so far, without stopping. */
  stats(): PingStats {
    return pingStats(this.lines, this.intervalMs);
  }

  /** Interrupts ping (it prints its summary), waits for it (bounded) and returns the statistics. */
  async stop(): Promise<PingStats> {
    signalPid(this.child, 'SIGINT');
    if (!(await waitForExit(this.child, 2000))) {
      signalPid(this.child, 'SIGKILL');
      await waitForExit(this.child, 2000);
    }
    // 'close' comes after the last output has been read (bounded wait).
    await Promise.race([this.closed, new Promise((r) => setTimeout(r, 1000))]);
    if (this.partial) this.lines.push(this.partial);
    this.partial = '';
    return this.stats();
  }

  /** The raw output so far (for a failing test's message). */
  output(): string {
    return this.lines.join('\n');
  }
}
