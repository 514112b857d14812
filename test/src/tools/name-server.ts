/**
 * `node name-server.js NAME PORT [HOST]`: a small HTTP server for virtual service labs that
 * answers every request with its own NAME (and `ok` on /healthz), closing each connection. With
 * HOST it listens only there (default: every address). Runs until SIGTERM/SIGINT.
 */
import { createServer } from 'node:http';

const [name, portText, host] = process.argv.slice(2);
const port = Number(portText);
if (!name || !Number.isInteger(port) || port < 1 || port > 65_535) {
  process.stderr.write('usage: name-server NAME PORT [HOST]\n');
  process.exit(2);
}
const server = createServer((req, res) => {
  const body = req.url === '/healthz' ? 'ok' : name;
  res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' }).end(body);
});
server.keepAliveTimeout = 1;
server.listen(port, host, () => process.stdout.write(`listening ${host ?? '*'}:${port}\n`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
