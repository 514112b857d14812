import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { flowDepth, MAX_FLOW_DEPTH, parseYamlText } from './yaml-text';

describe('YAML text', () => {
  it('counts flow nesting outside quotes and comments', () => {
    assert.equal(flowDepth('a: 1\nb: [1, {c: [2]}]\n'), 3);
    assert.equal(
      flowDepth('a: "[[[[[["\nb: \'{{{{\'\n# [[[[[[\nc: x#[[ \n'),
      2,
      'only the plain scalar x#[[ counts',
    );
    assert.equal(flowDepth('a: "\\"[[["\n'), 0, 'an escaped quote does not end the string');
    assert.equal(flowDepth(']]]]'), 0);
  });

  it('parses ordinary YAML, and refuses deep nesting with one line before parsing', () => {
    assert.deepEqual(parseYamlText('a: [1, {b: 2}]\n'), { a: [1, { b: 2 }] });
    const ok = `${'['.repeat(MAX_FLOW_DEPTH)}${']'.repeat(MAX_FLOW_DEPTH)}`;
    assert.doesNotThrow(() => parseYamlText(ok));
    assert.throws(
      () => parseYamlText('['.repeat(50_000) + ']'.repeat(50_000)),
      /^Error: brackets nested 50000 deep \(at most 64\)$/,
    );
  });

  it('a process that is given deeply nested files again and again keeps running (it used to abort)', () => {
    // Without the bound the second or third such parse aborted node ("RegExpCompiler Allocation
    // failed - process out of memory"), so this runs in a child of its own.
    const script = `
      const { parseYamlText } = require(${JSON.stringify(join(__dirname, 'yaml-text.js'))});
      const deep = '['.repeat(50000) + ']'.repeat(50000);
      let refused = 0;
      for (let i = 0; i < 5; i++) { try { parseYamlText(deep); } catch { refused++; } }
      const doc = parseYamlText('a: 1');
      process.stdout.write(JSON.stringify({ refused, doc }));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr.split('\n').find((l) => /FATAL|Error/.test(l)) ?? r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { refused: 5, doc: { a: 1 } });
  });
});
