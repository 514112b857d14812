/**
 * `node http-load.js URL COUNT [MAX_MS] [CONCURRENCY] [TIMEOUT_MS] [RATE] [WARMUP]`: COUNT GETs of
 * URL, each on a new connection (no keep-alive: `agent: false` sends `Connection: close`, so a
 * failure cannot hide behind a connection opened before it), CONCURRENCY at a time (default 1), at
 * most RATE started per second (default 0: as fast as they complete), stopping early at MAX_MS
 * (default 30000); a request not answered within TIMEOUT_MS (default 2000) is a failure.
 * Prints one JSON line: answers by body and failures by error (all requests), `t0` (the wall
 * clock at the load's start, ms since the epoch, so a caller can place its own events on the
 * load's clock), the timeline `[start, end, body or !error]` of every request in ms since t0 in
 * order of start, and requests per second with p50/p99 latency of the answers after the first
 * WARMUP requests (default 0; see load-summary.ts). Bounded in count and time; exits 0.
 */
import http from 'node:http';
import { type LoadRequest, summarizeLoad } from './load-summary';

const [url, countText, maxText, concText, timeoutText, rateText, warmupText] = process.argv.slice(2);
const count = Number(countText);
const maxMs = Number(maxText ?? 30_000);
const concurrency = Number(concText ?? 1);
const timeoutMs = Number(timeoutText ?? 2000);
const rate = Number(rateText ?? 0);
const warmup = Number(warmupText ?? 0);
if (
  !url ||
  !(count > 0) ||
  !(maxMs > 0) ||
  !(concurrency > 0) ||
  !(timeoutMs > 0) ||
  !(rate >= 0) ||
  !(warmup >= 0 && warmup < count)
) {
  process.stderr.write('usage: http-load URL COUNT [MAX_MS] [CONCURRENCY] [TIMEOUT_MS] [RATE] [WARMUP]\n');
  process.exit(2);
}

function get(): Promise<{ body?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = http.get(url!, { agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ body }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
  });
}

async function main(): Promise<void> {
  const requests: LoadRequest[] = [];
  const start = performance.now();
  const t0 = performance.timeOrigin + start;
  const now = () => performance.now() - start;
  let issued = 0;
  const worker = async (): Promise<void> => {
    while (issued < count && now() < maxMs) {
      // Paced: the i-th request (from 0) starts no earlier than i / RATE seconds after t0.
      const due = rate > 0 ? (issued * 1000) / rate - now() : 0;
      issued++;
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
      const begin = now();
      const r = await get();
      requests.push({ start: begin, end: now(), ...r });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  requests.sort((a, b) => a.start - b.start);
  const bodies: Record<string, number> = {};
  const failures: Record<string, number> = {};
  for (const r of requests) {
    if (r.body !== undefined) bodies[r.body] = (bodies[r.body] ?? 0) + 1;
    else failures[r.error!] = (failures[r.error!] ?? 0) + 1;
  }
  const ms = (n: number) => Number(n.toFixed(1));
  process.stdout.write(
    `${JSON.stringify({
      requests: requests.length,
      bodies,
      failures,
      t0,
      elapsedMs: Math.round(now()),
      warmup,
      ...summarizeLoad(requests, warmup),
      timeline: requests.map((r) => [ms(r.start), ms(r.end), r.body ?? `!${r.error}`]),
    })}\n`,
  );
}

void main();
