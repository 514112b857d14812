// Original file: proto/gobgp/gobgp.proto

// Original file: proto/gobgp/gobgp.proto

export const _apipb_SetLogLevelRequest_Level = {
  PANIC: 'PANIC',
  FATAL: 'FATAL',
  ERROR: 'ERROR',
  WARN: 'WARN',
  INFO: 'INFO',
  DEBUG: 'DEBUG',
  TRACE: 'TRACE',
} as const;

export type _apipb_SetLogLevelRequest_Level =
  'PANIC' | 0 | 'FATAL' | 1 | 'ERROR' | 2 | 'WARN' | 3 | 'INFO' | 4 | 'DEBUG' | 5 | 'TRACE' | 6;

export type _apipb_SetLogLevelRequest_Level__Output =
  (typeof _apipb_SetLogLevelRequest_Level)[keyof typeof _apipb_SetLogLevelRequest_Level];

export interface SetLogLevelRequest {
  level?: _apipb_SetLogLevelRequest_Level;
}

export interface SetLogLevelRequest__Output {
  level: _apipb_SetLogLevelRequest_Level__Output;
}
