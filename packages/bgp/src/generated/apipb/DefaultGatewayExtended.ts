// Original file: proto/gobgp/attribute.proto

export interface DefaultGatewayExtended {}

export interface DefaultGatewayExtended__Output {}
