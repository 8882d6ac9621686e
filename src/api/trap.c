/* trap.c - the notification/agent-role exports: SnmpRegister, SnmpListen,
 * SnmpListenEx (issue 5). Until issue 5 they validate what they can and fail
 * with a documented code. */
#include "api/api.h"

/* SnmpRegister: registers a session for traps and notifications. */
SNMPAPI_STATUS WINAPI SnmpRegister(HSNMP_SESSION session, HSNMP_ENTITY src,
                                   HSNMP_ENTITY dst, HSNMP_CONTEXT ctx,
                                   smiLPCOID notification, smiUINT32 state)
{
    ows_object *so;
    int err = ows_api_enter();
    if (err) return ows_api_fail(NULL, err);
    err = ows_handle_get(OWS_H2V(session), OWS_T_SESSION, &so);
    if (err) return ows_api_fail(NULL, err);
    ows_object_put(so);
    (void)src; (void)dst; (void)ctx; (void)notification;
    if (state != SNMPAPI_ON && state != SNMPAPI_OFF)
        return ows_api_fail(NULL, OWS_E_MODE_INVALID);
    OWS_FIXME("SnmpRegister: trap reception not supported yet");
    return ows_api_fail(NULL, OWS_E_TL_NOT_SUPPORTED);
}

/* SnmpListen: makes an entity listen for requests (agent role). */
SNMPAPI_STATUS WINAPI SnmpListen(HSNMP_ENTITY entity, SNMPAPI_STATUS status)
{
    ows_object *eo;
    int err = ows_api_enter();
    if (err) return ows_api_fail(NULL, err);
    err = ows_handle_get(OWS_H2V(entity), OWS_T_ENTITY, &eo);
    if (err) return ows_api_fail(NULL, err);
    ows_object_put(eo);
    if (status != SNMPAPI_ON && status != SNMPAPI_OFF)
        return ows_api_fail(NULL, OWS_E_MODE_INVALID);
    OWS_FIXME("SnmpListen: agent role not supported yet");
    return ows_api_fail(NULL, OWS_E_TL_NOT_SUPPORTED);
}

/* SnmpListenEx: SnmpListen with a choice of the entity's or every address. */
SNMPAPI_STATUS WINAPI SnmpListenEx(HSNMP_ENTITY entity, smiUINT32 status,
                                   smiUINT32 use_entity_addr)
{
    ows_object *eo;
    int err = ows_api_enter();
    if (err) return ows_api_fail(NULL, err);
    err = ows_handle_get(OWS_H2V(entity), OWS_T_ENTITY, &eo);
    if (err) return ows_api_fail(NULL, err);
    ows_object_put(eo);
    (void)use_entity_addr;
    if (status != SNMPAPI_ON && status != SNMPAPI_OFF)
        return ows_api_fail(NULL, OWS_E_MODE_INVALID);
    OWS_FIXME("SnmpListenEx: agent role not supported yet");
    return ows_api_fail(NULL, OWS_E_TL_NOT_SUPPORTED);
}
