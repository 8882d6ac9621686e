/* notify.c - telling a session that something arrived or a request failed.
 *
 * Window sessions get PostMessage at once (it never blocks). Callback
 * sessions get their callback later, from the engine thread, with no lock
 * held: the engine marks which session it is calling so that SnmpClose on
 * another thread waits for that call to end, which is what makes "after
 * SnmpClose returns, no notification is delivered" true. Polling sessions
 * get nothing; they call SnmpRecvMsg when they like.
 */
#include "core/alloc.h"
#include "core/engine.h"
#include "core/error.h"
#include "core/session.h"
#include "core/state.h"
#include "core/trace.h"

#define SNMPAPI_SUCCESS_ 1u

void ows_notify(struct ows_session *s, uintptr_t wparam, intptr_t lparam)
{
    struct ows_engine *e = ows_eng;

    if (s->callback) {
        struct ows_notice *nt;
        if (e->nnotes == e->notes_cap) {
            uint32_t cap = e->notes_cap ? e->notes_cap * 2 : 64;
            nt = ows_realloc(e->notes, cap * sizeof(*nt));
            if (!nt) {
                /* The message stays queued; the application finds it with its
                 * next SnmpRecvMsg. */
                OWS_WARN("session %08x: notification lost (out of memory)", s->hdr.handle);
                return;
            }
            e->notes = nt;
            e->notes_cap = cap;
        }
        nt = &e->notes[e->nnotes++];
        ows_object_ref(&s->hdr);
        nt->s = s;
        nt->wparam = wparam;
        nt->lparam = lparam;
    } else if (s->hwnd) {
        int err = ows_plat_post_message(s->hwnd, s->wmsg, wparam, lparam);
        if (err)
            OWS_WARN("session %08x: PostMessage failed: %s", s->hdr.handle, ows_strerror(err));
    }
}

void ows_notify_deliver(struct ows_engine *e)
{
    uint32_t i;
    for (i = 0; i < e->nnotes; i++) {
        struct ows_notice nt = e->notes[i];
        struct ows_session *s = nt.s;
        if (!s->closing && s->callback && !e->stop) {
            uint32_t ret;
            uintptr_t handle = s->hdr.handle;
            ows_fnptr cb = s->callback;
            void *hwnd = s->hwnd, *data = s->client_data;
            uint32_t wmsg = s->wmsg;
            e->delivering = s;
            ows_unlock();
            ret = ows_plat_call_callback(cb, handle, hwnd, wmsg, nt.wparam, nt.lparam, data);
            ows_lock();
            e->delivering = NULL;
            ows_cond_broadcast(&ows_net_deliver_cond);
            if (ret != SNMPAPI_SUCCESS_ && !s->closing) {
                OWS_TRACE("session %08x: callback returned %u: closing it",
                          (unsigned)handle, ret);
                ows_session_release(s);
            }
        }
        ows_object_put(&s->hdr);
    }
    e->nnotes = 0;
}

void ows_notify_discard(struct ows_engine *e)
{
    uint32_t i;
    for (i = 0; i < e->nnotes; i++)
        ows_object_put(&e->notes[i].s->hdr);
    e->nnotes = 0;
}
