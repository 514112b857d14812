/**
 * `node http-load.js URL COUNT [MAX_MS] [CONCURRENCY] [TIMEOUT_MS] [RATE]`: COUNT GETs of URL,
 * each on a new connection, CONCURRENCY at a time (default 1), at most RATE per second (default 0:
 * as fast as they complete), stopping early at MAX_MS (default 30000).
 * Prints one JSON line: answers by body, failures (by error), and latencies of the answers
 * (p50/p99 in ms) with the requests per second. Bounded in count and time; exits 0.
 */
import http from 'node:http';

const [url, countText, maxText, concText, timeoutText, rateText] = process.argv.slice(2);
const rate = Number(rateText ?? 0);
const count = Number(countText);
const maxMs = Number(maxText ?? 30_000);
const concurrency = Number(concText ?? 1);
const timeoutMs = Number(timeoutText ?? 2000);
if (!url || !(count > 0) || !(maxMs > 0) || !(concurrency > 0)) {
  process.stderr.write('usage: http-load URL COUNT [MAX_MS] [CONCURRENCY] [TIMEOUT_MS]\n');
  process.exit(2);
}

function get(): Promise<{ body?: string; error?: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.get(url!, { agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ body, ms: performance.now() - t0 }));
      res.on('error', (e) => resolve({ error: e.message, ms: performance.now() - t0 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) =>
      resolve({ error: e.code ?? e.message, ms: performance.now() - t0 }),
    );
  });
}

async function main(): Promise<void> {
  const bodies: Record<string, number> = {};
  const failures: Record<string, number> = {};
  const latencies: number[] = [];
  /** [ms since start, body or error] of each request, in order of completion. */
  const timeline: [number, string][] = [];
  const start = performance.now();
  let issued = 0;
  const worker = async (): Promise<void> => {
    while (issued < count && performance.now() - start < maxMs) {
      issued++;
      // Paced: request i starts no earlier than i / RATE seconds after the start.
      const due = rate > 0 ? start + (issued * 1000) / rate - performance.now() : 0;
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
      const r = await get();
      const at = Math.round(performance.now() - start);
      if (r.body !== undefined) {
        bodies[r.body] = (bodies[r.body] ?? 0) + 1;
        latencies.push(r.ms);
        timeline.push([at, r.body]);
      } else {
        failures[r.error!] = (failures[r.error!] ?? 0) + 1;
        timeline.push([at, `!${r.error}`]);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - start;
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    Number((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0).toFixed(2));
  process.stdout.write(
    `${JSON.stringify({
      requests: timeline.length,
      bodies,
      failures,
      elapsedMs: Math.round(elapsed),
      rps: Math.round((latencies.length / elapsed) * 1000),
      p50: q(0.5),
      p99: q(0.99),
      timeline,
    })}\n`,
  );
}

void main();
