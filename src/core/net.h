/* net.h - what the session core needs from the network engine (issue 4).
 *
 * The engine owns sockets, the I/O thread, outstanding requests, receive
 * queues and notification. The session core calls these at fixed points so
 * that SnmpClose and SnmpCleanup share ONE release path.
 */
#ifndef OWS_CORE_NET_H
#define OWS_CORE_NET_H

struct ows_session;

/* Called by the first successful startup and by the final cleanup, with the
 * API lock NOT held. Never called from DllMain. */
int ows_net_start(void);
void ows_net_stop(void);

/* Called by the single session release function, with the API lock held,
 * before the session's objects are deleted: discard outstanding requests
 * and queued messages, close sockets and registrations, and guarantee that no
 * notification for this session is delivered once the caller returns (unless
 * the caller is that session's own callback, which must not deadlock). May
 * drop and retake the API lock. */
void ows_net_session_release(struct ows_session *s);

#endif
