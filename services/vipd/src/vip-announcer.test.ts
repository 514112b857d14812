import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { SendError } from '@vipd/announce';
import { memoryLogger, monotonicClock } from '@vipd/log';
import { parseVipSpec } from '@vipd/store';
import type { Kernel } from './kernel';
import { VipAnnouncer } from './vip-announcer';

const spec = parseVipSpec({
  name: 'web',
  address: '198.51.100.10/24',
  interface: 'e0',
  nodes: { n1: { priority: 150 } },
});

/** A kernel whose announce() settles as `outcome` says (only announce is used here). */
function kernelThat(outcome: () => Promise<number>): Kernel {
  return { announce: outcome } as Partial<Kernel> as Kernel;
}

void describe('VipAnnouncer', () => {
  void it('leaves a send failure to the burst’s warning (debug here), warns for anything else', async () => {
    const cases: [string, () => Promise<number>, string][] = [
      ['send error', () => Promise.reject(new SendError('e0', 4, new Error('sendmmsg: ENETDOWN'))), 'debug'],
      ['other error', () => Promise.reject(new Error('cannot announce on e0: no such interface')), 'warn'],
    ];
    for (const [what, outcome, level] of cases) {
      const log = memoryLogger();
      new VipAnnouncer(kernelThat(outcome), monotonicClock, log).start(
        { ifname: 'e0', spec, revision: '11' },
        3,
        'took over',
      );
      await tick();
      await tick();
      const lines = log.lines.filter((l) => l.msg === 'announce failed');
      assert.deepEqual(
        lines.map((l) => l.level),
        [level],
        what,
      );
    }
  });

  void it('sends a second burst after announce.secondBurstDelayMs, and none once stopped', async () => {
    const withDelay = parseVipSpec({
      name: 'web',
      address: '198.51.100.10/24',
      interface: 'e0',
      announce: { count: 2, secondBurstDelayMs: 50 },
    });
    const bursts: number[] = [];
    const kernel = {
      announce: (_if: string, _s: unknown, count: number) => {
        bursts.push(count);
        return Promise.resolve(count);
      },
    } as Partial<Kernel> as Kernel;
    const log = memoryLogger();
    const held = { ifname: 'e0', spec: withDelay, revision: '11' };
    const announcer = new VipAnnouncer(kernel, monotonicClock, log);
    announcer.tookOver(held, 2, 0);
    assert.deepEqual(bursts, [2], 'the first burst at once');
    await new Promise((r) => setTimeout(r, 120));
    assert.deepEqual(bursts, [2, 2], 'the second burst after the delay');
    assert.ok(log.lines.some((l) => l.msg === 'announced' && l.fields.why === 'second burst'));
    // Released before the delay: no second burst.
    announcer.tookOver(held, 2, 0);
    announcer.stop();
    await new Promise((r) => setTimeout(r, 120));
    assert.deepEqual(bursts, [2, 2, 2]);
    // Without the setting: one burst only.
    announcer.tookOver({ ...held, spec }, 3, 0);
    await new Promise((r) => setTimeout(r, 120));
    assert.deepEqual(bursts, [2, 2, 2, 3]);
  });
});
