// The dispatch from a spec to its probe.
import { probeExec } from './probe-exec';
import { probeHttp } from './probe-http';
import { probeInterface } from './probe-interface';
import { probeProcess } from './probe-process';
import { probeTcp } from './probe-tcp';
import type { ProbeOptions, ProbeOutcome } from './outcome';
import type { CheckSpec } from './spec';

/** Runs one probe of `spec`, bounded by spec.timeoutMs. */
export function runProbe(spec: CheckSpec, options: ProbeOptions = {}): Promise<ProbeOutcome> {
  switch (spec.type) {
    case 'tcp':
      return probeTcp(spec, options);
    case 'http':
      return probeHttp(spec, options);
    case 'exec':
      return probeExec(spec, options);
    case 'process':
      return probeProcess(spec, options);
    case 'interface':
      return probeInterface(spec, options);
  }
}
