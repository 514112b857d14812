// Original file: proto/gobgp/gobgp.proto

export interface UseMultiplePathsConfig {
  enabled?: boolean;
}

export interface UseMultiplePathsConfig__Output {
  enabled: boolean;
}
