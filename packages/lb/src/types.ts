/**
 * What the data plane is told: the virtual services to run on this node, each with the backends
 * that take new connections now. Independent of etcd and of the spec's stored form: the daemon
 * maps its specs and health onto these (packages never import each other's state).
 */

export type Scheduler = 'rr' | 'wrr' | 'sh' | 'random';

export interface LbTarget {
  address: string;
  port: number;
}

export interface LbBackend extends LbTarget {
  /** 1-1000; a drained (0) or unhealthy backend is not given to the data plane at all. */
  weight: number;
}

export interface LbService {
  /** Lower-case letters, digits and "-" (the spec's name). */
  name: string;
  /** The VIP's address, without prefix. */
  vip: string;
  family: 4 | 6;
  protocol: 'tcp' | 'udp';
  port: number;
  scheduler: Scheduler;
  mode: 'nat' | 'dr';
  /** nat: masquerade towards the backends. */
  snat: boolean;
  /** dr: the interface the VIP is on, where frames come in and go out again. */
  device: string;
  /** Where new connections go; empty: to `sorry` if set, else nowhere (the node answers itself). */
  backends: LbBackend[];
  /** Used only while `backends` is empty. Always NATed, and masqueraded, so replies come back. */
  sorry?: LbTarget;
}

/** The data plane: one implementation per kernel mechanism (nftables today; IPVS may follow). */
export interface LbDataPlane {
  /** Makes the node's rules exactly `services`, in one atomic step; throws LbApplyError. */
  apply(services: readonly LbService[]): Promise<void>;
  /** Removes every rule this data plane owns (start, stop). */
  clear(): Promise<void>;
}
