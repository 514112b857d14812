// Original file: proto/gobgp/gobgp.proto

export interface StopBgpRequest {}

export interface StopBgpRequest__Output {}
