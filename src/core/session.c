/* session.c - session objects and THE session release path. */
#include "core/alloc.h"
#include "core/error.h"
#include "core/handle_get.h"
#include "core/net.h"
#include "core/session.h"
#include "core/trace.h"

/* Every live session, so SnmpCleanup can close them all. */
static struct ows_session *all_sessions;
static size_t session_count;

static void session_destroy(ows_object *obj)
{
    ows_free(obj);
}

static void unlink_session(struct ows_session *s)
{
    if (s->prev)
        s->prev->next = s->next;
    else if (all_sessions == s)
        all_sessions = s->next;
    if (s->next)
        s->next->prev = s->prev;
    s->prev = s->next = NULL;
    session_count--;
}

int ows_session_new(void *hwnd, uint32_t wmsg, ows_fnptr callback, void *client_data,
                    struct ows_session **out)
{
    struct ows_session *s;
    int err;

    *out = NULL;
    s = ows_calloc(1, sizeof(*s));
    if (!s)
        return OWS_E_ALLOC;
    s->hwnd = hwnd;
    s->wmsg = wmsg;
    s->callback = callback;
    s->client_data = client_data;
    s->next_request_id = 1;
    s->hdr.destroy = session_destroy;
    err = ows_handle_new(&s->hdr, OWS_T_SESSION, NULL);
    if (err) {
        ows_free(s);
        return err;
    }
    s->next = all_sessions;
    if (all_sessions)
        all_sessions->prev = s;
    all_sessions = s;
    session_count++;
    *out = s;
    OWS_TRACE("session %p handle %08x", (void *)s, s->hdr.handle);
    return OWS_OK;
}

int ows_session_get(uintptr_t value, struct ows_session **out)
{
    ows_object *o;
    int err = ows_handle_lookup(value, OWS_T_SESSION, &o);
    *out = err ? NULL : (struct ows_session *)o;
    return err;
}

int32_t ows_session_new_request_id(struct ows_session *s)
{
    uint32_t id = s->next_request_id;
    if (id == 0 || id > 0x7FFFFFFFu)
        id = 1;
    s->next_request_id = id == 0x7FFFFFFFu ? 1u : id + 1u;
    return (int32_t)id;
}

void ows_session_release(struct ows_session *s)
{
    if (!s || s->closing)
        return;
    OWS_TRACE("releasing session %08x", s->hdr.handle);
    s->closing = 1;
    /* Keep the session alive while the engine may drop the lock. */
    ows_object_ref(&s->hdr);
    ows_net_session_release(s);
    ows_handle_delete_owned(s);
    unlink_session(s);
    ows_handle_delete(&s->hdr);
    ows_object_put(&s->hdr);
}

size_t ows_session_release_all(void)
{
    size_t n = 0;
    struct ows_session *s;
    /* Sessions still closing elsewhere (the engine dropped the lock inside
     * their release) stay linked until that release finishes; skip them. */
    for (;;) {
        for (s = all_sessions; s && s->closing; s = s->next)
            ;
        if (!s)
            break;
        ows_session_release(s);
        n++;
    }
    return n;
}

size_t ows_session_count(void)
{
    return session_count;
}
