/* sockets_os.h - the BSD-socket headers of this platform, for src/bsd/. */
#ifndef OWS_POSIX_SOCKETS_OS_H
#define OWS_POSIX_SOCKETS_OS_H
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#endif
