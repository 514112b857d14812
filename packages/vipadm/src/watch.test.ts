/** `vipadm watch` as a child process against FakeCoordinator's event stream. */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { FakeCoordinator } from './testing/fake-coordinator';
import { finish, start } from './testing/run-vipadm';

let fake: FakeCoordinator;
before(async () => {
  fake = await new FakeCoordinator().start();
});
after(() => fake.stop());

/** Collects a child's stdout and resolves once it holds `count` lines. */
function lines(child: ChildProcess) {
  let text = '';
  const waiters: (() => void)[] = [];
  child.stdout!.on('data', (d: Buffer) => {
    text += d.toString();
    waiters.splice(0).forEach((w) => w());
  });
  const until = async (count: number): Promise<string[]> => {
    while (text.split('\n').length - 1 < count) await new Promise<void>((r) => waiters.push(r));
    return text.split('\n').slice(0, count);
  };
  return { until };
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check(), 'timed out waiting');
}

const event = (type: string, vip: string, node: string) => ({
  time: '2025-11-22T22:50:01.123Z',
  type,
  vip,
  node,
  fencing_revision: type === 'acquired' ? '57' : '',
  detail: '',
  service: '',
  backend: '',
  revision: '',
});

describe('vipadm watch', () => {
  for (const [signal, output] of [
    ['SIGINT', 'table'],
    ['SIGTERM', 'json'],
  ] as const) {
    it(`prints each event as it arrives (-o ${output}) and exits 0 on ${signal}`, async () => {
      const child = start(['--server', fake.address, '-o', output, 'watch']);
      const done = finish(child);
      const out = lines(child);
      await waitFor(() => fake.watchers === 1);
      fake.events.emit('event', event('acquired', 'web', 'n1'));
      const [first] = await out.until(1);
      fake.events.emit('event', event('node_left', '', 'n2'));
      const [, second] = await out.until(2);
      if (output === 'table') {
        assert.equal(first, '2025-11-22T22:50:01.123Z  acquired        vip=web node=n1 fencing=57');
        assert.equal(second, '2025-11-22T22:50:01.123Z  node_left       node=n2');
      } else {
        assert.deepEqual(JSON.parse(first!), event('acquired', 'web', 'n1'));
        assert.equal(JSON.parse(second!).type, 'node_left');
      }
      child.kill(signal);
      const r = await done;
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      await waitFor(() => fake.watchers === 0);
    });
  }

  it('--vip filters events', async () => {
    const child = start(['--server', fake.address, 'watch', '--vip', 'db']);
    const done = finish(child);
    const out = lines(child);
    await waitFor(() => fake.watchers === 1);
    fake.events.emit('event', event('acquired', 'web', 'n1'));
    fake.events.emit('event', event('released', 'db', 'n2'));
    assert.match((await out.until(1))[0]!, /released +vip=db node=n2$/);
    child.kill('SIGINT');
    assert.equal((await done).code, 0);
  });
});

describe('vipadm watch when the coordinator goes away', () => {
  it('says so on stderr, reconnects once it is back and goes on printing; SIGINT exits 0', async () => {
    const first = await new FakeCoordinator().start();
    const child = start(['--server', first.address, 'watch']);
    const done = finish(child);
    const out = lines(child);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitFor(() => first.watchers === 1);
    first.stop();
    await waitFor(() => /reconnecting/.test(stderr));
    assert.match(stderr, /^vipadm: the coordinator at 127\.0\.0\.1:\d+ ended the event stream; reconnecting/);
    const second = await new FakeCoordinator().start(first.port);
    try {
      await waitFor(() => second.watchers === 1);
      second.events.emit('event', event('acquired', 'web', 'n2'));
      assert.match((await out.until(1))[0]!, /acquired +vip=web node=n2/);
      // This coordinator does not say where its stream starts: vipadm says what that means.
      assert.match(stderr, /reconnected to the coordinator at 127\.0\.0\.1:\d+/);
      assert.match(stderr, /events in between may be missing/);
      child.kill('SIGINT');
      assert.equal((await done).code, 0);
    } finally {
      second.stop();
    }
  });

  it('exits 1 with one line when the first connection fails', async () => {
    const gone = await new FakeCoordinator().start();
    gone.stop();
    const r = await finish(start(['--server', gone.address, 'watch']));
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^vipadm: cannot reach the coordinator at 127\.0\.0\.1:\d+ \(.*\)\n$/);
  });
});
