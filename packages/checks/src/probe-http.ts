// http: up when a GET answers with expectStatus within timeoutMs (and, with expectBody, a body
// whose first MAX_BODY_BYTES contain it). Redirects are not followed; without expectBody the body
// is never read (the connection is closed as soon as the status line arrives); no connection is
// reused between probes.
import http from 'node:http';
import https from 'node:https';
import { errorLine } from '@vipd/log';
import { probeOnce, type ProbeOptions, type ProbeOutcome } from './outcome';
import type { HttpCheckSpec } from './spec';

/** The URL for messages and logs, with any user:password replaced. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return parsed.href;
    parsed.username = '***';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/** How much of a body expectBody is looked for in. */
export const MAX_BODY_BYTES = 65_536;

export function probeHttp(spec: HttpCheckSpec, options: ProbeOptions = {}): Promise<ProbeOutcome> {
  const shown = displayUrl(spec.url);
  return probeOnce(
    options,
    spec.timeoutMs,
    `no response from ${shown} within ${spec.timeoutMs} ms`,
    (finish) => {
      const client = new URL(spec.url).protocol === 'https:' ? https : http;
      const request = client.request(spec.url, {
        method: 'GET',
        agent: false,
        headers: { 'user-agent': 'vipd-check', accept: '*/*', connection: 'close' },
      });
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        response.on('error', () => undefined);
        const statusOk = status === spec.expectStatus;
        const expectBody = spec.expectBody;
        if (!statusOk || expectBody === undefined) {
          response.destroy();
          finish({
            ok: statusOk,
            timedOut: false,
            status,
            message: statusOk ? `HTTP ${status}` : `HTTP ${status}, expected ${spec.expectStatus}`,
          });
          return;
        }
        let body = Buffer.alloc(0);
        const judge = (): void => {
          response.destroy();
          const ok = body.toString('utf8').includes(expectBody);
          const message = ok
            ? `HTTP ${status}, body matched`
            : `HTTP ${status}, body does not contain ${JSON.stringify(expectBody)}`;
          finish({ ok, timedOut: false, status, message });
        };
        response.on('data', (chunk: Buffer) => {
          body = Buffer.concat([body, chunk]).subarray(0, MAX_BODY_BYTES);
          if (body.length >= MAX_BODY_BYTES || body.toString('utf8').includes(expectBody)) judge();
        });
        response.on('end', judge);
      });
      // Stays attached after finish: destroying the request may emit a late error.
      request.on('error', (err) =>
        finish({ ok: false, timedOut: false, message: `GET ${shown}: ${errorLine(err)}` }),
      );
      request.end();
      return () => request.destroy();
    },
    // A URL the schema let through but node refuses: no request exists to destroy.
    (err) => ({ ok: false, timedOut: false, message: `cannot request ${shown}: ${errorLine(err)}` }),
  );
}
