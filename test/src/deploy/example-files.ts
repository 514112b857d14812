/**
 * The example configs of deploy/ as an operator would check them here: the /etc/vipd/... files
 * they name (TLS, password, tokens) made as placeholders in a scratch folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TestPki } from '../harness/certs';

/**
 * What a /etc/vipd/... file of an example holds here: PEM for TLS files (from `pki`: the loaders
 * check them), a fresh token (its file mode 600, as the coordinator requires) for token files, a
 * stand-in otherwise.
 */
function placeholder(path: string, pki: TestPki | undefined): string {
  if (path.includes('/tokens/')) return `${randomBytes(32).toString('hex')}\n`;
  if (!pki || !path.endsWith('.pem')) return 'placeholder\n';
  if (/ca\.pem$/.test(path)) return readFileSync(pki.ca.cert, 'utf8');
  if (/key\.pem$/.test(path)) return readFileSync(pki.client.key, 'utf8');
  return readFileSync(pki.client.cert, 'utf8');
}

/**
 * Writes `text` (an example config) to `root`/config.yaml with every /etc/vipd/... path turned
 * into a placeholder file under `root`; returns the config's path.
 */
export function localExample(text: string, root: string, pki: TestPki | undefined): string {
  const local = text.replace(/\/etc\/vipd\/[\w./-]+/g, (path) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), placeholder(path, pki), { mode: 0o600 });
    return join(root, path);
  });
  const file = join(root, 'config.yaml');
  mkdirSync(root, { recursive: true });
  writeFileSync(file, local);
  return file;
}
