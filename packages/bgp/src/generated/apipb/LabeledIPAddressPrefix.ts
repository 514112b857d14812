// Original file: proto/gobgp/attribute.proto

export interface LabeledIPAddressPrefix {
  labels?: number[];
  prefix_len?: number;
  prefix?: string;
}

export interface LabeledIPAddressPrefix__Output {
  labels: number[];
  prefix_len: number;
  prefix: string;
}
