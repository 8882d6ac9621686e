/* pingpong_winsock.c - the ceiling for the Wine benchmarks (issue 12): a
 * plain Winsock 2 program, no SNMP library, doing what bench/wire_ows.c does
 * through the API: keep N SNMPv2c GETs of sysName.0 outstanding against
 * bench/responder from one UDP socket, sending the next GET as each reply
 * arrives, and print replies per second. Run under Wine it measures what
 * Wine's socket layer allows one thread and one socket at that concurrency.
 *
 * usage: pingpong_winsock [port] [outstanding] [seconds] [mode] [max_replies]
 *   mode "block" (default): blocking recvfrom, one reply per call;
 *   mode "poll": WSAPoll, then non-blocking recvfrom until WSAEWOULDBLOCK;
 *   mode "event": WSAEventSelect(FD_READ) on an auto-reset event, a wait on
 *   it, then non-blocking recvfrom until WSAEWOULDBLOCK (the shape of the
 *   library's engine loop on Windows).
 * A receive that waits 200 ms counts as loss: the window is refilled.
 * max_replies > 0: stop after that many replies (then `seconds` is only a
 * bound), for counting system calls per GET.
 *
 * usage: pingpong_winsock serve [port] [seconds] [idle]
 *   the agent-role ceiling: a blocking loop that answers every GetRequest on
 *   127.0.0.1:port with the same message as a Response (the request's own
 *   varbinds), one recvfrom and one sendto per request, for `seconds`, or
 *   until `idle` seconds pass without a request after the first one.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* SNMPv2c GetRequest, community "public", request id 0x01020304 (bytes
 * 17..20 are rewritten per send), sysName.0 with a NULL value. */
static unsigned char get_msg[] = {
    0x30, 0x29, 0x02, 0x01, 0x01, 0x04, 0x06, 'p', 'u', 'b', 'l', 'i', 'c',
    0xa0, 0x1c, 0x02, 0x04, 0x01, 0x02, 0x03, 0x04, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00,
    0x30, 0x0e, 0x30, 0x0c, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x05, 0x00,
    0x05, 0x00
};

static LARGE_INTEGER freq;

static double now(void)
{
    LARGE_INTEGER t;
    QueryPerformanceCounter(&t);
    return (double)t.QuadPart / (double)freq.QuadPart;
}

static unsigned long next_id = 1;

static int send_get(SOCKET s, const struct sockaddr_in *to)
{
    unsigned long id = next_id++ & 0x7fffffff;
    get_msg[17] = (unsigned char)(id >> 24);
    get_msg[18] = (unsigned char)(id >> 16);
    get_msg[19] = (unsigned char)(id >> 8);
    get_msg[20] = (unsigned char)id;
    return sendto(s, (const char *)get_msg, sizeof(get_msg), 0, (const struct sockaddr *)to,
                  sizeof(*to)) == (int)sizeof(get_msg) ? 0 : -1;
}

/* Turns a GetRequest/GetNextRequest in buf into a Response in place: the PDU
 * tag after the version and community becomes 0xA2. 0 when it is no such
 * message. Only short-form lengths, which the benchmark's GETs have. */
static int to_response(unsigned char *buf, int n)
{
    int i = 2;
    if (n < 16 || buf[0] != 0x30 || (buf[1] & 0x80) || buf[i] != 0x02)
        return 0;
    i += 2 + buf[i + 1];                      /* version */
    if (i + 2 > n || buf[i] != 0x04 || (buf[i + 1] & 0x80))
        return 0;
    i += 2 + buf[i + 1];                      /* community */
    if (i >= n || (buf[i] != 0xa0 && buf[i] != 0xa1))
        return 0;
    buf[i] = 0xa2;
    return 1;
}

static int serve(int port, double seconds, double idle)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in me, from;
    DWORD tmo = 200;
    int buf = 4 << 20, fl;
    unsigned long answered = 0;
    double end = now() + seconds, last = now();
    unsigned char in[2048];

    if (s == INVALID_SOCKET)
        return 1;
    memset(&me, 0, sizeof(me));
    me.sin_family = AF_INET;
    me.sin_port = htons((u_short)port);
    me.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *)&me, sizeof(me)) != 0) {
        fprintf(stderr, "pingpong_winsock: cannot bind port %d\n", port);
        return 1;
    }
    setsockopt(s, SOL_SOCKET, SO_RCVBUF, (const char *)&buf, sizeof(buf));
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&tmo, sizeof(tmo));
    while (now() < end) {
        int n;
        fl = sizeof(from);
        n = recvfrom(s, (char *)in, sizeof(in), 0, (struct sockaddr *)&from, &fl);
        if (n > 0 && to_response(in, n) &&
            sendto(s, (const char *)in, n, 0, (struct sockaddr *)&from, fl) == n) {
            answered++;
            last = now();
        } else if (idle > 0 && answered && now() - last > idle) {
            break;
        }
    }
    fprintf(stderr, "pingpong_winsock serve: answered %lu\n", answered);
    closesocket(s);
    return 0;
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 16200;
    int outstanding = argc > 2 ? atoi(argv[2]) : 16;
    double seconds = argc > 3 ? atof(argv[3]) : 3.0;
    int poll_mode = argc > 4 && !strcmp(argv[4], "poll");
    int event_mode = argc > 4 && !strcmp(argv[4], "event");
    HANDLE ev = NULL;
    unsigned long max_replies = argc > 5 ? strtoul(argv[5], NULL, 10) : 0;
    WSADATA wd;
    SOCKET s;
    struct sockaddr_in to, any;
    DWORD tmo = 200;
    int buf = 4 << 20, i;
    unsigned long done = 0, refills = 0, calls = 0;
    double t0, end, el;
    char in[2048];

    QueryPerformanceFrequency(&freq);
    if (WSAStartup(MAKEWORD(2, 2), &wd) != 0)
        return 1;
    if (argc > 1 && !strcmp(argv[1], "serve"))
        return serve(argc > 2 ? atoi(argv[2]) : 16200, argc > 3 ? atof(argv[3]) : 10.0,
                     argc > 4 ? atof(argv[4]) : 0);
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    if (s == INVALID_SOCKET)
        return 1;
    memset(&any, 0, sizeof(any));
    any.sin_family = AF_INET;
    any.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, (struct sockaddr *)&any, sizeof(any));
    /* Room for the whole window, as the library asks for its own sockets. */
    setsockopt(s, SOL_SOCKET, SO_RCVBUF, (const char *)&buf, sizeof(buf));
    if (poll_mode) {
        u_long nb = 1;
        ioctlsocket(s, FIONBIO, &nb);
    } else if (event_mode) {
        /* Makes the socket non-blocking too. */
        ev = CreateEventW(NULL, FALSE, FALSE, NULL);
        if (!ev || WSAEventSelect(s, ev, FD_READ) != 0)
            return 1;
    } else {
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&tmo, sizeof(tmo));
    }
    memset(&to, 0, sizeof(to));
    to.sin_family = AF_INET;
    to.sin_port = htons((u_short)port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    t0 = now();
    end = t0 + seconds;
    for (i = 0; i < outstanding; i++)
        send_get(s, &to);
    while (now() < end && (!max_replies || done < max_replies)) {
        if (poll_mode || event_mode) {
            WSAPOLLFD pf;
            int n;
            if (event_mode) {
                DWORD w = WaitForSingleObject(ev, 200);
                n = w == WAIT_OBJECT_0 ? 1 : w == WAIT_TIMEOUT ? 0 : -1;
            } else {
                pf.fd = s;
                pf.events = POLLRDNORM;
                pf.revents = 0;
                n = WSAPoll(&pf, 1, 200);
            }
            calls++;
            if (n == 0) {
                refills++;
                for (i = 0; i < outstanding; i++)
                    send_get(s, &to);
                continue;
            }
            if (n < 0)
                break;
            /* Bounded drain: at most one window per wake-up. */
            for (i = 0; i < outstanding + 1; i++) {
                int got = recvfrom(s, in, sizeof(in), 0, NULL, NULL);
                calls++;
                if (got < 0)
                    break;
                done++;
                send_get(s, &to);
            }
        } else {
            int got = recvfrom(s, in, sizeof(in), 0, NULL, NULL);
            calls++;
            if (got < 0) {
                if (WSAGetLastError() != WSAETIMEDOUT)
                    break;
                refills++;
                for (i = 0; i < outstanding; i++)
                    send_get(s, &to);
                continue;
            }
            done++;
            send_get(s, &to);
        }
    }
    el = now() - t0;
    printf("Winsock ping-pong (%s): outstanding %d: %.0f GETs/s (%lu replies, %lu refills "
           "after a 200 ms silence, %.2f receive calls per reply, %.2f s)\n",
           poll_mode ? "poll" : event_mode ? "event" : "block", outstanding, done / el, done, refills,
           done ? (double)calls / done : 0.0, el);
    closesocket(s);
    if (ev)
        CloseHandle(ev);
    WSACleanup();
    return 0;
}
