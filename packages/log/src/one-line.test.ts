import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorLine, firstLine, oneLine } from './one-line';

test('errorLine: the first line of the message, else the code or name; lists an AggregateError', () => {
  assert.equal(errorLine(new Error('cannot read x: ENOENT\n    at stack')), 'cannot read x: ENOENT');
  assert.equal(errorLine(new Error('  padded  \nmore')), 'padded');
  assert.equal(errorLine(Object.assign(new Error(''), { code: 'ECONNREFUSED' })), 'ECONNREFUSED');
  assert.equal(errorLine(new RangeError('')), 'RangeError');
  const connect = new AggregateError([
    Object.assign(new Error('connect ECONNREFUSED ::1:80'), { code: 'ECONNREFUSED' }),
    Object.assign(new Error(''), { code: 'ECONNREFUSED' }),
  ]);
  assert.equal(errorLine(connect), 'connect ECONNREFUSED ::1:80, ECONNREFUSED');
  assert.equal(errorLine(new AggregateError([new Error('a')], 'all failed')), 'all failed');
});

test('errorLine: a gRPC status object gives its details; anything else its string', () => {
  assert.equal(
    errorLine({ code: 14, details: 'No connection established', metadata: {} }),
    'No connection established',
  );
  assert.equal(errorLine('plain'), 'plain');
  assert.equal(errorLine(42), '42');
  assert.equal(errorLine(undefined), 'undefined');
});

test('firstLine: the first line that is not blank, trimmed', () => {
  assert.equal(
    firstLine('\n  \n  Error: RTNETLINK answers: File exists  \nnext'),
    'Error: RTNETLINK answers: File exists',
  );
  assert.equal(firstLine(' \n\t\n'), '');
  assert.equal(firstLine(''), '');
});

test('oneLine: line breaks and the blanks around them become one space', () => {
  assert.equal(oneLine('  first\n   second  \n\nthird '), 'first second third');
  assert.equal(oneLine('a  b'), 'a  b');
});
