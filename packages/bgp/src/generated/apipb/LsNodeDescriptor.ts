// Original file: proto/gobgp/attribute.proto

export interface LsNodeDescriptor {
  asn?: number;
  bgp_ls_id?: number;
  ospf_area_id?: number;
  pseudonode?: boolean;
  igp_router_id?: string;
  bgp_router_id?: string;
}

export interface LsNodeDescriptor__Output {
  asn: number;
  bgp_ls_id: number;
  ospf_area_id: number;
  pseudonode: boolean;
  igp_router_id: string;
  bgp_router_id: string;
}
