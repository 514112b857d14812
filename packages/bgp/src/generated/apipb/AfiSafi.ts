// Original file: proto/gobgp/gobgp.proto

import type {
  MpGracefulRestart as _apipb_MpGracefulRestart,
  MpGracefulRestart__Output as _apipb_MpGracefulRestart__Output,
} from '../apipb/MpGracefulRestart';
import type {
  AfiSafiConfig as _apipb_AfiSafiConfig,
  AfiSafiConfig__Output as _apipb_AfiSafiConfig__Output,
} from '../apipb/AfiSafiConfig';
import type {
  AfiSafiState as _apipb_AfiSafiState,
  AfiSafiState__Output as _apipb_AfiSafiState__Output,
} from '../apipb/AfiSafiState';
import type {
  ApplyPolicy as _apipb_ApplyPolicy,
  ApplyPolicy__Output as _apipb_ApplyPolicy__Output,
} from '../apipb/ApplyPolicy';
import type {
  RouteSelectionOptions as _apipb_RouteSelectionOptions,
  RouteSelectionOptions__Output as _apipb_RouteSelectionOptions__Output,
} from '../apipb/RouteSelectionOptions';
import type {
  UseMultiplePaths as _apipb_UseMultiplePaths,
  UseMultiplePaths__Output as _apipb_UseMultiplePaths__Output,
} from '../apipb/UseMultiplePaths';
import type {
  PrefixLimit as _apipb_PrefixLimit,
  PrefixLimit__Output as _apipb_PrefixLimit__Output,
} from '../apipb/PrefixLimit';
import type {
  RouteTargetMembership as _apipb_RouteTargetMembership,
  RouteTargetMembership__Output as _apipb_RouteTargetMembership__Output,
} from '../apipb/RouteTargetMembership';
import type {
  LongLivedGracefulRestart as _apipb_LongLivedGracefulRestart,
  LongLivedGracefulRestart__Output as _apipb_LongLivedGracefulRestart__Output,
} from '../apipb/LongLivedGracefulRestart';
import type {
  AddPaths as _apipb_AddPaths,
  AddPaths__Output as _apipb_AddPaths__Output,
} from '../apipb/AddPaths';

export interface AfiSafi {
  mp_graceful_restart?: _apipb_MpGracefulRestart | null;
  config?: _apipb_AfiSafiConfig | null;
  state?: _apipb_AfiSafiState | null;
  apply_policy?: _apipb_ApplyPolicy | null;
  route_selection_options?: _apipb_RouteSelectionOptions | null;
  use_multiple_paths?: _apipb_UseMultiplePaths | null;
  prefix_limits?: _apipb_PrefixLimit | null;
  route_target_membership?: _apipb_RouteTargetMembership | null;
  long_lived_graceful_restart?: _apipb_LongLivedGracefulRestart | null;
  add_paths?: _apipb_AddPaths | null;
}

export interface AfiSafi__Output {
  mp_graceful_restart: _apipb_MpGracefulRestart__Output | null;
  config: _apipb_AfiSafiConfig__Output | null;
  state: _apipb_AfiSafiState__Output | null;
  apply_policy: _apipb_ApplyPolicy__Output | null;
  route_selection_options: _apipb_RouteSelectionOptions__Output | null;
  use_multiple_paths: _apipb_UseMultiplePaths__Output | null;
  prefix_limits: _apipb_PrefixLimit__Output | null;
  route_target_membership: _apipb_RouteTargetMembership__Output | null;
  long_lived_graceful_restart: _apipb_LongLivedGracefulRestart__Output | null;
  add_paths: _apipb_AddPaths__Output | null;
}
