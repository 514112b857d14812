// Original file: proto/gobgp/attribute.proto

export const LsProtocolID = {
  LS_PROTOCOL_UNKNOWN: 'LS_PROTOCOL_UNKNOWN',
  LS_PROTOCOL_ISIS_L1: 'LS_PROTOCOL_ISIS_L1',
  LS_PROTOCOL_ISIS_L2: 'LS_PROTOCOL_ISIS_L2',
  LS_PROTOCOL_OSPF_V2: 'LS_PROTOCOL_OSPF_V2',
  LS_PROTOCOL_DIRECT: 'LS_PROTOCOL_DIRECT',
  LS_PROTOCOL_STATIC: 'LS_PROTOCOL_STATIC',
  LS_PROTOCOL_OSPF_V3: 'LS_PROTOCOL_OSPF_V3',
} as const;

export type LsProtocolID =
  | 'LS_PROTOCOL_UNKNOWN'
  | 0
  | 'LS_PROTOCOL_ISIS_L1'
  | 1
  | 'LS_PROTOCOL_ISIS_L2'
  | 2
  | 'LS_PROTOCOL_OSPF_V2'
  | 3
  | 'LS_PROTOCOL_DIRECT'
  | 4
  | 'LS_PROTOCOL_STATIC'
  | 5
  | 'LS_PROTOCOL_OSPF_V3'
  | 6;

export type LsProtocolID__Output = (typeof LsProtocolID)[keyof typeof LsProtocolID];
