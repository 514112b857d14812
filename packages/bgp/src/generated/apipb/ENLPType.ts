// Original file: proto/gobgp/attribute.proto

export const ENLPType = {
  Reserved: 'Reserved',
  Type1: 'Type1',
  Type2: 'Type2',
  Type3: 'Type3',
  Type4: 'Type4',
} as const;

export type ENLPType = 'Reserved' | 0 | 'Type1' | 1 | 'Type2' | 2 | 'Type3' | 3 | 'Type4' | 4;

export type ENLPType__Output = (typeof ENLPType)[keyof typeof ENLPType];
