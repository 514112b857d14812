// Original file: proto/gobgp/gobgp.proto

// Original file: proto/gobgp/gobgp.proto

export const _apipb_Family_Afi = {
  AFI_UNKNOWN: 'AFI_UNKNOWN',
  AFI_IP: 'AFI_IP',
  AFI_IP6: 'AFI_IP6',
  AFI_L2VPN: 'AFI_L2VPN',
  AFI_LS: 'AFI_LS',
  AFI_OPAQUE: 'AFI_OPAQUE',
} as const;

export type _apipb_Family_Afi =
  | 'AFI_UNKNOWN'
  | 0
  | 'AFI_IP'
  | 1
  | 'AFI_IP6'
  | 2
  | 'AFI_L2VPN'
  | 25
  | 'AFI_LS'
  | 16388
  | 'AFI_OPAQUE'
  | 16397;

export type _apipb_Family_Afi__Output = (typeof _apipb_Family_Afi)[keyof typeof _apipb_Family_Afi];

// Original file: proto/gobgp/gobgp.proto

export const _apipb_Family_Safi = {
  SAFI_UNKNOWN: 'SAFI_UNKNOWN',
  SAFI_UNICAST: 'SAFI_UNICAST',
  SAFI_MULTICAST: 'SAFI_MULTICAST',
  SAFI_MPLS_LABEL: 'SAFI_MPLS_LABEL',
  SAFI_ENCAPSULATION: 'SAFI_ENCAPSULATION',
  SAFI_VPLS: 'SAFI_VPLS',
  SAFI_EVPN: 'SAFI_EVPN',
  SAFI_LS: 'SAFI_LS',
  SAFI_SR_POLICY: 'SAFI_SR_POLICY',
  SAFI_MUP: 'SAFI_MUP',
  SAFI_MPLS_VPN: 'SAFI_MPLS_VPN',
  SAFI_MPLS_VPN_MULTICAST: 'SAFI_MPLS_VPN_MULTICAST',
  SAFI_ROUTE_TARGET_CONSTRAINTS: 'SAFI_ROUTE_TARGET_CONSTRAINTS',
  SAFI_FLOW_SPEC_UNICAST: 'SAFI_FLOW_SPEC_UNICAST',
  SAFI_FLOW_SPEC_VPN: 'SAFI_FLOW_SPEC_VPN',
  SAFI_KEY_VALUE: 'SAFI_KEY_VALUE',
} as const;

export type _apipb_Family_Safi =
  | 'SAFI_UNKNOWN'
  | 0
  | 'SAFI_UNICAST'
  | 1
  | 'SAFI_MULTICAST'
  | 2
  | 'SAFI_MPLS_LABEL'
  | 4
  | 'SAFI_ENCAPSULATION'
  | 7
  | 'SAFI_VPLS'
  | 65
  | 'SAFI_EVPN'
  | 70
  | 'SAFI_LS'
  | 71
  | 'SAFI_SR_POLICY'
  | 73
  | 'SAFI_MUP'
  | 85
  | 'SAFI_MPLS_VPN'
  | 128
  | 'SAFI_MPLS_VPN_MULTICAST'
  | 129
  | 'SAFI_ROUTE_TARGET_CONSTRAINTS'
  | 132
  | 'SAFI_FLOW_SPEC_UNICAST'
  | 133
  | 'SAFI_FLOW_SPEC_VPN'
  | 134
  | 'SAFI_KEY_VALUE'
  | 241;

export type _apipb_Family_Safi__Output = (typeof _apipb_Family_Safi)[keyof typeof _apipb_Family_Safi];

export interface Family {
  afi?: _apipb_Family_Afi;
  safi?: _apipb_Family_Safi;
}

export interface Family__Output {
  afi: _apipb_Family_Afi__Output;
  safi: _apipb_Family_Safi__Output;
}
