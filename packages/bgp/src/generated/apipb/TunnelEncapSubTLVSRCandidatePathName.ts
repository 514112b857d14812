// Original file: proto/gobgp/attribute.proto

export interface TunnelEncapSubTLVSRCandidatePathName {
  candidate_path_name?: string;
}

export interface TunnelEncapSubTLVSRCandidatePathName__Output {
  candidate_path_name: string;
}
