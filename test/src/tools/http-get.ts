/**
 * `node http-get.js URL`: prints the body of a GET (at most 5 s), exit 1 on any failure. Lets
 * the benchmarks read etcd's /metrics from inside a lab namespace without curl.
 */
const [url] = process.argv.slice(2);
if (!url) {
  process.stderr.write('usage: http-get URL\n');
  process.exit(2);
}

fetch(url, { signal: AbortSignal.timeout(5000) })
  .then(async (res) => {
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    process.stdout.write(await res.text());
  })
  .catch((err: unknown) => {
    process.stderr.write(`http-get: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
