// Original file: proto/gobgp/gobgp.proto

export interface UseMultiplePathsState {
  enabled?: boolean;
}

export interface UseMultiplePathsState__Output {
  enabled: boolean;
}
