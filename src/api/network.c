/* network.c - the communication exports: SnmpSendMsg, SnmpRecvMsg,
 * SnmpCancelMsg (issue 4). Stubs until the engine lands. */
#include "api/api.h"

/* SnmpSendMsg: sends a PDU from a session to an entity. */
SNMPAPI_STATUS WINAPI SnmpSendMsg(HSNMP_SESSION session, HSNMP_ENTITY src,
                                  HSNMP_ENTITY dst, HSNMP_CONTEXT ctx, HSNMP_PDU pdu)
{
    ows_object *so;
    int err = ows_api_enter();
    if (err) return ows_api_fail(NULL, err);
    err = ows_handle_get(OWS_H2V(session), OWS_T_SESSION, &so);
    if (err) return ows_api_fail(NULL, err);
    ows_object_put(so);
    (void)src; (void)dst; (void)ctx; (void)pdu;
    return ows_api_fail(NULL, OWS_E_TL_NOT_INITIALIZED);
}

/* SnmpRecvMsg: dequeues one received message of a session. */
SNMPAPI_STATUS WINAPI SnmpRecvMsg(HSNMP_SESSION session, LPHSNMP_ENTITY src,
                                  LPHSNMP_ENTITY dst, LPHSNMP_CONTEXT ctx, LPHSNMP_PDU pdu)
{
    ows_object *so;
    int err = ows_api_enter();
    if (err) return ows_api_fail(NULL, err);
    err = ows_handle_get(OWS_H2V(session), OWS_T_SESSION, &so);
    if (err) return ows_api_fail(NULL, err);
    ows_object_put(so);
    (void)src; (void)dst; (void)ctx; (void)pdu;
    return ows_api_fail(NULL, OWS_E_NOOP);
}

/* SnmpCancelMsg: stops retransmission and delivery of one request. */
SNMPAPI_STATUS WINAPI SnmpCancelMsg(HSNMP_SESSION session, smiINT32 req_id)
{
    ows_object *so;
    int err = ows_api_enter();
    if (err) return ows_api_fail(NULL, err);
    err = ows_handle_get(OWS_H2V(session), OWS_T_SESSION, &so);
    if (err) return ows_api_fail(NULL, err);
    ows_object_put(so);
    (void)req_id;
    return ows_api_fail(NULL, OWS_E_PDU_INVALID);
}
