// Original file: proto/gobgp/attribute.proto

import type { Long } from '@grpc/proto-loader';

export interface AigpTLVIGPMetric {
  metric?: number | string | Long;
}

export interface AigpTLVIGPMetric__Output {
  metric: string;
}
