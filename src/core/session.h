/* session.h - the session object behind an HSNMP_SESSION.
 *
 * A session owns every entity, context, PDU and VBL created through it (the
 * handle table links them into `owned`). Sessions are released through ONE
 * function, ows_session_release, used by SnmpClose, SnmpCleanup and a
 * callback that returns failure.
 *
 * Locking: everything here requires the API lock (state.h).
 */
#ifndef OWS_CORE_SESSION_H
#define OWS_CORE_SESSION_H
#include <stdint.h>
#include "core/handle.h"
#include "platform.h"

struct ows_session {
    ows_object hdr;               /* first member: the handle table's view */
    void *hwnd;                   /* window to notify, or NULL */
    uint32_t wmsg;                /* message posted to hwnd / passed to the callback */
    ows_fnptr callback;           /* SNMPAPI_CALLBACK, or NULL (call via ows_plat_call_callback) */
    void *client_data;            /* lpClientData passed to the callback */
    uint32_t last_error;          /* this session's last SNMPAPI_* error */
    ows_object *owned;            /* head of the list of objects this session owns */
    void *net;                    /* engine state, created and freed by the engine */
    int closing;                  /* set by ows_session_release; lookups fail from then on */
    uint32_t next_request_id;     /* ows_session_new_request_id's counter */
    struct ows_session *prev, *next;   /* in the list of all live sessions */
};

/* Creates a session and publishes its handle. The caller has validated the
 * window/callback rules (api/session.c). OWS_E_ALLOC on failure. */
int ows_session_new(void *hwnd, uint32_t wmsg, ows_fnptr callback, void *client_data,
                    struct ows_session **out);

/* Looks up a session handle and takes a reference (pair with ows_object_put).
 * OWS_E_SESSION_INVALID for anything that is not a live, non-closing session. */
int ows_session_get(uintptr_t value, struct ows_session **out);

/* A request id unique within the session: positive, never 0; it wraps from
 * INT32_MAX back to 1 after 2^31 - 1 requests. */
int32_t ows_session_new_request_id(struct ows_session *s);

/* THE release path: marks the session closing (its handle and every handle
 * it owns stop resolving), lets the engine drop its sockets, queues and
 * requests (ows_net_session_release, which may drop and retake the API
 * lock), deletes every owned handle, then the session's own handle. The
 * session is freed when the last reference goes; a caller that holds a
 * reference may call this again safely (it does nothing). */
void ows_session_release(struct ows_session *s);

/* Releases every live session (SnmpCleanup). Returns how many. */
size_t ows_session_release_all(void);

/* Number of live sessions (tests, trace). */
size_t ows_session_count(void);

#endif
