/* net.c - placeholder network engine: no sockets yet, nothing to release.
 * Replaced by the real engine (issue 4). */
#include "core/net.h"

int ows_net_start(void) { return 0; }
void ows_net_stop(void) {}
void ows_net_session_release(struct ows_session *s) { (void)s; }
