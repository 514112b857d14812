// Original file: /work/main/proto/vipd/v1/admin.proto

export interface Event {
  time?: string;
  type?: string;
  vip?: string;
  node?: string;
  fencing_revision?: string;
  detail?: string;
  service?: string;
  backend?: string;
  revision?: string;
}

export interface Event__Output {
  time: string;
  type: string;
  vip: string;
  node: string;
  fencing_revision: string;
  detail: string;
  service: string;
  backend: string;
  revision: string;
}
