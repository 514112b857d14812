/**
 * createLogger's JSON lines, as a real process writes them to stderr: pino's numeric level by
 * default (scripts read it), the level's name with levelNames.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const INDEX = join(__dirname, 'index.js');

/** The JSON lines a child process logs with these options. */
function linesOf(options: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const script = `
    const log = require(${JSON.stringify(INDEX)}).createLogger(${JSON.stringify(options)});
    log.info({ a: 1 }, 'hello');
    log.child({ component: 'x' }).warn({}, 'careful');
    log.error({ token: 'secret' }, 'bad');`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script], (err, _stdout, stderr) => {
      if (err) reject(err);
      else
        resolve(
          stderr
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as Record<string, unknown>),
        );
    });
  });
}

describe('log level in JSON lines', () => {
  it("is pino's number by default", async () => {
    const lines = await linesOf({ format: 'json' });
    assert.deepEqual(
      lines.map((l) => [l.level, l.msg]),
      [
        [30, 'hello'],
        [40, 'careful'],
        [50, 'bad'],
      ],
    );
  });

  it('is the name with levelNames, every other field as before', async () => {
    const lines = await linesOf({ format: 'json', levelNames: true, base: { node: 'n1' } });
    assert.deepEqual(
      lines.map((l) => [l.level, l.msg]),
      [
        ['info', 'hello'],
        ['warn', 'careful'],
        ['error', 'bad'],
      ],
    );
    assert.equal(lines[0]?.node, 'n1');
    assert.equal(lines[0]?.a, 1);
    assert.equal(lines[1]?.component, 'x');
    assert.equal(lines[2]?.token, '[redacted]');
    assert.match(String(lines[0]?.time), /^\d{4}-\d\d-\d\dT/);
  });
});
