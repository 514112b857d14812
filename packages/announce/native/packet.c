// vipd_packet: sends one complete Ethernet frame through an AF_PACKET socket.
//
//   sendFrame(ifindex: number, frame: Buffer): void
//
// Opens socket(AF_PACKET, SOCK_RAW, 0) (protocol 0: it never receives), sends the frame to the
// interface with that index, closes the socket. On failure throws an Error whose message carries
// the errno text, with `errno` (number) and `syscall` properties. Needs CAP_NET_RAW. Acts in the
// network namespace of the calling process.
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <node_api.h>

#define ETH_HEADER_LEN 14
#define MAX_FRAME_LEN 65535

// Returns NULL so callers can write `return throw_...(...)`; a pending exception is left as is.
static napi_value throw_errno(napi_env env, const char *syscall, int err) {
  char text[160];
  snprintf(text, sizeof text, "%s: %s (errno %d)", syscall, strerror(err), err);
  napi_value message, error, errno_value, syscall_value;
  if (napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &message) != napi_ok ||
      napi_create_error(env, NULL, message, &error) != napi_ok) {
    napi_throw_error(env, NULL, text);
    return NULL;
  }
  if (napi_create_int32(env, err, &errno_value) == napi_ok) {
    napi_set_named_property(env, error, "errno", errno_value);
  }
  if (napi_create_string_utf8(env, syscall, NAPI_AUTO_LENGTH, &syscall_value) == napi_ok) {
    napi_set_named_property(env, error, "syscall", syscall_value);
  }
  napi_throw(env, error);
  return NULL;
}

static napi_value throw_type(napi_env env, const char *text) {
  napi_throw_type_error(env, NULL, text);
  return NULL;
}

static napi_value send_frame(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) {
    return throw_type(env, "sendFrame: cannot read arguments");
  }
  if (argc < 2) return throw_type(env, "sendFrame(ifindex, frame): two arguments are required");

  napi_valuetype type;
  if (napi_typeof(env, argv[0], &type) != napi_ok || type != napi_number) {
    return throw_type(env, "sendFrame: ifindex must be a number");
  }
  double ifindex_value;
  if (napi_get_value_double(env, argv[0], &ifindex_value) != napi_ok) {
    return throw_type(env, "sendFrame: cannot read ifindex");
  }
  if (!(ifindex_value >= 1 && ifindex_value <= INT32_MAX) || ifindex_value != (double)(int32_t)ifindex_value) {
    return throw_type(env, "sendFrame: ifindex must be a positive integer");
  }
  int ifindex = (int)ifindex_value;

  bool is_buffer = false;
  if (napi_is_buffer(env, argv[1], &is_buffer) != napi_ok || !is_buffer) {
    return throw_type(env, "sendFrame: frame must be a Buffer");
  }
  void *data = NULL;
  size_t length = 0;
  if (napi_get_buffer_info(env, argv[1], &data, &length) != napi_ok) {
    return throw_type(env, "sendFrame: cannot read frame");
  }
  if (length < ETH_HEADER_LEN || length > MAX_FRAME_LEN || data == NULL) {
    return throw_type(env, "sendFrame: frame must hold an Ethernet header and at most 65535 bytes");
  }
  const uint8_t *frame = data;

  struct sockaddr_ll to;
  memset(&to, 0, sizeof to);
  to.sll_family = AF_PACKET;
  to.sll_ifindex = ifindex;
  to.sll_protocol = htons((uint16_t)((frame[12] << 8) | frame[13])); // the frame's ethertype
  to.sll_halen = ETH_ALEN;
  memcpy(to.sll_addr, frame, ETH_ALEN); // destination MAC

  int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
  if (fd < 0) return throw_errno(env, "socket", errno);

  ssize_t sent;
  do {
    sent = sendto(fd, frame, length, 0, (const struct sockaddr *)&to, sizeof to);
  } while (sent < 0 && errno == EINTR);
  int send_errno = errno;
  close(fd);

  if (sent < 0) return throw_errno(env, "sendto", send_errno);
  if ((size_t)sent != length) return throw_errno(env, "sendto", EMSGSIZE);
  return NULL; // undefined
}

static napi_value init(napi_env env, napi_value exports) {
  napi_value fn;
  if (napi_create_function(env, "sendFrame", NAPI_AUTO_LENGTH, send_frame, NULL, &fn) != napi_ok) {
    napi_throw_error(env, NULL, "vipd_packet: cannot create sendFrame");
    return NULL;
  }
  if (napi_set_named_property(env, exports, "sendFrame", fn) != napi_ok) {
    napi_throw_error(env, NULL, "vipd_packet: cannot export sendFrame");
    return NULL;
  }
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
