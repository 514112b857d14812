/**
 * README.md's sample of `npm run demo` is the demo's output: every line of the block between the
 * demo-output markers fits the line demo.ts prints at that place (demo-lines.ts), so a change to
 * what the demo prints fails here until `npm run demo -- --update-readme` regenerates the block.
 * No lab: this reads files only.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  DEMO_LINES,
  DEMO_SEQUENCE,
  type DemoLine,
  demoLine,
  demoLinePattern,
  demoOutputMismatches,
} from './demo-lines';
import { DEMO_END, DEMO_START, readmeDemoOutput, shortenLabDir, updateReadme, wrap } from './demo-readme';
import { REPO_ROOT } from './harness/paths';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

describe("README's demo output", () => {
  it('is what demo.ts prints, line by line (else: npm run demo -- --update-readme)', () => {
    const output = readmeDemoOutput(README);
    assert.ok(output !== undefined, `README.md has a block between ${DEMO_START} and ${DEMO_END}`);
    assert.deepEqual(demoOutputMismatches(output), []);
  });

  it('says when, at which commit and how it was made', () => {
    const block = README.slice(README.indexOf(DEMO_START), README.indexOf(DEMO_END)).replace(/\n/g, ' ');
    assert.match(block, /What the demo printed on \d{4}-\d{2}-\d{2} at commit [0-9a-f]{7,} /);
    assert.match(block, /`npm run demo -- --update-readme`/);
  });

  it('demo.ts prints only through the templates', () => {
    const source = readFileSync(join(REPO_ROOT, 'test', 'src', 'demo.ts'), 'utf8');
    // One write in say() and one for the README notice; every say() names a template.
    assert.equal(source.match(/process\.stdout\.write\(/g)?.length, 2);
    assert.doesNotMatch(source, /console\.log/);
    for (const m of source.matchAll(/\bsay\(([^,)]*)/g)) {
      const key = m[1]!.trim();
      if (key === 'key: DemoLine') continue; // its definition
      assert.match(key, /^'\w+'$/, `say(${key}) names a template`);
      assert.ok(key.slice(1, -1) in DEMO_LINES, key);
    }
  });
});

describe('demo line templates', () => {
  it('a filled template matches its own pattern, and no other line at its place', () => {
    for (const key of Object.keys(DEMO_LINES) as DemoLine[]) {
      const names = [...DEMO_LINES[key].matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const line = demoLine(key, Object.fromEntries(names.map((n) => [n, `x-${n}`])));
      assert.match(line, demoLinePattern(key), key);
    }
    assert.throws(() => demoLine('etcdUp'), /no value for \{endpoint\}/);
    assert.doesNotMatch('  client outage: 813 ms (46 of 96 pings)', demoLinePattern('outage'));
  });

  it('a missing, extra or changed line is reported with its number', () => {
    const good = DEMO_SEQUENCE.map((k) => DEMO_LINES[k].replace(/\{\w+\}/g, '1')).join('\n');
    assert.deepEqual(demoOutputMismatches(good), []);
    assert.match(
      demoOutputMismatches(`${good}\nmore`)[0]!,
      /^line 19: "more": the demo prints no more lines/,
    );
    assert.match(demoOutputMismatches(good.replace('Lab removed.', 'Lab gone.'))[0]!, /^line 18: .* removed/);
  });
});

describe('updateReadme', () => {
  const run = {
    output: 'Building …\nLab removed.\n',
    date: '2026-12-08',
    commit: 'abc1234',
    host: '2-core X',
  };
  const readme = `# t\n\nbefore\n\n${DEMO_START}\nold\n\`\`\`\nold output\n\`\`\`\n${DEMO_END}\n\nafter\n`;

  it('rewrites the block between the markers and nothing else, the same way twice', () => {
    const once = updateReadme(readme, run);
    assert.ok(once.startsWith('# t\n\nbefore\n\n') && once.endsWith(`${DEMO_END}\n\nafter\n`), once);
    assert.equal(readmeDemoOutput(once), 'Building …\nLab removed.');
    assert.match(
      once.replace(/\n/g, ' '),
      /on 2026-12-08 at commit abc1234 \(`npm run demo -- --update-readme`/,
    );
    assert.equal(updateReadme(once, run), once);
  });

  it('refuses a README without exactly one block', () => {
    assert.throws(() => updateReadme('# t\n', run), /needs exactly one/);
    assert.throws(() => updateReadme(readme + readme, run), /needs exactly one/);
  });

  it('wraps its prose at 100 characters', () => {
    assert.deepEqual(wrap('aaa bbb  ccc', 7), ['aaa bbb', 'ccc']);
    const once = updateReadme(readme, { ...run, host: 'a much longer name of a host, '.repeat(5) });
    const prose = once.slice(once.indexOf(DEMO_START) + DEMO_START.length, once.indexOf('```'));
    for (const line of prose.split('\n')) assert.ok(line.length <= 100, line);
  });

  it("shortens the lab's temporary folder", () => {
    const dir = '/tmp/vipdlab-ab12-Xy9z';
    assert.equal(shortenLabDir(`in ${dir}; x`, dir), 'in /tmp/vipdlab-…; x');
  });
});
