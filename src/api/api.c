/* api.c - export glue: the ONE place where internal errors become SNMPAPI
 * codes and where the process-wide and per-session last errors are set. */
#include "api/api.h"
#include "core/context.h"
#include "core/entity.h"
#include "core/session.h"

int ows_api_enter(void)
{
    ows_lock();
    if (!ows_initialized()) {
        ows_unlock();
        return OWS_E_NOT_INITIALIZED;
    }
    return OWS_OK;
}

int ows_api_enter_entity(HSNMP_ENTITY entity, struct ows_entity **out)
{
    int err = ows_api_enter();
    if (!err)
        err = ows_entity_get(OWS_H2V(entity), out);
    return err;
}

int ows_api_enter_context(HSNMP_CONTEXT context, struct ows_context **out)
{
    int err = ows_api_enter();
    if (!err)
        err = ows_context_get(OWS_H2V(context), out);
    return err;
}

SNMPAPI_STATUS ows_api_return(struct ows_session *session, int err, SNMPAPI_STATUS ok)
{
    if (err) {
        uint32_t code = ows_err_to_api(err);
        /* The session's field is written while the lock still protects it. */
        if (session)
            session->last_error = code;
        ows_set_last_error(code);
        OWS_TRACE("-> failure %u (%s)", code, ows_strerror(err));
    }
    if (ows_lock_held())
        ows_unlock();
    return err ? SNMPAPI_FAILURE : ok;
}

SNMPAPI_STATUS ows_api_leave(struct ows_session *s, int err, SNMPAPI_STATUS ok)
{
    /* Decided before the reference goes: a session that is not closing is
     * still in the handle table, so it outlives our reference. */
    struct ows_session *rec = s->closing ? NULL : s;
    ows_object_put(&s->hdr);
    return ows_api_return(rec, err, ok);
}
