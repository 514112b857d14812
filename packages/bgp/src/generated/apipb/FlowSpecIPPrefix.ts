// Original file: proto/gobgp/attribute.proto

export interface FlowSpecIPPrefix {
  type?: number;
  prefix_len?: number;
  prefix?: string;
  offset?: number;
}

export interface FlowSpecIPPrefix__Output {
  type: number;
  prefix_len: number;
  prefix: string;
  offset: number;
}
