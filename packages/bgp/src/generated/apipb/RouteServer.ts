// Original file: proto/gobgp/gobgp.proto

export interface RouteServer {
  route_server_client?: boolean;
  secondary_route?: boolean;
}

export interface RouteServer__Output {
  route_server_client: boolean;
  secondary_route: boolean;
}
