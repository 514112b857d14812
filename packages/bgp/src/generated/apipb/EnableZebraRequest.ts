// Original file: proto/gobgp/gobgp.proto

export interface EnableZebraRequest {
  url?: string;
  route_types?: string[];
  version?: number;
  nexthop_trigger_enable?: boolean;
  nexthop_trigger_delay?: number;
  mpls_label_range_size?: number;
  software_name?: string;
}

export interface EnableZebraRequest__Output {
  url: string;
  route_types: string[];
  version: number;
  nexthop_trigger_enable: boolean;
  nexthop_trigger_delay: number;
  mpls_label_range_size: number;
  software_name: string;
}
