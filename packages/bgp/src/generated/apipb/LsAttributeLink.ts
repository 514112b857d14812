// Original file: proto/gobgp/attribute.proto

export interface LsAttributeLink {
  name?: string;
  local_router_id?: string;
  local_router_id_v6?: string;
  remote_router_id?: string;
  remote_router_id_v6?: string;
  admin_group?: number;
  default_te_metric?: number;
  igp_metric?: number;
  opaque?: Buffer | Uint8Array | string;
  bandwidth?: number | string;
  reservable_bandwidth?: number | string;
  unreserved_bandwidth?: (number | string)[];
  sr_adjacency_sid?: number;
  srlgs?: number[];
}

export interface LsAttributeLink__Output {
  name: string;
  local_router_id: string;
  local_router_id_v6: string;
  remote_router_id: string;
  remote_router_id_v6: string;
  admin_group: number;
  default_te_metric: number;
  igp_metric: number;
  opaque: Buffer;
  bandwidth: number;
  reservable_bandwidth: number;
  unreserved_bandwidth: number[];
  sr_adjacency_sid: number;
  srlgs: number[];
}
