/* responder.c - a small, fast SNMP GET responder for the client benchmarks.
 *
 * net-snmp's snmpd tops out far below what loopback UDP carries, so client
 * benchmarks talk to this instead: it answers every GET/GETNEXT/GETBULK with
 * one canned RESPONSE (sysName.0 = "bench-responder") carrying the request's
 * version, community and request id. It parses just enough BER to find those
 * three fields and drops anything else.
 *
 * Replies of one size to one client leave as one UDP_SEGMENT send (Linux
 * UDP GSO; the clients receive ordinary datagrams), which halves its kernel
 * time per GET, so that the reference is not what limits a client.
 * RESPONDER_GSO=0 sends one message per reply (before issue 12's last round).
 *
 * usage: responder [port] [seconds]   (defaults 16200, 60; exits after
 * `seconds` so a forgotten responder cannot outlive a benchmark run)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif

#define BATCH 64
#define MAXMSG 1500

static volatile sig_atomic_t stop;
static void on_signal(int sig) { (void)sig; stop = 1; }

/* Reads a tag and a definite length at *p; returns the content start or NULL. */
static const uint8_t *tl(const uint8_t *p, const uint8_t *end, uint8_t tag, size_t *len)
{
    if (end - p < 2 || p[0] != tag) return NULL;
    p++;
    size_t n = *p++;
    if (n & 0x80) {
        unsigned k = n & 0x7f;
        if (k == 0 || k > 2 || (size_t)(end - p) < k) return NULL;
        n = 0;
        while (k--) n = (n << 8) | *p++;
    }
    if ((size_t)(end - p) < n) return NULL;
    *len = n;
    return p;
}

/* Writes a definite length in minimal form; returns bytes written. */
static size_t put_len(uint8_t *p, size_t n)
{
    if (n < 128) { p[0] = (uint8_t)n; return 1; }
    if (n < 256) { p[0] = 0x81; p[1] = (uint8_t)n; return 2; }
    p[0] = 0x82; p[1] = (uint8_t)(n >> 8); p[2] = (uint8_t)n; return 3;
}

/* Builds the response for one request; returns its length or 0 to drop. */
static size_t answer(const uint8_t *in, size_t n, uint8_t *out)
{
    static const uint8_t vbl[] = {
        0x30, 0x1d, 0x30, 0x1b, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x05, 0x00,
        0x04, 0x0f, 'b', 'e', 'n', 'c', 'h', '-', 'r', 'e', 's', 'p', 'o', 'n', 'd', 'e', 'r'
    };
    const uint8_t *end = in + n, *p, *ver, *com, *rid;
    size_t len, vlen, clen, rlen;
    if (!(p = tl(in, end, 0x30, &len))) return 0;
    end = p + len;
    if (!(ver = tl(p, end, 0x02, &vlen))) return 0;
    p = ver + vlen;
    if (!(com = tl(p, end, 0x04, &clen)) || clen > 255) return 0;
    p = com + clen;
    if (end - p < 1 || (*p != 0xA0 && *p != 0xA1 && *p != 0xA5)) return 0;
    if (!(p = tl(p, end, *p, &len))) return 0;
    if (!(rid = tl(p, end, 0x02, &rlen)) || rlen > 5) return 0;

    /* Body of the PDU: request id, error status 0, error index 0, varbinds. */
    uint8_t pdu[400];
    size_t pl = 0;
    pdu[pl++] = 0x02; pdu[pl++] = (uint8_t)rlen;
    memcpy(pdu + pl, rid, rlen); pl += rlen;
    memcpy(pdu + pl, "\x02\x01\x00\x02\x01\x00", 6); pl += 6;
    memcpy(pdu + pl, vbl, sizeof vbl); pl += sizeof vbl;

    uint8_t body[600];
    size_t bl = 0;
    body[bl++] = 0x02; body[bl++] = (uint8_t)vlen;
    memcpy(body + bl, ver, vlen); bl += vlen;
    body[bl++] = 0x04; bl += put_len(body + bl, clen);
    memcpy(body + bl, com, clen); bl += clen;
    body[bl++] = 0xA2; bl += put_len(body + bl, pl);
    memcpy(body + bl, pdu, pl); bl += pl;

    size_t ol = 0;
    out[ol++] = 0x30; ol += put_len(out + ol, bl);
    memcpy(out + ol, body, bl);
    return ol + bl;
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 16200;
    int seconds = argc > 2 ? atoi(argv[2]) : 60;
    int fds[2], nfd = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    /* IPv4 and IPv6 loopback, both on the same port. */
    struct sockaddr_in a4 = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    a4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_port = htons((uint16_t)port) };
    a6.sin6_addr = in6addr_loopback;
    fds[0] = socket(AF_INET, SOCK_DGRAM, 0);
    if (fds[0] < 0 || bind(fds[0], (struct sockaddr *)&a4, sizeof a4) < 0) { perror("bind v4"); return 1; }
    nfd = 1;
    fds[1] = socket(AF_INET6, SOCK_DGRAM, 0);
    if (fds[1] >= 0) {
        int one = 1;
        setsockopt(fds[1], IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
        if (bind(fds[1], (struct sockaddr *)&a6, sizeof a6) == 0) nfd = 2;
        else close(fds[1]);
    }
    int buf = 4 << 20;
    for (int i = 0; i < nfd; i++) {
        setsockopt(fds[i], SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf);
        setsockopt(fds[i], SOL_SOCKET, SO_SNDBUF, &buf, sizeof buf);
    }
    fprintf(stderr, "responder: port %d, %d s\n", port, seconds);

    static uint8_t in[BATCH][MAXMSG], out[BATCH][MAXMSG];
    static struct sockaddr_storage from[BATCH];
    struct mmsghdr rm[BATCH], sm[BATCH];
    struct iovec riov[BATCH], siov[BATCH];
    static union { char b[CMSG_SPACE(sizeof(uint16_t))]; struct cmsghdr align; } ctl[BATCH];
    int to[BATCH];
    int gso = getenv("RESPONDER_GSO") ? atoi(getenv("RESPONDER_GSO")) : 1;
    time_t deadline = time(NULL) + seconds;
    unsigned long answered = 0;

    while (!stop && time(NULL) < deadline) {
        struct pollfd pf[2];
        for (int i = 0; i < nfd; i++) { pf[i].fd = fds[i]; pf[i].events = POLLIN; }
        if (poll(pf, (nfds_t)nfd, 500) <= 0) continue;
        for (int f = 0; f < nfd; f++) {
            if (!(pf[f].revents & POLLIN)) continue;
            for (int i = 0; i < BATCH; i++) {
                riov[i].iov_base = in[i]; riov[i].iov_len = MAXMSG;
                memset(&rm[i].msg_hdr, 0, sizeof rm[i].msg_hdr);
                rm[i].msg_hdr.msg_iov = &riov[i]; rm[i].msg_hdr.msg_iovlen = 1;
                rm[i].msg_hdr.msg_name = &from[i]; rm[i].msg_hdr.msg_namelen = sizeof from[i];
            }
            int got = recvmmsg(fds[f], rm, BATCH, MSG_DONTWAIT, NULL);
            if (got <= 0) continue;
            int ns = 0, ng = 0;
            for (int i = 0; i < got; i++) {
                size_t ol = answer(in[i], rm[i].msg_len, out[ns]);
                if (!ol) continue;
                siov[ns].iov_base = out[ns]; siov[ns].iov_len = ol;
                to[ns] = i;
                ns++;
            }
            /* One message per run of replies of one size to one sender (the
             * last may be shorter), sent as one UDP_SEGMENT send where the
             * kernel takes it: the reference costs less per GET, so that it
             * is not what limits the clients it serves. */
            for (int k = 0; k < ns; ng++) {
                int run = 1, i = to[k];
                size_t seg = siov[k].iov_len;
                while (gso && k + run < ns && run < 64 && siov[k + run].iov_len <= seg &&
                       rm[to[k + run]].msg_hdr.msg_namelen == rm[i].msg_hdr.msg_namelen &&
                       !memcmp(&from[to[k + run]], &from[i], rm[i].msg_hdr.msg_namelen))
                    if (siov[k + run++].iov_len < seg) break;
                memset(&sm[ng].msg_hdr, 0, sizeof sm[ng].msg_hdr);
                sm[ng].msg_hdr.msg_iov = &siov[k]; sm[ng].msg_hdr.msg_iovlen = (size_t)run;
                sm[ng].msg_hdr.msg_name = &from[i]; sm[ng].msg_hdr.msg_namelen = rm[i].msg_hdr.msg_namelen;
                if (run > 1) {
                    struct cmsghdr *cm;
                    uint16_t sz = (uint16_t)seg;
                    sm[ng].msg_hdr.msg_control = ctl[ng].b;
                    sm[ng].msg_hdr.msg_controllen = sizeof ctl[ng].b;
                    cm = CMSG_FIRSTHDR(&sm[ng].msg_hdr);
                    cm->cmsg_level = SOL_UDP; cm->cmsg_type = UDP_SEGMENT;
                    cm->cmsg_len = CMSG_LEN(sizeof sz);
                    memcpy(CMSG_DATA(cm), &sz, sizeof sz);
                }
                k += run;
            }
            if (ng > 0 && sendmmsg(fds[f], sm, (unsigned)ng, 0) < 0 && gso &&
                (errno == EIO || errno == EINVAL || errno == ENOPROTOOPT)) {
                /* No segmentation here: from now on one message per reply
                 * (this batch's replies are lost; the clients retransmit). */
                fprintf(stderr, "responder: UDP_SEGMENT refused, sending datagram by datagram\n");
                gso = 0;
            }
            answered += (unsigned long)ns;
        }
    }
    fprintf(stderr, "responder: answered %lu\n", answered);
    for (int i = 0; i < nfd; i++) close(fds[i]);
    return 0;
}
