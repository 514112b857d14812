// Original file: proto/gobgp/attribute.proto

export interface AtomicAggregateAttribute {}

export interface AtomicAggregateAttribute__Output {}
