// Original file: proto/gobgp/gobgp.proto

export interface ListBmpRequest {}

export interface ListBmpRequest__Output {}
