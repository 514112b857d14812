// Original file: proto/gobgp/gobgp.proto

export interface RouteSelectionOptionsState {
  always_compare_med?: boolean;
  ignore_as_path_length?: boolean;
  external_compare_router_id?: boolean;
  advertise_inactive_routes?: boolean;
  enable_aigp?: boolean;
  ignore_next_hop_igp_metric?: boolean;
  disable_best_path_selection?: boolean;
}

export interface RouteSelectionOptionsState__Output {
  always_compare_med: boolean;
  ignore_as_path_length: boolean;
  external_compare_router_id: boolean;
  advertise_inactive_routes: boolean;
  enable_aigp: boolean;
  ignore_next_hop_igp_metric: boolean;
  disable_best_path_selection: boolean;
}
