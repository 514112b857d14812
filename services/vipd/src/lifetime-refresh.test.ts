import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '@vipd/log';
import { parseVipSpec } from '@vipd/store';
import type { Kernel } from './kernel';
import type { HeldAddress } from './vip-announcer';
import {
  KEEP_AT_LEAST_MS,
  keepWindowMs,
  LifetimeRefresher,
  PACE_FROM_ADDRESSES,
  type RefreshableVip,
  refreshSpacingMs,
} from './lifetime-refresh';

/** A kernel whose refresh takes `costMs` of (fake) time per address, recording what it got. */
function setUp(costPerVipMs: number, held: number, idle: number) {
  let now = 0;
  const clock = { now: () => now };
  const refreshedAt: number[] = [];
  let locks = 0;
  const kernel = {
    refreshVips: (entries: readonly unknown[]) => {
      refreshedAt.push(now);
      now += costPerVipMs * entries.length;
      return Promise.resolve([]);
    },
  } as unknown as Kernel;
  const vip = (i: number, up: boolean): RefreshableVip => {
    const spec = parseVipSpec({ name: `v${i}`, address: `2001:db8::${i + 1}/64`, interface: 'e0' });
    return {
      holding: up ? '5' : undefined,
      kernelBusy: false,
      lockKernel: () => {
        locks++;
        return Promise.resolve(() => undefined);
      },
      refreshTarget: () => (up ? { ifname: 'e0', spec, revision: '5' } : undefined),
    };
  };
  const vips = [...Array(held).keys()].map((i) => vip(i, true));
  vips.push(...[...Array(idle).keys()].map((i) => vip(held + i, false)));
  const r = new LifetimeRefresher({
    kernel,
    clock,
    lifetimeSec: 2,
    holdMs: 2250,
    log: silentLogger(),
    vips: () => vips,
  });
  /** Renewals every `everyMs` for `forMs`. */
  const renewals = async (everyMs: number, forMs: number): Promise<void> => {
    const end = now + forMs;
    while (now < end) {
      await r.afterRenewal();
      now += everyMs;
    }
  };
  return { r, refreshedAt, renewals, locks: () => locks, setNow: (ms: number) => (now = ms) };
}

/** A refresher at a standing clock over these VIPs and this (fake) kernel. */
function refresherOver(
  kernel: Pick<Kernel, 'refreshVips'>,
  vips: readonly RefreshableVip[],
  log = silentLogger(),
) {
  return new LifetimeRefresher({
    kernel: kernel as Kernel,
    clock: { now: () => 0 },
    lifetimeSec: 2,
    holdMs: 2250,
    log,
    vips: () => vips,
  });
}

const gaps = (at: number[]): number[] => at.slice(1).map((t, i) => t - at[i]!);

describe('kernel lifetime refresh', () => {
  it('spacing is 4 × the last duration, at most half a lifetime', () => {
    assert.equal(refreshSpacingMs(2, 100, 2), 8);
    assert.equal(refreshSpacingMs(150, 100, 2), 600);
    assert.equal(refreshSpacingMs(400, 100, 2), 1000);
    // Renewals 750 ms apart, a 550 ms refresh: waiting one more renewal would end it past
    // 3/4 of the 2 s lifetime, so the next may start at once.
    assert.equal(refreshSpacingMs(550, 1334, 2, 750), 200);
    assert.equal(refreshSpacingMs(900, 1334, 2, 750), 0);
  });

  it('a refresh of a few addresses that took long (a busy event loop) does not delay the next', async () => {
    assert.equal(refreshSpacingMs(60, PACE_FROM_ADDRESSES - 1, 2), 0);
    // One VIP, 60 ms a refresh: 4 × 60 ms would outlast the 150 ms to the next renewal.
    const t = setUp(60, 1, 0);
    await t.renewals(150, 3000);
    assert.equal(t.r.skipped, 0);
    assert.ok(t.r.runs >= 14, `refreshed ${t.r.runs} times in 3 s`);
  });

  it('a node with a few VIPs refreshes on every renewal (the expiry follows each deadline)', async () => {
    const t = setUp(0.05, 20, 0);
    await t.renewals(150, 3000);
    assert.equal(t.r.runs, 20);
    assert.equal(t.r.skipped, 0);
    assert.ok(gaps(t.refreshedAt).every((g) => g <= 151));
  });

  it('a node whose refresh is costly spends at most a quarter of its time on it', async () => {
    // 1000 IPv6 VIPs at 0.2 ms a change: 200 ms a refresh, renewals every 150 ms (no echoes).
    const t = setUp(0.2, 1000, 0);
    await t.renewals(150, 20_000);
    const busy = t.refreshedAt.length * 200;
    assert.ok(t.refreshedAt.length >= 15, `refreshed ${t.refreshedAt.length} times in 20 s`);
    assert.ok(busy / 20_000 <= 0.25, `refreshing ${Math.round((busy / 20_000) * 100)} % of the time`);
    assert.ok(t.r.skipped > 0);
  });

  it('however costly, the next refresh starts within half a lifetime and a renewal', async () => {
    const t = setUp(0.5, 1000, 0);
    await t.renewals(150, 20_000);
    const g = gaps(t.refreshedAt);
    assert.ok(g.length >= 10, `refreshed ${t.refreshedAt.length} times in 20 s`);
    assert.ok(Math.max(...g) <= 1000 + 150, `longest gap ${Math.max(...g)} ms`);
  });

  it('a refresh that fails for many VIPs (the kernel agent fenced) says so in one line', async () => {
    const lines: { fields: Record<string, unknown>; msg: string }[] = [];
    const log = {
      ...silentLogger(),
      warn: (fields: Record<string, unknown>, msg: string) => lines.push({ fields, msg }),
    };
    const spec = (i: number) =>
      parseVipSpec({ name: `v${i}`, address: `2001:db8::${i + 1}/64`, interface: 'e0' });
    const vips: RefreshableVip[] = [...Array(300).keys()].map((i) => ({
      holding: '5',
      kernelBusy: false,
      lockKernel: () => Promise.resolve(() => undefined),
      refreshTarget: () => ({ ifname: 'e0', spec: spec(i), revision: '5' }),
    }));
    const kernel = {
      refreshVips: (entries: readonly HeldAddress[]) =>
        Promise.resolve(entries.map((e) => ({ ...e, message: 'ip -force -batch - exited (SIGKILL)' }))),
    } as unknown as Kernel;
    const r = refresherOver(kernel, vips, log as never);
    await r.afterRenewal();
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.msg, 'address lifetime refresh failed');
    assert.equal(lines[0]!.fields.failed, 300);
    assert.deepEqual((lines[0]!.fields.vips as string[]).slice(0, 2), ['v0', 'v1']);
  });

  it('renewals every 750 ms and a 550 ms refresh: no address goes longer than 3/4 of its lifetime', async () => {
    // 1334 IPv6 VIPs (0.41 ms a change), the slower profiles' renewal every 750 ms, lifetime 2 s.
    const t = setUp(0.41, 1334, 0);
    for (let k = 0; k < 20; k++) {
      t.setNow(k * 750);
      await t.r.afterRenewal();
    }
    const worst = Math.max(...gaps(t.refreshedAt).map((g) => g + 1334 * 0.41));
    assert.ok(
      worst <= 1500,
      `an address went ${Math.round(worst)} ms between two changes (lifetime 2000 ms)`,
    );
    // Here every renewal must refresh: skipping one would leave 750 + 750 + 550 ms.
    assert.equal(t.r.skipped, 0);
  });

  it('says when addresses outlived their lifetime between two refreshes (the kernel dropped them)', async () => {
    const lines: { fields: Record<string, unknown>; msg: string }[] = [];
    let now = 0;
    const spec = (i: number) =>
      parseVipSpec({ name: `v${i}`, address: `2001:db8::${i + 1}/64`, interface: 'e0' });
    const vips: RefreshableVip[] = [...Array(100).keys()].map((i) => ({
      holding: '5',
      kernelBusy: false,
      lockKernel: () => Promise.resolve(() => undefined),
      refreshTarget: () => ({ ifname: 'e0', spec: spec(i), revision: '5' }),
    }));
    // A starved host: each refresh takes `cost` ms of the clock.
    let cost = 300;
    const kernel = {
      refreshVips: () => {
        now += cost;
        return Promise.resolve([]);
      },
    } as unknown as Kernel;
    const r = new LifetimeRefresher({
      kernel,
      clock: { now: () => now },
      lifetimeSec: 2,
      holdMs: 2250,
      log: {
        ...silentLogger(),
        warn: (fields: Record<string, unknown>, msg: string) => lines.push({ fields, msg }),
      } as never,
      vips: () => vips,
    });
    // Renewals every 750 ms, refreshes of 300 ms: every address is changed within 1050 ms.
    for (let k = 0; k < 4; k++) {
      now = k * 750;
      await r.afterRenewal();
    }
    assert.equal(r.late, 0);
    assert.equal(lines.length, 0);
    // Then the next refresh takes 1.5 s: the address refreshed first by the last one (begun at
    // 2250) and last by this one (ended at 4500) went 2.25 s untouched, past its 2 s lifetime.
    cost = 1500;
    now = 3000;
    await r.afterRenewal();
    assert.equal(r.late, 1);
    assert.equal(lines.length, 1);
    assert.match(
      lines[0]!.msg,
      /longer than their kernel lifetime without a refresh: the kernel removed them/,
    );
    assert.equal(lines[0]!.fields.untouchedMs, 2250);
    assert.equal(lines[0]!.fields.lifetimeMs, 2000);
    assert.equal(lines[0]!.fields.addresses, 100);
  });

  it('lets go of the locks once the refresh is queued, not when the kernel is done', async () => {
    // A handover's removal waits for its VIP's lock: behind a whole refresh (~1 s at 2000 IPv6
    // addresses) it would outlive the successor's add by as much.
    let held = 0;
    let heldWhileRefreshing = -1;
    const vips: RefreshableVip[] = [...Array(5).keys()].map((i) => ({
      holding: '5',
      kernelBusy: false,
      lockKernel: () => {
        held++;
        return Promise.resolve(() => held--);
      },
      refreshTarget: () => ({
        ifname: 'e0',
        spec: parseVipSpec({ name: `v${i}`, address: `198.51.100.${i + 1}/24`, interface: 'e0' }),
        revision: '5',
      }),
    }));
    let finish: () => void = () => undefined;
    const kernel = {
      refreshVips: () =>
        new Promise((resolve) => {
          finish = () => resolve([]);
        }),
    } as unknown as Kernel;
    const r = refresherOver(kernel, vips);
    const done = r.afterRenewal();
    await new Promise((resolve) => setImmediate(resolve));
    heldWhileRefreshing = held;
    finish();
    await done;
    assert.equal(heldWhileRefreshing, 0, 'locks still held while the kernel refreshed');
    assert.equal(r.runs, 1);
  });

  it('passes over a VIP whose address is being changed instead of waiting for its lock', async () => {
    // Waiting would hold every lock taken before it meanwhile: the removals of those VIPs (a
    // wave of handovers) would queue behind one slow change.
    const refreshed: string[] = [];
    const vip = (i: number, busy: boolean): RefreshableVip => {
      const spec = parseVipSpec({ name: `v${i}`, address: `198.51.100.${i + 1}/24`, interface: 'e0' });
      return {
        holding: '5',
        kernelBusy: busy,
        // A busy VIP's lock would never come: the refresh must not wait for it.
        lockKernel: () => (busy ? new Promise(() => undefined) : Promise.resolve(() => undefined)),
        refreshTarget: () => ({ ifname: 'e0', spec, revision: '5' }),
      };
    };
    const kernel = {
      refreshVips: (entries: readonly HeldAddress[]) => {
        refreshed.push(...entries.map((e) => e.spec.name));
        return Promise.resolve([]);
      },
    } as unknown as Kernel;
    const r = refresherOver(kernel, [vip(0, false), vip(1, true), vip(2, false)]);
    await r.afterRenewal();
    assert.deepEqual(refreshed, ['v0', 'v2']);
  });

  it('locks only the VIPs that are up here', async () => {
    const t = setUp(0.01, 3, 500);
    await t.r.afterRenewal();
    assert.equal(t.locks(), 3);
  });

  it('leaves the lifetimes to a kernel that keeps them, for the window the renewal allows, and refreshes itself otherwise', async () => {
    let refreshes = 0;
    const windows: number[] = [];
    let able = true;
    const kernel = {
      refreshVips: (entries: readonly unknown[]) => {
        refreshes += entries.length;
        return Promise.resolve([]);
      },
      keepLifetimes: (lifetimeSec: number, forMs: number) => {
        assert.equal(lifetimeSec, 2);
        windows.push(forMs);
        return able;
      },
    } as unknown as Kernel;
    const spec = parseVipSpec({ name: 'v', address: '198.51.100.9/24', interface: 'e0' });
    const r = refresherOver(
      kernel,
      Array.from({ length: 3 }, () => ({
        holding: '5',
        kernelBusy: false,
        lockKernel: () => Promise.resolve(() => undefined),
        refreshTarget: () => ({ ifname: 'e0', spec, revision: '5' }),
      })),
    );
    // The clock stands at 0: a keepalive sent 50 ms ago leaves T − m − 50 = 2200 ms.
    await r.afterRenewal(-50);
    assert.deepEqual([windows, refreshes], [[2200], 0], 'the kernel keeps them: no refresh round');
    await r.afterRenewal(-2300);
    assert.equal(windows[1], KEEP_AT_LEAST_MS, 'a renewal answered late still allows a short window');
    able = false; // an older kernel agent
    await r.afterRenewal(-50);
    assert.equal(refreshes, 3, 'refreshed here when the kernel cannot keep them');
  });

  it("keepWindowMs: until the renewal's hold deadline, keepalive + T − m", () => {
    assert.equal(keepWindowMs(1000, 1000, 2250), 2250);
    assert.equal(keepWindowMs(1600, 1000, 2250), 1650);
    assert.equal(keepWindowMs(3300, 1000, 2250), KEEP_AT_LEAST_MS);
  });
});
