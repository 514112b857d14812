export * from './errors';
export * from './spec';
export * from './rise-fall';
export type { ProbeOutcome, ProbeOptions } from './outcome';
export { runProbe } from './probe';
export { MAX_OUTPUT_BYTES } from './probe-exec';
export * from './runner';
export { exitStatus, runBounded, type BoundedEnd, type BoundedRun } from './run-bounded';
