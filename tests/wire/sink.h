/* sink.h - a UDP socket on loopback that receives requests and never
 * answers: the tests count what the library sends to a silent agent. */
#ifndef OWS_TESTS_SINK_H
#define OWS_TESTS_SINK_H
#ifdef _WIN32
#  include <winsock2.h>
#  include <ws2tcpip.h>
typedef SOCKET sink_t;
#else
#  include <arpa/inet.h>
#  include <netinet/in.h>
#  include <sys/socket.h>
#  include <unistd.h>
#  include <fcntl.h>
typedef int sink_t;
#endif
#include <string.h>

static WIRE_MAYBE_UNUSED sink_t sink_open(unsigned short port)
{
    struct sockaddr_in a;
    sink_t s;
#ifdef _WIN32
    WSADATA wd;
    u_long nb = 1;
    WSAStartup(MAKEWORD(2, 2), &wd);
#endif
    s = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, (struct sockaddr *)&a, sizeof a);
#ifdef _WIN32
    ioctlsocket(s, FIONBIO, &nb);
#else
    fcntl(s, F_SETFL, O_NONBLOCK);
#endif
    return s;
}

/* Drains the socket; returns how many datagrams were waiting. The last one
 * is copied to buf (up to cap bytes) with its length in *len. */
static WIRE_MAYBE_UNUSED int sink_count(sink_t s, unsigned char *buf, int cap, int *len)
{
    int n = 0;
    for (;;) {
        int got = (int)recv(s, (char *)buf, cap, 0);
        if (got < 0)
            break;
        if (len) *len = got;
        n++;
    }
    return n;
}

/* Waits up to ms for one datagram; returns its length (or -1) and where it
 * came from. */
static WIRE_MAYBE_UNUSED int sink_recv_from(sink_t s, unsigned char *buf, int cap, struct sockaddr_in *from,
                          int ms)
{
    int waited = 0;
    for (;;) {
#ifdef _WIN32
        int fl = sizeof(*from);
#else
        socklen_t fl = sizeof(*from);
#endif
        int got = (int)recvfrom(s, (char *)buf, cap, 0, (struct sockaddr *)from, &fl);
        if (got >= 0 || waited >= ms)
            return got;
#ifdef _WIN32
        Sleep(1);
#else
        usleep(1000);
#endif
        waited++;
    }
}

static WIRE_MAYBE_UNUSED void sink_send_to(sink_t s, const void *buf, int len, const struct sockaddr_in *to)
{
    sendto(s, (const char *)buf, len, 0, (const struct sockaddr *)to, sizeof(*to));
}

static WIRE_MAYBE_UNUSED void sink_close(sink_t s)
{
#ifdef _WIN32
    closesocket(s);
    WSACleanup();
#else
    close(s);
#endif
}
#endif
