// Original file: /work/main/proto/vipd/v1/admin.proto

import type {
  HeldVip as _vipd_v1_HeldVip,
  HeldVip__Output as _vipd_v1_HeldVip__Output,
} from '../../vipd/v1/HeldVip';

export interface Node {
  name?: string;
  advertise?: string;
  labels?: { [key: string]: string };
  alive?: boolean;
  drained?: boolean;
  health?: string;
  unready?: string[];
  held?: _vipd_v1_HeldVip[];
}

export interface Node__Output {
  name: string;
  advertise: string;
  labels: { [key: string]: string };
  alive: boolean;
  drained: boolean;
  health: string;
  unready: string[];
  held: _vipd_v1_HeldVip__Output[];
}
