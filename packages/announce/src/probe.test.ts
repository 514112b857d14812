import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { InvalidAddressError, InvalidAnnounceOptionsError, InvalidMacError, ProbeError } from './errors';
import { ETHERTYPE_ARP, ETHERTYPE_IPV6 } from './frames';
import { probeOwners, probeOwnersMany, type ProbeTarget, type ProbeTransport } from './probe';
import { buildArpProbe, buildNsProbe } from './probe-frames';

const run = promisify(execFile);

const V4: ProbeTarget = {
  ifname: 'eth0',
  ifindex: 7,
  mac: '02:42:ac:11:00:02',
  address: '198.51.100.100',
  family: 4,
};
const V6: ProbeTarget = { ...V4, address: '2001:db8::100', family: 6 };

/** An ARP reply (op 2) from `mac` claiming `ip`, as a kernel would send it. */
function arpFrom(mac: string, ip = V4.address): Buffer {
  const frame = buildArpProbe({ mac, ip: '192.0.2.1' });
  frame.writeUInt16BE(2, 20);
  Buffer.from(ip.split('.').map(Number)).copy(frame, 28);
  return frame;
}

/** A transport that records the calls and answers with `frames`, or fails with `error`. */
function fakeTransport(frames: Buffer[], error?: Error) {
  const calls: { ifindex: number; frame: Buffer; ethertype: number; timeoutMs: number; maxFrames: number }[] =
    [];
  /** Every frame each call sent (one, or the many of probeOwnersMany). */
  const sentPerCall: (readonly Buffer[])[] = [];
  const transport: ProbeTransport = {
    sendAndCollect: async (ifindex, sent, ethertype, timeoutMs, maxFrames) => {
      const sentFrames = Buffer.isBuffer(sent) ? [sent] : (sent as readonly Buffer[]);
      calls.push({ ifindex, frame: sentFrames[0]!, ethertype, timeoutMs, maxFrames });
      sentPerCall.push(sentFrames);
      if (error) throw error;
      return frames;
    },
  };
  return { transport, calls, sentPerCall };
}

void describe('probeOwners', () => {
  void it('sends one ARP probe and returns the other MACs that answered, each once, ours excluded', async () => {
    const fake = fakeTransport([
      arpFrom('02:00:00:00:00:0b'),
      arpFrom('02:42:ac:11:00:02'), // ours (a reflection, or our own request)
      arpFrom('02:00:00:00:00:0c', '198.51.100.7'), // another address
      Buffer.from('not a frame'),
      arpFrom('02:00:00:00:00:0b'),
      arpFrom('02:00:00:00:00:0d'),
    ]);
    const owners = await probeOwners({ ...V4, mac: '02:42:AC:11:00:02' }, { timeoutMs: 250 }, fake.transport);
    assert.deepEqual(owners, ['02:00:00:00:00:0b', '02:00:00:00:00:0d']);
    assert.deepEqual(fake.calls, [
      {
        ifindex: 7,
        frame: buildArpProbe({ mac: V4.mac, ip: V4.address }),
        ethertype: ETHERTYPE_ARP,
        timeoutMs: 250,
        maxFrames: 1024,
      },
    ]);
  });

  void it('sends a neighbour solicitation for IPv6, DAD style unless given a source', async () => {
    const fake = fakeTransport([]);
    assert.deepEqual(await probeOwners(V6, { timeoutMs: 0, maxFrames: 5 }, fake.transport), []);
    await probeOwners(V6, { timeoutMs: 10, srcIp: 'fe80::1' }, fake.transport);
    assert.deepEqual(
      fake.calls.map((c) => [c.frame, c.ethertype, c.maxFrames]),
      [
        [buildNsProbe({ mac: V6.mac, ip: V6.address }), ETHERTYPE_IPV6, 5],
        [buildNsProbe({ mac: V6.mac, srcIp: 'fe80::1', ip: V6.address }), ETHERTYPE_IPV6, 1024],
      ],
    );
  });

  void it('rejects with ProbeError when the kernel fails; EPERM is final, the rest transient', async () => {
    const enodev = Object.assign(new Error('bind: No such device (errno 19)'), {
      errno: 19,
      syscall: 'bind',
    });
    await assert.rejects(probeOwners(V4, { timeoutMs: 10 }, fakeTransport([], enodev).transport), (err) => {
      assert.ok(err instanceof ProbeError);
      assert.deepEqual(
        [err.ifname, err.family, err.errno, err.syscall, err.transient],
        ['eth0', 4, 19, 'bind', true],
      );
      assert.equal(err.cause, enodev);
      assert.match(err.message, /ARP probe on eth0 failed: bind: No such device/);
      return true;
    });
    const eperm = Object.assign(new Error('socket: Operation not permitted (errno 1)'), { errno: 1 });
    await assert.rejects(
      probeOwners(V6, { timeoutMs: 10 }, fakeTransport([], eperm).transport),
      (err) =>
        err instanceof ProbeError && !err.transient && /neighbour solicitation probe/.test(err.message),
    );
  });

  void it('validates everything before sending anything', async () => {
    const fake = fakeTransport([]);
    const bad: [ProbeTarget, Parameters<typeof probeOwners>[1], unknown][] = [
      [{ ...V4, mac: 'nope' }, { timeoutMs: 10 }, InvalidMacError],
      [{ ...V4, address: '2001:db8::1' }, { timeoutMs: 10 }, InvalidAddressError],
      [{ ...V6, address: '198.51.100.1' }, { timeoutMs: 10 }, InvalidAddressError],
      [{ ...V4, ifindex: 0 }, { timeoutMs: 10 }, /ifindex/],
      [{ ...V4, family: 5 as 4 }, { timeoutMs: 10 }, /family/],
      [V4, { timeoutMs: -1 }, /timeoutMs/],
      [V4, { timeoutMs: 1.5 }, /timeoutMs/],
      [V4, { timeoutMs: 600_001 }, /timeoutMs/],
      [V4, { timeoutMs: 10, maxFrames: 0 }, /maxFrames/],
      [V4, { timeoutMs: 10, srcIp: 'fe80::1' }, /srcIp/],
      [V6, { timeoutMs: 10, srcIp: 'ff02::1' }, InvalidAddressError],
    ];
    for (const [target, opts, expected] of bad) {
      await assert.rejects(
        probeOwners(target, opts, fake.transport),
        expected as RegExp,
        JSON.stringify(opts),
      );
    }
    await assert.rejects(probeOwners({ ...V4, ifindex: -3 }, { timeoutMs: 10 }), InvalidAnnounceOptionsError);
    assert.equal(fake.calls.length, 0);
  });
});

// On real interfaces: two namespaces joined by a veth pair. b holds the addresses; a probes for
// them from a child process inside a (the addon acts in the calling process's namespace).
const isRoot = process.getuid?.() === 0;
const VIP4 = '198.51.100.100';
const VIP6 = '2001:db8::100';
const FREE4 = '198.51.100.200';
const FREE6 = '2001:db8::200';
const CHILD_TIMEOUT_MS = 20_000;

async function ip(...args: string[]): Promise<string> {
  return (await run('ip', args, { timeout: 10_000 })).stdout;
}

interface ProbeRun {
  owners?: string[];
  ms: number;
  ticks: number;
  error?: string;
}

void describe(
  'probeOwners on real interfaces (network namespaces)',
  { skip: !isRoot && 'needs root: creates network namespaces and sends raw frames' },
  () => {
    const id = randomBytes(4).toString('hex');
    const nsA = `vpt-${id}-a`;
    const nsB = `vpt-${id}-b`;
    const devA = 'veth-a';
    const devB = 'veth-b';
    let macA = '';
    let macB = '';
    let ifindexA = 0;

    /** Runs probeOwners once per target, one after the other, in a child inside namespace a. */
    async function probeFromA(targets: [string, 4 | 6][], opts: object): Promise<ProbeRun[]> {
      const script = `
      const { probeOwners } = require(process.argv[1]);
      const [base, targets, opts] = JSON.parse(process.argv[2]);
      (async () => {
        const runs = [];
        for (const [address, family] of targets) {
          const started = process.hrtime.bigint();
          let ticks = 0; // a timer keeps firing while the probe waits: the event loop is free
          const timer = setInterval(() => ticks++, 10);
          try {
            const owners = await probeOwners({ ...base, address, family }, opts);
            runs.push({ owners, ms: Number(process.hrtime.bigint() - started) / 1e6, ticks });
          } catch (err) {
            runs.push({ error: String(err), ms: Number(process.hrtime.bigint() - started) / 1e6, ticks });
          } finally {
            clearInterval(timer);
          }
        }
        process.stdout.write(JSON.stringify(runs));
      })().catch((err) => { console.error(err); process.exit(1); });`;
      const base = { ifname: devA, ifindex: ifindexA, mac: macA };
      // Without NODE_TEST_CONTEXT, or the child would talk to this test runner instead of stdout.
      const { NODE_TEST_CONTEXT: _, ...env } = process.env;
      const argv = [
        'netns',
        'exec',
        nsA,
        process.execPath,
        '-e',
        script,
        path.join(__dirname, 'index.js'),
        JSON.stringify([base, targets, opts]),
      ];
      const child = await run('ip', argv, { env, timeout: CHILD_TIMEOUT_MS });
      return JSON.parse(child.stdout) as ProbeRun[];
    }

    async function link(ns: string, dev: string) {
      const [entry] = JSON.parse(await ip('-n', ns, '-json', 'link', 'show', dev)) as {
        address: string;
        ifindex: number;
        operstate: string;
      }[];
      assert.ok(entry, `${dev} in ${ns}`);
      return entry;
    }

    before(async () => {
      await ip('netns', 'add', nsA);
      await ip('netns', 'add', nsB);
      await ip('-n', nsA, 'link', 'add', devA, 'type', 'veth', 'peer', 'name', devB, 'netns', nsB);
      await ip('-n', nsA, 'addr', 'add', 'fe80::a/64', 'dev', devA, 'nodad');
      await ip('-n', nsB, 'addr', 'add', `${VIP4}/24`, 'dev', devB);
      await ip('-n', nsB, 'addr', 'add', `${VIP6}/64`, 'dev', devB, 'nodad');
      await ip('-n', nsA, 'link', 'set', devA, 'up');
      await ip('-n', nsB, 'link', 'set', devB, 'up');
      const deadline = Date.now() + 5000;
      while ((await link(nsA, devA)).operstate !== 'UP' || (await link(nsB, devB)).operstate !== 'UP') {
        if (Date.now() > deadline) throw new Error('timed out waiting for both veth ends to come up');
        await sleep(50);
      }
      const a = await link(nsA, devA);
      macA = a.address;
      ifindexA = a.ifindex;
      macB = (await link(nsB, devB)).address;
      assert.notEqual(macA, macB);
    });

    after(async () => {
      for (const ns of [nsA, nsB]) await ip('netns', 'del', ns).catch(() => undefined); // the veth goes with it
    });

    void it("finds exactly b's MAC for both families, DAD style and from a link-local source", async () => {
      const runs = await probeFromA(
        [
          [VIP4, 4],
          [VIP6, 6],
        ],
        { timeoutMs: 300 },
      );
      assert.deepEqual(
        runs.map((r) => r.owners ?? r.error),
        [[macB], [macB]],
      );
      const [linkLocal] = await probeFromA([[VIP6, 6]], { timeoutMs: 300, srcIp: 'fe80::a' });
      assert.deepEqual(linkLocal?.owners ?? linkLocal?.error, [macB]);
    });

    void it('returns [] after about timeoutMs when nobody holds the address', async () => {
      const runs = await probeFromA(
        [
          [FREE4, 4],
          [FREE6, 6],
        ],
        { timeoutMs: 400 },
      );
      for (const r of runs) {
        assert.deepEqual(r.owners ?? r.error, []);
        assert.ok(r.ms >= 395 && r.ms < 1400, `took ${r.ms} ms for a 400 ms timeout`);
        assert.ok(
          r.ticks >= 20,
          `only ${r.ticks} 10 ms timer ticks in ${r.ms} ms: the event loop was blocked`,
        );
      }
    });

    void it('returns as soon as maxFrames frames arrived', async () => {
      const [r] = await probeFromA([[VIP4, 4]], { timeoutMs: 5000, maxFrames: 1 });
      assert.deepEqual(r?.owners ?? r?.error, [macB]);
      assert.ok((r?.ms ?? Infinity) < 2000, `took ${r?.ms} ms, not cut short by maxFrames`);
    });

    void it("excludes our own MAC when a holds the address too: only b's is returned", async () => {
      await ip('-n', nsA, 'addr', 'add', `${VIP4}/24`, 'dev', devA);
      await ip('-n', nsA, 'addr', 'add', `${VIP6}/64`, 'dev', devA, 'nodad');
      try {
        const runs = await probeFromA(
          [
            [VIP4, 4],
            [VIP6, 6],
          ],
          { timeoutMs: 300 },
        );
        assert.deepEqual(
          runs.map((r) => r.owners ?? r.error),
          [[macB], [macB]],
        );
      } finally {
        await ip('-n', nsA, 'addr', 'del', `${VIP4}/24`, 'dev', devA).catch(() => undefined);
        await ip('-n', nsA, 'addr', 'del', `${VIP6}/64`, 'dev', devA).catch(() => undefined);
      }
    });
  },
);

void describe('probeOwnersMany', () => {
  void it('sends every probe in one call and gives each address the other MACs that answered for it', async () => {
    const a = { ...V4, address: '198.51.100.21' };
    const b = { ...V4, address: '198.51.100.22' };
    const c = { ...V4, address: '198.51.100.23' };
    const fake = fakeTransport([
      arpFrom('02:00:00:00:00:0b', a.address),
      arpFrom('02:00:00:00:00:0b', a.address), // the same owner twice: once
      arpFrom('02:00:00:00:00:0c', c.address),
      arpFrom(V4.mac, b.address), // our own: never an owner
      arpFrom('02:00:00:00:00:0d', '198.51.100.99'), // not asked about
    ]);
    const owners = await probeOwnersMany([a, b, c], { timeoutMs: 25 }, fake.transport);
    assert.equal(fake.calls.length, 1, 'one socket, one wait');
    assert.equal(fake.sentPerCall[0]?.length, 3);
    assert.deepEqual(Object.fromEntries(owners), {
      '198.51.100.21': ['02:00:00:00:00:0b'],
      '198.51.100.22': [],
      '198.51.100.23': ['02:00:00:00:00:0c'],
    });
  });

  void it('refuses targets on different interfaces or families', async () => {
    await assert.rejects(
      probeOwnersMany(
        [V4, { ...V4, ifindex: V4.ifindex + 1 }],
        { timeoutMs: 25 },
        fakeTransport([]).transport,
      ),
      /one interface and family/,
    );
  });
});
