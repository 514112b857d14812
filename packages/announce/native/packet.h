// Shared between the addon's source files (packet.c registers everything; burst.c is the burst sender).
#ifndef VIPD_PACKET_H
#define VIPD_PACKET_H

#include <node_api.h>
#include <stdbool.h>

#define ETH_HEADER_LEN 14
#define MAX_FRAME_LEN 65535

// An Error "<syscall>: <strerror> (errno N)" with `errno` and `syscall` properties, or NULL when
// even that cannot be created.
napi_value errno_error(napi_env env, const char *syscall, int err);
// Throw such an Error (or a TypeError with `text`); both return NULL, so `return throw_...(...)`.
napi_value throw_errno(napi_env env, const char *syscall, int err);
napi_value throw_type(napi_env env, const char *text);
// Reads an integer argument in [min, max]; false (nothing thrown) when it is not one.
bool get_integer(napi_env env, napi_value value, double min, double max, double *out);

// burst.c
napi_value burst_open_socket(napi_env env, napi_callback_info info);
napi_value burst_send_frames(napi_env env, napi_callback_info info);
napi_value burst_close_socket(napi_env env, napi_callback_info info);

#endif
