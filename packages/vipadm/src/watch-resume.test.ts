/** ResumePoint: a resumed stream drops exactly what was already seen, whatever the revision layout. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResumePoint } from './watch';

const ev = (revision: string) => ({ revision });

describe('ResumePoint', () => {
  it('a fresh stream resumes at its start revision and drops nothing', () => {
    const p = new ResumePoint();
    assert.deepEqual(p.resumeRequest(), { start_revision: '' });
    p.started('42');
    assert.deepEqual(p.resumeRequest(), { start_revision: '42' });
    assert.equal(p.accept(ev('42')), true);
  });

  it('resumes at the last revision and drops the events of it already seen, in order', () => {
    const p = new ResumePoint();
    p.started('10');
    // Revision 12 carries three events; the stream broke after the second.
    assert.deepEqual(
      [ev('10'), ev('12'), ev('12')].map((e) => p.accept(e)),
      [true, true, true],
    );
    assert.deepEqual(p.resumeRequest(), { start_revision: '12' });
    p.started('12'); // a resumed stream's header changes nothing
    // The new stream replays all of revision 12, then goes on.
    assert.deepEqual(
      [ev('12'), ev('12'), ev('12'), ev('13')].map((e) => p.accept(e)),
      [false, false, true, true],
    );
    // A second loss right away, after 13.
    assert.deepEqual(p.resumeRequest(), { start_revision: '13' });
    assert.deepEqual(
      [ev('13'), ev('14')].map((e) => p.accept(e)),
      [false, true],
    );
  });

  it('events without a revision (an older coordinator) are always new', () => {
    const p = new ResumePoint();
    p.started(undefined);
    assert.equal(p.accept(ev('')), true);
    assert.equal(p.accept(ev('')), true);
    assert.deepEqual(p.resumeRequest(), { start_revision: '' });
  });
});
