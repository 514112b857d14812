import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  backendLoss,
  firstAnswerAfter,
  outageAfter,
  outageDoubts,
  parseHey,
  throughputRatio,
  type TimedRequest,
} from './service-figures';

/** A request every `every` ms from `from` to before `to`; `fails(start)` ones time out after 300 ms. */
function probes(from: number, to: number, every: number, fails: (start: number) => boolean): TimedRequest[] {
  const out: TimedRequest[] = [];
  for (let s = from; s < to; s += every) out.push(fails(s) ? [s, s + 300, '!timeout'] : [s, s + 2, 'b1']);
  return out;
}

const strict = { mustFail: true, maxResolutionMs: 50 };

describe('outageAfter', () => {
  it('measures from the fault to the first answer after the last failure', () => {
    const t = probes(0, 2000, 10, (s) => s >= 500 && s < 1200);
    const o = outageAfter(t, 495);
    assert.equal(o.failed, 70);
    assert.equal(o.outageMs, 700); // failing from 500, answered again from 1200 on
    assert.equal(o.settledMs, 705); // from the fault at 495
    assert.equal(o.resolutionMs, 10);
    assert.equal(o.answeredBefore, 50);
    assert.deepEqual(outageDoubts(o, strict), []);
  });

  it('is 0 with no failed request, and a link cut without one is doubted', () => {
    const o = outageAfter(
      probes(0, 1000, 10, () => false),
      505,
    );
    assert.equal(o.failed, 0);
    assert.equal(o.outageMs, 0);
    assert.equal(o.settledMs, 0);
    assert.equal(o.resolutionMs, 10); // 500, then 510
    assert.equal(outageDoubts(o, { ...strict, mustFail: false }).length, 0);
    assert.match(outageDoubts(o, strict).join(), /no failed request/);
  });

  it('does not turn one failure into a fixed timeout (the old figure: last − first + 300)', () => {
    const t = probes(0, 1000, 10, (s) => s === 500);
    const o = outageAfter(t, 498);
    assert.equal(o.failed, 1);
    assert.equal(o.settledMs, 12); // the request started at 510 was answered
    assert.equal(o.outageMs, 10);
  });

  it('counts a request in flight at the fault, ignores failures that ended before it', () => {
    const t: TimedRequest[] = [
      [0, 300, '!timeout'], // over before the fault: not its doing
      [350, 352, 'b1'],
      [390, 690, '!timeout'], // started before the fault, failed through it
      [400, 402, 'b2'], // fault at 401: this one got through before it bit
      [410, 710, '!timeout'],
      [420, 422, 'b3'],
    ];
    const o = outageAfter(t, 401);
    assert.equal(o.failed, 2);
    assert.equal(o.settledMs, 19);
    assert.equal(o.outageMs, 10); // 390 failed, 400 answered, 410 failed, 420 answered
    assert.equal(o.answeredBefore, 2);
  });

  it('tells one failure at the handover apart from an outage', () => {
    // Answered through the killed director's last rules until the client's ARP entry flips at
    // ~760 ms; the one connection caught in the flip fails.
    const o = outageAfter(
      probes(0, 3000, 10, (s) => s === 1260),
      500,
    );
    assert.equal(o.failed, 1);
    assert.equal(o.outageMs, 10);
    assert.equal(o.settledMs, 770);
  });

  it('takes the longest of several runs of failures', () => {
    const t = probes(0, 3000, 10, (s) => (s >= 600 && s < 700) || (s >= 1000 && s < 1400));
    const o = outageAfter(t, 590);
    assert.equal(o.failed, 50);
    assert.equal(o.outageMs, 400);
    assert.equal(o.settledMs, 810);
  });

  it('takes requests in order of start whatever order they come in', () => {
    const t = probes(0, 2000, 10, (s) => s >= 500 && s < 800).reverse();
    assert.equal(outageAfter(t, 500).settledMs, 300);
    assert.equal(outageAfter(t, 500).outageMs, 300);
  });

  it('says when the load ended still failing', () => {
    const o = outageAfter(
      probes(0, 1000, 10, (s) => s >= 600),
      600,
    );
    assert.equal(o.settledMs, undefined);
    assert.equal(o.outageMs, undefined);
    assert.match(outageDoubts(o, strict).join(), /still failed/);
  });

  it('reports coarse probing (one request at a time, each waiting out its timeout) as a doubt', () => {
    const t: TimedRequest[] = [
      [0, 2, 'b1'],
      [10, 310, '!timeout'],
      [310, 610, '!timeout'],
      [610, 612, 'b1'],
    ];
    const o = outageAfter(t, 5);
    assert.equal(o.settledMs, 605);
    assert.equal(o.outageMs, 600);
    assert.equal(o.resolutionMs, 300);
    assert.match(outageDoubts(o, strict).join(), /300 ms apart/);
  });

  it('doubts a load that had not started answering before the fault', () => {
    const o = outageAfter(
      probes(1000, 2000, 10, () => false),
      500,
    );
    assert.match(outageDoubts(o, { ...strict, mustFail: false }).join(), /did not cover/);
  });
});

describe('backendLoss and firstAnswerAfter', () => {
  const t: TimedRequest[] = [
    [0, 1, 'b2'],
    [100, 101, '!ECONNREFUSED'],
    [200, 201, 'b1'],
    [900, 901, '!ECONNREFUSED'],
    [1000, 1001, 'b3'],
    [3000, 3001, 'b2'],
    [3100, 3101, 'b2'],
  ];
  it('measures the last failed new connection from the kill', () => {
    assert.deepEqual(backendLoss(t, 50), { failed: 2, lastFailMs: 850 });
    assert.deepEqual(backendLoss(t, 950), { failed: 0, lastFailMs: undefined });
  });
  it('finds the first answer from a backend after a moment', () => {
    assert.equal(firstAnswerAfter(t, 'b2', 2500), 500);
    assert.equal(firstAnswerAfter(t, 'b2', 3200), undefined);
    assert.equal(firstAnswerAfter(t, 'b9', 0), undefined);
  });
});

describe('throughputRatio', () => {
  it('takes the ratio within each back-to-back pair, then the median', () => {
    const th = throughputRatio([
      { direct: { rps: 1000, p99: 10, failed: 0 }, nat: { rps: 900, p99: 12, failed: 0 } },
      // the machine got busy for this pair: both slow, the ratio still ~0.9
      { direct: { rps: 300, p99: 40, failed: 0 }, nat: { rps: 270, p99: 44, failed: 1 } },
      { direct: { rps: 1100, p99: 9, failed: 0 }, nat: { rps: 1045, p99: 9, failed: 0 } },
    ]);
    assert.equal(th.rpsRatio, 0.9);
    assert.deepEqual(th.rpsRatioRange, [0.9, 0.95]);
    assert.equal(th.p99Ratio, 1.1); // 1.2, 1.1, 1.0
    assert.deepEqual(th.direct, { rps: 1000, p99: 10 });
    assert.deepEqual(th.nat, { rps: 900, p99: 12 });
    assert.equal(th.failed, 1);
  });
  it('does not compare medians taken from different moments', () => {
    // Medians of each side alone would give 1000 / 500 = 200 %; every pair says 50 %.
    const th = throughputRatio([
      { direct: { rps: 2000, p99: 1, failed: 0 }, nat: { rps: 1000, p99: 1, failed: 0 } },
      { direct: { rps: 200, p99: 1, failed: 0 }, nat: { rps: 100, p99: 1, failed: 0 } },
      { direct: { rps: 500, p99: 1, failed: 0 }, nat: { rps: 250, p99: 1, failed: 0 } },
    ]);
    assert.equal(th.rpsRatio, 0.5);
  });
  it('refuses no pairs', () => {
    assert.throws(() => throughputRatio([]), /no pairs/);
  });
});

// hey 0.1.4's summaries as Debian's hey printed them (2026-12-07), cut to the parts read.
const HEY_OK = `
Summary:
  Total:\t0.0401 secs
  Requests/sec:\t4987.2102

Latency distribution:
  95% in 0.0023 secs
  99% in 0.0192 secs

Status code distribution:
  [200]\t190 responses
  [503]\t5 responses

Error distribution:
  [5]\tGet "http://198.51.100.10:81/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)
`;
const HEY_NONE = `
Summary:
  Requests/sec:\t22725.9298

Latency distribution:

Status code distribution:

Error distribution:
  [20]\tGet "http://127.0.0.1:8081/": dial tcp 127.0.0.1:8081: connect: connection refused
`;

describe('parseHey', () => {
  it('counts only 2xx answers towards the rate, and non-2xx statuses and errors as failed', () => {
    const r = parseHey(HEY_OK);
    assert.equal(r.answered, 190);
    assert.equal(r.failed, 10);
    assert.ok(Math.abs(r.rps - (4987.2102 * 190) / 200) < 1e-6);
    assert.ok(Math.abs(r.p99 - 19.2) < 1e-9);
  });
  it('refuses a run in which nothing was answered, saying why', () => {
    assert.throws(() => parseHey(HEY_NONE), /no request answered \(20 failed: Get .*connection refused\)/);
  });
  it('refuses output without a summary', () => {
    assert.throws(() => parseHey('hey: unknown flag -q\n'), /hey printed no summary: hey: unknown flag -q/);
  });
});
