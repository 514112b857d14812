// vipd-fence: dead-man's switch for vipd's VIP addresses. Started by vipd with a pipe on stdin;
// removes every tracked address (rtnetlink RTM_DELADDR, no fork, no `ip`) within ~1 ms when vipd
// dies (stdin EOF or read error) or stops beating (monotonic deadline passes). See
// packages/netif/src/fence-switch.ts for the protocol and the reasoning. Acts in the network
// namespace it was started in. Needs CAP_NET_ADMIN, like vipd. Lines in, one per message:
//   A <ifname> <addr>/<plen>   track (idempotent)          D <ifname> <addr>/<plen>   untrack
//   B <ms>                     deadline = now + ms (1..600000, CLOCK_MONOTONIC)
//   F                          remove every tracked address now
//   P <pid>                    vipd's `ip -batch` helper (0: none). Every fence SIGKILLs it and
//                              waits until it is gone BEFORE removing anything: commands vipd
//                              queued there (an add, a lifetime refresh, which re-creates an
//                              absent address) must not run after the fence and bring a VIP back.
// stdout: "ready" once, then "fenced <eof|deadline|request|signal> <removed>" after each fence.
// stderr: "info|warn|error: ..." lines. SIGTERM/SIGINT/SIGHUP: fence, then exit: this process
// never exits (except by SIGKILL) leaving a tracked address behind unguarded.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MAX_LINE 256
#define MAX_TRACKED 16384
#define MAX_BEAT_MS 600000L

struct entry {
  char ifname[IF_NAMESIZE];
  int family, plen;
  unsigned char addr[16];
  char text[INET6_ADDRSTRLEN + 5]; // "addr/plen"
};

static struct entry tracked[MAX_TRACKED];
static int ntracked, nl = -1;
static unsigned int nlseq;
static volatile sig_atomic_t got_signal;

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

// One write(2) per line, so lines never interleave; errors (EPIPE once vipd is gone) are ignored.
static void out(int fd, const char *fmt, ...) {
  char buf[MAX_LINE + 200];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf - 1, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n > sizeof buf - 2) n = sizeof buf - 2;
  buf[n++] = '\n';
  ssize_t w = write(fd, buf, (size_t)n);
  (void)w;
}

static void on_signal(int sig) { got_signal = sig; }

// vipd's ip helper (P): a pidfd when the kernel has them (no pid reuse), else the pid.
static int helper_pidfd = -1;
static pid_t helper_pid;

static void set_helper(pid_t pid) {
  if (helper_pidfd >= 0) close(helper_pidfd);
  helper_pidfd = -1;
  helper_pid = pid;
#ifdef SYS_pidfd_open
  if (pid > 0) helper_pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
#endif
}

// SIGKILL the helper and wait (up to 500 ms) until it has exited.
static void stop_helper(const char *reason) {
  if (helper_pid <= 0) return;
  long long t0 = now_ns();
  if (kill(helper_pid, SIGKILL) < 0 && errno == ESRCH) {
    set_helper(0);
    return;
  }
  int gone = 0;
  if (helper_pidfd >= 0) {
    struct pollfd p = {.fd = helper_pidfd, .events = POLLIN}; // readable once it has exited
    int r;
    do r = poll(&p, 1, 500);
    while (r < 0 && errno == EINTR);
    gone = r > 0;
  } else {
    struct timespec pause = {.tv_nsec = 5000000}; // no pidfd: give SIGKILL a moment
    nanosleep(&pause, NULL);
    gone = 1;
  }
  if (gone)
    out(2, "info: stopped ip helper %d (%s, %.3f ms)", (int)helper_pid, reason, (double)(now_ns() - t0) / 1e6);
  else
    out(2, "error: ip helper %d still running 500 ms after SIGKILL (%s)", (int)helper_pid, reason);
  set_helper(0);
}

// Remove one address; 0 or -errno (-ENODEV: no such interface, -EADDRNOTAVAIL: already absent).
static int del_addr(const struct entry *e) {
  unsigned int idx = if_nametoindex(e->ifname);
  if (idx == 0) return -ENODEV;
  struct {
    struct nlmsghdr n;
    struct ifaddrmsg ifa;
    char attrs[2 * RTA_SPACE(16)];
  } req;
  memset(&req, 0, sizeof req);
  size_t alen = e->family == AF_INET ? 4 : 16;
  req.n.nlmsg_len = NLMSG_LENGTH(sizeof req.ifa);
  req.n.nlmsg_type = RTM_DELADDR;
  req.n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
  req.n.nlmsg_seq = ++nlseq;
  req.ifa.ifa_family = (unsigned char)e->family;
  req.ifa.ifa_prefixlen = (unsigned char)e->plen;
  req.ifa.ifa_index = idx;
  const unsigned short types[2] = {IFA_LOCAL, IFA_ADDRESS}; // what `ip address del` sends
  for (int i = 0; i < 2; i++) {
    struct rtattr *rta = (struct rtattr *)((char *)&req + NLMSG_ALIGN(req.n.nlmsg_len));
    rta->rta_type = types[i];
    rta->rta_len = (unsigned short)RTA_LENGTH(alen);
    memcpy(RTA_DATA(rta), e->addr, alen);
    req.n.nlmsg_len = NLMSG_ALIGN(req.n.nlmsg_len) + RTA_SPACE(alen);
  }
  struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
  if (sendto(nl, &req, req.n.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0) return -errno;
  for (;;) {
    char buf[8192] __attribute__((aligned(4)));
    ssize_t n = recv(nl, buf, sizeof buf, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -errno; // EAGAIN: no answer within SO_RCVTIMEO
    }
    for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (unsigned int)n); h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_seq != req.n.nlmsg_seq || h->nlmsg_type != NLMSG_ERROR) continue;
      if (h->nlmsg_len < NLMSG_LENGTH(sizeof(struct nlmsgerr))) return -EPROTO;
      return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
    }
  }
}

// Remove every tracked address, log each with its delay after `ref` (deadline or detection), clear.
static void fence(const char *reason, long long ref) {
  stop_helper(reason);
  int removed = 0;
  for (int i = 0; i < ntracked; i++) {
    const struct entry *e = &tracked[i];
    int r = del_addr(e);
    double late = (double)(now_ns() - ref) / 1e6;
    if (r == 0) {
      removed++;
      out(2, "info: removed %s dev %s (%s, %.3f ms late)", e->text, e->ifname, reason, late);
    } else if (r == -EADDRNOTAVAIL) {
      out(2, "warn: %s dev %s already absent (%s, %.3f ms late)", e->text, e->ifname, reason, late);
    } else {
      out(2, "error: cannot remove %s dev %s (%s): %s", e->text, e->ifname, reason, strerror(-r));
    }
  }
  if (ntracked == 0) out(2, "info: fence (%s): nothing tracked", reason);
  ntracked = 0;
  out(1, "fenced %s %d", reason, removed);
}

// Decimal digits only, no sign, value in [min, max].
static int parse_num(const char *s, long min, long max, long *v) {
  size_t len = strlen(s);
  if (len == 0 || len > 7 || strspn(s, "0123456789") != len) return -1;
  *v = 0;
  for (const char *p = s; *p; p++) *v = *v * 10 + (*p - '0');
  return *v < min || *v > max ? -1 : 0;
}

static int parse_entry(const char *ifname, const char *cidr, struct entry *e) {
  size_t iflen = strlen(ifname);
  if (iflen == 0 || iflen >= IF_NAMESIZE || strpbrk(ifname, "/:") || !strcmp(ifname, ".") ||
      !strcmp(ifname, ".."))
    return -1;
  const char *slash = strchr(cidr, '/');
  char addr[INET6_ADDRSTRLEN];
  long plen;
  if (!slash || (size_t)(slash - cidr) >= sizeof addr) return -1;
  memcpy(addr, cidr, (size_t)(slash - cidr));
  addr[slash - cidr] = '\0';
  memset(e, 0, sizeof *e);
  e->family = strchr(addr, ':') ? AF_INET6 : AF_INET;
  if (inet_pton(e->family, addr, e->addr) != 1) return -1;
  if (parse_num(slash + 1, 0, e->family == AF_INET ? 32 : 128, &plen) < 0) return -1;
  e->plen = (int)plen;
  memcpy(e->ifname, ifname, iflen + 1);
  char canon[INET6_ADDRSTRLEN];
  inet_ntop(e->family, e->addr, canon, sizeof canon);
  snprintf(e->text, sizeof e->text, "%s/%d", canon, e->plen);
  return 0;
}

static int find(const struct entry *e) {
  for (int i = 0; i < ntracked; i++) {
    const struct entry *t = &tracked[i];
    if (t->family == e->family && t->plen == e->plen && !strcmp(t->ifname, e->ifname) &&
        !memcmp(t->addr, e->addr, sizeof t->addr))
      return i;
  }
  return -1;
}

static void handle_line(char *line, size_t len, long long *deadline) {
  for (size_t i = 0; i < len; i++) {
    if (line[i] < 0x20 || line[i] > 0x7e) {
      out(2, "error: ignored a line with non-printable bytes");
      return;
    }
  }
  char orig[MAX_LINE + 1], *save = NULL, *tok[4] = {0};
  memcpy(orig, line, len + 1);
  int n = 0;
  for (char *t = strtok_r(line, " ", &save); t && n < 4; t = strtok_r(NULL, " ", &save)) tok[n++] = t;
  struct entry e;
  long ms;
  if (n == 3 && (!strcmp(tok[0], "A") || !strcmp(tok[0], "D")) && parse_entry(tok[1], tok[2], &e) == 0) {
    int i = find(&e);
    if (tok[0][0] == 'D') {
      if (i >= 0) tracked[i] = tracked[--ntracked];
    } else if (i < 0) {
      if (ntracked < MAX_TRACKED)
        tracked[ntracked++] = e;
      else
        out(2, "error: cannot track %s dev %s: %d addresses tracked already", e.text, e.ifname, MAX_TRACKED);
    }
  } else if (n == 2 && !strcmp(tok[0], "B") && parse_num(tok[1], 1, MAX_BEAT_MS, &ms) == 0) {
    *deadline = now_ns() + ms * 1000000LL;
  } else if (n == 2 && !strcmp(tok[0], "P") && parse_num(tok[1], 0, 4194304, &ms) == 0) {
    set_helper((pid_t)ms);
  } else if (n == 1 && !strcmp(tok[0], "F")) {
    fence("request", now_ns());
  } else {
    out(2, "error: ignored malformed line \"%s\"", orig);
  }
}

int main(void) {
  signal(SIGPIPE, SIG_IGN);
  sigset_t block, empty;
  sigemptyset(&empty);
  sigemptyset(&block);
  sigaddset(&block, SIGTERM);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGHUP);
  sigprocmask(SIG_BLOCK, &block, NULL); // delivered only inside ppoll(): no lost wake-up
  struct sigaction sa = {.sa_handler = on_signal};
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  prctl(PR_SET_TIMERSLACK, 1UL);   // wake up at the deadline, not 50 us later
  (void)mlockall(MCL_CURRENT);     // best effort: no page-in on the fence path under memory pressure
  nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  struct sockaddr_nl local = {.nl_family = AF_NETLINK};
  struct timeval rcvto = {.tv_sec = 1};
  if (nl < 0 || bind(nl, (struct sockaddr *)&local, sizeof local) < 0 ||
      setsockopt(nl, SOL_SOCKET, SO_RCVTIMEO, &rcvto, sizeof rcvto) < 0) {
    out(2, "error: cannot open rtnetlink socket: %s", strerror(errno));
    return 1;
  }
  out(1, "ready");
  char line[MAX_LINE + 1], chunk[4096];
  size_t len = 0;
  int discarding = 0;
  long long deadline = 0; // 0: no deadline before the first beat, nor after a deadline fence
  for (;;) {
    long long now = now_ns();
    if (deadline != 0 && now >= deadline) {
      fence("deadline", deadline);
      deadline = 0;
      continue;
    }
    struct timespec ts, *tsp = NULL;
    if (deadline != 0) {
      ts.tv_sec = (deadline - now) / 1000000000LL;
      ts.tv_nsec = (deadline - now) % 1000000000LL;
      tsp = &ts;
    }
    struct pollfd pfd = {.fd = 0, .events = POLLIN};
    int r = ppoll(&pfd, 1, tsp, &empty);
    if (r < 0 && errno != EINTR) out(2, "error: poll: %s", strerror(errno));
    if (got_signal) {
      out(2, "info: signal %d: fencing and exiting", (int)got_signal);
      fence("signal", now_ns());
      return 128 + got_signal;
    }
    if (r <= 0) continue;
    ssize_t n = read(0, chunk, sizeof chunk);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) { // EOF or read error: vipd is gone (or closed us)
      long long seen = now_ns();
      if (n < 0) out(2, "error: read stdin: %s", strerror(errno));
      if (len > 0 || discarding) out(2, "warn: ignored an unterminated last line");
      fence("eof", seen);
      return 0;
    }
    for (ssize_t i = 0; i < n; i++) {
      char c = chunk[i];
      if (c == '\n') {
        if (discarding) out(2, "error: ignored a line longer than %d bytes", MAX_LINE);
        else {
          line[len] = '\0';
          handle_line(line, len, &deadline);
        }
        len = 0;
        discarding = 0;
      } else if (!discarding) {
        if (len == MAX_LINE) discarding = 1;
        else line[len++] = c;
      }
    }
  }
}
