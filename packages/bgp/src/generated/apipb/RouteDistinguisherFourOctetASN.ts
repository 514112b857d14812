// Original file: proto/gobgp/attribute.proto

export interface RouteDistinguisherFourOctetASN {
  admin?: number;
  assigned?: number;
}

export interface RouteDistinguisherFourOctetASN__Output {
  admin: number;
  assigned: number;
}
