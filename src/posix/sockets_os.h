/* sockets_os.h - the BSD-socket headers of this platform, for src/bsd/. */
#ifndef OWS_POSIX_SOCKETS_OS_H
#define OWS_POSIX_SOCKETS_OS_H
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

/* 0 when the socket library can resolve names: always, here. */
static inline int ows_bsd_ready(void) { return 0; }
#endif
