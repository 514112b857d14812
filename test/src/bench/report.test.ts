import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BenchRun, TrialResult } from './model';
import {
  escapeXml,
  formatMs,
  niceCeil,
  renderMarkdown,
  renderSvg,
  summarizeCell,
  summarizeRun,
} from './report';

function trial(over: Partial<TrialResult> & Pick<TrialResult, 'system' | 'fault'>): TrialResult {
  return { trial: 1, ok: true, outageMs: 100, overlapMs: 0, ...over };
}

function fixture(): BenchRun {
  return {
    startedAt: '2026-11-23T00:20:00.000Z',
    command: 'npm run bench:failover -- --trials 2',
    machine: {
      hostname: 'lab-host',
      cpuModel: 'Test CPU <x>',
      cpus: 4,
      kernel: '6.1.0',
      node: 'v20.0.0',
      keepalived: 'Keepalived v2.2.7',
      commit: 'abc1234',
    },
    trialsPerCell: 2,
    pingIntervalMs: 10,
    staleBoundMs: 10_000,
    vip: '198.51.100.100/24',
    virtualRouterId: 42,
    systems: ['vipd-default', 'keepalived-1'],
    faults: ['link-cut', 'sigkill'],
    trials: [
      trial({ system: 'vipd-default', fault: 'link-cut', outageMs: 850 }),
      trial({ system: 'vipd-default', fault: 'link-cut', trial: 2, outageMs: 910 }),
      trial({ system: 'vipd-default', fault: 'sigkill', outageMs: 800, staleMs: 4 }),
      trial({ system: 'vipd-default', fault: 'sigkill', trial: 2, outageMs: 820, staleMs: 8 }),
      trial({ system: 'keepalived-1', fault: 'link-cut', outageMs: 3300 }),
      trial({ system: 'keepalived-1', fault: 'link-cut', trial: 2, ok: false, error: 'n2 never took it' }),
      trial({
        system: 'keepalived-1',
        fault: 'sigkill',
        outageMs: 3500,
        staleMs: 10_000,
        staleKept: true,
        overlapMs: 6400,
        overlapAtLeast: true,
      }),
    ],
  };
}

describe('bench report', () => {
  it('formats durations', () => {
    assert.equal(formatMs(undefined), 'n/a');
    assert.equal(formatMs(0), '0 ms');
    assert.equal(formatMs(849.6), '850 ms');
    assert.equal(formatMs(3412), '3.41 s');
    assert.equal(formatMs(10_000), '10.0 s');
  });

  it('summarizes a cell, leaving failed trials out of the figures', () => {
    const run = fixture();
    const c = summarizeCell('keepalived-1', 'link-cut', run.trials);
    assert.equal(c.trials, 2);
    assert.equal(c.failed, 1);
    assert.deepEqual(c.outage, { n: 1, median: 3300, p95: 3300, max: 3300 });
    assert.equal(c.stale, undefined);
    const k = summarizeCell('keepalived-1', 'sigkill', run.trials);
    assert.deepEqual(k.stale, { maxMs: 10_000, medianMs: 10_000, kept: 1 });
    assert.equal(k.maxOverlapMs, 6400);
    assert.equal(k.overlapAtLeast, true);
    const v = summarizeCell('vipd-default', 'sigkill', run.trials);
    assert.deepEqual(v.stale, { maxMs: 8, medianMs: 6, kept: 0 });
    assert.deepEqual(v.outage, { n: 2, median: 810, p95: 820, max: 820 });
  });

  it('summarizes the run in system-major order, only the chosen systems and faults', () => {
    const cells = summarizeRun(fixture());
    assert.deepEqual(
      cells.map((c) => `${c.system}/${c.fault}`),
      ['vipd-default/link-cut', 'vipd-default/sigkill', 'keepalived-1/link-cut', 'keepalived-1/sigkill'],
    );
  });

  it('renders the Markdown table with stale and lower-bound markers and the failed trials', () => {
    const md = renderMarkdown(fixture());
    assert.match(md, /\| system \| fault \| trials ok \| outage median \| outage p95 \| outage max \|/);
    assert.match(
      md,
      /\| vipd \(default profile\) \| holder's link cut \| 2\/2 \| 880 ms \| 910 ms \| 910 ms \| 0 ms \| — \|/,
    );
    assert.match(
      md,
      /\| keepalived advert_int 1 \| holder daemon killed \(SIGKILL\) \| 1\/1 \| 3\.50 s .*\| ≥ 6\.40 s \| ≥ 10\.0 s \(kept, 1\/1\) \|/,
    );
    assert.match(
      md,
      /\| vipd \(default profile\) \| holder daemon killed \(SIGKILL\) .*\| 6 ms median, 8 ms max \|/,
    );
    assert.match(md, /keepalived advert_int 1, holder's link cut, trial 2: n2 never took it/);
    assert.match(md, /Command: `npm run bench:failover -- --trials 2`/);
    assert.equal(md.split('\n').filter((l) => l.startsWith('| ')).length, 5, 'header + 4 rows');
  });

  it('renders a well-formed SVG with one bar per measured cell and escaped text', () => {
    const svg = renderSvg(fixture());
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
    assert.ok(svg.trimEnd().endsWith('</svg>'));
    assert.equal((svg.match(/<title>/g) ?? []).length, 4, 'four cells with figures, four bars');
    assert.ok(!svg.includes('<x>'), 'text is escaped');
    assert.ok(svg.includes('holder&apos;s link cut'));
    assert.ok(!/NaN|undefined/.test(svg));
    assert.equal((svg.match(/>VIP kept</g) ?? []).length, 1, 'the SIGKILL cell that kept its VIP is marked');
    // Every opened element is closed or self-closing.
    const opens = (svg.match(/<(rect|text|line|title|svg)\b(?:[^>]*[^/])?>/g) ?? []).length;
    const closes = (svg.match(/<\/(rect|text|line|title|svg)>/g) ?? []).length;
    assert.equal(opens, closes);
  });

  it('draws n/a for a cell without figures and copes with an empty run', () => {
    const run = { ...fixture(), trials: [] };
    const svg = renderSvg(run);
    assert.equal((svg.match(/>n\/a</g) ?? []).length, 4);
    assert.match(renderMarkdown(run), /\| 0\/0 \| n\/a \| n\/a \| n\/a \| n\/a \|/);
  });

  it('niceCeil and escapeXml', () => {
    assert.equal(niceCeil(3412), 5000);
    assert.equal(niceCeil(1000), 1000);
    assert.equal(niceCeil(1800), 2000);
    assert.equal(niceCeil(2300), 2500);
    assert.equal(niceCeil(0), 1);
    assert.equal(escapeXml(`<a & "b">`), '&lt;a &amp; &quot;b&quot;&gt;');
  });
});
