// Original file: proto/gobgp/gobgp.proto

export interface EnablePeerRequest {
  address?: string;
}

export interface EnablePeerRequest__Output {
  address: string;
}
