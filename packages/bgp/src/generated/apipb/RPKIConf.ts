// Original file: proto/gobgp/gobgp.proto

export interface RPKIConf {
  address?: string;
  remote_port?: number;
}

export interface RPKIConf__Output {
  address: string;
  remote_port: number;
}
