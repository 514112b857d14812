// tcp: up when a TCP connection to the target opens within timeoutMs. The connection is closed
// at once; nothing is sent.
import { connect } from 'node:net';
import { errorLine, parseHostPort } from '@vipd/log';
import { probeOnce, type ProbeOptions, type ProbeOutcome } from './outcome';
import type { TcpCheckSpec } from './spec';

export function probeTcp(spec: TcpCheckSpec, options: ProbeOptions = {}): Promise<ProbeOutcome> {
  const target = parseHostPort(spec.target);
  if ('problem' in target) return Promise.resolve({ ok: false, message: target.problem, timedOut: false });
  return probeOnce(
    options,
    spec.timeoutMs,
    `connect to ${spec.target} timed out after ${spec.timeoutMs} ms`,
    (finish) => {
      const socket = connect({ host: target.host, port: target.port });
      socket.once('connect', () =>
        finish({ ok: true, timedOut: false, message: `connected to ${spec.target}` }),
      );
      // Stays attached after finish: a late error on a destroyed socket must not go unhandled.
      socket.on('error', (err) =>
        finish({ ok: false, timedOut: false, message: `connect to ${spec.target}: ${errorLine(err)}` }),
      );
      return () => socket.destroy();
    },
    (err) => ({ ok: false, timedOut: false, message: `connect to ${spec.target}: ${errorLine(err)}` }),
  );
}
