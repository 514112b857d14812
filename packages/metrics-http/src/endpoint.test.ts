import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { silentLogger } from '@vipd/log';
import { MetricsEndpoint, MetricsListenError, splitHostPort } from './index';

const TEXT = 'text/plain; version=0.0.4; charset=utf-8';

async function withEndpoint(
  render: () => Promise<{ contentType: string; body: string }>,
  fn: (url: string) => Promise<void>,
  timeoutMs?: number,
): Promise<void> {
  const e = await MetricsEndpoint.start({ listen: '127.0.0.1:0', render, log: silentLogger(), timeoutMs });
  try {
    await fn(`http://127.0.0.1:${e.port}`);
  } finally {
    await e.close();
  }
}

describe('metrics endpoint', () => {
  it('serves render() at GET /metrics, 404 elsewhere, 405 for other methods', async () => {
    await withEndpoint(
      async () => ({ contentType: TEXT, body: 'up 1\n' }),
      async (url) => {
        const ok = await fetch(`${url}/metrics?x=1`);
        assert.equal(ok.status, 200);
        assert.equal(ok.headers.get('content-type'), TEXT);
        assert.equal(await ok.text(), 'up 1\n');
        const head = await fetch(`${url}/metrics`, { method: 'HEAD' });
        assert.equal(head.status, 200);
        assert.equal((await fetch(`${url}/`)).status, 404);
        assert.equal((await fetch(`${url}/metricsx`)).status, 404);
        const post = await fetch(`${url}/metrics`, { method: 'POST', body: 'x' });
        assert.equal(post.status, 405);
        assert.equal(post.headers.get('allow'), 'GET, HEAD');
      },
    );
  });

  it('answers 503 when render is slower than the timeout, 500 when it throws', async () => {
    let mode: 'slow' | 'throw' = 'slow';
    await withEndpoint(
      () => {
        if (mode === 'throw') throw new Error('boom');
        return new Promise((r) => setTimeout(() => r({ contentType: TEXT, body: '' }), 1000).unref());
      },
      async (url) => {
        const t0 = performance.now();
        const res = await fetch(`${url}/metrics`);
        assert.equal(res.status, 503);
        assert.ok(performance.now() - t0 < 900, 'answered at the timeout, not when render ended');
        mode = 'throw';
        await new Promise((r) => setTimeout(r, 1000)); // the slow render ends
        assert.equal((await fetch(`${url}/metrics`)).status, 500);
      },
      200,
    );
  });

  it('concurrent scrapes share one render', async () => {
    let renders = 0;
    await withEndpoint(
      async () => {
        renders++;
        await new Promise((r) => setTimeout(r, 50));
        return { contentType: TEXT, body: `n ${renders}\n` };
      },
      async (url) => {
        const bodies = await Promise.all(
          [1, 2, 3, 4].map(async () => (await fetch(`${url}/metrics`)).text()),
        );
        assert.equal(renders, 1);
        assert.deepEqual(bodies, ['n 1\n', 'n 1\n', 'n 1\n', 'n 1\n']);
      },
    );
  });

  it('a port in use is a one-line MetricsListenError naming metrics.listen', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    try {
      await assert.rejects(
        MetricsEndpoint.start({
          listen: `127.0.0.1:${port}`,
          render: async () => ({ contentType: TEXT, body: '' }),
          log: silentLogger(),
        }),
        (err: Error) =>
          err instanceof MetricsListenError &&
          err.message === `metrics.listen 127.0.0.1:${port}: cannot listen (EADDRINUSE)`,
      );
    } finally {
      taken.close();
    }
  });

  it('splits HOST:PORT and [v6]:PORT', () => {
    assert.deepEqual(splitHostPort('0.0.0.0:9464'), { host: '0.0.0.0', port: 9464 });
    assert.deepEqual(splitHostPort('[::1]:9464'), { host: '::1', port: 9464 });
    assert.deepEqual(splitHostPort('localhost:1'), { host: 'localhost', port: 1 });
  });
});
