import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PARTS, parseServicesArgs } from './services-args';

describe('parseServicesArgs', () => {
  it('has defaults and reads every flag', () => {
    assert.deepEqual(parseServicesArgs([]), {
      parts: [...PARTS],
      trials: 5,
      pairs: 5,
      quick: false,
      outDir: undefined,
      help: false,
    });
    assert.deepEqual(
      parseServicesArgs([
        '--trials',
        '2',
        '--pairs=3',
        '--quick',
        '--out',
        '/tmp/x',
        '--parts',
        'linkcut,update',
      ]),
      {
        parts: ['linkcut', 'update'],
        trials: 2,
        pairs: 3,
        quick: true,
        outDir: '/tmp/x',
        help: false,
      },
    );
  });
  it('refuses bad input with one line', () => {
    assert.throws(
      () => parseServicesArgs(['--trials', '0']),
      /--trials must be a whole number from 1 to 100/,
    );
    assert.throws(() => parseServicesArgs(['--bogus']), /unknown argument "--bogus"/);
    assert.throws(() => parseServicesArgs(['--parts', 'sigkil']), /--parts: unknown "sigkil"/);
  });
});
