/**
 * The admin API messages vipadm uses, as @grpc/proto-loader decodes them with @vipd/proto's
 * LOADER_OPTIONS (field names as in admin.proto, int64 as strings, defaults filled, unset
 * message fields null). Declared here because lint forbids deep imports into
 * @vipd/proto/src/generated; they mirror the generated `*__Output` types field for field.
 */

export interface NodeEntry {
  priority: number;
  interface: string;
}

export interface AnnounceSettings {
  count: number;
  interval_ms: number;
  refresh_ms: number;
  /** Duplicate-owner probe period; 0 (or a coordinator older than the field) = 10000. */
  probe_ms: number;
}

export interface VipSpec {
  name: string;
  address: string;
  interface: string;
  nodes: Record<string, NodeEntry>;
  /** Absent when unset (proto3 `optional`); the coordinator's default is true. */
  preempt?: boolean;
  preempt_delay_ms: number;
  announce: AnnounceSettings | null;
  /** Names of node health checks (vipd `checks[]`) the VIP depends on. */
  track: string[];
  /** "fence" or "failsafe"; '' means "fence". */
  on_etcd_loss: string;
}

export interface Vip {
  spec: VipSpec | null;
  revision: string;
  holder: string;
  fencing_revision: string;
  pinned_to: string;
}

export interface HeldVip {
  name: string;
  revision: string;
}

export interface Node {
  name: string;
  advertise: string;
  labels: Record<string, string>;
  alive: boolean;
  drained: boolean;
  health: string;
  unready: string[];
  held: HeldVip[];
}

export interface MoveVipResponse {
  vip: Vip | null;
  from: string;
  elapsed_ms: number;
}

export interface ClusterStatus {
  cluster: string;
  etcd_endpoints: string[];
  etcd_healthy: boolean;
  vips: Vip[];
  nodes: Node[];
}

export interface Event {
  time: string;
  type: string;
  vip: string;
  node: string;
  fencing_revision: string;
  detail: string;
}

/**
 * What `vip add` / `vip set` send (CreateVipRequest.spec, UpdateVipRequest.spec). Unset
 * announce, track and on_etcd_loss mean the defaults (none, [] and "fence").
 */
export interface VipSpecInput {
  name: string;
  address: string;
  interface: string;
  nodes: Record<string, { priority: number; interface: string }>;
  preempt: boolean;
  preempt_delay_ms: number;
  announce?: AnnounceSettings;
  track?: string[];
  on_etcd_loss?: string;
}
