/**
 * The admin.proto messages as the handlers see them (proto-loader with LOADER_OPTIONS:
 * field names as written, int64 as strings). @vipd/proto does not re-export its generated
 * types and deep imports are forbidden, so the few we need are written here; keep them in
 * step with proto/vipd/v1/admin.proto.
 */

export interface NodeEntryMsg {
  priority?: number;
  interface?: string;
}

export interface AnnounceMsg {
  count?: number;
  interval_ms?: number;
  refresh_ms?: number;
  probe_ms?: number;
}

export interface VipSpecMsg {
  name?: string;
  address?: string;
  interface?: string;
  nodes?: Record<string, NodeEntryMsg>;
  /** proto3 optional: absent means the default (true). */
  preempt?: boolean;
  preempt_delay_ms?: number;
  announce?: AnnounceMsg | null;
  track?: string[];
  on_etcd_loss?: string;
}

export interface VipMsg {
  spec: VipSpecMsg;
  revision: string;
  holder: string;
  fencing_revision: string;
  pinned_to: string;
}

export interface HeldVipMsg {
  name: string;
  revision: string;
}

export type NodeHealth = 'SERVING' | 'NOT_SERVING' | 'UNREACHABLE';

export interface NodeMsg {
  name: string;
  advertise: string;
  labels: Record<string, string>;
  alive: boolean;
  drained: boolean;
  health: NodeHealth;
  unready: string[];
  held: HeldVipMsg[];
}

export interface EventMsg {
  time: string;
  type: EventType;
  vip: string;
  node: string;
  fencing_revision: string;
  detail: string;
}

export type EventType =
  | 'acquired'
  | 'fenced'
  | 'released'
  | 'spec_created'
  | 'spec_updated'
  | 'spec_deleted'
  | 'node_joined'
  | 'node_left'
  | 'node_drained'
  | 'node_undrained'
  | 'health_changed'
  | 'pinned'
  | 'unpinned';

export interface CreateVipRequest {
  spec?: VipSpecMsg | null;
}
export interface UpdateVipRequest {
  spec?: VipSpecMsg | null;
  expected_revision?: string;
}
export interface NameRequest {
  name?: string;
}
export interface MoveVipRequest {
  name?: string;
  to?: string;
  timeout_ms?: number;
}
export interface MoveVipResponse {
  vip: VipMsg;
  from: string;
  elapsed_ms: number;
}
export interface ClusterStatusMsg {
  cluster: string;
  etcd_endpoints: string[];
  etcd_healthy: boolean;
  vips: VipMsg[];
  nodes: NodeMsg[];
}
