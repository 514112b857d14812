// Original file: proto/gobgp/gobgp.proto

export interface LongLivedGracefulRestartConfig {
  enabled?: boolean;
  restart_time?: number;
}

export interface LongLivedGracefulRestartConfig__Output {
  enabled: boolean;
  restart_time: number;
}
