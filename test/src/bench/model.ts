// The failover benchmark's vocabulary and result records (pure data, no I/O).

export const SYSTEMS = [
  { id: 'vipd-default', label: 'vipd (default profile)', short: 'vipd default' },
  { id: 'vipd-fast', label: 'vipd (fast profile)', short: 'vipd fast' },
  { id: 'keepalived-1', label: 'keepalived advert_int 1', short: 'keepalived 1 s' },
  { id: 'keepalived-0.1', label: 'keepalived advert_int 0.1 (VRRPv3)', short: 'keepalived 0.1 s' },
] as const;

export const FAULTS = [
  { id: 'link-cut', label: "holder's link cut" },
  { id: 'sigterm', label: 'holder daemon stopped (SIGTERM)' },
  { id: 'sigkill', label: 'holder daemon killed (SIGKILL)' },
] as const;

export type SystemId = (typeof SYSTEMS)[number]['id'];
export type FaultId = (typeof FAULTS)[number]['id'];

export function systemLabel(id: SystemId): string {
  return SYSTEMS.find((s) => s.id === id)?.label ?? id;
}

export function faultLabel(id: FaultId): string {
  return FAULTS.find((f) => f.id === id)?.label ?? id;
}

export interface TrialResult {
  system: SystemId;
  fault: FaultId;
  /** 1-based trial number within its cell. */
  trial: number;
  ok: boolean;
  error?: string;
  /** Epoch ms of the fault. */
  faultAt?: number;
  /** Client outage of the failover: the longest run of unanswered pings after the fault (ms). */
  outageMs?: number;
  /** The address appeared on the other host this long after the fault (ms). */
  takeoverMs?: number;
  /** Answers to one ping from two hosts (the client saw both). */
  duplicates?: number;
  /** Longest time two hosts that could reach the client both held the VIP (ms). */
  overlapMs?: number;
  /** The overlap was ended by the benchmark removing a stale VIP by hand: a lower bound. */
  overlapAtLeast?: boolean;
  /** SIGKILL: time from the kill until the killed host's VIP disappeared (ms). */
  staleMs?: number;
  /** SIGKILL: the killed host still had the VIP at the end of the bounded wait (removed by hand). */
  staleKept?: boolean;
  /** Link cut: the longest client outage after the link came back (preemption back to n1). */
  restoreOutageMs?: number;
  /** Pings still unanswered when the client stopped (should be 0). */
  unansweredAtEnd?: number;
}

export interface Machine {
  hostname: string;
  cpuModel: string;
  cpus: number;
  kernel: string;
  node: string;
  keepalived: string;
  commit: string;
}

export interface BenchRun {
  startedAt: string;
  finishedAt?: string;
  command: string;
  machine: Machine;
  trialsPerCell: number;
  pingIntervalMs: number;
  staleBoundMs: number;
  vip: string;
  virtualRouterId: number;
  systems: SystemId[];
  faults: FaultId[];
  trials: TrialResult[];
  /** Set when the run stopped early (error or interrupt). */
  aborted?: string;
}
