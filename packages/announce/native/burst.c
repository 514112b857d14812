// The burst sender of vipd_packet: one sending socket per interface, kept open by the caller, and
// many frames sent back to back through it in one call.
//
//   openSocket(ifindex: number): number
//
// Opens socket(AF_PACKET, SOCK_RAW, 0) and binds it to `ifindex` with protocol 0 (it never
// receives: no frame is ever queued on it), non-blocking and close-on-exec; returns the fd. The
// caller keeps it while it announces on that interface: closing a packet socket waits for an RCU
// grace period (synchronize_net), milliseconds on a busy host. One socket per interface keeps one
// interface's stuck transmit queue (no carrier: frames wait in its qdisc and hold the socket's send
// buffer) from failing the sends on every other interface. Throws the errno Error (socket, bind).
//
//   sendFrames(fd: number, ifindex: number, frames: Buffer[], status: Int32Array): number
//
// Sends every frame (a complete Ethernet frame, destination MAC first) out of `ifindex` through
// `fd`, in order and back to back: sendmmsg(2), as many per system call as the kernel takes, never
// blocking (MSG_DONTWAIT). Returns how many the kernel accepted; `status[i]` is 0 for a frame sent
// and its errno for one that failed (a failed frame is skipped and the rest are still tried, so a
// full transmit queue costs the frames it refused, not the whole burst). Bad arguments throw a
// TypeError before anything is sent; kernel failures never throw.
//
//   closeSocket(fd: number): void
//
// Closes a socket openSocket returned (errors ignored: the fd is gone either way).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "packet.h"

#define MAX_BURST_FRAMES 4096

// An int argument in [min, max] (packet.c's get_integer); false (nothing thrown) when it is not one.
static bool get_int(napi_env env, napi_value value, double min, double max, int *out) {
  double number;
  if (!get_integer(env, value, min, max, &number)) return false;
  *out = (int)number;
  return true;
}

napi_value burst_open_socket(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) {
    return throw_type(env, "openSocket(ifindex): one argument is required");
  }
  int ifindex;
  if (!get_int(env, argv[0], 1, INT32_MAX, &ifindex)) {
    return throw_type(env, "openSocket: ifindex must be a positive integer");
  }
  int fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return throw_errno(env, "socket", errno);
  struct sockaddr_ll local;
  memset(&local, 0, sizeof local);
  local.sll_family = AF_PACKET;
  local.sll_protocol = 0; // receives nothing
  local.sll_ifindex = ifindex;
  if (bind(fd, (const struct sockaddr *)&local, sizeof local) < 0) {
    int bind_errno = errno;
    close(fd);
    return throw_errno(env, "bind", bind_errno);
  }
  napi_value result;
  if (napi_create_int32(env, fd, &result) != napi_ok) {
    close(fd);
    return throw_type(env, "openSocket: cannot return the socket");
  }
  return result;
}

napi_value burst_close_socket(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) {
    return throw_type(env, "closeSocket(fd): one argument is required");
  }
  int fd;
  if (!get_int(env, argv[0], 0, INT32_MAX, &fd)) {
    return throw_type(env, "closeSocket: fd must be a non-negative integer");
  }
  close(fd); // on EINTR Linux has closed it anyway
  return NULL;
}

// What one sendFrames call needs per frame, allocated together.
struct burst {
  struct mmsghdr *messages;
  struct iovec *iovecs;
  struct sockaddr_ll *addresses;
};

static void free_burst(struct burst *b) {
  free(b->messages);
  free(b->iovecs);
  free(b->addresses);
}

napi_value burst_send_frames(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 4) {
    return throw_type(env, "sendFrames(fd, ifindex, frames, status): four arguments are required");
  }
  int fd, ifindex;
  if (!get_int(env, argv[0], 0, INT32_MAX, &fd)) {
    return throw_type(env, "sendFrames: fd must be a non-negative integer");
  }
  if (!get_int(env, argv[1], 1, INT32_MAX, &ifindex)) {
    return throw_type(env, "sendFrames: ifindex must be a positive integer");
  }
  bool is_array = false;
  uint32_t count = 0;
  if (napi_is_array(env, argv[2], &is_array) != napi_ok || !is_array ||
      napi_get_array_length(env, argv[2], &count) != napi_ok || count > MAX_BURST_FRAMES) {
    return throw_type(env, "sendFrames: frames must be an array of at most 4096 Buffers");
  }
  bool is_typed = false;
  napi_typedarray_type typed_type;
  size_t status_length = 0;
  void *status_data = NULL;
  if (napi_is_typedarray(env, argv[3], &is_typed) != napi_ok || !is_typed ||
      napi_get_typedarray_info(env, argv[3], &typed_type, &status_length, &status_data, NULL, NULL) !=
          napi_ok ||
      typed_type != napi_int32_array || status_length < count || (count > 0 && status_data == NULL)) {
    return throw_type(env, "sendFrames: status must be an Int32Array at least as long as frames");
  }
  int32_t *status = status_data;
  if (count == 0) {
    napi_value zero;
    napi_create_uint32(env, 0, &zero);
    return zero;
  }

  struct burst b = {
      .messages = calloc(count, sizeof *b.messages),
      .iovecs = calloc(count, sizeof *b.iovecs),
      .addresses = calloc(count, sizeof *b.addresses),
  };
  if (b.messages == NULL || b.iovecs == NULL || b.addresses == NULL) {
    free_burst(&b);
    return throw_errno(env, "malloc", ENOMEM);
  }
  // Every frame is checked before the first is sent. The Buffers' memory is used in place: nothing
  // runs JavaScript until this call returns.
  for (uint32_t i = 0; i < count; i++) {
    napi_value item;
    bool is_buffer = false;
    void *data = NULL;
    size_t length = 0;
    if (napi_get_element(env, argv[2], i, &item) != napi_ok || napi_is_buffer(env, item, &is_buffer) != napi_ok ||
        !is_buffer || napi_get_buffer_info(env, item, &data, &length) != napi_ok) {
      free_burst(&b);
      return throw_type(env, "sendFrames: every frame must be a Buffer");
    }
    if (length < ETH_HEADER_LEN || length > MAX_FRAME_LEN || data == NULL) {
      free_burst(&b);
      return throw_type(env, "sendFrames: a frame must hold an Ethernet header and at most 65535 bytes");
    }
    const uint8_t *frame = data;
    struct sockaddr_ll *to = &b.addresses[i];
    to->sll_family = AF_PACKET;
    to->sll_ifindex = ifindex;
    to->sll_protocol = htons((uint16_t)((frame[12] << 8) | frame[13])); // the frame's ethertype
    to->sll_halen = ETH_ALEN;
    memcpy(to->sll_addr, frame, ETH_ALEN); // destination MAC
    b.iovecs[i].iov_base = data;
    b.iovecs[i].iov_len = length;
    b.messages[i].msg_hdr.msg_name = to;
    b.messages[i].msg_hdr.msg_namelen = sizeof *to;
    b.messages[i].msg_hdr.msg_iov = &b.iovecs[i];
    b.messages[i].msg_hdr.msg_iovlen = 1;
    status[i] = 0;
  }

  // sendmmsg stops at the first frame the kernel refuses: it returns how many went before it, or
  // -1 with that frame's errno when it was the first. That frame is marked and skipped.
  uint32_t sent = 0;
  uint32_t next = 0;
  while (next < count) {
    int done = sendmmsg(fd, &b.messages[next], count - next, MSG_DONTWAIT);
    if (done < 0) {
      if (errno == EINTR) continue;
      status[next] = errno;
      next++;
      continue;
    }
    if (done == 0) { // not expected from Linux; do not spin
      status[next] = EAGAIN;
      next++;
      continue;
    }
    for (int k = 0; k < done; k++, next++) {
      if (b.messages[next].msg_len == b.iovecs[next].iov_len) {
        sent++;
      } else {
        status[next] = EMSGSIZE;
      }
    }
  }
  free_burst(&b);
  napi_value result;
  if (napi_create_uint32(env, sent, &result) != napi_ok) return NULL;
  return result;
}
