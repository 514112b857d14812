// vipd-agent: the kernel agent. The only thing that adds, refreshes or removes vipd's VIP
// addresses, and the dead-man's switch that removes them all when vipd dies or stops beating.
// The protocol, the reasoning and the client are in packages/netif/src/kernel-agent.ts.
//
// Commands in (one ASCII line each, at most 255 bytes):
//   A <id> <epoch> <ifname> <addr>/<plen> <valid_lft> [<label>] [<option>…]   add or replace, and track
//   R <id> <epoch> <ifname> <addr>/<plen> <valid_lft> [<option>…]             refresh a tracked address
//     options (Pacemaker IPaddr2's): noprefixroute | scope=<0..255> | brd=<IPv4> (scope and brd:
//     IPv4 only). An IPv6 refresh replaces the address's flags, so R repeats noprefixroute.
//   D <id> <ifname> <addr>/<plen>                                 remove and untrack
//   route-add <id> <epoch> <dst>/<plen> <dev|-> <via|-> <table> <metric>   add or replace, and track
//   route-del <id> <dst>/<plen> <dev|-> <via|-> <table> <metric>           remove and untrack
//   rule-add <id> <epoch> <from>/<plen>|- <to>/<plen>|- <table> <priority> add, and track
//   rule-del <id> <from>/<plen>|- <to>/<plen>|- <table> <priority>         remove and untrack
//     keepalived's virtual_routes and virtual_rules. A route needs a dev or a via (or both); a
//     rule a from or a to; table 1..4294967295, metric 0..4294967295, priority 0 (the kernel
//     picks) ..4294967295; every address of one command in one family. Routes and rules carry
//     protocol 0x76 (vipd's) and are tracked like addresses: the fence removes them too, newest
//     first (so a route goes before the address it came with). They have no kernel lifetime.
//     A rule the agent tracks already is not added twice (the kernel would duplicate it).
//   vmac-add <id> <epoch> <parent> <name> <mac>   a macvlan (private mode) named <name> on
//                                                 <parent> with <mac>, up; an existing one (a
//                                                 macvlan) is updated; tracked (untracked again
//                                                 when the kernel refuses: a fence never deletes
//                                                 an interface that is not vipd's)
//   vmac-del <id> <name>                          delete it and untrack
//     keepalived's use_vmac: the fence deletes a tracked macvlan (after the addresses on it),
//     so a fenced node no longer answers for the virtual MAC.
//   kill-on-fence <id> <pid>                      the next fence SIGKILLs this process first
//                                                 (BGP mode: vipd's gobgpd, whose sessions then
//                                                 close, so the routers withdraw its routes).
//                                                 Held by a pidfd from this moment, so a
//                                                 recycled PID is never hit; replaces an earlier
//                                                 one; pid 0 forgets it. Answered at once.
//   B <ms>        deadline = now + ms (CLOCK_MONOTONIC, 1..600000)
//   T <ms>        deadline = <ms> on CLOCK_MONOTONIC (absolute; at most now + 600000): a beat
//                 that waited in the pipe cannot move the deadline later than vipd meant
//   F             fence now
//   L <ms> <until> keep lifetimes: until <until> (absolute ms on CLOCK_MONOTONIC, as T; at most
//                 now + 600000) and while the deadline holds, the agent itself refreshes every
//                 address it added (A answered ok) once its last add or refresh is <ms> old
//                 (100..600000), or earlier when many came due together (oldest first; see
//                 next_keep_due), with the lifetime and options of that add, 32 at a time
//                 between batches of commands. vipd says it again after every renewal, with <until> the
//                 latest moment a refresh still ends before the lease could expire (docs/safety.md);
//                 vipd's event loop is then not in the refresh's path, and no address waits for
//                 a whole round of the others. "L 0" stops it; a fence untracks everything.
// A and R run only while <epoch> is the agent's epoch; every fence removes every tracked
// address in one rtnetlink batch, then bumps the epoch, so nothing vipd queued before a fence
// can bring an address back after it. Changes go to the kernel in batches of rtnetlink
// messages (many per sendmsg), every ack is read, and every command gets one reply, in order:
//   ok <id> | absent <id> | err <id> <ERRNO> <message> | stale <id> <epoch> | untracked <id>
// Before it fences for a passed deadline, it reads whatever vipd has written meanwhile and takes
// the newest T among it first (commands still run in order): beats queued behind a long batch
// of address changes must not count as missing.
// Other lines out: "ready <epoch> T L" (T: absolute beats understood; L: lifetimes kept), "fenced <reason> <epoch> <removed> <absent> <failed> <ms>",
// "log <info|warn|error> <text>", "dropped <n>" (lines lost to a full output buffer),
// "kept <refreshed> <late> <max_age_ms> <failed> <ERRNO|->" (at most once a second, when a kept
// lifetime's refresh came late or failed: late = refreshed after its lifetime had run out, so the
// kernel had removed the address meanwhile; max_age_ms the oldest such one's age).
//
// It never blocks on its output: replies and logs wait in a 1 MiB buffer and are written
// without blocking when vipd reads; a full buffer drops lines and counts them. Each fence also
// writes its summary line to stderr (the journal), only if that cannot block.
//
// Two ways to run: as vipd's child (commands on stdin, output on stdout; EOF = vipd is gone:
// fence and exit), or `vipd-agent --listen PATH` as its own service (vipd-agent.service), so
// that a freeze or kill of vipd's cgroup does not reach it: one connection at a time from the
// same user or root; the connection's end fences, and the agent waits for the next one.
// SIGTERM, SIGINT, SIGHUP: fence, then exit. Acts in the network namespace it was started in.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/fib_rules.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#ifndef IFA_RT_PRIORITY
#define IFA_RT_PRIORITY 9
#endif
#ifndef IFA_PROTO
#define IFA_PROTO 11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif

#define MAX_LINE 255
#define MAX_TRACKED 16384
#define TABLE_SIZE (2 * MAX_TRACKED) // open addressing, power of two
#define MAX_BATCH 256                // commands gathered before they go to the kernel (one
                                     // sendmsg; the deadline is looked at between batches)
#define IN_CAP (1 << 20)             // input read ahead of the commands (see expired())
#define MSGS_PER_SEND 256            // rtnetlink messages per sendmsg
#define MAX_BEAT_MS 600000L
#define OUT_CAP (1 << 20)
// Results besides 0 and -errno, answered without the kernel (ABSENT: a removal found nothing).
#define ABSENT 1
#define STALE 2
#define UNTRACKED 3
#define VIPD_ADDR_METRIC 0x7669 // see address-args.ts: the mark `ip -json addr` shows
#define VIPD_ADDR_PROTO 0x76

// One tracked thing. An address: ifname, addr/plen. A route: addr/plen the destination, ifname
// the dev ("" none), addr2 the gateway (plen2 1: given), table, num the metric. A rule: addr/plen
// from, addr2/plen2 to (plen 0 and all zero: any), table, num the priority. No padding: the
// hash and the comparisons read every byte.
#define T_ADDR 0
#define T_ROUTE 1
#define T_RULE 2
#define T_LINK 3 // a virtual-MAC macvlan: ifname its name (the rest zero)
struct entry {
  char ifname[IF_NAMESIZE];
  unsigned char family, plen, type, plen2;
  unsigned char addr[16];
  unsigned char addr2[16];
  uint32_t table, num;
};

struct cmd {
  char kind; // 'A', 'R', 'D', or 'X' (answered already)
  unsigned long long id, epoch;
  struct entry e;
  unsigned int valid;
  char label[IF_NAMESIZE];
  uint32_t flags; // IFA_F_NOPREFIXROUTE when asked
  int scope; // -1: RT_SCOPE_UNIVERSE
  int has_brd;
  unsigned char brd[4];
  int ifindex;
  int result; // 0, -errno, or one of ABSENT, STALE, UNTRACKED below
  const char *why; // for a refused command: what was wrong with it
  char parent[IF_NAMESIZE]; // vmac-add: the interface it goes on
  unsigned char mac[6];     // vmac-add: its MAC
};

// ---------------------------------------------------------------- output, never blocking
static char outbuf[OUT_CAP];
static size_t outlen;
static unsigned long long dropped;
static int out_fd = 1;

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void flush_out(void) {
  while (out_fd >= 0 && outlen > 0) {
    ssize_t w = write(out_fd, outbuf, outlen);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return; // EAGAIN (vipd not reading), EPIPE (gone): kept, or lost with the peer
    memmove(outbuf, outbuf + w, outlen - (size_t)w);
    outlen -= (size_t)w;
  }
}

static void emit(const char *fmt, ...) {
  char line[MAX_LINE + 256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(line, sizeof line - 1, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n > sizeof line - 2) n = sizeof line - 2;
  line[n++] = '\n';
  if (dropped > 0 && outlen + 32 < OUT_CAP) {
    outlen += (size_t)snprintf(outbuf + outlen, 32, "dropped %llu\n", dropped);
    dropped = 0;
  }
  if (outlen + (size_t)n > OUT_CAP) {
    dropped++;
    return;
  }
  memcpy(outbuf + outlen, line, (size_t)n);
  outlen += (size_t)n;
}

// stderr only when it has room: the journal must never hold up a fence.
static void to_stderr(const char *text) {
  struct pollfd p = {.fd = 2, .events = POLLOUT};
  if (poll(&p, 1, 0) != 1 || !(p.revents & POLLOUT)) return;
  ssize_t w = write(2, text, strlen(text));
  (void)w;
}

// ---------------------------------------------------------------- tracked addresses
static struct entry tracked[MAX_TRACKED];
static int ntracked;
static int table[TABLE_SIZE]; // index + 1 into tracked, 0 = empty

// What the agent needs to refresh a tracked address itself (L), beside tracked[] (same index).
// valid 0: not added successfully yet, never refreshed by the agent.
struct keep {
  unsigned int valid;
  uint32_t flags;
  int scope;
  int has_brd;
  unsigned char brd[4];
  char label[IF_NAMESIZE];
  long long at; // CLOCK_MONOTONIC ns when its last add or refresh was sent
};
static struct keep keeps[MAX_TRACKED];

static uint32_t hash_entry(const struct entry *e) {
  uint32_t h = 2166136261u;
  const unsigned char *p = (const unsigned char *)e;
  for (size_t i = 0; i < sizeof *e; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

static int slot_of(const struct entry *e) {
  uint32_t i = hash_entry(e) & (TABLE_SIZE - 1);
  while (table[i] != 0 && memcmp(&tracked[table[i] - 1], e, sizeof *e) != 0) i = (i + 1) & (TABLE_SIZE - 1);
  return (int)i;
}

static int is_tracked(const struct entry *e) { return table[slot_of(e)] != 0; }

static int track(const struct entry *e) {
  int s = slot_of(e);
  if (table[s] != 0) return 0;
  if (ntracked == MAX_TRACKED) return -1;
  tracked[ntracked] = *e;
  memset(&keeps[ntracked], 0, sizeof keeps[ntracked]);
  table[s] = ++ntracked;
  return 0;
}

// Backward-shift deletion (open addressing, linear probing): whether the entry at slot j, whose
// home slot is `home`, may move back into the hole at slot i without breaking its probe chain.
static int may_fill_hole(uint32_t home, uint32_t i, uint32_t j) {
  return (j > i && (home <= i || home > j)) || (j < i && home <= i && home > j);
}

static void untrack(const struct entry *e) {
  int s = slot_of(e);
  if (table[s] == 0) return;
  int idx = table[s] - 1, last = ntracked - 1;
  // Backward-shift deletion keeps every probe chain unbroken.
  uint32_t i = (uint32_t)s, j = i;
  for (;;) {
    j = (j + 1) & (TABLE_SIZE - 1);
    if (table[j] == 0) break;
    if (may_fill_hole(hash_entry(&tracked[table[j] - 1]) & (TABLE_SIZE - 1), i, j)) {
      table[i] = table[j];
      i = j;
    }
  }
  table[i] = 0;
  if (idx != last) { // move the last entry into the hole
    int ls = slot_of(&tracked[last]);
    tracked[idx] = tracked[last];
    keeps[idx] = keeps[last];
    table[ls] = idx + 1;
  }
  ntracked--;
}

static void untrack_all(void) {
  memset(table, 0, sizeof table);
  ntracked = 0;
}

// ---------------------------------------------------------------- rtnetlink
static int nl = -1;
static unsigned int nlseq;

static void add_attr(struct nlmsghdr *n, unsigned short type, const void *data, size_t len) {
  struct rtattr *rta = (struct rtattr *)((char *)n + NLMSG_ALIGN(n->nlmsg_len));
  rta->rta_type = type;
  rta->rta_len = (unsigned short)RTA_LENGTH(len);
  if (len) memcpy(RTA_DATA(rta), data, len);
  n->nlmsg_len = NLMSG_ALIGN(n->nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

#define MSG_ROOM 256 // largest message we build (an add with every attribute: ~140 bytes)

// RTM_NEWROUTE (NLM_F_CREATE|NLM_F_REPLACE) or RTM_DELROUTE: only routes of vipd's protocol
// match a removal.
static size_t build_route(char *buf, const struct cmd *c) {
  struct nlmsghdr *n = (struct nlmsghdr *)buf;
  struct rtmsg *rt = NLMSG_DATA(n);
  size_t alen = c->e.family == AF_INET ? 4 : 16;
  n->nlmsg_len = NLMSG_LENGTH(sizeof *rt);
  rt->rtm_family = c->e.family;
  rt->rtm_dst_len = c->e.plen;
  rt->rtm_table = c->e.table < 256 ? (unsigned char)c->e.table : RT_TABLE_UNSPEC;
  rt->rtm_protocol = VIPD_ADDR_PROTO;
  rt->rtm_type = RTN_UNICAST;
  add_attr(n, RTA_DST, c->e.addr, alen);
  if (c->e.plen2) add_attr(n, RTA_GATEWAY, c->e.addr2, alen);
  if (c->ifindex > 0) {
    uint32_t oif = (uint32_t)c->ifindex;
    add_attr(n, RTA_OIF, &oif, sizeof oif);
  }
  add_attr(n, RTA_TABLE, &c->e.table, sizeof c->e.table);
  add_attr(n, RTA_PRIORITY, &c->e.num, sizeof c->e.num);
  if (c->kind == 'D') {
    n->nlmsg_type = RTM_DELROUTE;
    n->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
    rt->rtm_scope = RT_SCOPE_NOWHERE; // any scope
  } else {
    n->nlmsg_type = RTM_NEWROUTE;
    n->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE;
    rt->rtm_scope = c->e.plen2 ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
  }
  return n->nlmsg_len;
}

static struct rtattr *nest_start(struct nlmsghdr *n, unsigned short type) {
  struct rtattr *nest = (struct rtattr *)((char *)n + NLMSG_ALIGN(n->nlmsg_len));
  add_attr(n, type, NULL, 0);
  return nest;
}

static void nest_end(struct nlmsghdr *n, struct rtattr *nest) {
  nest->rta_len = (unsigned short)((char *)n + n->nlmsg_len - (char *)nest);
}

// RTM_NEWLINK (NLM_F_CREATE: creates, or updates a macvlan of that name) or RTM_DELLINK by name.
static size_t build_link(char *buf, const struct cmd *c) {
  struct nlmsghdr *n = (struct nlmsghdr *)buf;
  struct ifinfomsg *ifi = NLMSG_DATA(n);
  n->nlmsg_len = NLMSG_LENGTH(sizeof *ifi);
  ifi->ifi_family = AF_UNSPEC;
  add_attr(n, IFLA_IFNAME, c->e.ifname, strlen(c->e.ifname) + 1);
  if (c->kind == 'D') {
    n->nlmsg_type = RTM_DELLINK;
    n->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
    return n->nlmsg_len;
  }
  n->nlmsg_type = RTM_NEWLINK;
  n->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE;
  ifi->ifi_flags = IFF_UP;
  ifi->ifi_change = IFF_UP;
  uint32_t link = (uint32_t)c->ifindex;
  add_attr(n, IFLA_LINK, &link, sizeof link);
  add_attr(n, IFLA_ADDRESS, c->mac, sizeof c->mac);
  struct rtattr *info = nest_start(n, IFLA_LINKINFO);
  add_attr(n, IFLA_INFO_KIND, "macvlan", 7);
  struct rtattr *data = nest_start(n, IFLA_INFO_DATA);
  uint32_t mode = MACVLAN_MODE_PRIVATE;
  add_attr(n, IFLA_MACVLAN_MODE, &mode, sizeof mode);
  nest_end(n, data);
  nest_end(n, info);
  return n->nlmsg_len;
}

// RTM_NEWRULE (NLM_F_CREATE|NLM_F_EXCL: EEXIST when the very rule is there) or RTM_DELRULE.
static size_t build_rule(char *buf, const struct cmd *c) {
  struct nlmsghdr *n = (struct nlmsghdr *)buf;
  struct fib_rule_hdr *fr = NLMSG_DATA(n);
  size_t alen = c->e.family == AF_INET ? 4 : 16;
  n->nlmsg_len = NLMSG_LENGTH(sizeof *fr);
  fr->family = c->e.family;
  fr->src_len = c->e.plen;
  fr->dst_len = c->e.plen2;
  fr->table = c->e.table < 256 ? (unsigned char)c->e.table : RT_TABLE_UNSPEC;
  fr->action = FR_ACT_TO_TBL;
  if (c->e.plen) add_attr(n, FRA_SRC, c->e.addr, alen);
  if (c->e.plen2) add_attr(n, FRA_DST, c->e.addr2, alen);
  add_attr(n, FRA_TABLE, &c->e.table, sizeof c->e.table);
  if (c->e.num) add_attr(n, FRA_PRIORITY, &c->e.num, sizeof c->e.num);
  uint8_t proto = VIPD_ADDR_PROTO;
  add_attr(n, FRA_PROTOCOL, &proto, sizeof proto);
  n->nlmsg_type = c->kind == 'D' ? RTM_DELRULE : RTM_NEWRULE;
  n->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (c->kind == 'D' ? 0 : NLM_F_CREATE | NLM_F_EXCL);
  return n->nlmsg_len;
}

// One RTM_NEWADDR (add/refresh: NLM_F_CREATE|NLM_F_REPLACE) or RTM_DELADDR into buf, or a
// route's or rule's message.
static size_t build_msg(char *buf, const struct cmd *c, unsigned int seq) {
  memset(buf, 0, MSG_ROOM);
  ((struct nlmsghdr *)buf)->nlmsg_seq = seq;
  if (c->e.type == T_ROUTE) return build_route(buf, c);
  if (c->e.type == T_RULE) return build_rule(buf, c);
  if (c->e.type == T_LINK) return build_link(buf, c);
  struct nlmsghdr *n = (struct nlmsghdr *)buf;
  struct ifaddrmsg *ifa = NLMSG_DATA(n);
  size_t alen = c->e.family == AF_INET ? 4 : 16;
  n->nlmsg_len = NLMSG_LENGTH(sizeof *ifa);
  n->nlmsg_seq = seq;
  ifa->ifa_family = c->e.family;
  ifa->ifa_prefixlen = c->e.plen;
  ifa->ifa_index = (unsigned int)c->ifindex;
  add_attr(n, IFA_LOCAL, c->e.addr, alen); // what `ip address` sends
  add_attr(n, IFA_ADDRESS, c->e.addr, alen);
  if (c->kind == 'D') {
    n->nlmsg_type = RTM_DELADDR;
    n->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
    return n->nlmsg_len;
  }
  n->nlmsg_type = RTM_NEWADDR;
  n->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE;
  ifa->ifa_scope = c->scope >= 0 ? (unsigned char)c->scope : RT_SCOPE_UNIVERSE;
  // preferred 0: deprecated at once, never picked as a source address; IPv6 without DAD.
  struct ifa_cacheinfo ci = {.ifa_prefered = 0, .ifa_valid = c->valid};
  add_attr(n, IFA_CACHEINFO, &ci, sizeof ci);
  uint32_t flags = (c->e.family == AF_INET6 ? IFA_F_NODAD : 0) | c->flags;
  ifa->ifa_flags = (unsigned char)flags;
  add_attr(n, IFA_FLAGS, &flags, sizeof flags);
  uint32_t metric = VIPD_ADDR_METRIC;
  add_attr(n, IFA_RT_PRIORITY, &metric, sizeof metric);
  uint8_t proto = VIPD_ADDR_PROTO;
  add_attr(n, IFA_PROTO, &proto, sizeof proto);
  if (c->label[0]) add_attr(n, IFA_LABEL, c->label, strlen(c->label) + 1);
  if (c->has_brd) add_attr(n, IFA_BROADCAST, c->brd, sizeof c->brd);
  return n->nlmsg_len;
}

static void note_newaddr(const struct cmd *c, long long at);

// Sends the commands' messages (those with result 0 and a kind) in chunks and reads every ack:
// result becomes 0, -errno, or 1 (DELADDR of an absent address).
static void run_batch(struct cmd *cmds, int n) {
  static char buf[MSGS_PER_SEND * MSG_ROOM] __attribute__((aligned(4)));
  int i = 0;
  while (i < n) {
    size_t len = 0;
    unsigned int first = nlseq + 1;
    int idx[MSGS_PER_SEND], count = 0;
    long long at = now_ns();
    for (; i < n && count < MSGS_PER_SEND; i++) {
      if (cmds[i].kind == 'X') continue;
      len += build_msg(buf + len, &cmds[i], ++nlseq);
      idx[count++] = i;
      if (cmds[i].e.type == T_ADDR && cmds[i].e.family == AF_INET6 && cmds[i].kind != 'D') note_newaddr(&cmds[i], at);
    }
    if (count == 0) break;
    struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
    ssize_t s;
    do s = sendto(nl, buf, len, 0, (struct sockaddr *)&kernel, sizeof kernel);
    while (s < 0 && errno == EINTR);
    if (s < 0) {
      int err = errno;
      for (int k = 0; k < count; k++) cmds[idx[k]].result = -err;
      continue;
    }
    int pending = count;
    for (int k = 0; k < count; k++) cmds[idx[k]].result = -ETIMEDOUT;
    while (pending > 0) {
      static char rbuf[65536] __attribute__((aligned(4)));
      ssize_t r = recv(nl, rbuf, sizeof rbuf, 0);
      if (r < 0) {
        if (errno == EINTR) continue;
        emit("log error rtnetlink: %s (%d answers missing)", strerror(errno), pending);
        break; // EAGAIN after SO_RCVTIMEO: what is left stays ETIMEDOUT
      }
      for (struct nlmsghdr *h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, (unsigned int)r); h = NLMSG_NEXT(h, r)) {
        if (h->nlmsg_type != NLMSG_ERROR) continue;
        unsigned int k = h->nlmsg_seq - first;
        if (k >= (unsigned int)count) continue;
        struct cmd *c = &cmds[idx[k]];
        if (c->result != -ETIMEDOUT) continue;
        int err = h->nlmsg_len >= NLMSG_LENGTH(sizeof(struct nlmsgerr)) ? ((struct nlmsgerr *)NLMSG_DATA(h))->error
                                                                         : -EPROTO;
        c->result = err;
        // A removal that found nothing; a rule added already (by an agent before this one).
        if (c->kind == 'D' && (c->e.type == T_ADDR    ? err == -EADDRNOTAVAIL
                               : c->e.type == T_ROUTE ? err == -ESRCH
                               : c->e.type == T_LINK  ? err == -ENODEV
                                                      : err == -ENOENT))
          c->result = ABSENT;
        else if (c->kind == 'A' && c->e.type == T_RULE && err == -EEXIST)
          c->result = 0;
        pending--;
      }
    }
  }
}

// ---------------------------------------------------------------- solicited-node groups
// The kernel joins an IPv6 address's solicited-node group (ff02::1:ffXX:XXXX, the address's last 24
// bits) when the address is added and leaves it when the address goes. Every IPv6 add or refresh
// walks the interface's groups (Linux re-runs its multicast start-up, ipv6_mc_up, on every
// RTM_NEWADDR), and a group left leaves an MLDv2 tombstone (net/ipv6/mcast.c) that each such walk
// visits once per group, until two MLD reports have gone out. The reports go out only once the
// interface has had no NEWADDR for a few jiffies, so while adds or refreshes keep coming they
// never do and the tombstones stay. Measured on 6.18 in a namespace: 2000 IPv6 addresses added
// back right after their removal took 14.4 s instead of 1.5 s, and once 667 of 2000 were removed,
// refreshing the other 1333 back to back took 6.0 s instead of 0.97 s, round after round.
// So the agent holds each such group itself (a socket membership, as any listening application
// may) from the first add of an address on: the address's removal (a fence, a handover) then
// drops only the kernel's own reference, and leaves no tombstone. A held group still costs every
// walk, so a group whose addresses the agent has neither added nor refreshed for GROUP_IDLE_NS
// (none of them held: a held address is refreshed at least once a lifetime) is let go, at most
// GROUP_RELEASE_CHUNK a second, so that few tombstones wait at a time for a pause in the adds.
#define MAX_GROUPS MAX_TRACKED
#define GROUP_TABLE (2 * MAX_GROUPS)
#define GROUPS_PER_SOCKET 128 // each membership takes socket option memory (net.core.optmem_max)
#define MAX_GROUP_SOCKS (MAX_GROUPS / GROUPS_PER_SOCKET + 8)
#define GROUP_IDLE_NS 10000000000LL
#define GROUP_RELEASE_NS 1000000000LL
#define GROUP_RELEASE_CHUNK 128
static uint64_t groups[GROUP_TABLE];  // (ifindex << 24 | last 24 bits) + 1; 0 = empty
static short group_sock[GROUP_TABLE]; // index into gsocks of the socket holding it
static long long group_seen[GROUP_TABLE]; // when an address of it was last added or refreshed
static int ngroups;
static long long next_release; // when release_idle_groups looks next (0: nothing held)
static struct {
  int fd, count;
} gsocks[MAX_GROUP_SOCKS];
static int ngsocks;
static unsigned long long group_failures;

static uint32_t group_home(uint64_t key) { return (uint32_t)((key * 0x9E3779B97F4A7C15ull) >> 40) & (GROUP_TABLE - 1); }

static uint64_t group_key(int ifindex, const unsigned char *addr) {
  return (((uint64_t)(unsigned int)ifindex << 24) | ((uint64_t)addr[13] << 16) | ((uint64_t)addr[14] << 8) | addr[15]) + 1;
}

// The slot of key, or of the empty slot where it would go.
static uint32_t group_slot(uint64_t key) {
  uint32_t i = group_home(key);
  while (groups[i] != 0 && groups[i] != key) i = (i + 1) & (GROUP_TABLE - 1);
  return i;
}

// Empties slot i, moving later entries of its probe chain back (as untrack does).
static void group_delete(uint32_t i) {
  for (uint32_t j = i;;) {
    j = (j + 1) & (GROUP_TABLE - 1);
    if (groups[j] == 0) break;
    if (may_fill_hole(group_home(groups[j]), i, j)) {
      groups[i] = groups[j];
      group_sock[i] = group_sock[j];
      group_seen[i] = group_seen[j];
      i = j;
    }
  }
  groups[i] = 0;
}

// An IPv6 add or refresh of this address went to the kernel: its group, if held, is in use.
static void note_newaddr(const struct cmd *c, long long at) {
  if (ngroups == 0 || c->ifindex <= 0) return;
  uint32_t i = group_slot(group_key(c->ifindex, c->e.addr));
  if (groups[i] != 0) group_seen[i] = at;
}

static int group_socket(void) {
  for (int i = ngsocks - 1; i >= 0; i--)
    if (gsocks[i].fd >= 0 && gsocks[i].count < GROUPS_PER_SOCKET) return i;
  int slot = -1;
  for (int i = 0; i < ngsocks; i++)
    if (gsocks[i].fd < 0) slot = i;
  if (slot < 0) {
    if (ngsocks == MAX_GROUP_SOCKS) return -1;
    slot = ngsocks++;
  }
  gsocks[slot].fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  gsocks[slot].count = 0;
  return gsocks[slot].fd < 0 ? -1 : slot;
}

static void group_mreq(uint64_t key, struct ipv6_mreq *m) {
  uint64_t k = key - 1;
  memset(m, 0, sizeof *m);
  m->ipv6mr_interface = (unsigned int)(k >> 24);
  m->ipv6mr_multiaddr.s6_addr[0] = 0xff;
  m->ipv6mr_multiaddr.s6_addr[1] = 0x02;
  m->ipv6mr_multiaddr.s6_addr[11] = 0x01;
  m->ipv6mr_multiaddr.s6_addr[12] = 0xff;
  m->ipv6mr_multiaddr.s6_addr[13] = (unsigned char)(k >> 16);
  m->ipv6mr_multiaddr.s6_addr[14] = (unsigned char)(k >> 8);
  m->ipv6mr_multiaddr.s6_addr[15] = (unsigned char)k;
}

// After an IPv6 address was added: hold its group, unless held already.
static void hold_group(const struct cmd *c, long long at) {
  if (c->e.type != T_ADDR || c->e.family != AF_INET6 || c->kind != 'A' || c->ifindex <= 0) return;
  uint64_t key = group_key(c->ifindex, c->e.addr);
  uint32_t i = group_slot(key);
  if (groups[i] != 0) {
    group_seen[i] = at;
    return;
  }
  if (ngroups == MAX_GROUPS) return;
  struct ipv6_mreq m;
  group_mreq(key, &m);
  for (int attempt = 0; attempt < 2; attempt++) {
    int sk = group_socket();
    if (sk < 0) break;
    if (setsockopt(gsocks[sk].fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &m, sizeof m) == 0) {
      gsocks[sk].count++;
      groups[i] = key;
      group_sock[i] = (short)sk;
      group_seen[i] = at;
      ngroups++;
      if (next_release == 0) next_release = at + GROUP_RELEASE_NS;
      return;
    }
    if (errno != ENOBUFS && errno != ENOMEM) break;
    gsocks[sk].count = GROUPS_PER_SOCKET; // out of option memory: the next attempt opens another
  }
  // Only slower: the address works without it. Said once, then every 1000th time.
  if (group_failures++ % 1000 == 0)
    emit("log warn cannot hold the solicited-node group of an IPv6 address (%s; %llu so far): adding it back after its removal will be slower",
         strerror(errno), group_failures);
}

// Once a second: lets go of up to GROUP_RELEASE_CHUNK groups unused for GROUP_IDLE_NS. Returns
// when to look next (0: no group held).
static long long release_idle_groups(long long now) {
  if (next_release == 0 || now < next_release) return next_release;
  int released = 0;
  for (uint32_t i = 0; i < GROUP_TABLE && released < GROUP_RELEASE_CHUNK; i++) {
    if (groups[i] == 0 || now - group_seen[i] < GROUP_IDLE_NS) continue;
    struct ipv6_mreq m;
    group_mreq(groups[i], &m);
    int sk = group_sock[i];
    // EADDRNOTAVAIL/ENODEV: the kernel dropped it already (the interface went away).
    if (setsockopt(gsocks[sk].fd, IPPROTO_IPV6, IPV6_LEAVE_GROUP, &m, sizeof m) < 0 && errno != EADDRNOTAVAIL && errno != ENODEV)
      continue;
    if (--gsocks[sk].count <= 0) {
      close(gsocks[sk].fd);
      gsocks[sk].fd = -1;
      gsocks[sk].count = 0;
    }
    // The entry moved into slot i, if any, is looked at on the next round.
    group_delete(i);
    ngroups--;
    released++;
  }
  if (released > 0)
    emit("log info let go of %d solicited-node groups no address of which was added or refreshed for %lld s (%d still held)",
         released, GROUP_IDLE_NS / 1000000000LL, ngroups);
  next_release = ngroups > 0 ? now + GROUP_RELEASE_NS : 0;
  return next_release;
}

// ---------------------------------------------------------------- state, fence
static unsigned long long epoch = 1;
static long long deadline; // 0: none (before the first beat, after a deadline fence)
static struct cmd batch[MAX_BATCH];
static int nbatch;

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
// kill-on-fence: the process a fence kills (a pidfd; -1 none).
static int kill_pidfd = -1;

static void fence(const char *reason, long long ref) {
  static struct cmd dels[MAX_TRACKED];
  int n = ntracked;
  // First: the BGP speaker's sessions end with it, and the routers stop sending traffic here
  // while the addresses go.
  if (kill_pidfd >= 0) {
    if (syscall(SYS_pidfd_send_signal, kill_pidfd, SIGKILL, NULL, 0) < 0 && errno != ESRCH)
      emit("log error fence (%s): could not kill the kill-on-fence process: %s", reason, strerror(errno));
    close(kill_pidfd);
    kill_pidfd = -1;
  }
  // Newest first: the kernel keeps an interface's IPv6 addresses and multicast groups (one
  // solicited-node group per VIP) in lists with the newest in front and looks a removal's up
  // from the front (2000 IPv6 addresses by `ip -batch`, 2026-12-07: 472 ms oldest first, 374 ms
  // newest first). The interface index is looked up once per run of one name.
  const char *last_name = NULL;
  int last_index = 0;
  for (int i = 0; i < n; i++) {
    memset(&dels[i], 0, sizeof dels[i]);
    dels[i].kind = 'D';
    dels[i].e = tracked[n - 1 - i];
    if (!dels[i].e.ifname[0] || dels[i].e.type == T_LINK) continue; // a rule, a route without a dev, a vmac (by name)
    if (last_name == NULL || strcmp(last_name, dels[i].e.ifname) != 0) {
      last_name = dels[i].e.ifname;
      last_index = (int)if_nametoindex(last_name);
    }
    dels[i].ifindex = last_index;
    if (dels[i].ifindex == 0) {
      dels[i].kind = 'X';
      dels[i].result = -ENODEV;
    }
  }
  run_batch(dels, n);
  int removed = 0, absent = 0, failed = 0;
  for (int i = 0; i < n; i++) {
    if (dels[i].result == 0) removed++;
    else if (dels[i].result == ABSENT || dels[i].result == -ENODEV) absent++;
    else failed++;
  }
  untrack_all();
  epoch++;
  double ms = (double)(now_ns() - ref) / 1e6;
  char line[160];
  snprintf(line, sizeof line, "fenced %s %llu %d %d %d %.3f", reason, epoch, removed, absent, failed, ms);
  emit("%s", line);
  if (failed > 0) emit("log error fence (%s): %d addresses, routes or rules could not be removed", reason, failed);
  char err[200];
  snprintf(err, sizeof err, "vipd-agent: %s\n", line);
  to_stderr(err);
}

// ---------------------------------------------------------------- kept lifetimes (L)
// Which addresses to refresh when: oldest first, each once its last change is keep_after old, or
// earlier when that would not leave time for the refreshes before it. Addresses added together
// (a takeover of 2000) come due together, and at ~0.5 ms a refresh (IPv6 at 2000 addresses) their
// turns take longer than the rest of a lifetime: so each loop works out, from the measured
// cost of a refresh, the latest moment a turn may start so that the k-th oldest is refreshed
// KEEP_MARGIN_NS before its lifetime ends, and starts then if that is sooner (never on an address
// younger than a quarter of its lifetime: a host that cannot keep up refreshes continuously, oldest
// first, rather than in a tight loop). Once refreshed, they spread out over the time it took.
#define KEEP_CHUNK 32           // refreshes per turn: a command waits behind at most this many
#define KEEP_RETRY_NS 250000000 // a refresh that failed is tried again this much later
#define KEEP_REPORT_NS 1000000000LL
#define KEEP_MARGIN_NS 500000000LL // room left for commands and late wake-ups
#define KERNEL_FUZZ_NS 20000000    // the kernel removes an address 20 ms before its lifetime's end
static long long keep_after_ns;    // 0: vipd refreshes lifetimes itself (R)
static long long keep_until;       // CLOCK_MONOTONIC ns: no refresh of the agent's own from then on
static long long keep_cost_ns = 1000000; // one refresh's wall time: the latest high, decaying (1 ms at first)
static int order[MAX_TRACKED];     // the kept addresses, oldest first (kept_order)
static struct {
  unsigned long long refreshed, late, failed;
  long long max_age_ns, since;
  int err;
} kept_stats;

// An add or refresh of an address went through at `at` (sent then): its lifetime counts from
// there. An add also gives the options the agent refreshes it with.
static void note_kept(const struct cmd *c, long long at) {
  if (c->e.type != T_ADDR || (c->kind != 'A' && c->kind != 'R')) return;
  int slot = table[slot_of(&c->e)];
  if (slot == 0) return; // removed again in the same batch
  struct keep *k = &keeps[slot - 1];
  if (c->kind == 'A') {
    k->flags = c->flags;
    k->scope = c->scope;
    k->has_brd = c->has_brd;
    memcpy(k->brd, c->brd, sizeof k->brd);
    memcpy(k->label, c->label, sizeof k->label);
  } else if (k->valid == 0)
    return; // never added by this agent: not its to keep
  k->valid = c->valid;
  k->at = at;
}

static int keeping(void) {
  long long now = now_ns();
  return keep_after_ns != 0 && now < keep_until && deadline != 0 && now < deadline;
}

static int older(const void *a, const void *b) {
  long long x = keeps[*(const int *)a].at, y = keeps[*(const int *)b].at;
  return x < y ? -1 : x > y;
}

// The kept addresses into order[], oldest first; how many (0 when not keeping).
static int kept_order(void) {
  if (!keeping()) return 0;
  int n = 0;
  for (int i = 0; i < ntracked; i++)
    if (tracked[i].type == T_ADDR && keeps[i].valid != 0) order[n++] = i;
  qsort(order, (size_t)n, sizeof order[0], older);
  return n;
}

static long long lifetime_end(const struct keep *k) { return k->at + (long long)k->valid * 1000000000LL - KERNEL_FUZZ_NS; }

// When the next turn is due, for the n kept addresses in order[] (0: none); `urgent`: only when
// an address would otherwise not be refreshed in time (between batches of commands, which go
// first otherwise).
static long long next_keep_due(int n, int urgent) {
  if (n == 0) return 0;
  const struct keep *oldest = &keeps[order[0]];
  long long due = urgent ? LLONG_MAX : oldest->at + keep_after_ns;
  for (int k = 0; k < n; k++) {
    long long latest = lifetime_end(&keeps[order[k]]) - KEEP_MARGIN_NS - (long long)(k + 1) * keep_cost_ns;
    if (latest < due) due = latest;
  }
  long long earliest = oldest->at + (long long)oldest->valid * 250000000LL; // a quarter of its lifetime
  return due > earliest ? due : earliest;
}

static const char *errno_name(int result);
static void answer(struct cmd *c, int result);

// One turn: refreshes up to KEEP_CHUNK of the n kept addresses in order[], oldest first, none
// younger than a quarter of its lifetime. Returns how many it sent.
static int keep_lifetimes(int n) {
  static struct cmd cmds[KEEP_CHUNK];
  int idx[KEEP_CHUNK], count = 0;
  long long now = now_ns();
  const char *last_name = NULL;
  int last_index = 0;
  for (int k = 0; k < n && count < KEEP_CHUNK; k++) {
    int i = order[k];
    if (now - keeps[i].at < (long long)keeps[i].valid * 250000000LL) break; // the rest are younger
    struct cmd *c = &cmds[count];
    memset(c, 0, sizeof *c);
    c->kind = 'R';
    c->e = tracked[i];
    c->valid = keeps[i].valid;
    c->flags = keeps[i].flags;
    c->scope = keeps[i].scope;
    c->has_brd = keeps[i].has_brd;
    memcpy(c->brd, keeps[i].brd, sizeof c->brd);
    memcpy(c->label, keeps[i].label, sizeof c->label);
    if (last_name == NULL || strcmp(last_name, c->e.ifname) != 0) {
      last_name = tracked[i].ifname;
      last_index = (int)if_nametoindex(last_name);
    }
    c->ifindex = last_index;
    if (c->ifindex == 0) answer(c, -ENODEV);
    if (now >= lifetime_end(&keeps[i])) {
      kept_stats.late++;
      if (now - keeps[i].at > kept_stats.max_age_ns) kept_stats.max_age_ns = now - keeps[i].at;
    }
    idx[count++] = i;
  }
  if (count == 0) return 0;
  run_batch(cmds, count);
  long long end = now_ns();
  // What a refresh costs now, quick to rise and slow to fall: while the kernel is slow (the
  // multicast groups of thousands of addresses added or removed just before), the turns must start
  // earlier at once, and a lapsed IPv6 address costs far more to add back than to refresh.
  long long cost = (end - now) / count;
  keep_cost_ns = cost > keep_cost_ns ? cost : keep_cost_ns - keep_cost_ns / 16;
  for (int j = 0; j < count; j++) {
    struct keep *kp = &keeps[idx[j]];
    if (cmds[j].result == 0) {
      kp->at = now;
      kept_stats.refreshed++;
    } else {
      kp->at = now - (long long)kp->valid * 250000000LL + KEEP_RETRY_NS; // again in KEEP_RETRY_NS
      if (kept_stats.failed++ == 0) kept_stats.err = cmds[j].result;
    }
  }
  if ((kept_stats.late || kept_stats.failed) && end - kept_stats.since >= KEEP_REPORT_NS) {
    emit("kept %llu %llu %lld %llu %s", kept_stats.refreshed, kept_stats.late, kept_stats.max_age_ns / 1000000LL,
         kept_stats.failed, kept_stats.failed ? errno_name(kept_stats.err) : "-");
    memset(&kept_stats, 0, sizeof kept_stats);
    kept_stats.since = end;
  }
  return count;
}

// A turn of kept lifetimes if one is due now; when the next one is due (0: none).
static long long keep_turn(void) {
  int kept = kept_order();
  long long due = next_keep_due(kept, 0);
  if (due != 0 && due <= now_ns() && keep_lifetimes(kept) == 0) return 0;
  return due;
}

static void reply(const struct cmd *c) {
  switch (c->result) {
  case 0: emit("ok %llu", c->id); return;
  case ABSENT: emit("absent %llu", c->id); return;
  case STALE: emit("stale %llu %llu", c->id, epoch); return;
  case UNTRACKED: emit("untracked %llu", c->id); return;
  }
  emit("err %llu %s %s", c->id, errno_name(c->result), c->why ? c->why : strerror(-c->result));
}

static const char *errno_name(int result) {
  return result == -ENODEV          ? "ENODEV"
         : result == -ETIMEDOUT     ? "ETIMEDOUT"
         : result == -EEXIST        ? "EEXIST"
         : result == -EINVAL        ? "EINVAL"
         : result == -EADDRNOTAVAIL ? "EADDRNOTAVAIL"
         : result == -EPERM         ? "EPERM"
         : result == -ENOSPC        ? "ENOSPC"
         : result == -ENETUNREACH   ? "ENETUNREACH"
         : result == -ESRCH         ? "ESRCH"
         : result == -ENOENT        ? "ENOENT"
         : result == -ERANGE        ? "ERANGE"
                                    : "EOTHER";
}

static void answer(struct cmd *c, int result) {
  c->kind = 'X';
  c->result = result;
}

// The gathered commands go to the kernel; every one is answered, in the order it came. A
// deadline that passed meanwhile fences first, and the A and R gathered before it are stale.
static int expired(void);
static void flush_batch(void) {
  if (nbatch == 0) return;
  if (expired()) {
    fence("deadline", deadline);
    deadline = 0;
  }
  for (int i = 0; i < nbatch; i++) {
    struct cmd *c = &batch[i];
    if (c->kind == 'X') continue; // refused while parsing
    if (c->kind == 'D') {
      untrack(&c->e);
    } else if (c->epoch != epoch) {
      answer(c, STALE);
      continue;
    } else if (c->kind == 'R' && !is_tracked(&c->e)) {
      answer(c, UNTRACKED);
      continue;
    }
    if (c->kind == 'A' && c->e.type == T_RULE && is_tracked(&c->e)) {
      answer(c, 0); // the kernel would add a second copy
      continue;
    }
    // The interface it acts on: a vmac's parent (a removal goes by name).
    const char *dev = c->e.type != T_LINK ? c->e.ifname : c->kind == 'A' ? c->parent : "";
    c->ifindex = dev[0] ? (int)if_nametoindex(dev) : 0;
    if (dev[0] && c->ifindex == 0) answer(c, -ENODEV);
    // Tracked before the kernel has it: a fence from here on removes it.
    else if (c->kind != 'D' && track(&c->e) < 0) answer(c, -ENOSPC);
  }
  long long t0 = now_ns();
  run_batch(batch, nbatch);
  int changes = 0;
  for (int i = 0; i < nbatch; i++) {
    // A route, rule or vmac the kernel refused is not vipd's to remove at a fence.
    if (batch[i].kind == 'A' && batch[i].e.type != T_ADDR && batch[i].result != 0) untrack(&batch[i].e);
    if (batch[i].result == 0) {
      note_kept(&batch[i], t0);
      hold_group(&batch[i], t0);
    }
    reply(&batch[i]);
    if (batch[i].kind != 'X') changes++;
  }
  if (changes >= 64)
    emit("log info %d address changes in %.3f ms (%d tracked)", changes, (double)(now_ns() - t0) / 1e6, ntracked);
  nbatch = 0;
  // Refreshes that cannot wait get as many turns as a batch of commands (as the 128-refresh window
  // of vipd's own rounds did): a takeover of 2000 adds must not let the first ones lapse. (Every
  // IPv6 add or refresh costs the kernel a walk of the interface's multicast groups: ~1 ms an add
  // with 2000 groups joined; see hold_group for why they stay joined.)
  for (int turns = 0; keep_after_ns && turns < MAX_BATCH / KEEP_CHUNK; turns++) {
    int kept = kept_order();
    long long due = next_keep_due(kept, 1);
    if (due == 0 || due > now_ns() || keep_lifetimes(kept) == 0) break;
  }
}

// ---------------------------------------------------------------- parsing
static int parse_num(const char *s, unsigned long long max, unsigned long long *v) {
  size_t len = strlen(s);
  if (len == 0 || len > 19 || strspn(s, "0123456789") != len) return -1;
  unsigned long long x = 0;
  for (const char *p = s; *p; p++) x = x * 10 + (unsigned long long)(*p - '0');
  if (x > max) return -1;
  *v = x;
  return 0;
}

static int valid_ifname(const char *s) {
  size_t n = strlen(s);
  return n > 0 && n < IF_NAMESIZE && !strpbrk(s, "/:") && strcmp(s, ".") && strcmp(s, "..");
}

// One option of A or R into c: 0 when it was one (and valid), -1 otherwise.
static int parse_option(struct cmd *c, const char *t) {
  unsigned long long v;
  if (!strcmp(t, "noprefixroute")) {
    c->flags |= IFA_F_NOPREFIXROUTE;
    return 0;
  }
  if (!strncmp(t, "scope=", 6) && c->e.family == AF_INET && parse_num(t + 6, 255, &v) == 0) {
    c->scope = (int)v;
    return 0;
  }
  if (!strncmp(t, "brd=", 4) && c->e.family == AF_INET && inet_pton(AF_INET, t + 4, c->brd) == 1) {
    c->has_brd = 1;
    return 0;
  }
  return -1;
}

static int parse_entry(const char *ifname, const char *cidr, struct entry *e) {
  if (!valid_ifname(ifname)) return -1;
  const char *slash = strchr(cidr, '/');
  char addr[INET6_ADDRSTRLEN];
  unsigned long long plen;
  if (!slash || (size_t)(slash - cidr) >= sizeof addr) return -1;
  memcpy(addr, cidr, (size_t)(slash - cidr));
  addr[slash - cidr] = '\0';
  memset(e, 0, sizeof *e);
  e->family = strchr(addr, ':') ? AF_INET6 : AF_INET;
  if (inet_pton(e->family, addr, e->addr) != 1) return -1;
  if (parse_num(slash + 1, e->family == AF_INET ? 32 : 128, &plen) < 0) return -1;
  e->plen = (unsigned char)plen;
  memcpy(e->ifname, ifname, strlen(ifname) + 1);
  return 0;
}

// "<addr>/<plen>" into addr and plen, its family into *family (checked against a non-zero one).
static int parse_cidr(const char *cidr, unsigned char *family, unsigned char *addr, unsigned char *plen) {
  const char *slash = strchr(cidr, '/');
  char text[INET6_ADDRSTRLEN];
  unsigned long long v;
  if (!slash || (size_t)(slash - cidr) >= sizeof text) return -1;
  memcpy(text, cidr, (size_t)(slash - cidr));
  text[slash - cidr] = '\0';
  unsigned char f = strchr(text, ':') ? AF_INET6 : AF_INET;
  if (*family && *family != f) return -1;
  if (inet_pton(f, text, addr) != 1) return -1;
  if (parse_num(slash + 1, f == AF_INET ? 32 : 128, &v) < 0) return -1;
  *family = f;
  *plen = (unsigned char)v;
  return 0;
}

// route-add / route-del / rule-add / rule-del (see the header) into c; 0, or -1 with *why set.
static int parse_route_rule(struct cmd *c, int route, int add, char **tok, int n, const char **why) {
  unsigned long long v;
  int i = 2;
  *why = route ? (add ? "bad route add" : "bad route remove") : (add ? "bad rule add" : "bad rule remove");
  if (n != (route ? 7 : 6) + add) return -1;
  if (add && parse_num(tok[i++], ~0ULL, &c->epoch) < 0) return -1;
  struct entry *e = &c->e;
  e->type = route ? T_ROUTE : T_RULE;
  if (route) {
    unsigned char flag = 0;
    if (parse_cidr(tok[i++], &e->family, e->addr, &e->plen) < 0) return -1;
    const char *dev = tok[i++];
    if (strcmp(dev, "-")) {
      if (!valid_ifname(dev)) return -1;
      memcpy(e->ifname, dev, strlen(dev) + 1);
    }
    const char *via = tok[i++];
    if (strcmp(via, "-")) {
      if (!strchr(via, '/') && inet_pton(e->family, via, e->addr2) == 1) flag = 1;
      else return -1;
    }
    e->plen2 = flag;
    if (!e->ifname[0] && !flag) return -1;
  } else {
    const char *from = tok[i++], *to = tok[i++];
    if (strcmp(from, "-") && parse_cidr(from, &e->family, e->addr, &e->plen) < 0) return -1;
    if (strcmp(to, "-") && parse_cidr(to, &e->family, e->addr2, &e->plen2) < 0) return -1;
    if (!e->family) return -1; // neither: a rule for everything is not vipd's to add
  }
  if (parse_num(tok[i++], 0xffffffffULL, &v) < 0 || v == 0) return -1;
  e->table = (uint32_t)v;
  if (parse_num(tok[i++], 0xffffffffULL, &v) < 0) return -1;
  e->num = (uint32_t)v;
  c->kind = add ? 'A' : 'D';
  return 0;
}

// vmac-add / vmac-del (see the header) into c; 0, or -1.
static int parse_vmac(struct cmd *c, int add, char **tok, int n) {
  if (n != (add ? 6 : 3)) return -1;
  c->e.type = T_LINK;
  c->kind = add ? 'A' : 'D';
  if (!add) {
    if (!valid_ifname(tok[2])) return -1;
    memcpy(c->e.ifname, tok[2], strlen(tok[2]) + 1);
    return 0;
  }
  unsigned int m[6];
  char tail;
  if (parse_num(tok[2], ~0ULL, &c->epoch) < 0 || !valid_ifname(tok[3]) || !valid_ifname(tok[4]) ||
      !strcmp(tok[3], tok[4]) || strlen(tok[5]) != 17 ||
      sscanf(tok[5], "%2x:%2x:%2x:%2x:%2x:%2x%c", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5], &tail) != 6)
    return -1;
  if (m[0] & 1) return -1; // a multicast MAC
  for (int i = 0; i < 6; i++) c->mac[i] = (unsigned char)m[i];
  memcpy(c->parent, tok[3], strlen(tok[3]) + 1);
  memcpy(c->e.ifname, tok[4], strlen(tok[4]) + 1);
  return 0;
}

static void flush_batch(void);

// A command with an id is answered in its turn; without one, it can only be logged.
static void bad_line(const char *why, const char *orig, const char *idtok) {
  unsigned long long id;
  if (idtok && parse_num(idtok, ~0ULL, &id) == 0) {
    struct cmd *c = &batch[nbatch++];
    memset(c, 0, sizeof *c);
    c->id = id;
    c->why = why;
    answer(c, -EINVAL);
    if (nbatch == MAX_BATCH) flush_batch();
  } else
    emit("log error ignored a malformed command (%s): \"%.80s\"", why, orig);
}

// A T beat: the deadline vipd computed, never more than MAX_BEAT_MS ahead.
static void set_absolute_deadline(unsigned long long ms) {
  long long at = (long long)ms * 1000000LL, cap = now_ns() + MAX_BEAT_MS * 1000000LL;
  deadline = at < cap ? at : cap;
}

static void handle_line(char *line) {
  char orig[MAX_LINE + 1], *save = NULL, *tok[12] = {0};
  snprintf(orig, sizeof orig, "%s", line);
  int n = 0;
  for (char *t = strtok_r(line, " ", &save); t && n < 12; t = strtok_r(NULL, " ", &save)) tok[n++] = t;
  if (n == 0) return;
  unsigned long long v;
  if (!strcmp(tok[0], "B")) {
    if (n != 2 || parse_num(tok[1], MAX_BEAT_MS, &v) < 0 || v < 1) return bad_line("bad beat", orig, NULL);
    deadline = now_ns() + (long long)v * 1000000LL;
    return;
  }
  if (!strcmp(tok[0], "T")) {
    if (n != 2 || parse_num(tok[1], 1ULL << 52, &v) < 0 || v < 1) return bad_line("bad beat", orig, NULL);
    set_absolute_deadline(v);
    return;
  }
  if (!strcmp(tok[0], "L")) {
    unsigned long long until = 0;
    if (n == 2 && parse_num(tok[1], 0, &v) == 0) { // L 0
      keep_after_ns = 0;
      return;
    }
    if (n != 3 || parse_num(tok[1], MAX_BEAT_MS, &v) < 0 || v < 100 || parse_num(tok[2], 1ULL << 52, &until) < 0)
      return bad_line("bad keep", orig, NULL);
    long long at = (long long)until * 1000000LL, cap = now_ns() + MAX_BEAT_MS * 1000000LL;
    keep_after_ns = (long long)v * 1000000LL;
    keep_until = at < cap ? at : cap;
    return;
  }
  if (!strcmp(tok[0], "F")) {
    if (n != 1) return bad_line("bad fence", orig, NULL);
    flush_batch();
    fence("request", now_ns());
    return;
  }
  struct cmd c;
  memset(&c, 0, sizeof c);
  c.scope = -1;
  if (!strcmp(tok[0], "kill-on-fence")) {
    if (n < 2 || parse_num(tok[1], ~0ULL, &c.id) < 0) return bad_line("no id", orig, NULL);
    if (n != 3 || parse_num(tok[2], 4194304, &v) < 0) return bad_line("bad kill-on-fence", orig, tok[1]);
    flush_batch(); // in order: what came before it is answered first
    int fd = v == 0 ? -1 : (int)syscall(SYS_pidfd_open, (pid_t)v, 0);
    answer(&c, v != 0 && fd < 0 ? -errno : 0);
    if (v == 0 || fd >= 0) {
      if (kill_pidfd >= 0) close(kill_pidfd);
      kill_pidfd = fd;
    }
    reply(&c);
    return;
  }
  if (!strcmp(tok[0], "vmac-add") || !strcmp(tok[0], "vmac-del")) {
    if (n < 2 || parse_num(tok[1], ~0ULL, &c.id) < 0) return bad_line("no id", orig, NULL);
    if (parse_vmac(&c, tok[0][5] == 'a', tok, n) < 0)
      return bad_line(tok[0][5] == 'a' ? "bad vmac add" : "bad vmac remove", orig, tok[1]);
    batch[nbatch++] = c;
    // At once: the commands after it look the interface up (an address on it, in this batch).
    flush_batch();
    return;
  }
  int route = !strcmp(tok[0], "route-add") || !strcmp(tok[0], "route-del");
  if (route || !strcmp(tok[0], "rule-add") || !strcmp(tok[0], "rule-del")) {
    const char *why;
    if (n < 2 || parse_num(tok[1], ~0ULL, &c.id) < 0) return bad_line("no id", orig, NULL);
    if (parse_route_rule(&c, route, !strcmp(tok[0] + strlen(tok[0]) - 3, "add"), tok, n, &why) < 0)
      return bad_line(why, orig, tok[1]);
    batch[nbatch++] = c;
    if (nbatch == MAX_BATCH) flush_batch();
    return;
  }
  c.kind = tok[0][0];
  if (tok[0][1] != '\0' || (c.kind != 'A' && c.kind != 'R' && c.kind != 'D'))
    return bad_line("unknown command", orig, NULL);
  if (n < 2 || parse_num(tok[1], ~0ULL, &c.id) < 0) return bad_line("no id", orig, NULL);
  if (c.kind == 'D') {
    if (n != 4 || parse_entry(tok[2], tok[3], &c.e) < 0) return bad_line("bad remove", orig, tok[1]);
  } else {
    if (n < 6 || parse_num(tok[2], ~0ULL, &c.epoch) < 0 || parse_entry(tok[3], tok[4], &c.e) < 0 ||
        parse_num(tok[5], 0xfffffffeULL, &v) < 0 || v < 1)
      return bad_line(c.kind == 'A' ? "bad add" : "bad refresh", orig, tok[1]);
    c.valid = (unsigned int)v;
    for (int i = 6; i < n; i++) {
      if (parse_option(&c, tok[i]) == 0) continue;
      // Not an option: the label, on an add of an IPv4 address, right after the lifetime.
      size_t ll = strlen(tok[i]);
      if (c.kind != 'A' || i != 6 || c.e.family != AF_INET || ll >= IF_NAMESIZE)
        return bad_line(i == 6 && c.kind == 'A' ? "bad label" : "bad option", orig, tok[1]);
      memcpy(c.label, tok[i], ll + 1);
    }
  }
  batch[nbatch++] = c;
  if (nbatch == MAX_BATCH) flush_batch();
}

// Input is read into ibuf ahead of its processing; ihead..ilen is not processed yet. Lines are
// split there; a line too long or with bytes outside printable ASCII is refused.
static char ibuf[IN_CAP];
static size_t ihead, ilen;
static int in_fd = -1, in_eof;
static char line[MAX_LINE + 1];
static size_t linelen;
static int discarding, binary;

// Reads what is waiting on in_fd without blocking, as far as ibuf has room. 0 on EOF or error.
static int read_ahead(void) {
  if (ihead > 0 && ihead == ilen) ihead = ilen = 0;
  if (ihead > IN_CAP / 2) {
    memmove(ibuf, ibuf + ihead, ilen - ihead);
    ilen -= ihead;
    ihead = 0;
  }
  while (!in_eof && ilen < IN_CAP) {
    struct pollfd p = {.fd = in_fd, .events = POLLIN};
    if (poll(&p, 1, 0) != 1) break;
    ssize_t n = read(in_fd, ibuf + ilen, IN_CAP - ilen);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) break;
    if (n <= 0) {
      if (n < 0) emit("log error read: %s", strerror(errno));
      in_eof = 1;
      break;
    }
    ilen += (size_t)n;
  }
  return !in_eof;
}

// Whether the deadline has passed, after taking the newest T beat among the input waiting: vipd
// may have beaten while this agent was busy with a long batch.
static int expired(void) {
  if (deadline == 0 || now_ns() < deadline) return 0;
  // Whether unread input starts a line (not the rest of one partly fed already), taken before
  // read_ahead may move the buffer.
  int head_starts_line = ihead > 0 ? ibuf[ihead - 1] == '\n' : linelen == 0;
  read_ahead();
  // The newest T is on the last complete line that starts with one: search back from the end.
  const char *newest = NULL;
  size_t end = ilen;
  while (end > ihead && ibuf[end - 1] != '\n') end--;
  while (end > ihead && !newest) {
    size_t start = end - 1;
    while (start > ihead && ibuf[start - 1] != '\n') start--;
    int at_line_start = start > ihead || head_starts_line;
    if (at_line_start && end - start > 2 && ibuf[start] == 'T' && ibuf[start + 1] == ' ') newest = ibuf + start;
    end = start;
  }
  if (newest) {
    char tmp[32];
    const char *nl_at = memchr(newest, '\n', (size_t)(ibuf + ilen - newest));
    size_t len = (size_t)(nl_at - newest - 2);
    unsigned long long v;
    if (len < sizeof tmp) {
      memcpy(tmp, newest + 2, len);
      tmp[len] = '\0';
      if (parse_num(tmp, 1ULL << 52, &v) == 0 && v >= 1) set_absolute_deadline(v);
    }
  }
  return now_ns() >= deadline;
}

// Runs every complete line read so far, in order.
static void feed_pending(void) {
  while (ihead < ilen) {
    char ch = ibuf[ihead++];
    if (ch == '\n') {
      line[linelen] = '\0';
      if (discarding) emit("log error ignored a command longer than %d bytes", MAX_LINE);
      else if (binary) emit("log error ignored a command with non-printable bytes");
      else handle_line(line);
      linelen = 0;
      discarding = binary = 0;
    } else if (!discarding) {
      if (ch < 0x20 || ch > 0x7e) binary = 1;
      if (linelen == MAX_LINE) discarding = 1;
      else line[linelen++] = ch;
    }
  }
  ihead = ilen = 0;
}

static void reset_input(void) {
  if (linelen > 0 || discarding) emit("log warn ignored an unterminated last command");
  linelen = 0;
  discarding = binary = 0;
  nbatch = 0;
  ihead = ilen = 0;
  in_eof = 0;
}

// ---------------------------------------------------------------- main loop
static volatile sig_atomic_t got_signal;
static void on_signal(int sig) { got_signal = sig; }

// Serves one stream of commands until EOF (returns 0) or a signal (returns it).
static int serve(int fd, sigset_t *empty) {
  in_fd = fd;
  reset_input();
  emit("ready %llu T L", epoch);
  for (;;) {
    flush_out();
    if (expired()) {
      fence("deadline", deadline);
      deadline = 0;
      continue;
    }
    if (ihead < ilen || in_eof) {
      // Read ahead by expired(): run it now, as if just read.
      feed_pending();
      flush_batch();
      if (in_eof) break;
      continue;
    }
    // A turn of kept lifetimes when some are due, then the commands again (polled, not waited
    // for, while more are due).
    long long due = keep_turn();
    long long wake = deadline != 0 && (due == 0 || deadline < due) ? deadline : due;
    long long now = now_ns();
    long long release = release_idle_groups(now);
    if (release != 0 && (wake == 0 || release < wake)) wake = release;
    struct timespec ts, *tsp = NULL;
    if (wake != 0) {
      long long left = wake > now ? wake - now : 0;
      ts.tv_sec = left / 1000000000LL;
      ts.tv_nsec = left % 1000000000LL;
      tsp = &ts;
    }
    // Output waiting: wake when vipd reads it too (on a socket, in and out are one fd).
    short want = outlen ? POLLOUT : 0;
    struct pollfd p[2] = {{.fd = fd, .events = (short)(POLLIN | (out_fd == fd ? want : 0))},
                          {.fd = out_fd, .events = want}};
    int r = ppoll(p, out_fd == fd ? 1 : 2, tsp, empty);
    if (got_signal) return got_signal;
    if (r < 0 && errno != EINTR) emit("log error poll: %s", strerror(errno));
    if (r <= 0 || !(p[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
    read_ahead();
    feed_pending();
    flush_batch();
    if (in_eof) break;
  }
  long long seen = now_ns();
  reset_input();
  fence("eof", seen);
  return 0;
}

// The nice value of a process's autogroup (1: none or unreadable).
static int autogroup_nice(pid_t pid) {
  char path[64], buf[128];
  snprintf(path, sizeof path, "/proc/%d/autogroup", (int)pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 1;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return 1;
  buf[n] = '\0';
  const char *at = strstr(buf, "nice ");
  return at ? atoi(at + 5) : 1;
}

// The agent leads a session of its own (vipd starts it detached; systemd starts every service
// so). Under the kernel's autogroup scheduling the CPUs are shared between sessions first, so the
// nice value it inherited from vipd (scheduling.nice) counts only once its session's group has it
// too: without it, beside twelve busy processes in sessions of their own it got a fourteenth of
// the CPUs and could not keep 2000 lifetimes (bench:starve, 2026-12-07). Never above vipd's own
// group, though: a vipd that does not lead its session (started from a shell) leaves that at 0,
// and an agent at -10 beside it took the CPU from it (bench:scale at 2000: nodes fenced and revoked
// each other). So: the parent's group's value when vipd started it, its own nice as a service
// (parent: init). Only ever lowered; best effort (EPERM without CAP_SYS_NICE: left as it is; see
// services/vipd/src/scheduling.ts).
static void nice_autogroup(void) {
  if (getsid(0) != getpid()) return;
  errno = 0;
  int nice = getpriority(PRIO_PROCESS, 0);
  if (errno != 0) return;
  pid_t parent = getppid();
  if (parent > 1) {
    int theirs = autogroup_nice(parent);
    if (theirs > nice) nice = theirs;
  }
  int ours = autogroup_nice(getpid());
  if (nice >= 0 || ours == 1 || ours <= nice) return;
  int fd = open("/proc/self/autogroup", O_WRONLY | O_CLOEXEC);
  if (fd < 0) return;
  char buf[16];
  int len = snprintf(buf, sizeof buf, "%d\n", nice);
  if (write(fd, buf, (size_t)len) < 0) fprintf(stderr, "vipd-agent: session priority left as it is: %s\n", strerror(errno));
  close(fd);
}

static int listen_on(const char *path) {
  struct sockaddr_un sun = {.sun_family = AF_UNIX};
  if (strlen(path) >= sizeof sun.sun_path) {
    fprintf(stderr, "vipd-agent: socket path too long: %s\n", path);
    return -1;
  }
  strcpy(sun.sun_path, path);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  unlink(path);
  mode_t old = umask(0077);
  int ok = fd >= 0 && bind(fd, (struct sockaddr *)&sun, sizeof sun) == 0 && listen(fd, 4) == 0;
  umask(old);
  if (!ok) {
    fprintf(stderr, "vipd-agent: cannot listen on %s: %s\n", path, strerror(errno));
    return -1;
  }
  return fd;
}

int main(int argc, char **argv) {
  const char *listen_path = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--listen") && i + 1 < argc) listen_path = argv[++i];
    else if (!strcmp(argv[i], "--version")) {
      printf("vipd-agent 1\n");
      return 0;
    } else {
      fprintf(stderr, "usage: vipd-agent [--listen SOCKET_PATH]\n");
      return 2;
    }
  }
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
  prctl(PR_SET_TIMERSLACK, 1UL); // wake at the deadline, not 50 us later
  nice_autogroup();
  (void)mlockall(MCL_CURRENT);   // best effort: no page-in on the fence path
  nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  struct sockaddr_nl local = {.nl_family = AF_NETLINK};
  struct timeval rcvto = {.tv_sec = 1};
  int one = 1, rcvbuf = 4 << 20;
  if (nl < 0 || bind(nl, (struct sockaddr *)&local, sizeof local) < 0 ||
      setsockopt(nl, SOL_SOCKET, SO_RCVTIMEO, &rcvto, sizeof rcvto) < 0) {
    fprintf(stderr, "vipd-agent: cannot open rtnetlink socket: %s\n", strerror(errno));
    return 1;
  }
  // Acks without a copy of the request, and room for a whole batch of them.
  (void)setsockopt(nl, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof one);
  if (setsockopt(nl, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) < 0)
    (void)setsockopt(nl, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
  if (!listen_path) {
    fcntl(1, F_SETFL, fcntl(1, F_GETFL) | O_NONBLOCK);
    fcntl(1, F_SETPIPE_SZ, 1 << 20); // best effort
    int sig = serve(0, &empty);
    if (sig) {
      fence("signal", now_ns());
      flush_out();
      return 128 + sig;
    }
    flush_out();
    return 0;
  }
  int lfd = listen_on(listen_path);
  if (lfd < 0) return 1;
  fprintf(stderr, "vipd-agent: listening on %s\n", listen_path);
  for (;;) {
    struct pollfd p = {.fd = lfd, .events = POLLIN};
    int r = ppoll(&p, 1, NULL, &empty);
    if (got_signal) break;
    if (r <= 0) continue;
    int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (c < 0) continue;
    struct ucred cred;
    socklen_t cl = sizeof cred;
    if (getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cred, &cl) < 0 || (cred.uid != 0 && cred.uid != geteuid())) {
      close(c);
      continue;
    }
    out_fd = c;
    outlen = 0;
    dropped = 0;
    deadline = 0;
    keep_after_ns = 0; // each vipd says whether the agent keeps lifetimes
    int sig = serve(c, &empty);
    flush_out();
    close(c);
    out_fd = -1;
    if (sig) break;
  }
  fence("signal", now_ns());
  unlink(listen_path);
  return 128 + (int)got_signal;
}
