/* sockets_os.h - the BSD-socket headers of this platform, for src/bsd/. */
#ifndef OWS_WIN32_SOCKETS_OS_H
#define OWS_WIN32_SOCKETS_OS_H
#include <winsock2.h>
#include <ws2tcpip.h>

/* 0 once Winsock is started for name resolution (wsa_once.c). */
int ows_bsd_ready(void);
#endif
