#!/usr/bin/env node
/*
 * Bundles the three commands with esbuild into OUT (default dist-pkg/root/usr/lib/vipd), laid out
 * like the repository so that every run-time lookup finds its file with no code change:
 *
 *   bin/<cmd>          the command's launcher: its bin/ script (the Node.js version check first,
 *                      in syntax an old Node still parses), then require('../dist/<cmd>.js')
 *   dist/<cmd>.js      the command, with every dependency; no node_modules tree
 *   package.json       name and version only (--version reads ../package.json from dist/)
 *   proto/             vipd's .proto files (@vipd/proto looks in ../proto from dist/), and
 *                      proto/gobgp/, GoBGP's (@vipd/bgp looks in ../proto/gobgp)
 *   build/             the native helpers (the netif kernel agent, announce's AF_PACKET addon),
 *                      copied by scripts/package.sh, found at ../build from dist/ as in the repo
 *   vendor/<package>/  the files that dependencies read next to their own code at run time
 *                      (their .proto files): each `__dirname` of such a dependency is rewritten
 *                      to its folder here, and a dependency that uses `__dirname` without being
 *                      listed in VENDOR fails the build instead of failing at run time.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = resolve(process.argv[2] ?? join(ROOT, 'dist-pkg', 'root', 'usr', 'lib', 'vipd'));
const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** The Node.js the bundles are compiled for: package.json's engines.node (">=N"). */
const NODE_MAJOR = /^>=\s*(\d+)/.exec(rootPackage.engines.node)[1];

/** The commands: name, the package that has its bin/ script. */
const COMMANDS = [
  ['vipd', 'services/vipd'],
  ['vip-coordinator', 'services/coordinator'],
  ['vipadm', 'packages/vipadm'],
];

/**
 * Dependencies that read files beside their code at run time (through `__dirname`): the folders
 * (relative to the package) to ship. `null`: the code that uses `__dirname` never runs in vipd
 * (the reason says why), so nothing is shipped, and the rewrite still points it into vendor/.
 */
const VENDOR = {
  etcd3: ['proto'],
  'grpc-health-check': ['proto'],
  '@grpc/reflection': ['build/proto/grpc'],
  // channelz and ORCA load these lazily, only if a server enables them; shipped all the same.
  '@grpc/grpc-js': ['proto'],
  // pino's worker-thread transports (thread-stream); @vipd/log writes with pino.destination or an in-process
  // pino-pretty stream, never a transport.
  pino: null,
  'thread-stream': null,
};

/** The package (name, folder) a file of node_modules belongs to, or undefined. */
function packageOf(file) {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const scoped = parts[at + 1].startsWith('@');
  const name = scoped ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
  return { name, dir: parts.slice(0, at + (scoped ? 3 : 2)).join(sep) };
}

const used = new Map();
/** Rewrites `__dirname` in dependencies to their folder under vendor/ (see the header). */
const vendorDirname = {
  name: 'vendor-dirname',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!/\b__dirname\b/.test(source)) return undefined;
      const pkg = packageOf(args.path);
      if (!pkg || !(pkg.name in VENDOR)) {
        return {
          errors: [
            {
              text: `${pkg?.name ?? args.path} uses __dirname: list it in VENDOR (scripts/package/bundle.mjs)`,
            },
          ],
        };
      }
      used.set(pkg.name, pkg.dir);
      const at = JSON.stringify(join('vendor', pkg.name, relative(pkg.dir, dirname(args.path))));
      const contents = source.replace(/\b__dirname\b/g, `require('node:path').join(__dirname, '..', ${at})`);
      return { contents, loader: 'js' };
    });
  },
};

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'bin'), { recursive: true });
const sizes = {};
for (const [name, dir] of COMMANDS) {
  const bundle = join(OUT, 'dist', `${name}.js`);
  await esbuild.build({
    entryPoints: [join(ROOT, dir, 'dist', 'main.js')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${NODE_MAJOR}`,
    // Whitespace and syntax only: names stay as written, for readable stack traces and error names.
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    legalComments: 'eof',
    logLevel: 'warning',
    plugins: [vendorDirname],
  });
  // The launcher: the repository's bin/ script with its one local import, '../dist/main.js',
  // pointed at the bundle; it and the version check it requires are plain ES5 (node-version.js).
  await esbuild.build({
    entryPoints: [join(ROOT, dir, 'bin', name)],
    outfile: join(OUT, 'bin', name),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node10',
    loader: { '': 'js' },
    logLevel: 'warning',
    plugins: [
      {
        name: 'launcher',
        setup(build) {
          build.onResolve({ filter: /^\.\.\/dist\/main\.js$/ }, () => ({
            path: `../dist/${name}.js`,
            external: true,
          }));
          // node-version.js reads engines.node from the root package.json: that alone goes in.
          build.onLoad({ filter: /[\\/]package\.json$/ }, () => ({
            contents: JSON.stringify({ engines: rootPackage.engines }),
            loader: 'json',
          }));
        },
      },
    ],
  });
  sizes[name] = readFileSync(bundle).length;
}

for (const [name, dirs] of Object.entries(VENDOR)) {
  if (dirs === null || !used.has(name)) continue;
  for (const d of dirs) cpSync(join(used.get(name), d), join(OUT, 'vendor', name, d), { recursive: true });
}
cpSync(join(ROOT, 'proto'), join(OUT, 'proto'), { recursive: true });
// GoBGP's API (BGP mode): @vipd/bgp looks in ../proto/gobgp from dist/.
cpSync(join(ROOT, 'packages', 'bgp', 'proto', 'gobgp'), join(OUT, 'proto', 'gobgp'), { recursive: true });
writeFileSync(
  join(OUT, 'package.json'),
  JSON.stringify({ name: 'vipd', version: rootPackage.version, private: true }, null, 2) + '\n',
);
for (const [name, bytes] of Object.entries(sizes)) {
  console.log(`bundle: dist/${name}.js ${(bytes / 1024).toFixed(0)} KiB`);
}
