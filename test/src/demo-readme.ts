/**
 * README.md's copy of the demo's output lives between two marker comments; this rewrites that
 * block from a real run (`npm run demo -- --update-readme`), with the date, the commit and how it
 * was run, so the sample is regenerated rather than hand-kept. Pure: demo.ts does the I/O.
 */
export const DEMO_START = '<!-- demo-output:start (npm run demo -- --update-readme rewrites this block) -->';
export const DEMO_END = '<!-- demo-output:end -->';

export interface DemoRun {
  /** What the demo printed, with the lab's temporary folder already shortened. */
  output: string;
  /** YYYY-MM-DD. */
  date: string;
  /** `git rev-parse --short HEAD`, with " plus uncommitted changes" when the tree was dirty. */
  commit: string;
  /** The machine, e.g. "2-core Debian GNU/Linux 12 (bookworm)". */
  host: string;
}

/** `text` broken into lines of at most `width` characters at spaces (README's prose width). */
export function wrap(text: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The block README shows, markers included. */
export function demoBlock(run: DemoRun): string {
  const about =
    `What the demo printed on ${run.date} at commit ${run.commit} (\`npm run demo -- --update-readme\` ` +
    `as root on this ${run.host} host; 3 nodes, TTL 3 s; one run, written here by the demo itself, ` +
    `unchanged but for the lab's temporary folder). The outages vary from run to run around the ` +
    `failover figures under "Measured" below:`;
  return [DEMO_START, ...wrap(about), '', '```', run.output.replace(/\n$/, ''), '```', DEMO_END].join('\n');
}

/** The output lines inside README's block (between its ``` fences), or undefined without the markers. */
export function readmeDemoOutput(readme: string): string | undefined {
  const start = readme.indexOf(DEMO_START);
  const end = readme.indexOf(DEMO_END);
  if (start === -1 || end < start) return undefined;
  return /\n```\n([\s\S]*?)\n```\n/.exec(readme.slice(start, end + 1))?.[1];
}

/** README with its demo block replaced by `run`'s; throws if README has no (or a broken) block. */
export function updateReadme(readme: string, run: DemoRun): string {
  const start = readme.indexOf(DEMO_START);
  const end = readme.indexOf(DEMO_END);
  if (start === -1 || end < start || readme.indexOf(DEMO_START, start + 1) !== -1) {
    throw new Error(`README.md needs exactly one "${DEMO_START}" … "${DEMO_END}" block`);
  }
  return readme.slice(0, start) + demoBlock(run) + readme.slice(end + DEMO_END.length);
}

/** "/tmp/vipdlab-ab12-XYZ" in the output becomes "/tmp/vipdlab-…" (it differs on every run). */
export function shortenLabDir(output: string, dir: string): string {
  const short = dir.replace(/(vipdlab)-[^/]*$/, '$1-…');
  return output.replaceAll(dir, short);
}
