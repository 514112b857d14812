// Original file: /work/main/proto/vipd/v1/admin.proto

export interface ServiceCheck {
  type?: string;
  interval_ms?: number;
  timeout_ms?: number;
  rise?: number;
  fall?: number;
  path?: string;
  expect_status?: number;
  expect_body?: string;
  port?: number;
  argv?: string[];
}

export interface ServiceCheck__Output {
  type: string;
  interval_ms: number;
  timeout_ms: number;
  rise: number;
  fall: number;
  path: string;
  expect_status: number;
  expect_body: string;
  port: number;
  argv: string[];
}
