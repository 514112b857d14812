// tcp: up when a TCP connection to the target opens within timeoutMs. The connection is closed
// at once; nothing is sent.
import { connect } from 'node:net';
import { describeError, STOPPED, type ProbeOptions, type ProbeOutcome } from './outcome';
import { parseTarget, type TcpCheckSpec } from './spec';

export function probeTcp(spec: TcpCheckSpec, options: ProbeOptions = {}): Promise<ProbeOutcome> {
  const target = parseTarget(spec.target);
  if ('problem' in target) return Promise.resolve({ ok: false, message: target.problem, timedOut: false });
  const { signal } = options;
  if (signal?.aborted) return Promise.resolve(STOPPED);
  return new Promise((resolve) => {
    let done = false;
    const socket = connect({ host: target.host, port: target.port });
    const finish = (outcome: ProbeOutcome): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(outcome);
    };
    const onAbort = (): void => finish(STOPPED);
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          timedOut: true,
          message: `connect to ${spec.target} timed out after ${spec.timeoutMs} ms`,
        }),
      spec.timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () =>
      finish({ ok: true, timedOut: false, message: `connected to ${spec.target}` }),
    );
    // Stays attached after finish: a late error on a destroyed socket must not go unhandled.
    socket.on('error', (err) =>
      finish({ ok: false, timedOut: false, message: `connect to ${spec.target}: ${describeError(err)}` }),
    );
  });
}
