/* session.c - SnmpOpen, SnmpCreateSession, SnmpClose.
 *
 * Notification rules: with a callback, hWnd and wMsg are not checked (they
 * are passed to the callback unchanged). Without one, a non-NULL hWnd must be
 * a window (HWND_INVALID) and wMsg must not be 0 (MESSAGE_INVALID).
 * [open, decided] With neither a callback nor a window (hWnd NULL) the
 * session is a polling-only session: it gets no notifications and the
 * application calls SnmpRecvMsg itself, as many real applications do. */
#include "api/api.h"
#include "core/session.h"
#include "platform.h"

static HSNMP_SESSION create(HWND hwnd, UINT wmsg, ows_fnptr cb, void *data)
{
    struct ows_session *s;
    int err = ows_api_enter();
    if (err)
        return (HSNMP_SESSION)(uintptr_t)ows_api_fail(NULL, err);
    if (!cb && hwnd) {
        if (!ows_plat_is_window(hwnd))
            return (HSNMP_SESSION)(uintptr_t)ows_api_fail(NULL, OWS_E_HWND_INVALID);
        if (wmsg == 0)
            return (HSNMP_SESSION)(uintptr_t)ows_api_fail(NULL, OWS_E_MESSAGE_INVALID);
    }
    if (!cb && !hwnd)
        OWS_TRACE("polling-only session (no window, no callback)");
    err = ows_session_new(cb ? NULL : hwnd, wmsg, cb, cb ? data : NULL, &s);
    if (err)
        return (HSNMP_SESSION)(uintptr_t)ows_api_fail(NULL, err);
    /* Callback sessions keep hWnd and wMsg to hand them back unchanged. */
    if (cb)
        s->hwnd = hwnd;
    return OWS_V2H(ows_api_return(NULL, OWS_OK, s->hdr.handle));
}

/* SnmpOpen: opens a WinSNMP 1.1-style session notified by window message. */
HSNMP_SESSION WINAPI SnmpOpen(HWND hWnd, UINT wMsg)
{
    OWS_API_TRACE("SnmpOpen(%p, %u)", (void *)hWnd, wMsg);
    return create(hWnd, wMsg, NULL, NULL);
}

/* SnmpCreateSession: opens a session notified by callback, window, or not at all. */
HSNMP_SESSION WINAPI SnmpCreateSession(HWND hWnd, UINT wMsg, SNMPAPI_CALLBACK fCallBack,
                                       LPVOID lpClientData)
{
    OWS_API_TRACE("SnmpCreateSession(%p, %u, %p, %p)", (void *)hWnd, wMsg,
                  (void *)(uintptr_t)fCallBack, lpClientData);
    return create(hWnd, wMsg, (ows_fnptr)fCallBack, lpClientData);
}

/* SnmpClose: closes a session and frees everything it owns. */
SNMPAPI_STATUS WINAPI SnmpClose(HSNMP_SESSION session)
{
    struct ows_session *s;
    int err = ows_api_enter();
    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpClose(%p)", (void *)session);
    err = ows_session_get(OWS_H2V(session), &s);
    if (err)
        return ows_api_fail(NULL, err);
    ows_session_release(s);
    ows_object_put(&s->hdr);
    return ows_api_return(NULL, OWS_OK, SNMPAPI_SUCCESS);
}
