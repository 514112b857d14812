/**
 * Every line `npm run demo` prints, as a template: `{name}` is a value of the run. demo.ts prints
 * only through these, in DEMO_SEQUENCE's order, so README's copy of its output (between the
 * demo-output markers) can be checked against them without a lab (demo-lines.test.ts) and
 * rewritten from a real run (`npm run demo -- --update-readme`, demo-readme.ts).
 */
export const DEMO_LINES = {
  blank: '',
  building: 'Building a lab: a bridge, an etcd host, three vipd nodes (n1 150, n2 120, n3 100), a client.',
  etcdUp: 'etcd is up at {endpoint} inside the lab.',
  vipWritten: 'VIP "web" {cidr} written to etcd; starting vipd on {nodes}.',
  held:
    '{vip} is held by {holder} ({mac}); the client pings it every 10 ms: ' +
    'first answer after {firstMs} ms, no loss since ({outageMs} ms).',
  failing: '{what} on {holder} (the holder) ...',
  moved: "  {vip} moved to {next} ({mac}); the client's ARP entry follows: {neighbour}",
  outage: '  client outage: {outageMs} ms ({lost} of {sent} pings lost)',
  stopping: 'Stopping vipd on {last} cleanly (SIGTERM): nothing else can hold the VIP, so it goes away.',
  noAnswer: '  the client now gets no answer ({unanswered} pings unanswered at the end), as expected.',
  logs: 'Logs and configs were in {dir}; cleaning up.',
  removed: 'Lab removed.',
} as const;

export type DemoLine = keyof typeof DEMO_LINES;

/** The order the demo prints its lines in (two failovers, each with the same three lines). */
export const DEMO_SEQUENCE: readonly DemoLine[] = [
  'building',
  'etcdUp',
  'vipWritten',
  'held',
  ...(['blank', 'failing', 'moved', 'outage'] as const),
  ...(['blank', 'failing', 'moved', 'outage'] as const),
  'blank',
  'stopping',
  'noAnswer',
  'blank',
  'logs',
  'removed',
];

/** The line `key` with its `{name}`s filled in; a name without a value is an error. */
export function demoLine(key: DemoLine, values: Record<string, string | number> = {}): string {
  return DEMO_LINES[key].replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`demo line ${key}: no value for {${name}}`);
    return String(v);
  });
}

/** A regular expression that matches exactly the lines `key` can print. */
export function demoLinePattern(key: DemoLine): RegExp {
  const parts = DEMO_LINES[key].split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+?')}$`);
}

/** Lines of `text` that do not fit DEMO_SEQUENCE, as "line N: …" (none: it is the demo's output). */
export function demoOutputMismatches(text: string): string[] {
  const lines = text.replace(/\n$/, '').split('\n');
  const problems: string[] = [];
  for (let i = 0; i < Math.max(lines.length, DEMO_SEQUENCE.length); i++) {
    const key = DEMO_SEQUENCE[i];
    const line = lines[i];
    if (key === undefined)
      problems.push(`line ${i + 1}: ${JSON.stringify(line)}: the demo prints no more lines`);
    else if (line === undefined)
      problems.push(`line ${i + 1}: missing, the demo prints ${key}: ${DEMO_LINES[key]}`);
    else if (!demoLinePattern(key).test(line))
      problems.push(`line ${i + 1}: ${JSON.stringify(line)} is not the demo's ${key}: ${DEMO_LINES[key]}`);
  }
  return problems;
}
