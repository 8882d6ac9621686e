/* trap.c - the notification and agent-role exports: SnmpRegister,
 * SnmpListen, SnmpListenEx. They validate and hand over to the engine
 * (src/core/transport.c, where the decisions are documented). */
#include "api/api.h"
#include "core/context.h"
#include "core/engine.h"
#include "core/entity.h"
#include "core/session.h"

/* SnmpRegister: registers (or unregisters) a session for traps and informs. */
SNMPAPI_STATUS WINAPI SnmpRegister(HSNMP_SESSION session, HSNMP_ENTITY srcEntity,
                                   HSNMP_ENTITY dstEntity, HSNMP_CONTEXT context,
                                   smiLPCOID notification, smiUINT32 state)
{
    struct ows_session *s;
    struct ows_entity *src = NULL, *dst = NULL;
    struct ows_context *ctx = NULL;
    ows_oid oid;
    int err = ows_api_enter();
    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpRegister(%p, %p, %p, %p, %p, %lu)", (void *)session, (void *)srcEntity,
                  (void *)dstEntity, (void *)context, (const void *)notification,
                  (unsigned long)state);
    err = ows_session_get(OWS_H2V(session), &s);
    if (err)
        return ows_api_fail(NULL, err);
    /* NULL handles are wildcards. */
    if (srcEntity)
        err = ows_entity_get(OWS_H2V(srcEntity), &src);
    if (!err && dstEntity)
        err = ows_entity_get(OWS_H2V(dstEntity), &dst);
    if (!err && context)
        err = ows_context_get(OWS_H2V(context), &ctx);
    if (!err && notification &&
        (!notification->ptr || notification->len == 0 || notification->len > OWS_MAX_OID_LEN))
        err = OWS_E_OID_INVALID;
    /* Documented: a state other than SNMPAPI_ON or SNMPAPI_OFF registers. */
    if (!err) {
        oid.len = notification ? (uint32_t)notification->len : 0;
        oid.ids = notification ? (uint32_t *)notification->ptr : NULL;
        err = ows_net_register(s, src, dst, ctx, notification ? &oid : NULL,
                               state != SNMPAPI_OFF);
    }
    if (ctx)
        ows_object_put(&ctx->hdr);
    if (dst)
        ows_object_put(&dst->hdr);
    if (src)
        ows_object_put(&src->hdr);
    return ows_api_leave(s, err, SNMPAPI_SUCCESS);
}

static SNMPAPI_STATUS listen_common(HSNMP_ENTITY entity, smiUINT32 status, int all_addr)
{
    struct ows_entity *e;
    struct ows_session *owner;
    int err = ows_api_enter_entity(entity, &e);
    if (err)
        return ows_api_fail(NULL, err);
    /* A looked-up entity has a live owner; hold it: SnmpListen may wait
     * for the engine with the API lock dropped, and SnmpClose may run. */
    owner = e->hdr.owner;
    ows_object_ref(&owner->hdr);
    if (status != SNMPAPI_ON && status != SNMPAPI_OFF)
        err = OWS_E_MODE_INVALID;
    else
        err = ows_net_listen(e, status == SNMPAPI_ON, all_addr);
    ows_object_put(&e->hdr);
    return ows_api_leave(owner, err, SNMPAPI_SUCCESS);
}

/* SnmpListen: makes an entity listen for requests (agent role), or stops it. */
SNMPAPI_STATUS WINAPI SnmpListen(HSNMP_ENTITY hEntity, SNMPAPI_STATUS lStatus)
{
    OWS_API_TRACE("SnmpListen(%p, %lu)", (void *)hEntity, (unsigned long)lStatus);
    return listen_common(hEntity, lStatus, 0);
}

/* SnmpListenEx: SnmpListen on the entity's address or on every address. */
SNMPAPI_STATUS WINAPI SnmpListenEx(HSNMP_ENTITY hEntity, smiUINT32 lStatus,
                                   smiUINT32 nUseEntityAddr)
{
    OWS_API_TRACE("SnmpListenEx(%p, %lu, %lu)", (void *)hEntity, (unsigned long)lStatus,
                  (unsigned long)nUseEntityAddr);
    if (nUseEntityAddr != SNMPLISTEN_USEENTITY_ADDR && nUseEntityAddr != SNMPLISTEN_ALL_ADDR) {
        int err = ows_api_enter();
        if (err)
            return ows_api_fail(NULL, err);
        return ows_api_fail(NULL, OWS_E_MODE_INVALID);
    }
    return listen_common(hEntity, lStatus, nUseEntityAddr == SNMPLISTEN_ALL_ADDR);
}
