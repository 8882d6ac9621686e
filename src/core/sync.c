/* sync.c - the sockets of synchronous exchanges (sync.h). */
#include "core/engine.h"
#include "core/error.h"
#include "core/handle_get.h"
#include "core/session.h"
#include "core/state.h"
#include "core/sync.h"

/* Takes the API lock and a reference on a live session. */
static int enter(uintptr_t session, struct ows_session **s)
{
    int err;
    ows_lock();
    if (!ows_initialized()) {
        ows_unlock();
        return OWS_E_NOT_INITIALIZED;
    }
    err = ows_session_get(session, s);
    if (err)
        ows_unlock();
    return err;
}

int ows_sync_socket(uintptr_t session, int family, ows_sock *out)
{
    struct ows_session *s;
    struct ows_net_sock *ns;
    int err = enter(session, &s);
    if (err)
        return err;
    if (!ows_net_state(s, 1))
        err = OWS_E_ALLOC;
    else if ((err = ows_net_socket(s, family, OWS_SOCK_SYNC, &ns)) == OWS_OK &&
             ns->role != OWS_SOCK_SYNC)
        err = OWS_E_OPERATION_INVALID;
    if (!err)
        *out = ns->fd;
    ows_object_put(&s->hdr);
    ows_unlock();
    return err;
}
