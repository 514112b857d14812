import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AddressTimeline } from '../lab/address-timeline';
import type { Machine } from './model';
import {
  parseStallArgs,
  reachableOverlaps,
  renderStallMarkdown,
  stallAddresses,
  trialFigures,
  type StallRun,
  type TrialTimes,
} from './stall-report';

void describe('bench:stall arguments', () => {
  void it('defaults: 600 and 2000 VIPs, every fault, one trial', () => {
    const a = parseStallArgs([]);
    assert.deepEqual(a.vips, [600, 2000]);
    assert.deepEqual(a.faults, ['sigstop', 'freeze', 'sigkill', 'sigkill-unit', 'linkcut']);
    assert.equal(a.trials, 1);
    assert.equal(a.outDir, undefined);
    assert.equal(a.help, false);
  });

  void it('flags and --flag=value', () => {
    const a = parseStallArgs([
      '--vips',
      '100',
      '--faults=sigkill,sigstop',
      '--trials',
      '3',
      '--out',
      '/tmp/r',
    ]);
    assert.deepEqual(a.vips, [100]);
    assert.deepEqual(a.faults, ['sigkill', 'sigstop']);
    assert.equal(a.trials, 3);
    assert.equal(a.outDir, '/tmp/r');
    assert.equal(parseStallArgs(['-h']).help, true);
  });

  void it('refuses bad input with one line naming the flag', () => {
    for (const [argv, re] of [
      [['--vips', 'many'], /--vips/],
      [['--vips', '2'], /--vips/],
      [['--faults', 'sigterm'], /unknown "sigterm"/],
      [['--trials', '0'], /--trials/],
      [['--trials'], /--trials/],
      [['--out'], /--out/],
      [['--bogus'], /unknown argument/],
    ] as const) {
      assert.throws(
        () => parseStallArgs(argv),
        (err: Error) => re.test(err.message) && !err.message.includes('\n'),
      );
    }
  });
});

void describe('bench:stall addresses', () => {
  const v4 = (list: string[]) => list.filter((a) => !a.includes(':'));
  const allowed = /^(198\.51\.100\.\d+\/24|203\.0\.113\.\d+\/32|2001:db8::1:[0-9a-f]+\/64)$/;

  void it('half IPv4 while the two /24s last, the rest IPv6, all distinct and none a lab host', () => {
    const six = stallAddresses(600);
    assert.equal(six.length, 600);
    assert.equal(v4(six).length, 300);
    assert.equal(new Set(six).size, 600);
    const two = stallAddresses(2000);
    assert.equal(v4(two).length, 501, '254 + 254 minus the 7 lab host addresses');
    assert.equal(new Set(two).size, 2000);
    for (const a of two) {
      assert.match(a, allowed);
      assert.ok(!/^198\.51\.100\.(0|2|3|4|11|12|13|50|255)\//.test(a), `${a} is a lab host's`);
      assert.ok(!/\.(0|255)\//.test(a), `${a} is a network or broadcast address`);
    }
    assert.deepEqual(stallAddresses(3), ['198.51.100.1/24', '2001:db8::1:0/64', '198.51.100.5/24']);
    assert.ok(two.includes('203.0.113.254/32'));
  });
});

void describe('bench:stall figures', () => {
  void it('clips overlaps to the window and leaves out the cut', () => {
    const window = { from: 100, to: 1000 };
    assert.deepEqual(reachableOverlaps([{ start: 50, end: 150 }], window, []), [{ from: 100, to: 150 }]);
    assert.deepEqual(reachableOverlaps([{ start: 200, end: 900 }], window, [{ from: 300, to: 800 }]), [
      { from: 200, to: 300 },
      { from: 800, to: 900 },
    ]);
    assert.deepEqual(reachableOverlaps([{ start: 400, end: 500 }], window, [{ from: 300, to: 800 }]), []);
    assert.deepEqual(reachableOverlaps([{ start: 990, end: 1200 }], window, []), [{ from: 990, to: 1000 }]);
  });

  // n1 holds a, b, c; the fault at 1000; n2 takes over; n1 back at 5000, all home by 6000.
  function timeline(): AddressTimeline {
    const tl = new AddressTimeline();
    for (const ip of ['198.51.100.1', '2001:db8::1:0', '198.51.100.5']) tl.add('n1', ip, 0);
    // a: the frozen n1 keeps it 1.5 s past n2's takeover; home again by a 40 ms handover.
    tl.add('n2', '198.51.100.1', 1800);
    tl.remove('n1', '198.51.100.1', 3300);
    tl.add('n1', '198.51.100.1', 5500);
    tl.remove('n2', '198.51.100.1', 5540);
    // b: dropped by n1 before n2 took it; home without overlap.
    tl.remove('n1', '2001:db8::1:0', 1300);
    tl.add('n2', '2001:db8::1:0', 1700);
    tl.remove('n2', '2001:db8::1:0', 5600);
    tl.add('n1', '2001:db8::1:0', 5600);
    // c: n2 never takes it, n1 keeps it throughout.
    return tl;
  }
  const times: TrialTimes = {
    faultAt: 1000,
    recoveredAt: 5000,
    settledAt: 5800,
    endAt: 6000,
    unreachable: [],
  };
  const ips = ['198.51.100.1', '2001:db8::1:0', '198.51.100.5'];

  void it('per-VIP overlap, takeover and the old holder, from the address timeline', () => {
    const f = trialFigures(timeline(), ips, times);
    assert.equal(f.vips, 3);
    assert.equal(f.overlapped, 1);
    assert.equal(f.overLimit, 1);
    assert.equal(f.maxOverlapMs, 1500, 'the longest stretch, not the sum with the 40 ms handover');
    assert.deepEqual(f.overlapMs, { '198.51.100.1': 1500 });
    assert.equal(f.worstAtMs, 800);
    assert.deepEqual(f.afterRecovery, { overlapped: 1, overLimit: 0, maxOverlapMs: 40 }, 'the handover back');
    assert.equal(f.allOnBackupMs, undefined);
    assert.equal(f.notOnBackup, 1);
    assert.equal(f.oldHolderLastMs, 5000, 'c was never dropped: up to the end');
    assert.equal(f.oldHolderKeptAtRecovery, 1);
    assert.equal(f.notOnceAfterFault, 0);
    assert.equal(f.notOnceAtEnd, 0);
    assert.equal(f.settledMs, 4800);
    assert.equal(f.backHomeMs, 1000);
  });

  void it('a cut holder does not count while cut', () => {
    const f = trialFigures(timeline(), ips.slice(0, 2), {
      ...times,
      unreachable: [{ from: 1000, to: 3000 }],
    });
    assert.deepEqual(f.overlapMs, { '198.51.100.1': 300 });
    assert.equal(f.overLimit, 1);
    assert.equal(f.allOnBackupMs, 800);
    assert.equal(f.oldHolderLastMs, 2300);
    assert.equal(f.oldHolderKeptAtRecovery, 0);
    const early = trialFigures(timeline(), ips.slice(0, 2), { ...times, settledAt: 1500 });
    assert.equal(early.notOnceAfterFault, 1, 'b was held by nobody at 1500');
    const gaveUp = trialFigures(timeline(), ips, { ...times, settledAt: 1500, settled: false });
    assert.equal(gaveUp.settledMs, undefined);
    assert.equal(gaveUp.notOnceAfterFault, 1, 'counted when the wait gave up');
  });

  void it('renders one row per N × fault with a verdict, and the problems as notes', () => {
    const machine: Machine = {
      hostname: 'h',
      cpuModel: 'CPU',
      cpus: 2,
      kernel: '6.1',
      node: 'v20',
      keepalived: '-',
      commit: 'abc',
    };
    const run: StallRun = {
      startedAt: '2026-12-01T10:00:00.000Z',
      command: 'npm run bench:stall',
      machine,
      stopMs: 4000,
      agent: 'service',
      results: [
        {
          vips: 3,
          v4: 2,
          v6: 1,
          ok: true,
          trials: [
            { fault: 'freeze', trial: 1, figures: trialFigures(timeline(), ips, times), problems: [] },
            {
              fault: 'sigkill',
              trial: 1,
              figures: trialFigures(timeline(), ips.slice(1, 2), times),
              problems: [],
            },
            { fault: 'linkcut', trial: 1, problems: ['timed out waiting for every VIP on n2'] },
          ],
        },
      ],
    };
    const md = renderStallMarkdown(run);
    const rows = md.split('\n').filter((l) => l.startsWith('| 3 '));
    assert.equal(rows.length, 3);
    assert.match(rows[0] ?? '', /\| freeze \| 1 \| 1 \| 1\.50 s \| 1\.50 s \| 1 \(0\), 40 ms \|.*\| no \|$/);
    assert.match(
      rows[1] ?? '',
      /\| sigkill \| 0 \| 0 \| 0 ms \| 0 ms \| 0 \(0\), 0 ms \| 700 ms \|.*\| yes \|$/,
    );
    assert.match(rows[2] ?? '', /\| linkcut \| timed out waiting/);
    assert.match(md, /- N = 3, linkcut, trial 1: timed out waiting for every VIP on n2/);
    assert.match(md, /kernel agent: its own process/);
  });
});

void describe('bench:stall --agent', () => {
  void it('takes child or service, one of them, and refuses anything else', () => {
    assert.equal(parseStallArgs([]).agent, 'child');
    assert.equal(parseStallArgs(['--agent', 'service']).agent, 'service');
    assert.throws(() => parseStallArgs(['--agent', 'child,service']), /one of child, service/);
    assert.throws(() => parseStallArgs(['--agent', 'cgroup']), /unknown "cgroup"/);
  });
});
