// http: up when a GET answers with expectStatus within timeoutMs. Redirects are not followed,
// the body is never read (the connection is closed as soon as the status line arrives), and no
// connection is reused between probes.
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
        response.destroy();
        const ok = status === spec.expectStatus;
        finish({
          ok,
          timedOut: false,
          status,
          message: ok ? `HTTP ${status}` : `HTTP ${status}, expected ${spec.expectStatus}`,
        });
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
