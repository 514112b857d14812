// Original file: /work/main/proto/vipd/v1/node.proto

export interface BeatAuth {
  key_id?: string;
  nonce?: Buffer | Uint8Array | string;
  peer_nonce?: Buffer | Uint8Array | string;
  mac?: Buffer | Uint8Array | string;
  mac_v2?: Buffer | Uint8Array | string;
}

export interface BeatAuth__Output {
  key_id: string;
  nonce: Buffer;
  peer_nonce: Buffer;
  mac: Buffer;
  mac_v2: Buffer;
}
