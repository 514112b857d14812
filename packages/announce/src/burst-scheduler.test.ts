import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryLogger } from '@vipd/log';
import { Announcer, type AnnounceTarget, type AnnounceTransport } from './announcer';
import { DEFAULT_PACING, type Timers } from './burst-scheduler';
import { AddonNotBuiltError, SendError } from './errors';
import { buildGratuitousArp, buildUnsolicitedNaFrame } from './frames';
import type { NativeSendError } from './packet-socket';

/** A manual monotonic clock: timers run only when the test advances it. */
class FakeTimers implements Timers {
  private t = 0;
  private seq = 0;
  private queue: { at: number; seq: number; fn: () => void; cancelled: boolean }[] = [];

  now(): number {
    return this.t;
  }

  after(ms: number, fn: () => void): () => void {
    const entry = { at: this.t + Math.max(ms, 0), seq: this.seq++, fn, cancelled: false };
    this.queue.push(entry);
    return () => {
      entry.cancelled = true;
    };
  }

  /** Runs every timer due within `ms`, in time order, then sets the clock to now + ms. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      this.queue = this.queue.filter((e) => !e.cancelled);
      const next = this.queue.reduce<(typeof this.queue)[number] | undefined>(
        (best, e) =>
          e.at <= end && (!best || e.at < best.at || (e.at === best.at && e.seq < best.seq)) ? e : best,
        undefined,
      );
      if (!next) break;
      this.queue.splice(this.queue.indexOf(next), 1);
      this.t = Math.max(this.t, next.at);
      next.fn();
      await Promise.resolve(); // let settled series' callers run, as the event loop would
    }
    this.t = end;
  }

  /** Timers armed and not cancelled (the idle close counts as one). */
  get armed(): number {
    return this.queue.filter((e) => !e.cancelled).length;
  }
}

interface Burst {
  at: number;
  frames: Buffer[];
}

/**
 * A transport that records every burst (with the fake clock's time). `failFrame(burst, frame)`
 * returns an errno to fail that frame; `failOpen` makes opening the socket throw.
 */
function fakeTransport(
  timers: FakeTimers,
  opts: { failFrame?: (burst: number, frame: number) => number | undefined; failOpen?: () => unknown } = {},
) {
  const bursts: Burst[] = [];
  let opened = 0;
  let closed = 0;
  const transport: AnnounceTransport = {
    open(ifindex) {
      assert.equal(ifindex, 7);
      const failure = opts.failOpen?.();
      if (failure !== undefined) throw failure;
      opened++;
      let open = true;
      return {
        sendMany(frames) {
          assert.ok(open, 'sent through a closed socket');
          const index = bursts.length;
          const errors = frames.map((_, i): NativeSendError | undefined => {
            const errno = opts.failFrame?.(index, i);
            return errno === undefined
              ? undefined
              : Object.assign(new Error(`sendmmsg: errno ${errno}`), { errno, syscall: 'sendmmsg' });
          });
          bursts.push({ at: timers.now(), frames: frames.filter((_, i) => errors[i] === undefined) });
          return errors;
        },
        close() {
          open = false;
          closed++;
        },
      };
    },
  };
  return {
    transport,
    bursts,
    get opened() {
      return opened;
    },
    get closed() {
      return closed;
    },
  };
}

const BASE = { ifname: 'eth0', ifindex: 7, mac: '02:42:ac:11:00:02' } as const;

/**
 * `n` targets: even ones IPv4 (198.51.100.x, then 203.0.113.x, 500 in all), odd ones and those
 * past the IPv4 addresses IPv6 (2001:db8::1:x).
 */
function targets(n: number): AnnounceTarget[] {
  return Array.from({ length: n }, (_, i): AnnounceTarget => {
    if (i % 2 === 1 || i >= 1000) return { ...BASE, address: `2001:db8::1:${i.toString(16)}`, family: 6 };
    const k = i / 2;
    return { ...BASE, address: k < 250 ? `198.51.100.${k + 1}` : `203.0.113.${k - 249}`, family: 4 };
  });
}

function frameOf(t: AnnounceTarget): Buffer {
  return t.family === 4
    ? buildGratuitousArp({ mac: t.mac, ip: t.address })
    : buildUnsolicitedNaFrame({ mac: t.mac, srcIp: t.address, ip: t.address });
}

/** Every time each target's frame left, by address. */
function sendTimes(bursts: Burst[], all: AnnounceTarget[]): Map<string, number[]> {
  const byFrame = new Map(all.map((t) => [frameOf(t).toString('hex'), t.address]));
  const times = new Map<string, number[]>(all.map((t) => [t.address, []]));
  for (const b of bursts) {
    for (const f of b.frames) {
      const address = byFrame.get(f.toString('hex'));
      assert.ok(address, 'every frame is one of the targets’ own');
      times.get(address)?.push(b.at);
    }
  }
  return times;
}

void describe('BurstScheduler (through Announcer, fake clock and transport)', () => {
  void it('gathers the frames due together across VIPs into one burst, IPv4 and IPv6 alike', async () => {
    const timers = new FakeTimers();
    const fake = fakeTransport(timers);
    const announcer = new Announcer({ transport: fake.transport, timers });
    const all = targets(10);
    const results = all.map((t) => announcer.announce(t, { count: 3, intervalMs: 100 }));
    await timers.advance(0);
    assert.equal(fake.bursts.length, 1, 'the first frames of all ten leave at once, together');
    assert.deepEqual(fake.bursts[0]?.frames, all.map(frameOf));
    await timers.advance(1000);
    assert.deepEqual(
      fake.bursts.map((b) => [b.at, b.frames.length]),
      [
        [0, 10],
        [100, 10],
        [200, 10],
      ],
    );
    assert.deepEqual(await Promise.all(results), Array(10).fill(3));
    assert.equal(fake.opened, 1, 'one socket for the interface');
    assert.equal(fake.closed, 0, 'kept open');
  });

  void it('caps bursts: 2000 VIPs leave 64 at a time, 64 per ms, and nothing is lost', async () => {
    const timers = new FakeTimers();
    const fake = fakeTransport(timers);
    const announcer = new Announcer({ transport: fake.transport, timers });
    const all = targets(2000);
    const results = all.map((t) => announcer.announce(t, { count: 1, intervalMs: 100 }));
    await timers.advance(100);
    assert.deepEqual(await Promise.all(results), Array(2000).fill(1));
    const { burstFrames, burstGapMs } = DEFAULT_PACING;
    assert.equal(burstFrames, 64);
    assert.ok(
      fake.bursts.every((b) => b.frames.length <= burstFrames),
      'no burst over the cap',
    );
    // Token bucket: whatever the window, at most burstFrames + burstFrames per burstGapMs of it.
    for (const [i, first] of fake.bursts.entries()) {
      let frames = 0;
      for (const b of fake.bursts.slice(i)) {
        frames += b.frames.length;
        const allowed = burstFrames + ((b.at - first.at) * burstFrames) / burstGapMs;
        assert.ok(frames <= allowed + 1e-9, `${frames} frames in ${b.at - first.at} ms`);
      }
    }
    assert.equal(fake.bursts.length, Math.ceil(2000 / 64), 'full bursts, no dribble');
    const last = fake.bursts.at(-1)?.at ?? Infinity;
    assert.ok(last <= 31 + 1e-9, `all 2000 out within ~31 ms, last burst at ${last} ms`);
    assert.equal(sendTimes(fake.bursts, all).size, 2000);
  });

  void it("keeps every VIP's count and spacing under pacing, and one timer for the interface", async () => {
    const timers = new FakeTimers();
    const fake = fakeTransport(timers);
    const announcer = new Announcer({
      transport: fake.transport,
      timers,
      pacing: { burstFrames: 50, burstGapMs: 2 },
    });
    const all = targets(400);
    const fast = all.slice(0, 200).map((t) => announcer.announce(t, { count: 3, intervalMs: 5 }));
    await timers.advance(3);
    const slow = all.slice(200).map((t) => announcer.announce(t, { count: 4, intervalMs: 40 }));
    await timers.advance(1);
    assert.equal(timers.armed, 1, 'one timer, however many VIPs');
    await timers.advance(500);
    assert.deepEqual(await Promise.all(fast), Array(200).fill(3));
    assert.deepEqual(await Promise.all(slow), Array(200).fill(4));
    assert.ok(fake.bursts.every((b) => b.frames.length <= 50));
    const times = sendTimes(fake.bursts, all);
    for (const [i, t] of all.entries()) {
      const sent = times.get(t.address) ?? [];
      const [count, interval] = i < 200 ? [3, 5] : [4, 40];
      assert.equal(sent.length, count, t.address);
      for (let k = 1; k < sent.length; k++) {
        assert.ok((sent[k] ?? 0) - (sent[k - 1] ?? 0) >= interval, `${t.address}: spaced by ${interval} ms`);
      }
    }
    // The first frames go first and wait only for the budget: 200 at 25 per ms after the first 50
    // is 6 ms, and a burst waits for a full budget (50 frames) when more are due: within 8 ms.
    const firsts = all.slice(0, 200).map((t) => times.get(t.address)?.[0] ?? Infinity);
    assert.ok(Math.max(...firsts) <= 8 + 1e-9, `last first frame at ${Math.max(...firsts)} ms`);
  });

  void it("stops a VIP's remaining frames when its signal aborts; the others go on", async () => {
    const timers = new FakeTimers();
    const fake = fakeTransport(timers);
    const announcer = new Announcer({ transport: fake.transport, timers });
    const [a, b] = targets(2) as [AnnounceTarget, AnnounceTarget];
    const ac = new AbortController();
    const downed = announcer.announce(a, { count: 5, intervalMs: 100 }, ac.signal);
    const kept = announcer.announce(b, { count: 5, intervalMs: 100 });
    await timers.advance(150);
    ac.abort();
    assert.equal(await downed, 2, 'resolves at once with what it sent');
    await timers.advance(1000);
    assert.equal(await kept, 5);
    const times = sendTimes(fake.bursts, [a, b]);
    assert.deepEqual(times.get(a.address), [0, 100]);
    assert.deepEqual(times.get(b.address), [0, 100, 200, 300, 400]);
    assert.equal(
      await announcer.announce(a, { count: 3, intervalMs: 0 }, AbortSignal.abort()),
      0,
      'an aborted signal sends nothing',
    );
  });

  void it('logs one line per burst for failed frames; the series go on and the socket is reopened', async () => {
    const timers = new FakeTimers();
    // The whole second burst fails (no buffer space); in the third, one frame of 50.
    const fake = fakeTransport(timers, {
      failFrame: (burst, frame) => (burst === 1 || (burst === 2 && frame === 0) ? 105 : undefined),
    });
    const logger = memoryLogger();
    const announcer = new Announcer({ logger, transport: fake.transport, timers });
    const results = targets(50).map((t) => announcer.announce(t, { count: 3, intervalMs: 100 }));
    await timers.advance(1000);
    const counts = await Promise.all(results);
    assert.deepEqual(counts, [1, ...Array<number>(49).fill(2)]);
    const warns = logger.lines.filter((l) => l.level === 'warn');
    assert.equal(warns.length, 2, 'one line per burst, not one per frame or per VIP');
    assert.deepEqual(
      warns.map((w) => [w.msg, w.fields.component, w.fields.ifname, w.fields.frames, w.fields.failed]),
      [
        ['announcement burst: frames failed', 'announce', 'eth0', 50, 50],
        ['announcement burst: frames failed', 'announce', 'eth0', 50, 1],
      ],
    );
    assert.ok(warns[0]?.fields.err instanceof SendError);
    assert.equal((warns[0]?.fields.err as SendError).errno, 105);
    assert.deepEqual([fake.opened, fake.closed], [2, 1], 'a socket that sent nothing is reopened');
  });

  void it('rejects a VIP whose every frame failed with SendError (EPERM is final)', async () => {
    const timers = new FakeTimers();
    const eperm = Object.assign(new Error('socket: Operation not permitted (errno 1)'), {
      errno: 1,
      syscall: 'socket',
    });
    const fake = fakeTransport(timers, { failOpen: () => eperm });
    const logger = memoryLogger();
    const announcer = new Announcer({ logger, transport: fake.transport, timers });
    const [v4, v6] = targets(2) as [AnnounceTarget, AnnounceTarget];
    const results = [v4, v6].map((t) =>
      announcer.announce(t, { count: 2, intervalMs: 10 }).catch((e: unknown) => e),
    );
    await timers.advance(100);
    const [e4, e6] = await Promise.all(results);
    assert.ok(e4 instanceof SendError && e6 instanceof SendError);
    assert.match(e4.message, /gratuitous ARP on eth0 failed: socket: Operation not permitted/);
    assert.match(e6.message, /neighbour advertisement on eth0 failed/);
    assert.deepEqual([e4.errno, e4.syscall, e4.transient], [1, 'socket', false]);
    assert.equal(logger.lines.filter((l) => l.level === 'warn').length, 2, 'two bursts, two lines');
  });

  void it('rejects with AddonNotBuiltError when the addon is missing, after one error line', async () => {
    const timers = new FakeTimers();
    const missing = new AddonNotBuiltError('/nowhere/vipd_packet.node', new Error('ENOENT'));
    const fake = fakeTransport(timers, { failOpen: () => missing });
    const logger = memoryLogger();
    const announcer = new Announcer({ logger, transport: fake.transport, timers });
    const results = targets(20).map((t) =>
      announcer.announce(t, { count: 3, intervalMs: 10 }).catch((e: unknown) => e),
    );
    await timers.advance(100);
    for (const r of await Promise.all(results)) assert.equal(r, missing);
    assert.equal(logger.lines.filter((l) => l.level === 'error').length, 1);
  });

  void it('closes an idle socket, reopens it when needed, and ends everything on close()', async () => {
    const timers = new FakeTimers();
    const fake = fakeTransport(timers);
    const announcer = new Announcer({ transport: fake.transport, timers, idleCloseMs: 60_000 });
    const [a] = targets(1) as [AnnounceTarget];
    const first = announcer.announce(a, { count: 1, intervalMs: 0 });
    await timers.advance(59_000);
    assert.equal(await first, 1);
    assert.deepEqual([fake.opened, fake.closed], [1, 0]);
    await timers.advance(2_000);
    assert.deepEqual([fake.opened, fake.closed], [1, 1], 'closed after a minute unused');
    const second = announcer.announce(a, { count: 5, intervalMs: 100 });
    await timers.advance(150);
    assert.equal(fake.opened, 2);
    announcer.close();
    assert.equal(await second, 2, 'close() resolves pending series with what they sent');
    assert.deepEqual([fake.opened, fake.closed], [2, 2]);
    assert.equal(timers.armed, 0, 'no timer left');
  });
});
