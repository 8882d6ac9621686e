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

static sink_t sink_open(unsigned short port)
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
static int sink_count(sink_t s, unsigned char *buf, int cap, int *len)
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

static void sink_close(sink_t s)
{
#ifdef _WIN32
    closesocket(s);
    WSACleanup();
#else
    close(s);
#endif
}
#endif
