import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { memoryLogger } from '@vipd/log';
import { Announcer, type AnnounceTarget, type AnnounceTransport } from './announcer';
import { InvalidAnnounceOptionsError, InvalidMacError, SendError } from './errors';
import { buildGratuitousArp, buildUnsolicitedNaFrame, parseIpv4, parseIpv6 } from './frames';

const run = promisify(execFile);

const V4: AnnounceTarget = {
  ifname: 'eth0',
  ifindex: 7,
  mac: '02:42:ac:11:00:02',
  address: '198.51.100.100',
  family: 4,
};
const V6: AnnounceTarget = { ...V4, address: '2001:db8::100', family: 6 };

/** A transport that records what would have been sent and fails the frames listed in `failAt` (1-based). */
function fakeTransport(failAt: number[] = []) {
  const sent: { at: number; ifindex: number; bytes: Buffer }[] = [];
  const start = Date.now();
  let attempt = 0;
  const transport: AnnounceTransport = {
    open: (ifindex) => ({
      sendMany: (frames) =>
        frames.map((bytes) => {
          attempt++;
          if (failAt.includes(attempt)) {
            return Object.assign(new Error('sendmmsg: ENETDOWN (errno 100)'), {
              errno: 100,
              syscall: 'sendmmsg',
            });
          }
          sent.push({ at: Date.now() - start, ifindex, bytes });
          return undefined;
        }),
      close: () => undefined,
    }),
  };
  return { transport, sent };
}

void describe('Announcer', () => {
  void it('sends count gratuitous ARPs intervalMs apart, the first at once', async () => {
    const fake = fakeTransport();
    const logger = memoryLogger();
    const n = await new Announcer({ logger, transport: fake.transport }).announce(V4, {
      count: 3,
      intervalMs: 40,
    });
    assert.equal(n, 3);
    assert.equal(fake.sent.length, 3);
    const expected = buildGratuitousArp({ mac: V4.mac, ip: V4.address });
    for (const s of fake.sent) assert.deepEqual([s.ifindex, s.bytes], [7, expected]);
    assert.ok((fake.sent[0]?.at ?? Infinity) < 30, 'first one immediately');
    assert.ok((fake.sent[2]?.at ?? 0) >= 75, 'the others spaced by the interval');
    const debug = logger.lines.filter((l) => l.level === 'debug');
    assert.equal(debug.length, 3, 'one line per burst');
    assert.deepEqual(debug[0]?.fields, { component: 'announce', ifname: 'eth0', frames: 1, failed: 0 });
  });

  void it('once closed, announces nothing and opens nothing again (the daemon is stopping)', async () => {
    const fake = fakeTransport();
    const announcer = new Announcer({ transport: fake.transport });
    assert.equal(await announcer.announce(V4, { count: 1, intervalMs: 0 }), 1);
    announcer.close();
    assert.equal(await announcer.announce(V4, { count: 3, intervalMs: 0 }), 0);
    assert.equal(fake.sent.length, 1, 'nothing sent after close()');
  });

  void it('sends unsolicited NAs as whole frames from the VIP to ff02::1, hop limit 255', async () => {
    const fake = fakeTransport();
    const n = await new Announcer({ transport: fake.transport }).announce(V6, { count: 2, intervalMs: 0 });
    assert.equal(n, 2);
    const expected = buildUnsolicitedNaFrame({ mac: V6.mac, srcIp: V6.address, ip: V6.address });
    assert.deepEqual(
      fake.sent.map((s) => [s.ifindex, s.bytes]),
      [
        [7, expected],
        [7, expected],
      ],
    );
    const ipv6 = expected.subarray(14);
    assert.equal(ipv6[7], 255, 'hop limit');
    assert.equal(ipv6.subarray(8, 24).toString('hex'), '20010db8000000000000000000000100', 'source: the VIP');
  });

  void it('stops early when the signal aborts, and sends nothing when it already has', async () => {
    const fake = fakeTransport();
    const controller = new AbortController();
    const started = Date.now();
    const pending = new Announcer({ transport: fake.transport }).announce(
      V6,
      { count: 5, intervalMs: 10_000 },
      controller.signal,
    );
    await sleep(20);
    controller.abort();
    assert.equal(await pending, 1);
    assert.ok(Date.now() - started < 1000, 'did not wait out the interval');
    assert.equal(
      await new Announcer({ transport: fake.transport }).announce(
        V4,
        { count: 3, intervalMs: 0 },
        AbortSignal.abort(),
      ),
      0,
    );
    assert.equal(fake.sent.length, 1);
  });

  void it('rejects with SendError when no frame could be sent', async () => {
    const fake = fakeTransport([1, 2, 3]);
    await assert.rejects(
      new Announcer({ transport: fake.transport }).announce(V4, { count: 3, intervalMs: 0 }),
      (err: unknown) => {
        assert.ok(err instanceof SendError);
        assert.equal(err.ifname, 'eth0');
        assert.equal(err.errno, 100);
        assert.equal(err.transient, true);
        assert.match(err.message, /gratuitous ARP on eth0 failed: sendmmsg: ENETDOWN/);
        return true;
      },
    );
    assert.equal(fake.sent.length, 0);
  });

  void it('warns and goes on when a frame fails, the first one too', async () => {
    const fake = fakeTransport([1]);
    const logger = memoryLogger();
    const n = await new Announcer({ logger, transport: fake.transport }).announce(V6, {
      count: 3,
      intervalMs: 0,
    });
    assert.equal(n, 2);
    const warns = logger.lines.filter((l) => l.level === 'warn');
    assert.equal(warns.length, 1);
    assert.equal(warns[0]?.fields.component, 'announce');
    assert.deepEqual([warns[0]?.fields.frames, warns[0]?.fields.failed], [1, 1]);
    assert.ok(warns[0]?.fields.err instanceof SendError);
  });

  void it('validates everything before sending anything', async () => {
    const fake = fakeTransport();
    const announcer = new Announcer({ transport: fake.transport });
    await assert.rejects(
      announcer.announce({ ...V4, mac: 'nope' }, { count: 1, intervalMs: 0 }),
      InvalidMacError,
    );
    await assert.rejects(announcer.announce(V4, { count: -1, intervalMs: 0 }), InvalidAnnounceOptionsError);
    await assert.rejects(announcer.announce(V4, { count: 1, intervalMs: NaN }), InvalidAnnounceOptionsError);
    assert.throws(
      () => new Announcer({ pacing: { burstFrames: 0, burstGapMs: 1 } }),
      /burstFrames: expected a positive integer/,
    );
    await assert.rejects(announcer.announce({ ...V4, ifindex: 0 }, { count: 1, intervalMs: 0 }), /ifindex/);
    await assert.rejects(
      announcer.announce({ ...V4, family: 6 }, { count: 1, intervalMs: 0 }),
      /IPv6 address/,
    );
    assert.equal(await announcer.announce(V4, { count: 0, intervalMs: 0 }), 0);
    assert.equal(fake.sent.length, 0);
  });
});

// End to end on real interfaces: two namespaces joined by a veth pair; b holds stale, wrong
// neighbour entries for the VIPs; the announcer runs inside a; b must then map both VIPs to a's MAC.
const isRoot = process.getuid?.() === 0;
const WRONG_MAC = '02:00:00:00:00:99';
const VIP4 = '198.51.100.100';
const VIP6 = '2001:db8::100';

async function ip(...args: string[]): Promise<string> {
  return (await run('ip', args)).stdout;
}

async function neighbourMac(ns: string, dev: string, address: string): Promise<string | undefined> {
  const entries = JSON.parse(await ip('-n', ns, '-json', 'neigh', 'show', address, 'dev', dev)) as {
    lladdr?: string;
  }[];
  return entries[0]?.lladdr;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

void describe(
  'Announcer on real interfaces (network namespaces)',
  { skip: !isRoot && 'needs root: creates network namespaces and sends raw frames' },
  () => {
    const id = randomBytes(4).toString('hex');
    const nsA = `vat-${id}-a`;
    const nsB = `vat-${id}-b`;
    const devA = 'veth-a';
    const devB = 'veth-b';
    let macA = '';
    let ifindexA = 0;

    before(async () => {
      await ip('netns', 'add', nsA);
      await ip('netns', 'add', nsB);
      await ip('-n', nsA, 'link', 'add', devA, 'type', 'veth', 'peer', 'name', devB, 'netns', nsB);
      for (const [ns, dev, v4, v6] of [
        [nsA, devA, '198.51.100.11/24', '2001:db8::11/64'],
        [nsB, devB, '198.51.100.50/24', '2001:db8::50/64'],
      ] as const) {
        await ip('-n', ns, 'addr', 'add', v4, 'dev', dev);
        await ip('-n', ns, 'addr', 'add', v6, 'dev', dev, 'nodad');
        await ip('-n', ns, 'link', 'set', dev, 'up');
      }
      // An ARP update within locktime (1 s) of the last change may be ignored; not in this lab.
      await run('ip', ['netns', 'exec', nsB, 'sysctl', '-q', '-w', `net.ipv4.neigh.${devB}.locktime=0`]);
      const [link] = JSON.parse(await ip('-n', nsA, '-json', 'link', 'show', devA)) as {
        address: string;
        ifindex: number;
      }[];
      assert.ok(link);
      macA = link.address;
      ifindexA = link.ifindex;
      await waitFor('both veth ends up', async () => {
        const a = JSON.parse(await ip('-n', nsA, '-json', 'link', 'show', devA)) as { operstate: string }[];
        const b = JSON.parse(await ip('-n', nsB, '-json', 'link', 'show', devB)) as { operstate: string }[];
        return a[0]?.operstate === 'UP' && b[0]?.operstate === 'UP';
      });
      for (const vip of [VIP4, VIP6]) {
        await ip('-n', nsB, 'neigh', 'replace', vip, 'dev', devB, 'lladdr', WRONG_MAC, 'nud', 'stale');
      }
    });

    after(async () => {
      for (const ns of [nsA, nsB]) await ip('netns', 'del', ns).catch(() => undefined); // the veth goes with it
    });

    void it("moves b's neighbour entries for both VIPs to a's MAC", async () => {
      assert.equal(await neighbourMac(nsB, devB, VIP4), WRONG_MAC, 'precondition: b has the wrong MAC');
      assert.equal(await neighbourMac(nsB, devB, VIP6), WRONG_MAC, 'precondition: b has the wrong MAC');
      assert.notEqual(macA, WRONG_MAC);

      const base = { ifname: devA, ifindex: ifindexA, mac: macA };
      const targets: AnnounceTarget[] = [
        { ...base, address: VIP4, family: 4 },
        { ...base, address: VIP6, family: 6 },
      ];
      // The addon acts in the calling process's namespace, so announce from a child in a.
      const script = `
      const { Announcer } = require(process.argv[1]);
      const targets = JSON.parse(process.argv[2]);
      (async () => {
        const announcer = new Announcer();
        const sent = [];
        for (const t of targets) sent.push(await announcer.announce(t, { count: 2, intervalMs: 50 }));
        process.stdout.write(JSON.stringify(sent));
      })().catch((err) => { console.error(err); process.exit(1); });`;
      const indexJs = path.join(__dirname, 'index.js');
      // Without NODE_TEST_CONTEXT, or the child would talk to this test runner instead of stdout.
      const { NODE_TEST_CONTEXT: _, ...env } = process.env;
      const argv = ['netns', 'exec', nsA, process.execPath, '-e', script, indexJs, JSON.stringify(targets)];
      const child = await run('ip', argv, { env });
      assert.deepEqual(JSON.parse(child.stdout), [2, 2], 'frames the kernel accepted');

      await waitFor(
        `b to learn ${VIP4} at ${macA}`,
        async () => (await neighbourMac(nsB, devB, VIP4)) === macA,
        2000,
      );
      await waitFor(
        `b to learn ${VIP6} at ${macA}`,
        async () => (await neighbourMac(nsB, devB, VIP6)) === macA,
        2000,
      );
    });

    void it("delivers a 300-VIP burst to the peer, every VIP's count of frames", async () => {
      // 150 IPv4 and 150 IPv6 VIPs, 3 frames each, 20 ms apart, all announced at once from a; a
      // capture in b (all ethertypes, through the addon's collector) counts what arrives per VIP.
      const base = { ifname: devA, ifindex: ifindexA, mac: macA };
      const many: AnnounceTarget[] = [
        ...Array.from({ length: 150 }, (_, i): AnnounceTarget => ({
          ...base,
          address: `198.51.100.${100 + i}`,
          family: 4,
        })),
        ...Array.from({ length: 150 }, (_, i): AnnounceTarget => ({
          ...base,
          address: `2001:db8::1:${i.toString(16)}`,
          family: 6,
        })),
      ];
      const COUNT = 3;
      const { NODE_TEST_CONTEXT: _, ...env } = process.env;
      const indexJs = path.join(__dirname, 'index.js');
      const [linkB] = JSON.parse(await ip('-n', nsB, '-json', 'link', 'show', devB)) as { ifindex: number }[];
      assert.ok(linkB);
      // Two collectors, ARP and IPv6, so that neither socket's receive buffer (the default ~212 KB,
      // ~270 such frames; not raised per namespace) has to hold a whole round of 300 frames.
      const capture = `
      const { sendAndCollect } = require(process.argv[1]);
      const ifindex = Number(process.argv[2]);
      // Each collector sends one frame first: an experimental ethertype to a MAC nobody has.
      const frame = Buffer.alloc(60);
      Buffer.from([0x02, 0, 0, 0, 0, 0x77]).copy(frame, 0);
      frame.writeUInt16BE(0x88b5, 12);
      Promise.all([0x0806, 0x86dd].map((type) => sendAndCollect(ifindex, frame, type, 2500, 65536))).then(
        (lists) => process.stdout.write(JSON.stringify(lists.flat().map((f) => f.toString('hex')))),
        (err) => { console.error(err); process.exit(1); },
      );`;
      const captured = run(
        'ip',
        ['netns', 'exec', nsB, process.execPath, '-e', capture, indexJs, String(linkB.ifindex)],
        { env, maxBuffer: 64 * 1024 * 1024 },
      );
      await sleep(400); // the collector's socket is bound within a few ms of its start
      const script = `
      const { Announcer } = require(process.argv[1]);
      const targets = JSON.parse(process.argv[2]);
      const announcer = new Announcer();
      const started = performance.now();
      Promise.all(targets.map((t) => announcer.announce(t, { count: ${COUNT}, intervalMs: 20 }))).then(
        (sent) => {
          announcer.close();
          process.stdout.write(JSON.stringify({ sent, ms: performance.now() - started }));
        },
        (err) => { console.error(err); process.exit(1); },
      );`;
      const argv = ['netns', 'exec', nsA, process.execPath, '-e', script, indexJs, JSON.stringify(many)];
      const announced = JSON.parse((await run('ip', argv, { env })).stdout) as { sent: number[]; ms: number };
      assert.deepEqual(announced.sent, Array(300).fill(COUNT), 'frames the kernel accepted, per VIP');
      assert.ok(announced.ms < 1500, `300 VIPs x ${COUNT} announced in ${announced.ms.toFixed(0)} ms`);

      const received = new Map<string, number>();
      for (const hex of JSON.parse((await captured).stdout) as string[]) {
        const f = Buffer.from(hex, 'hex');
        const ethertype = f.readUInt16BE(12);
        let key: string | undefined;
        if (ethertype === 0x0806 && f.readUInt16BE(20) === 1) key = f.subarray(28, 32).toString('hex');
        if (ethertype === 0x86dd && f[20] === 58 && f[54] === 136) key = f.subarray(62, 78).toString('hex');
        if (key !== undefined) received.set(key, (received.get(key) ?? 0) + 1);
      }
      const keyOf = (t: AnnounceTarget): string =>
        (t.family === 4 ? parseIpv4(t.address) : parseIpv6(t.address)).toString('hex');
      const missing = many.filter((t) => received.get(keyOf(t)) !== COUNT);
      assert.deepEqual(
        missing.map((t) => `${t.address}: ${received.get(keyOf(t)) ?? 0}`),
        [],
        `every VIP's ${COUNT} frames arrived on the peer`,
      );
    });
  },
);
