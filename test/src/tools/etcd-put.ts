/**
 * `node etcd-put.js ENDPOINT FILE`: writes every key of FILE (a JSON object key → string value)
 * to etcd, 100 puts in flight at a time, and prints how many it wrote. Run inside a lab namespace
 * by the scale benchmark, where spawning etcdctl once per key would take minutes at N = 2000.
 */
import { readFileSync } from 'node:fs';
import { createEtcdClient } from '@vipd/store';

const [endpoint, file] = process.argv.slice(2);
if (!endpoint || !file) {
  process.stderr.write('usage: etcd-put ENDPOINT FILE\n');
  process.exit(2);
}

async function main(ep: string, path: string): Promise<number> {
  const entries = Object.entries(JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>);
  const client = createEtcdClient({ endpoints: [ep], callTimeoutMs: 10_000, dialTimeoutMs: 5000 });
  try {
    for (let i = 0; i < entries.length; i += 100) {
      await Promise.all(entries.slice(i, i + 100).map(([k, v]) => client.put(k).value(v)));
    }
  } finally {
    client.close();
  }
  return entries.length;
}

main(endpoint, file).then(
  (n) => process.stdout.write(`${n}\n`),
  (err: unknown) => {
    process.stderr.write(`etcd-put: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
