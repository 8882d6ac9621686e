/* socket.c - Win32 non-blocking UDP sockets (Winsock 2) and error mapping. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "core/error.h"
#include "platform.h"
#include "bsd/sockaddr.h"

#ifndef SIO_UDP_CONNRESET
#define SIO_UDP_CONNRESET _WSAIOW(IOC_VENDOR, 12)
#endif

int ows_sock_startup(void)
{
    WSADATA wd;
    return WSAStartup(MAKEWORD(2, 2), &wd) == 0 ? OWS_OK : OWS_E_TL_NOT_INITIALIZED;
}

void ows_sock_cleanup(void)
{
    WSACleanup();
}

int ows_sock_last_error(void) { return WSAGetLastError(); }

int ows_sock_error_map(int e)
{
    switch (e) {
    case 0: return OWS_OK;
    case WSANOTINITIALISED: return OWS_E_TL_NOT_INITIALIZED;
    case WSAEADDRINUSE: case WSAEACCES: return OWS_E_TL_IN_USE;
    case WSAEADDRNOTAVAIL: return OWS_E_TL_SRC_INVALID;
    case WSAEAFNOSUPPORT: case WSAEPROTONOSUPPORT: case WSAESOCKTNOSUPPORT:
        return OWS_E_TL_NOT_SUPPORTED;
    case WSAEMFILE: case WSAENOBUFS: return OWS_E_TL_RESOURCE_ERROR;
    case WSAEMSGSIZE: return OWS_E_TL_PDU_TOO_BIG;
    case WSAENETUNREACH: case WSAEHOSTUNREACH: case WSAENETDOWN: case WSAEHOSTDOWN:
    case WSAECONNRESET: case WSAECONNREFUSED:
        return OWS_E_TL_UNDELIVERABLE;
    case WSAEINVAL: case WSAEFAULT: case WSAENOTSOCK: case WSAEDESTADDRREQ:
        return OWS_E_TL_INVALID_PARAM;
    default: return OWS_E_TL_OTHER;
    }
}

int ows_sock_open(int family, ows_sock *out)
{
    SOCKET s;
    u_long nb = 1;
    DWORD on = 1, off = 0, got;
    *out = OWS_SOCK_INVALID;
    if (family != OWS_AF_INET && family != OWS_AF_INET6)
        return OWS_E_TL_NOT_SUPPORTED;
    s = socket(family == OWS_AF_INET ? AF_INET : AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    if (s == INVALID_SOCKET)
        return ows_sock_error_map(WSAGetLastError());
    if (family == OWS_AF_INET6)
        setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (const char *)&on, sizeof(on));
    /* Without this an ICMP "port unreachable" makes the next recvfrom fail
     * with WSAECONNRESET; SNMP treats it as a lost datagram. */
    WSAIoctl(s, SIO_UDP_CONNRESET, &off, sizeof(off), NULL, 0, &got, NULL, NULL);
    if (ioctlsocket(s, FIONBIO, &nb) != 0) {
        int e = WSAGetLastError();
        closesocket(s);
        return ows_sock_error_map(e);
    }
    *out = (ows_sock)s;
    return OWS_OK;
}

void ows_sock_set_rcvbuf(ows_sock s, int bytes)
{
    setsockopt((SOCKET)s, SOL_SOCKET, SO_RCVBUF, (const char *)&bytes, sizeof(bytes));
}

void ows_sock_close(ows_sock s)
{
    if (s != OWS_SOCK_INVALID)
        closesocket((SOCKET)s);
}

int ows_sock_bind(ows_sock s, const struct ows_addr *addr)
{
    struct sockaddr_storage ss;
    int len = ows_bsd_to_sa(addr, &ss);
    BOOL excl = TRUE;
    if (!len)
        return OWS_E_TL_INVALID_PARAM;
    /* Refuse to share a port silently with another process. */
    setsockopt((SOCKET)s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (const char *)&excl, sizeof(excl));
    if (bind((SOCKET)s, (struct sockaddr *)&ss, len) != 0)
        return ows_sock_error_map(WSAGetLastError());
    return OWS_OK;
}

int ows_sock_local_addr(ows_sock s, struct ows_addr *out)
{
    struct sockaddr_storage ss;
    int len = sizeof(ss);
    if (getsockname((SOCKET)s, (struct sockaddr *)&ss, &len) != 0)
        return ows_sock_error_map(WSAGetLastError());
    ows_bsd_from_sa(&ss, out);
    return OWS_OK;
}

int ows_sock_recv_timeout(ows_sock s, long timeout_ms)
{
    u_long nb = 0;
    DWORD ms = timeout_ms < 1 ? 1 : (DWORD)timeout_ms;
    if (ioctlsocket((SOCKET)s, FIONBIO, &nb) == SOCKET_ERROR ||
        setsockopt((SOCKET)s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&ms, sizeof(ms)) == SOCKET_ERROR)
        return ows_sock_error_map(WSAGetLastError());
    return OWS_OK;
}

int ows_sock_sendto(ows_sock s, const void *buf, size_t len, const struct ows_addr *to)
{
    struct sockaddr_storage ss;
    int sl = ows_bsd_to_sa(to, &ss), n;
    if (!sl)
        return OWS_E_TL_INVALID_PARAM;
    if (len > 0x7FFFFFFF)
        return OWS_E_TL_PDU_TOO_BIG;
    n = sendto((SOCKET)s, (const char *)buf, (int)len, 0, (struct sockaddr *)&ss, sl);
    if (n == SOCKET_ERROR)
        return ows_sock_error_map(WSAGetLastError());
    return (size_t)n == len ? OWS_OK : OWS_E_TL_OTHER;
}

int ows_sock_pending(ows_sock s)
{
    u_long n = 0;
    if (ioctlsocket((SOCKET)s, FIONREAD, &n) != 0)
        return -1;
    return n > 0;
}

int ows_sock_recvfrom(ows_sock s, void *buf, size_t cap, size_t *got, struct ows_addr *from)
{
    struct sockaddr_storage ss;
    int sl, n, tries, e;

    *got = 0;
    if (cap > 0x7FFFFFFF)
        cap = 0x7FFFFFFF;
    for (tries = 0; tries < 16; tries++) {
        sl = sizeof(ss);
        n = recvfrom((SOCKET)s, (char *)buf, (int)cap, 0, (struct sockaddr *)&ss, &sl);
        if (n != SOCKET_ERROR) {
            if (from)
                ows_bsd_from_sa(&ss, from);
            *got = (size_t)n;
            return OWS_OK;
        }
        e = WSAGetLastError();
        /* WSAETIMEDOUT: a blocking socket's receive timeout (ows_sock_recv_timeout). */
        if (e == WSAEWOULDBLOCK || e == WSAETIMEDOUT)
            return OWS_E_NOOP;
        if (e == WSAEMSGSIZE) {
            if (from)
                ows_bsd_from_sa(&ss, from);
            *got = cap;
            return OWS_E_TL_PDU_TOO_BIG;
        }
        if (e != WSAECONNRESET && e != WSAEINTR)
            return ows_sock_error_map(e);
    }
    return OWS_E_NOOP;
}

/* Winsock has no call that moves several datagrams which Wine offers too. */
unsigned ows_sock_batch_max(void) { return 1; }

int ows_sock_recv_batch(ows_sock s, struct ows_dgram *d, unsigned n)
{
    return ows_bsd_recv_loop(s, d, n);
}

int ows_sock_send_batch(ows_sock s, const struct ows_dgram *d, unsigned n, int *err)
{
    return ows_bsd_send_loop(s, d, n, err);
}
