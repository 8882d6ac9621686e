/* lasterror.c - SnmpGetLastError. */
#include "api/api.h"
#include "core/session.h"

/* SnmpGetLastError: the last error of a session, or of the process for NULL.
 * Works before startup and after cleanup (the process-wide value is an
 * atomic). A session handle that is not valid yields SNMPAPI_SESSION_INVALID
 * itself, as the documentation describes; the stored errors are untouched. */
SNMPAPI_STATUS WINAPI SnmpGetLastError(HSNMP_SESSION session)
{
    struct ows_session *s;
    uint32_t code;

    if (!session)
        return ows_get_last_error();
    ows_lock();
    if (ows_session_get(OWS_H2V(session), &s)) {
        code = SNMPAPI_SESSION_INVALID;
    } else {
        code = s->last_error;
        ows_object_put(&s->hdr);
    }
    ows_unlock();
    return code;
}
