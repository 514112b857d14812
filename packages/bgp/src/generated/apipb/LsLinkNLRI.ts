// Original file: proto/gobgp/attribute.proto

import type {
  LsNodeDescriptor as _apipb_LsNodeDescriptor,
  LsNodeDescriptor__Output as _apipb_LsNodeDescriptor__Output,
} from '../apipb/LsNodeDescriptor';
import type {
  LsLinkDescriptor as _apipb_LsLinkDescriptor,
  LsLinkDescriptor__Output as _apipb_LsLinkDescriptor__Output,
} from '../apipb/LsLinkDescriptor';

export interface LsLinkNLRI {
  local_node?: _apipb_LsNodeDescriptor | null;
  remote_node?: _apipb_LsNodeDescriptor | null;
  link_descriptor?: _apipb_LsLinkDescriptor | null;
}

export interface LsLinkNLRI__Output {
  local_node: _apipb_LsNodeDescriptor__Output | null;
  remote_node: _apipb_LsNodeDescriptor__Output | null;
  link_descriptor: _apipb_LsLinkDescriptor__Output | null;
}
