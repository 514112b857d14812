{
  "targets": [
    {
      "target_name": "vipd_packet",
      "sources": ["native/packet.c", "native/burst.c"],
      "defines": ["NAPI_VERSION=8"],
      "cflags": ["-Wall", "-Wextra", "-std=gnu11"]
    }
  ]
}
