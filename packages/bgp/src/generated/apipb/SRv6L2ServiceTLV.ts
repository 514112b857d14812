// Original file: proto/gobgp/attribute.proto

import type { SRv6TLV as _apipb_SRv6TLV, SRv6TLV__Output as _apipb_SRv6TLV__Output } from '../apipb/SRv6TLV';

export interface SRv6L2ServiceTLV {
  sub_tlvs?: { [key: number]: _apipb_SRv6TLV };
}

export interface SRv6L2ServiceTLV__Output {
  sub_tlvs: { [key: number]: _apipb_SRv6TLV__Output };
}
