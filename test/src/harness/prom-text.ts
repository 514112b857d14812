/** Reads Prometheus' text exposition format as a test sees it: one number per series. */

/** `name{labels}` → value, for every sample line (labels exactly as printed). */
export function parseProm(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

/** Sum of every series of `name` whose labels include all of `labels` (0 when none). */
export function total(
  samples: Map<string, number>,
  name: string,
  labels: Record<string, string> = {},
): number {
  let sum = 0;
  for (const [series, v] of samples) {
    const brace = series.indexOf('{');
    if ((brace < 0 ? series : series.slice(0, brace)) !== name) continue;
    const has = Object.entries(labels).every(([k, val]) => series.includes(`${k}="${val}"`));
    if (has) sum += v;
  }
  return sum;
}
