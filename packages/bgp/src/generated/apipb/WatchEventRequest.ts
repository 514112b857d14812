// Original file: proto/gobgp/gobgp.proto

export interface _apipb_WatchEventRequest_Table_Filter {
  type?: _apipb_WatchEventRequest_Table_Filter_Type;
  init?: boolean;
}

export interface _apipb_WatchEventRequest_Table_Filter__Output {
  type: _apipb_WatchEventRequest_Table_Filter_Type__Output;
  init: boolean;
}

export interface _apipb_WatchEventRequest_Peer {}

export interface _apipb_WatchEventRequest_Peer__Output {}

export interface _apipb_WatchEventRequest_Table {
  filters?: _apipb_WatchEventRequest_Table_Filter[];
}

export interface _apipb_WatchEventRequest_Table__Output {
  filters: _apipb_WatchEventRequest_Table_Filter__Output[];
}

// Original file: proto/gobgp/gobgp.proto

export const _apipb_WatchEventRequest_Table_Filter_Type = {
  BEST: 'BEST',
  ADJIN: 'ADJIN',
  POST_POLICY: 'POST_POLICY',
} as const;

export type _apipb_WatchEventRequest_Table_Filter_Type = 'BEST' | 0 | 'ADJIN' | 1 | 'POST_POLICY' | 2;

export type _apipb_WatchEventRequest_Table_Filter_Type__Output =
  (typeof _apipb_WatchEventRequest_Table_Filter_Type)[keyof typeof _apipb_WatchEventRequest_Table_Filter_Type];

export interface WatchEventRequest {
  peer?: _apipb_WatchEventRequest_Peer | null;
  table?: _apipb_WatchEventRequest_Table | null;
}

export interface WatchEventRequest__Output {
  peer: _apipb_WatchEventRequest_Peer__Output | null;
  table: _apipb_WatchEventRequest_Table__Output | null;
}
