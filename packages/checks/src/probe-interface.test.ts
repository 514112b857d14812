import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidCheckSpecError } from './errors';
import { linkOutcome, probeInterface } from './probe-interface';
import { parseChecks, type InterfaceCheckSpec } from './spec';

// `ip -json link show dev …` on Debian 12 (iproute2 6.1), 2026-12-07, trimmed to what is read.
const UP = '[{"ifindex":2,"ifname":"e1","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"operstate":"UP"}]';
const NO_CARRIER =
  '[{"ifindex":2,"ifname":"e1","flags":["NO-CARRIER","BROADCAST","MULTICAST","UP"],"operstate":"DOWN"}]';
const ADMIN_DOWN = '[{"ifindex":2,"ifname":"e1","flags":["BROADCAST","MULTICAST"],"operstate":"DOWN"}]';

describe('interface check (track_interface)', () => {
  it('is up only while the interface is administratively up with carrier', () => {
    assert.deepEqual(linkOutcome('e1', UP, ''), {
      ok: true,
      timedOut: false,
      message: 'e1 is up with carrier',
    });
    assert.equal(linkOutcome('e1', NO_CARRIER, '').message, 'e1 has no carrier');
    assert.equal(linkOutcome('e1', NO_CARRIER, '').ok, false);
    assert.equal(linkOutcome('e1', ADMIN_DOWN, '').message, 'e1 is administratively down');
    assert.equal(linkOutcome('e1', '', 'Device "e1" does not exist.\n').message, 'no interface e1');
  });

  it('asks the kernel: lo is up here (its carrier is always on), a missing name is not', async () => {
    const [lo, none] = parseChecks([
      { type: 'interface', name: 'lo', interface: 'lo' },
      { type: 'interface', name: 'none', interface: 'vipd-none0' },
    ]) as InterfaceCheckSpec[];
    const up = await probeInterface(lo!);
    assert.equal(up.ok, true, up.message);
    const missing = await probeInterface(none!);
    assert.deepEqual([missing.ok, missing.message], [false, 'no interface vipd-none0']);
  });

  it('refuses what is not an interface name, in one line', () => {
    assert.throws(
      () => parseChecks([{ type: 'interface', name: 'x', interface: 'eth0:1' }]),
      (err: unknown) =>
        err instanceof InvalidCheckSpecError &&
        /checks\[0\]\.interface: must be an interface name/.test(err.message) &&
        !err.message.includes('\n'),
    );
    assert.throws(() => parseChecks([{ type: 'interface', name: 'x' }]), InvalidCheckSpecError);
  });
});
