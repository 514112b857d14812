import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import { CheckRunner } from './runner';
import { close, listen, recordResults, spec, waitUntil } from './testing/helpers';

describe('CheckRunner with an http check', () => {
  it('is up on 200, down after `fall` answers of 503, and does not follow redirects', async () => {
    let status = 200;
    const paths: string[] = [];
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      paths.push(req.url ?? '');
      res.writeHead(status, status === 302 ? { location: '/elsewhere' } : {}).end('some body');
    });
    const port = await listen(server);
    const runner = new CheckRunner(
      [
        spec({
          type: 'http',
          name: 'web',
          url: `http://127.0.0.1:${port}/healthz`,
          intervalMs: 50,
          rise: 2,
          fall: 2,
        }),
      ],
      { maxJitterMs: 0 },
    );
    const seen = recordResults(runner);
    runner.start();
    try {
      await waitUntil(() => runner.state('web') === 'up', 2000, 'web up');
      assert.equal(runner.results('web')?.status, 200);

      status = 503;
      const from = seen.length;
      await waitUntil(() => runner.state('web') === 'down', 2000, 'web down');
      const failures = seen.slice(from).filter((r) => !r.ok);
      assert.deepEqual(
        failures.map((r) => r.state),
        ['up', 'down'],
      );
      assert.equal(failures[0]?.message, 'HTTP 503, expected 200');
      assert.equal(failures[0]?.status, 503);

      status = 302;
      const before = seen.length;
      await waitUntil(() => seen.length >= before + 2, 2000, 'two more results');
      assert.equal(seen.at(-1)?.message, 'HTTP 302, expected 200');
      assert.equal(runner.state('web'), 'down');
      assert.ok(!paths.includes('/elsewhere'), 'the redirect was not followed');
    } finally {
      await runner.stop();
      await close(server);
    }
  });

  it('is up when the status equals expectStatus', async () => {
    const server = createServer((_req, res) => res.writeHead(503).end());
    const port = await listen(server);
    const runner = new CheckRunner(
      [
        spec({
          type: 'http',
          name: 'maint',
          url: `http://127.0.0.1:${port}/`,
          expectStatus: 503,
          intervalMs: 50,
          rise: 1,
        }),
      ],
      { maxJitterMs: 0 },
    );
    runner.start();
    try {
      await waitUntil(() => runner.state('maint') === 'up', 2000, 'maint up');
      assert.equal(runner.results('maint')?.message, 'HTTP 503');
    } finally {
      await runner.stop();
      await close(server);
    }
  });

  it('with expectBody, is up only while the body contains it', async () => {
    let body = 'status: ok, all good';
    const server = createServer((_req, res) => res.writeHead(200).end(body));
    const port = await listen(server);
    const runner = new CheckRunner(
      [
        spec({
          type: 'http',
          name: 'body',
          url: `http://127.0.0.1:${port}/`,
          expectBody: 'ok',
          intervalMs: 50,
          rise: 1,
          fall: 1,
        }),
      ],
      { maxJitterMs: 0 },
    );
    runner.start();
    try {
      // Judged by the message, not the state alone: on a loaded machine a probe can also time
      // out (50 ms here), which is a down state with another reason.
      const says = (message: string) => () =>
        runner.results('body')?.message === message &&
        runner.state('body') === (/matched/.test(message) ? 'up' : 'down');
      await waitUntil(says('HTTP 200, body matched'), 5000, 'body up');
      body = 'status: failing';
      await waitUntil(says('HTTP 200, body does not contain "ok"'), 5000, 'body down');
    } finally {
      await runner.stop();
      await close(server);
    }
  });

  it('fails at timeoutMs when the server never answers', async () => {
    let requests = 0;
    const server = createServer(() => {
      requests += 1; // never answers
    });
    const port = await listen(server);
    const runner = new CheckRunner(
      [
        spec({
          type: 'http',
          name: 'hung',
          url: `http://127.0.0.1:${port}/`,
          intervalMs: 200,
          timeoutMs: 100,
          fall: 1,
        }),
      ],
      { maxJitterMs: 0 },
    );
    const seen = recordResults(runner);
    const startedAt = performance.now();
    runner.start();
    try {
      await waitUntil(() => seen.length >= 1, 2000, 'a result');
      const result = seen[0];
      assert.equal(result?.ok, false);
      assert.equal(result?.timedOut, true);
      assert.equal(result?.state, 'down');
      assert.match(result?.message ?? '', /no response from http:\/\/127\.0\.0\.1:\d+\/ within 100 ms/);
      assert.ok((result?.ms ?? 0) >= 95 && (result?.ms ?? 0) < 400, `took ${result?.ms} ms`);
      assert.ok(performance.now() - startedAt < 600);
      assert.equal(requests, 1);
    } finally {
      await runner.stop();
      await close(server);
    }
  });
});
