// The vipd-fence dead-man's switch. Unit part (any user): the FenceSwitch wrapper around the real
// binary with nothing tracked, so nothing on any interface changes. Privileged part: a veth pair in
// a throwaway network namespace; a child `ip netns exec NS node …` starts a FenceSwitch, adds and
// tracks addresses there and is then SIGKILLed or SIGSTOPped by this process, which watches the
// addresses with `ip -n NS`. Nothing touches the root namespace.
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { after, before, describe, it, type TestContext } from 'node:test';
import {
  DEFAULT_FENCE_BINARY,
  FenceBinaryNotBuiltError,
  FenceSwitch,
  type FenceEvent,
  type FenceExit,
} from './index';
import type { FenceLogger } from './fence-switch';
import { IpBatcher } from './ip-batcher';

const NS = `vft-${randomBytes(4).toString('hex')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function nsSkipReason(): string | undefined {
  if (process.platform !== 'linux') return 'needs Linux network namespaces';
  if (process.getuid?.() !== 0) return 'needs root to create a network namespace (run the tests as root)';
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return 'needs iproute2 (`ip`) on PATH';
  }
  return undefined;
}

interface Line {
  level: string;
  msg: string;
  fields: Record<string, unknown>;
}
function recordingLogger(lines: Line[], bindings: Record<string, unknown> = {}): FenceLogger {
  const at = (level: string) => (fields: Record<string, unknown>, msg: string) =>
    lines.push({ level, msg, fields: { ...bindings, ...fields } });
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => recordingLogger(lines, { ...bindings, ...more }),
  };
}

/** Alive and not a zombie (a reparented child may wait for its reaper for a moment). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function waitDead(pid: number, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  while (alive(pid)) {
    if (performance.now() > end) return false;
    await sleep(5);
  }
  return true;
}

void describe('FenceSwitch wrapper (nothing tracked, no interface touched)', () => {
  void it('a missing binary is a named error', () => {
    assert.throws(() => new FenceSwitch({ binaryPath: '/nonexistent/vipd-fence' }), FenceBinaryNotBuiltError);
    assert.ok(existsSync(DEFAULT_FENCE_BINARY), `${DEFAULT_FENCE_BINARY} is built (scripts/build.sh)`);
  });

  void it('forwards stderr to the logger, reports fences, never throws, closes cleanly', async () => {
    const lines: Line[] = [];
    const fence = new FenceSwitch({ logger: recordingLogger(lines) });
    assert.equal(await fence.ready, true);
    const fenced = new Promise<FenceEvent>((resolve) => fence.once('fenced', resolve));
    assert.equal(fence.track('veth0', 'not-an-ip', 24), false);
    assert.equal(fence.track('bad/name', '198.51.100.1', 24), false);
    assert.equal(fence.track('veth0', '198.51.100.1', 33), false);
    assert.equal(fence.untrack('veth0', '2001:db8::1', 129), false);
    assert.equal(fence.beat(Number.NaN), false);
    assert.equal(fence.beat(60_000), true);
    assert.equal(fence.fenceNow(), true);
    assert.deepEqual(await fenced, { reason: 'request', removed: 0 });
    const exit = await fence.close();
    assert.deepEqual([exit.code, exit.signal, exit.expected], [0, null, true]);
    assert.equal(fence.track('veth0', '198.51.100.1', 24), false, 'after close: dropped, no throw');
    assert.equal(await fence.close(), exit, 'close is idempotent');
    assert.equal(lines.filter((l) => l.level === 'error' && /invalid address/.test(l.msg)).length, 4);
    const info = lines.find((l) => l.msg === 'fence (request): nothing tracked');
    assert.equal(info?.level, 'info');
    assert.equal(info?.fields.component, 'fence');
  });

  void it('A and D lines go in one write, in order, at the latest with the next beat', async () => {
    const lines: Line[] = [];
    const fence = new FenceSwitch({ logger: recordingLogger(lines) });
    assert.equal(await fence.ready, true);
    const stdin = (fence as unknown as { child: { stdin: { write: (s: string) => boolean } } }).child.stdin;
    const writes: string[] = [];
    const write = stdin.write.bind(stdin);
    stdin.write = (text: string) => (writes.push(text), write(text));
    // An interface that exists nowhere: nothing could be removed even if a line were lost.
    const addresses = [...Array(300).keys()].map((i) => `2001:db8::${(i + 1).toString(16)}`);
    for (const a of addresses) assert.equal(fence.track('vipdnone0', a, 64), true);
    for (const a of addresses) fence.untrack('vipdnone0', a, 64);
    assert.equal(writes.length, 0, 'queued until the tick ends or something urgent is sent');
    assert.equal(fence.beat(60_000), true);
    assert.equal(writes.length, 1);
    const sent = writes[0]!.trimEnd().split('\n');
    assert.equal(sent.length, 601);
    assert.deepEqual(
      [sent[0], sent[300], sent[600]],
      ['A vipdnone0 2001:db8::1/64', 'D vipdnone0 2001:db8::1/64', 'B 60000'],
    );
    // Untracked after tracked: the switch ends with nothing to remove.
    fence.track('vipdnone0', '2001:db8::ffff', 64);
    fence.untrack('vipdnone0', '2001:db8::ffff', 64);
    await new Promise((r) => setImmediate(r));
    assert.equal(writes.length, 2, 'the end of the tick flushes too');
    await fence.close();
    assert.ok(
      lines.some((l) => /nothing tracked/.test(l.msg)),
      JSON.stringify(lines.map((l) => l.msg)),
    );
  });

  void it('every fence kills the ip helper first; a new helper is guarded again', async () => {
    const lines: Line[] = [];
    const fence = new FenceSwitch({ logger: recordingLogger(lines) });
    assert.equal(await fence.ready, true);
    // The batcher's own long-lived ip, given only harmless queries (nothing changes anywhere).
    const pids: (number | undefined)[] = [];
    const batch = new IpBatcher({
      onProcess: (pid) => {
        pids.push(pid);
        fence.guardHelper(pid);
      },
    });
    await batch.run(['link', 'show', 'dev', 'lo']);
    const first = pids[0];
    assert.ok(first !== undefined && alive(first));
    const fenced = new Promise<FenceEvent>((resolve) => fence.once('fenced', resolve));
    assert.equal(fence.fenceNow(), true);
    await fenced;
    assert.equal(alive(first), false, 'the helper is gone by the time the fence acts');
    assert.ok(lines.some((l) => new RegExp(`stopped ip helper ${first} \\(request`).test(l.msg)));
    await sleep(50); // the batcher sees its ip exit
    await batch.run(['link', 'show', 'dev', 'lo']);
    assert.equal(batch.starts(), 2);
    const second = pids[pids.length - 1];
    assert.ok(second !== undefined && second !== first && alive(second));
    const again = new Promise<FenceEvent>((resolve) => fence.once('fenced', resolve));
    fence.fenceNow();
    await again;
    assert.equal(alive(second), false, 'the new helper was guarded too');
    batch.close();
    await fence.close();
  });

  void it('an unexpected death is reported; SIGTERM makes it fence and exit', async () => {
    for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
      const fence = new FenceSwitch();
      assert.equal(await fence.ready, true);
      const unexpected = new Promise<FenceExit>((resolve) => fence.once('unexpectedExit', resolve));
      process.kill(fence.pid as number, signal);
      const exit = await unexpected;
      assert.equal(exit.expected, false);
      if (signal === 'SIGKILL') assert.equal(exit.signal, 'SIGKILL');
      else assert.equal(exit.code, 128 + 15);
      assert.equal(fence.running, false);
      assert.equal(fence.beat(1000), false);
      assert.equal(await fence.exited, exit);
    }
  });
});

// Inside the namespace: start a FenceSwitch (stderr inherited, so its lines outlive this child),
// track then add every address (valid_lft 30), untrack some, beat once, report, and idle.
const CHILD = `
const lib = require(${JSON.stringify(`${__dirname}/index.js`)});
const cfg = JSON.parse(process.argv[1]);
(async () => {
  const fence = new lib.FenceSwitch({ stderr: 'inherit' });
  if (!(await fence.ready)) throw new Error('vipd-fence did not start');
  for (const a of cfg.track) {
    fence.track(a.ifname, a.address, a.prefixLen);
    fence.flush(); // before the address can exist (vipd's batcher does this itself)
    await lib.addOrRefreshAddress({ ...a, validLftSec: 30 });
  }
  for (const a of cfg.untrack) fence.untrack(a.ifname, a.address, a.prefixLen);
  fence.beat(cfg.beatMs);
  process.stdout.write(JSON.stringify({ pid: process.pid, fencePid: fence.pid }) + '\\n');
  setInterval(() => undefined, 1 << 30);
})().catch((e) => { console.error(e); process.exit(1); });`;

interface Key {
  ifname: string;
  address: string;
  prefixLen: number;
  family: 4 | 6;
}
const v4: Key = { ifname: 'veth0', address: '198.51.100.100', prefixLen: 24, family: 4 };
const v6: Key = { ifname: 'veth0', address: '2001:db8::100', prefixLen: 64, family: 6 };

void describe('vipd-fence in a network namespace', { skip: nsSkipReason() }, () => {
  const children: ChildProcess[] = [];
  const pids = new Set<number>(); // node children and fence processes we started

  const ipNs = (...args: string[]) => execFileSync('ip', ['-n', NS, ...args], { encoding: 'utf8' });
  const present = () =>
    new Promise<Set<string>>((resolve, reject) => {
      execFile('ip', ['-n', NS, '-json', 'address', 'show', 'dev', 'veth0'], (error, stdout) => {
        if (error) return reject(error);
        const links = JSON.parse(stdout) as { addr_info: { local: string; prefixlen: number }[] }[];
        resolve(new Set(links.flatMap((l) => l.addr_info.map((a) => `${a.local}/${a.prefixlen}`))));
      });
    });
  const cidr = (k: Key) => `${k.address}/${k.prefixLen}`;

  /** ms until none of `keys` is on veth0 any more, or undefined after `limitMs`. */
  async function goneAfter(keys: Key[], since: number, limitMs: number): Promise<number | undefined> {
    for (;;) {
      const now = performance.now();
      const set = await present();
      if (keys.every((k) => !set.has(cidr(k)))) return now - since;
      if (now - since > limitMs) return undefined;
    }
  }

  async function startChild(track: Key[], untrack: Key[], beatMs: number) {
    const proc = spawn(
      'ip',
      ['netns', 'exec', NS, process.execPath, '-e', CHILD, JSON.stringify({ track, untrack, beatMs })],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(proc);
    const stderr: string[] = [];
    createInterface({ input: proc.stderr }).on('line', (l) => stderr.push(l));
    const info = await new Promise<{ pid: number; fencePid: number }>((resolve, reject) => {
      createInterface({ input: proc.stdout }).once('line', (l) => resolve(JSON.parse(l)));
      proc.once('exit', () => reject(new Error(`child exited early:\n${stderr.join('\n')}`)));
    });
    pids.add(info.pid);
    pids.add(info.fencePid);
    return { ...info, stderr };
  }

  const reset = () => {
    ipNs('address', 'flush', 'dev', 'veth0', 'scope', 'global');
  };

  before(() => {
    execFileSync('ip', ['netns', 'add', NS]);
    ipNs('link', 'add', 'veth0', 'type', 'veth', 'peer', 'name', 'veth1');
    for (const dev of ['lo', 'veth0', 'veth1']) ipNs('link', 'set', dev, 'up');
    // Removing a primary IPv4 address must not take the secondaries with it (see docs/safety.md).
    execFileSync('ip', ['netns', 'exec', NS, 'tee', '/proc/sys/net/ipv4/conf/veth0/promote_secondaries'], {
      input: '1',
      stdio: ['pipe', 'ignore', 'inherit'],
    });
  });

  after(async () => {
    for (const pid of pids) {
      if (!alive(pid)) continue;
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/node|vipd-fence/.test(cmd)) continue; // pid reused by something else: not ours
      process.kill(pid, 'SIGCONT');
      process.kill(pid, 'SIGKILL');
    }
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const pid of pids) await waitDead(pid, 2000);
    try {
      execFileSync('ip', ['netns', 'del', NS]);
    } catch {
      // before() may have failed before creating it; nothing to clean then.
    }
  });

  void it('vipd SIGKILLed: tracked addresses gone within 100 ms (pipe EOF)', async (t: TestContext) => {
    reset();
    const c = await startChild([v4, v6], [], 60_000);
    const before = await present();
    assert.ok(before.has(cidr(v4)) && before.has(cidr(v6)), 'both added');
    const t0 = performance.now();
    process.kill(c.pid, 'SIGKILL');
    const ms = await goneAfter([v4, v6], t0, 1000);
    t.diagnostic(`EOF: both addresses gone ${ms === undefined ? '>1000' : ms.toFixed(1)} ms after SIGKILL`);
    assert.ok(await waitDead(c.fencePid, 1000), 'vipd-fence exits after EOF');
    for (const l of c.stderr.filter((l) => /removed/.test(l))) t.diagnostic(`vipd-fence: ${l}`);
    assert.ok(ms !== undefined && ms <= 100, `gone after ${ms} ms`);
  });

  void it('vipd SIGSTOPped after "B 200": addresses gone at the deadline', async (t: TestContext) => {
    reset();
    const c = await startChild([v4, v6], [], 200);
    const t0 = performance.now();
    process.kill(c.pid, 'SIGSTOP');
    try {
      const ms = await goneAfter([v4, v6], t0, 2000);
      t.diagnostic(
        `deadline: both addresses gone ${ms === undefined ? '>2000' : ms.toFixed(1)} ms after SIGSTOP`,
      );
      for (const l of c.stderr.filter((l) => /removed/.test(l))) t.diagnostic(`vipd-fence: ${l}`);
      assert.ok(ms !== undefined && ms >= 150 && ms <= 400, `gone after ${ms} ms`);
      assert.ok(alive(c.fencePid), 'vipd-fence keeps running after a deadline fence');
    } finally {
      process.kill(c.pid, 'SIGCONT');
      process.kill(c.pid, 'SIGKILL');
    }
    assert.ok(await waitDead(c.fencePid, 1000), 'vipd-fence exits after EOF');
  });

  void it('leaves foreign and untracked ("D") addresses alone', async () => {
    reset();
    const foreign4 = '198.51.100.200/24';
    const foreign6 = '2001:db8::200/64';
    ipNs('address', 'add', foreign4, 'dev', 'veth0');
    ipNs('address', 'add', foreign6, 'dev', 'veth0', 'nodad');
    const untracked: Key = { ...v4, address: '198.51.100.101' };
    const c = await startChild([v4, untracked, v6], [untracked], 60_000);
    process.kill(c.pid, 'SIGKILL');
    assert.ok(await waitDead(c.fencePid, 1000), 'vipd-fence exits after EOF');
    const left = await present();
    assert.ok(!left.has(cidr(v4)) && !left.has(cidr(v6)), 'tracked ones removed');
    for (const k of [foreign4, foreign6, cidr(untracked)]) assert.ok(left.has(k), `${k} left alone`);
  });

  void it('garbage on stdin does not crash it; it still fences afterwards', async () => {
    reset();
    ipNs('address', 'add', '198.51.100.102/24', 'dev', 'veth0');
    const proc = spawn('ip', ['netns', 'exec', NS, DEFAULT_FENCE_BINARY], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    children.push(proc);
    if (proc.pid !== undefined) pids.add(proc.pid); // `ip netns exec` execs the binary in place
    const out: string[] = [];
    const err: string[] = [];
    createInterface({ input: proc.stdout }).on('line', (l) => out.push(l));
    createInterface({ input: proc.stderr }).on('line', (l) => err.push(l));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    const garbage = [
      'X',
      '',
      'A',
      'A veth0',
      'A veth0 198.51.100.102',
      'A veth0 198.51.100.102/33',
      'A veth0 198.51.100.999/24',
      'A veth0 2001:db8::zz/64',
      'A veth0 198.51.100.102/24 extra',
      'A this-name-is-too-long 198.51.100.102/24',
      'A a/b 198.51.100.102/24',
      'B',
      'B 0',
      'B -5',
      'B 600001',
      'B 99999999999999999999',
      'B 1e3',
      'F now',
      '\u0000\u0001\u00ff binary',
      'A'.repeat(5000),
    ];
    proc.stdin.write(Buffer.from(garbage.join('\n') + '\n', 'latin1'));
    proc.stdin.write('A veth0 198.51.100.102/24\nF\n');
    const end = performance.now() + 2000;
    while (!out.includes('fenced request 1') && performance.now() < end) await sleep(5);
    assert.deepEqual(out, ['ready', 'fenced request 1']);
    assert.ok(!(await present()).has('198.51.100.102/24'), 'removed after the garbage');
    assert.equal(err.filter((l) => l.startsWith('error: ignored')).length, garbage.length, err.join('\n'));
    proc.stdin.end();
    assert.equal(await exited, 0);
  });
});
