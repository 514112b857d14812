// Original file: proto/gobgp/attribute.proto

export interface RouterMacExtended {
  mac?: string;
}

export interface RouterMacExtended__Output {
  mac: string;
}
