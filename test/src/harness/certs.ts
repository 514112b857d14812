// Test certificates made with the openssl binary (execFile with an argument array, never a
// shell): a private CA, a second unrelated CA, leaf certificates with IP, DNS and URI SANs,
// and an expired one. Everything lives in one temporary directory that remove() deletes
// (also when the test process ends early).
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerCleanup } from './cleanup';
import { run } from './proc';

export const OPENSSL_BIN = process.env.VIPD_TEST_OPENSSL ?? 'openssl';

/** Paths of a PEM certificate and its unencrypted PEM private key. */
export interface Issued {
  name: string;
  cert: string;
  key: string;
}

export interface LeafSpec {
  /** Subject common name (etcd uses it as the user name for cert-only auth). */
  cn: string;
  dns?: readonly string[];
  ips?: readonly string[];
  uris?: readonly string[];
  /** Valid for this many days from an hour ago (default 2). */
  days?: number;
  /** Valid only in 2020: any verifier rejects it as expired. */
  expired?: boolean;
}

export interface Authority {
  name: string;
  /** The CA certificate (what a verifier trusts). */
  cert: string;
  key: string;
  /** Issues a leaf usable for both TLS server and client authentication. */
  issue(name: string, spec: LeafSpec): Promise<Issued>;
}

export interface TestPki {
  dir: string;
  ca: Authority;
  /** A CA nobody trusts: its leaves must be refused everywhere. */
  otherCa: Authority;
  /** CN vipd-server; SANs 127.0.0.1, ::1, localhost and any extra ones asked for. */
  server: Issued;
  /** CN vipd; URI SAN vipd-role:operator. */
  client: Issued;
  /** Same names as client, issued by otherCa. */
  otherClient: Issued;
  /** Same names as client, issued by ca, expired. */
  expiredClient: Issued;
  remove(): void;
}

const OPENSSL_TIMEOUT_MS = 15_000;

function openssl(args: readonly string[]): Promise<string> {
  return run([OPENSSL_BIN, ...args], { timeoutMs: OPENSSL_TIMEOUT_MS });
}

/** openssl ca's date format, YYYYMMDDHHMMSSZ, in UTC. */
export function opensslDate(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** The subjectAltName value for openssl -addext, or undefined without names. */
export function sanValue(spec: Pick<LeafSpec, 'dns' | 'ips' | 'uris'>): string | undefined {
  const parts = [
    ...(spec.ips ?? []).map((v) => `IP:${v}`),
    ...(spec.dns ?? []).map((v) => `DNS:${v}`),
    ...(spec.uris ?? []).map((v) => `URI:${v}`),
  ];
  for (const p of parts) {
    if (/[,\n]/.test(p)) throw new Error(`certs: bad SAN ${JSON.stringify(p)}`);
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}

function caConfig(dir: string): string {
  // A minimal `openssl ca` setup: its own database and serial, extensions copied from the
  // request (the SANs), and a policy that only asks for a common name.
  return [
    '[ ca ]',
    'default_ca = test_ca',
    '[ test_ca ]',
    `database = ${join(dir, 'index.txt')}`,
    `new_certs_dir = ${dir}`,
    `serial = ${join(dir, 'serial')}`,
    'default_md = sha256',
    'policy = test_policy',
    'copy_extensions = copy',
    'unique_subject = no',
    'preserve = yes',
    'email_in_dn = no',
    '[ test_policy ]',
    'commonName = supplied',
    '',
  ].join('\n');
}

/** `openssl req` options for a new unencrypted P-256 key written to `keyFile`. */
function newP256Key(keyFile: string): string[] {
  return ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', keyFile];
}

export async function createAuthority(parent: string, name: string): Promise<Authority> {
  const dir = join(parent, name);
  mkdirSync(dir, { mode: 0o700 });
  const cert = join(dir, 'ca.pem');
  const key = join(dir, 'ca.key');
  const config = join(dir, 'ca.cnf');
  writeFileSync(config, caConfig(dir));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  await openssl([
    'req',
    '-x509',
    ...newP256Key(key),
    '-out',
    cert,
    '-subj',
    `/CN=${name}`,
    '-days',
    '3650',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const issue = async (leafName: string, spec: LeafSpec): Promise<Issued> => {
    const base = join(dir, leafName);
    const leaf = { name: leafName, cert: `${base}.pem`, key: `${base}.key` };
    const san = sanValue(spec);
    await openssl([
      'req',
      '-new',
      ...newP256Key(leaf.key),
      '-out',
      `${base}.csr`,
      '-subj',
      `/CN=${spec.cn}`,
      '-addext',
      'basicConstraints=critical,CA:FALSE',
      '-addext',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      '-addext',
      'extendedKeyUsage=serverAuth,clientAuth',
      ...(san ? ['-addext', `subjectAltName=${san}`] : []),
    ]);
    const hour = 3600_000;
    const start = spec.expired ? new Date(Date.UTC(2020, 0, 1)) : new Date(Date.now() - hour);
    const end = spec.expired
      ? new Date(Date.UTC(2020, 0, 2))
      : new Date(Date.now() + (spec.days ?? 2) * 24 * hour);
    await openssl([
      'ca',
      '-batch',
      '-notext',
      '-config',
      config,
      '-cert',
      cert,
      '-keyfile',
      key,
      '-in',
      `${base}.csr`,
      '-out',
      leaf.cert,
      '-startdate',
      opensslDate(start),
      '-enddate',
      opensslDate(end),
    ]);
    return leaf;
  };
  return { name, cert, key, issue };
}

export interface TestPkiOptions {
  /** Extra IP SANs for the server certificate (lab addresses). */
  serverIps?: readonly string[];
  serverDns?: readonly string[];
  /** URI SANs of the client certificates (default vipd-role:operator). */
  clientUris?: readonly string[];
}

/** Makes the standard set: CA, other CA, server, client, other-CA client, expired client. */
export async function createTestPki(opts: TestPkiOptions = {}): Promise<TestPki> {
  const dir = mkdtempSync(join(tmpdir(), 'vipd-pki-'));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  const unregister = registerCleanup({ sync: remove });
  try {
    const [ca, otherCa] = [await createAuthority(dir, 'ca'), await createAuthority(dir, 'other-ca')];
    const clientSpec: LeafSpec = { cn: 'vipd', uris: opts.clientUris ?? ['vipd-role:operator'] };
    const server = await ca.issue('server', {
      cn: 'vipd-server',
      ips: ['127.0.0.1', '::1', ...(opts.serverIps ?? [])],
      dns: ['localhost', ...(opts.serverDns ?? [])],
    });
    const client = await ca.issue('client', clientSpec);
    const otherClient = await otherCa.issue('other-client', clientSpec);
    const expiredClient = await ca.issue('expired-client', { ...clientSpec, expired: true });
    return {
      dir,
      ca,
      otherCa,
      server,
      client,
      otherClient,
      expiredClient,
      remove: () => {
        remove();
        unregister();
      },
    };
  } catch (err) {
    remove();
    unregister();
    throw err;
  }
}

/** TLS server options that present the PKI's server certificate and require a client one it signed. */
export function mutualTlsServerOptions(pki: TestPki): {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
  requestCert: true;
  rejectUnauthorized: true;
} {
  return {
    ca: readFileSync(pki.ca.cert),
    cert: readFileSync(pki.server.cert),
    key: readFileSync(pki.server.key),
    requestCert: true,
    rejectUnauthorized: true,
  };
}
