/* sync.h - synchronous exchanges in the calling thread (the Management
 * API's SnmpMgrRequest): the session's own socket of an address family,
 * which the engine thread never polls, so the thread that sent a request
 * receives its answer itself, with no hand-over between threads. The socket
 * is the session's (engine.h, OWS_SOCK_SYNC) and goes with it through
 * ows_session_release, like every session socket.
 *
 * The caller keeps the session open while it uses the socket (mgmtapi's
 * registry closes a session only once its last request has returned).
 */
#ifndef OWS_CORE_SYNC_H
#define OWS_CORE_SYNC_H
#include <stdint.h>
#include "platform.h"

/* The socket of session handle value `session` for `family`, opened on
 * first use. OWS_E_SESSION_INVALID, OWS_E_NOT_INITIALIZED, OWS_E_ALLOC or
 * a transport error; OWS_E_OPERATION_INVALID when the session already uses
 * that family through SnmpSendMsg. Takes the API lock. */
int ows_sync_socket(uintptr_t session, int family, ows_sock *out);

#endif
