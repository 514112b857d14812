// vipd_packet: sends Ethernet frames through an AF_PACKET socket, and optionally collects replies.
//
//   sendFrame(ifindex: number, frame: Buffer): void
//
// Sends the frame to the interface with that index through one socket(AF_PACKET, SOCK_RAW, 0)
// (protocol 0: it never receives) that the process opens on first use and keeps: closing a packet
// socket waits for an RCU grace period (synchronize_net), milliseconds each on a busy host, which
// for hundreds of announcements in a row stalled the event loop for seconds. The send never
// blocks (MSG_DONTWAIT): a full transmit queue fails that one frame with EAGAIN. On failure throws
// an Error whose message carries the errno text, with `errno` (number) and `syscall` properties.
//
//   sendAndCollect(ifindex: number, frame: Buffer | Buffer[], ethertype: number, timeoutMs: number,
//                  maxFrames: number): Promise<Buffer[]>
//
// (An array of frames is sent in order through the one socket before the collection starts: a
// probe for many addresses at once costs one socket and one wait, not one of each per address.)
//
// Asynchronous (libuv threadpool; never blocks the event loop). Opens an AF_PACKET SOCK_RAW socket
// bound to `ifindex` and `ethertype` (host order, e.g. 0x0806), sends the frame, then collects the
// frames the interface receives for that ethertype (packet types HOST, BROADCAST and MULTICAST;
// our own outgoing frames are skipped) until `timeoutMs` has elapsed on the monotonic clock or
// `maxFrames` were collected, closes the socket and resolves with the raw frames (Ethernet header
// included; a frame longer than 65535 bytes is cut there). Bad arguments reject with a TypeError,
// kernel failures with an Error carrying the errno text, `errno` and `syscall`.
//
//   openSocket(ifindex: number): number
//   sendFrames(fd: number, ifindex: number, frames: Buffer[], status: Int32Array): number
//   closeSocket(fd: number): void
//
// A sending socket per interface, kept open by the caller, and a burst of frames sent back to back
// through it in one call (sendmmsg); see burst.c.
//
// All need CAP_NET_RAW and act in the network namespace of the calling process.
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <node_api.h>

#include "packet.h"

#define MAX_COLLECT_FRAMES 65536
#define MAX_SEND_FRAMES 65536
#define MAX_TIMEOUT_MS 600000

napi_value errno_error(napi_env env, const char *syscall, int err) {
  char text[160];
  snprintf(text, sizeof text, "%s: %s (errno %d)", syscall, strerror(err), err);
  napi_value message, error, errno_value, syscall_value;
  if (napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &message) != napi_ok ||
      napi_create_error(env, NULL, message, &error) != napi_ok) {
    return NULL;
  }
  if (napi_create_int32(env, err, &errno_value) != napi_ok ||
      napi_set_named_property(env, error, "errno", errno_value) != napi_ok ||
      napi_create_string_utf8(env, syscall, NAPI_AUTO_LENGTH, &syscall_value) != napi_ok ||
      napi_set_named_property(env, error, "syscall", syscall_value) != napi_ok) {
    return error; // the message still carries the errno text
  }
  return error;
}

// Returns NULL so callers can write `return throw_...(...)`; a pending exception is left as is.
napi_value throw_errno(napi_env env, const char *syscall, int err) {
  napi_value error = errno_error(env, syscall, err);
  if (error == NULL || napi_throw(env, error) != napi_ok) {
    char text[160];
    snprintf(text, sizeof text, "%s: %s (errno %d)", syscall, strerror(err), err);
    napi_throw_error(env, NULL, text);
  }
  return NULL;
}

napi_value throw_type(napi_env env, const char *text) {
  napi_throw_type_error(env, NULL, text);
  return NULL;
}

// The process's sending socket (see sendFrame), -1 until first use.
static int send_fd = -1;

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

  if (send_fd < 0) {
    send_fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
    if (send_fd < 0) return throw_errno(env, "socket", errno);
  }

  ssize_t sent;
  do {
    sent = sendto(send_fd, frame, length, MSG_DONTWAIT, (const struct sockaddr *)&to, sizeof to);
  } while (sent < 0 && errno == EINTR);
  int send_errno = errno;
  if (sent < 0 && send_errno == EBADF) send_fd = -1; // closed behind our back: reopen next time

  if (sent < 0) return throw_errno(env, "sendto", send_errno);
  if ((size_t)sent != length) return throw_errno(env, "sendto", EMSGSIZE);
  return NULL; // undefined
}

// ---- sendAndCollect -------------------------------------------------------------------------

struct collected_frame {
  uint8_t *data;
  size_t length;
};

// Everything one sendAndCollect call owns. `execute` (worker thread) touches only the plain C
// fields; `complete` (JS thread) turns them into the promise's value and frees the whole struct.
struct collect_job {
  napi_async_work work;
  napi_deferred deferred;
  int ifindex;
  uint16_t ethertype; // host order
  int timeout_ms;
  size_t max_frames;
  // Copies of the caller's frames (the Buffers may change or go away meanwhile), sent in order.
  uint8_t **outs;
  size_t *out_lengths;
  size_t out_count;
  struct collected_frame *frames;
  size_t frame_count;
  size_t frame_capacity;
  int err; // 0, or the errno of the failing call
  const char *syscall;
};

static void free_collect_job(struct collect_job *job) {
  if (job == NULL) return;
  for (size_t i = 0; i < job->frame_count; i++) free(job->frames[i].data);
  free(job->frames);
  for (size_t i = 0; i < job->out_count; i++) free(job->outs[i]);
  free(job->outs);
  free(job->out_lengths);
  free(job);
}

static int64_t monotonic_ms(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

// Appends a copy of `data`; returns 0 or ENOMEM.
static int keep_frame(struct collect_job *job, const uint8_t *data, size_t length) {
  if (job->frame_count == job->frame_capacity) {
    size_t capacity = job->frame_capacity == 0 ? 8 : job->frame_capacity * 2;
    struct collected_frame *grown = realloc(job->frames, capacity * sizeof *grown);
    if (grown == NULL) return ENOMEM;
    job->frames = grown;
    job->frame_capacity = capacity;
  }
  uint8_t *copy = malloc(length == 0 ? 1 : length);
  if (copy == NULL) return ENOMEM;
  memcpy(copy, data, length);
  job->frames[job->frame_count].data = copy;
  job->frames[job->frame_count].length = length;
  job->frame_count++;
  return 0;
}

static void fail_job(struct collect_job *job, const char *syscall, int err) {
  job->syscall = syscall;
  job->err = err;
}

// Worker thread: no N-API calls here.
static void collect_execute(napi_env env, void *data) {
  (void)env;
  struct collect_job *job = data;
  int64_t started = monotonic_ms();

  // Protocol 0 at socket() and the real one at bind(): nothing is queued from other interfaces.
  int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    fail_job(job, "socket", errno);
    return;
  }

  struct sockaddr_ll local;
  memset(&local, 0, sizeof local);
  local.sll_family = AF_PACKET;
  local.sll_protocol = htons(job->ethertype);
  local.sll_ifindex = job->ifindex;
  if (bind(fd, (const struct sockaddr *)&local, sizeof local) < 0) {
    int bind_errno = errno;
    close(fd);
    fail_job(job, "bind", bind_errno);
    return;
  }

  for (size_t i = 0; i < job->out_count; i++) {
    const uint8_t *frame = job->outs[i];
    size_t frame_length = job->out_lengths[i];
    struct sockaddr_ll to;
    memset(&to, 0, sizeof to);
    to.sll_family = AF_PACKET;
    to.sll_ifindex = job->ifindex;
    to.sll_protocol = htons((uint16_t)((frame[12] << 8) | frame[13]));
    to.sll_halen = ETH_ALEN;
    memcpy(to.sll_addr, frame, ETH_ALEN);
    ssize_t sent;
    do {
      sent = sendto(fd, frame, frame_length, 0, (const struct sockaddr *)&to, sizeof to);
    } while (sent < 0 && errno == EINTR);
    if (sent < 0 || (size_t)sent != frame_length) {
      int send_errno = sent < 0 ? errno : EMSGSIZE;
      close(fd);
      fail_job(job, "sendto", send_errno);
      return;
    }
  }

  uint8_t *buffer = malloc(MAX_FRAME_LEN);
  if (buffer == NULL) {
    close(fd);
    fail_job(job, "malloc", ENOMEM);
    return;
  }
  int64_t deadline = started + job->timeout_ms;
  while (job->frame_count < job->max_frames) {
    int64_t remaining = deadline - monotonic_ms();
    if (remaining <= 0) break;
    struct pollfd pfd = {.fd = fd, .events = POLLIN, .revents = 0};
    int ready = poll(&pfd, 1, (int)remaining);
    if (ready < 0) {
      if (errno == EINTR) continue;
      fail_job(job, "poll", errno);
      break;
    }
    if (ready == 0) continue; // the loop condition sees the deadline
    if ((pfd.revents & (POLLERR | POLLNVAL)) != 0 && (pfd.revents & POLLIN) == 0) {
      int soerr = 0;
      socklen_t soerr_len = sizeof soerr;
      if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &soerr_len) < 0) soerr = errno;
      fail_job(job, "poll", soerr != 0 ? soerr : EIO);
      break;
    }
    // Drain whatever is queued without blocking, then poll again.
    while (job->frame_count < job->max_frames) {
      struct sockaddr_ll from;
      socklen_t from_len = sizeof from;
      ssize_t got = recvfrom(fd, buffer, MAX_FRAME_LEN, MSG_DONTWAIT, (struct sockaddr *)&from, &from_len);
      if (got < 0) {
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) fail_job(job, "recvfrom", errno);
        break;
      }
      if (from.sll_ifindex != job->ifindex) continue;
      if (from.sll_pkttype != PACKET_HOST && from.sll_pkttype != PACKET_BROADCAST &&
          from.sll_pkttype != PACKET_MULTICAST) {
        continue; // PACKET_OUTGOING (our own frames), PACKET_OTHERHOST (promiscuous), loopback
      }
      int keep_errno = keep_frame(job, buffer, (size_t)got);
      if (keep_errno != 0) {
        fail_job(job, "malloc", keep_errno);
        break;
      }
    }
    if (job->err != 0) break;
  }
  free(buffer);
  close(fd);
}

static void reject_with(napi_env env, napi_deferred deferred, napi_value error) {
  if (error == NULL || napi_reject_deferred(env, deferred, error) != napi_ok) {
    // Last resort: a plain Error; if even that fails the promise stays pending and N-API is broken.
    napi_value message, fallback;
    if (napi_create_string_utf8(env, "sendAndCollect: cannot report the result", NAPI_AUTO_LENGTH,
                                &message) == napi_ok &&
        napi_create_error(env, NULL, message, &fallback) == napi_ok) {
      napi_reject_deferred(env, deferred, fallback);
    }
  }
}

// JS thread: settles the promise and frees the job.
static void collect_complete(napi_env env, napi_status status, void *data) {
  struct collect_job *job = data;
  if (status == napi_cancelled) {
    reject_with(env, job->deferred, errno_error(env, "sendAndCollect", ECANCELED));
  } else if (status != napi_ok) {
    reject_with(env, job->deferred, errno_error(env, "sendAndCollect", EIO));
  } else if (job->err != 0) {
    reject_with(env, job->deferred, errno_error(env, job->syscall, job->err));
  } else {
    napi_value array;
    bool built = napi_create_array_with_length(env, job->frame_count, &array) == napi_ok;
    for (size_t i = 0; built && i < job->frame_count; i++) {
      napi_value buffer;
      void *unused;
      built = napi_create_buffer_copy(env, job->frames[i].length, job->frames[i].data, &unused, &buffer) ==
                  napi_ok &&
              napi_set_element(env, array, (uint32_t)i, buffer) == napi_ok;
    }
    if (!built || napi_resolve_deferred(env, job->deferred, array) != napi_ok) {
      // A pending exception (e.g. out of memory) would otherwise surface in an unrelated place.
      bool pending = false;
      if (napi_is_exception_pending(env, &pending) == napi_ok && pending) {
        napi_value ignored;
        napi_get_and_clear_last_exception(env, &ignored);
      }
      reject_with(env, job->deferred, errno_error(env, "sendAndCollect", ENOMEM));
    }
  }
  napi_delete_async_work(env, job->work);
  free_collect_job(job);
}

// Reads an integer argument in [min, max]; returns false (nothing thrown) when it is not one.
bool get_integer(napi_env env, napi_value value, double min, double max, double *out) {
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_number) return false;
  double number;
  if (napi_get_value_double(env, value, &number) != napi_ok) return false;
  if (!(number >= min && number <= max) || number != (double)(int64_t)number) return false;
  *out = number;
  return true;
}

// Rejects `deferred` with a TypeError and returns `promise`, for argument errors.
static napi_value reject_type(napi_env env, napi_deferred deferred, napi_value promise, const char *text) {
  napi_value message, error;
  if (napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &message) != napi_ok ||
      napi_create_type_error(env, NULL, message, &error) != napi_ok) {
    error = NULL;
  }
  reject_with(env, deferred, error);
  return promise;
}

static napi_value send_and_collect(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) {
    return throw_type(env, "sendAndCollect: cannot read arguments");
  }
  napi_deferred deferred;
  napi_value promise;
  if (napi_create_promise(env, &deferred, &promise) != napi_ok) {
    napi_throw_error(env, NULL, "sendAndCollect: cannot create a promise");
    return NULL;
  }
  if (argc < 5) {
    return reject_type(env, deferred, promise,
                       "sendAndCollect(ifindex, frame, ethertype, timeoutMs, maxFrames): five arguments are required");
  }
  double ifindex, ethertype, timeout_ms, max_frames;
  if (!get_integer(env, argv[0], 1, INT32_MAX, &ifindex)) {
    return reject_type(env, deferred, promise, "sendAndCollect: ifindex must be a positive integer");
  }
  if (!get_integer(env, argv[2], 1, 0xffff, &ethertype)) {
    return reject_type(env, deferred, promise, "sendAndCollect: ethertype must be an integer in 1..65535");
  }
  if (!get_integer(env, argv[3], 0, MAX_TIMEOUT_MS, &timeout_ms)) {
    return reject_type(env, deferred, promise, "sendAndCollect: timeoutMs must be an integer in 0..600000");
  }
  if (!get_integer(env, argv[4], 0, MAX_COLLECT_FRAMES, &max_frames)) {
    return reject_type(env, deferred, promise, "sendAndCollect: maxFrames must be an integer in 0..65536");
  }
  // One Buffer, or an Array of them (probes for many addresses, one socket, one collection).
  bool is_array = false;
  uint32_t count = 1;
  if (napi_is_array(env, argv[1], &is_array) != napi_ok) {
    return reject_type(env, deferred, promise, "sendAndCollect: cannot read frame");
  }
  if (is_array &&
      (napi_get_array_length(env, argv[1], &count) != napi_ok || count == 0 || count > MAX_SEND_FRAMES)) {
    return reject_type(env, deferred, promise, "sendAndCollect: frames must be 1..65536 Buffers");
  }
  struct collect_job *job = calloc(1, sizeof *job);
  if (job == NULL || (job->outs = calloc(count, sizeof *job->outs)) == NULL ||
      (job->out_lengths = calloc(count, sizeof *job->out_lengths)) == NULL) {
    free_collect_job(job);
    reject_with(env, deferred, errno_error(env, "malloc", ENOMEM));
    return promise;
  }
  for (uint32_t i = 0; i < count; i++) {
    napi_value item = argv[1];
    if (is_array && napi_get_element(env, argv[1], i, &item) != napi_ok) item = NULL;
    bool is_buffer = false;
    void *data = NULL;
    size_t length = 0;
    if (item == NULL || napi_is_buffer(env, item, &is_buffer) != napi_ok || !is_buffer ||
        napi_get_buffer_info(env, item, &data, &length) != napi_ok) {
      free_collect_job(job);
      return reject_type(env, deferred, promise, "sendAndCollect: frame must be a Buffer");
    }
    if (length < ETH_HEADER_LEN || length > MAX_FRAME_LEN || data == NULL) {
      free_collect_job(job);
      return reject_type(env, deferred, promise,
                         "sendAndCollect: frame must hold an Ethernet header and at most 65535 bytes");
    }
    if ((job->outs[i] = malloc(length)) == NULL) {
      free_collect_job(job);
      reject_with(env, deferred, errno_error(env, "malloc", ENOMEM));
      return promise;
    }
    memcpy(job->outs[i], data, length);
    job->out_lengths[i] = length;
    job->out_count = i + 1;
  }
  job->deferred = deferred;
  job->ifindex = (int)ifindex;
  job->ethertype = (uint16_t)ethertype;
  job->timeout_ms = (int)timeout_ms;
  job->max_frames = (size_t)max_frames;

  napi_value resource_name;
  if (napi_create_string_utf8(env, "vipd_packet.sendAndCollect", NAPI_AUTO_LENGTH, &resource_name) != napi_ok ||
      napi_create_async_work(env, NULL, resource_name, collect_execute, collect_complete, job, &job->work) !=
          napi_ok) {
    free_collect_job(job);
    reject_with(env, deferred, errno_error(env, "napi_create_async_work", EIO));
    return promise;
  }
  if (napi_queue_async_work(env, job->work) != napi_ok) {
    napi_delete_async_work(env, job->work);
    free_collect_job(job);
    reject_with(env, deferred, errno_error(env, "napi_queue_async_work", EIO));
    return promise;
  }
  return promise; // `job` now belongs to collect_complete
}

static bool export_function(napi_env env, napi_value exports, const char *name, napi_callback cb) {
  napi_value fn;
  if (napi_create_function(env, name, NAPI_AUTO_LENGTH, cb, NULL, &fn) != napi_ok ||
      napi_set_named_property(env, exports, name, fn) != napi_ok) {
    char text[96];
    snprintf(text, sizeof text, "vipd_packet: cannot export %s", name);
    napi_throw_error(env, NULL, text);
    return false;
  }
  return true;
}

static napi_value init(napi_env env, napi_value exports) {
  if (!export_function(env, exports, "sendFrame", send_frame)) return NULL;
  if (!export_function(env, exports, "sendAndCollect", send_and_collect)) return NULL;
  if (!export_function(env, exports, "openSocket", burst_open_socket)) return NULL;
  if (!export_function(env, exports, "sendFrames", burst_send_frames)) return NULL;
  if (!export_function(env, exports, "closeSocket", burst_close_socket)) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
