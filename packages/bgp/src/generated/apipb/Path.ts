// Original file: proto/gobgp/gobgp.proto

import type {
  Any as _google_protobuf_Any,
  Any__Output as _google_protobuf_Any__Output,
} from '../google/protobuf/Any';
import type {
  Timestamp as _google_protobuf_Timestamp,
  Timestamp__Output as _google_protobuf_Timestamp__Output,
} from '../google/protobuf/Timestamp';
import type {
  Validation as _apipb_Validation,
  Validation__Output as _apipb_Validation__Output,
} from '../apipb/Validation';
import type { Family as _apipb_Family, Family__Output as _apipb_Family__Output } from '../apipb/Family';

export interface Path {
  nlri?: _google_protobuf_Any | null;
  pattrs?: _google_protobuf_Any[];
  age?: _google_protobuf_Timestamp | null;
  best?: boolean;
  is_withdraw?: boolean;
  validation?: _apipb_Validation | null;
  no_implicit_withdraw?: boolean;
  family?: _apipb_Family | null;
  source_asn?: number;
  source_id?: string;
  filtered?: boolean;
  stale?: boolean;
  is_from_external?: boolean;
  neighbor_ip?: string;
  uuid?: Buffer | Uint8Array | string;
  is_nexthop_invalid?: boolean;
  identifier?: number;
  local_identifier?: number;
  nlri_binary?: Buffer | Uint8Array | string;
  pattrs_binary?: (Buffer | Uint8Array | string)[];
}

export interface Path__Output {
  nlri: _google_protobuf_Any__Output | null;
  pattrs: _google_protobuf_Any__Output[];
  age: _google_protobuf_Timestamp__Output | null;
  best: boolean;
  is_withdraw: boolean;
  validation: _apipb_Validation__Output | null;
  no_implicit_withdraw: boolean;
  family: _apipb_Family__Output | null;
  source_asn: number;
  source_id: string;
  filtered: boolean;
  stale: boolean;
  is_from_external: boolean;
  neighbor_ip: string;
  uuid: Buffer;
  is_nexthop_invalid: boolean;
  identifier: number;
  local_identifier: number;
  nlri_binary: Buffer;
  pattrs_binary: Buffer[];
}
