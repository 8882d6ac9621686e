/* codec.c - SnmpEncodeMsg / SnmpDecodeMsg exports (temporary stubs). */
#include "api/api.h"

/* SnmpEncodeMsg: encodes a PDU as a community message (not yet wired up). */
SNMPAPI_STATUS WINAPI SnmpEncodeMsg(HSNMP_SESSION session, HSNMP_ENTITY srcEntity,
    HSNMP_ENTITY dstEntity, HSNMP_CONTEXT context, HSNMP_PDU pdu, smiLPOCTETS msgBufDesc)
{
    int err = ows_api_enter();
    if (err) return ows_api_fail(NULL, err);
    return ows_api_fail(NULL, OWS_E_OTHER);
}

/* SnmpDecodeMsg: decodes a community message into new handles (not yet wired up). */
SNMPAPI_STATUS WINAPI SnmpDecodeMsg(HSNMP_SESSION session, LPHSNMP_ENTITY srcEntity,
    LPHSNMP_ENTITY dstEntity, LPHSNMP_CONTEXT context, LPHSNMP_PDU pdu, smiLPCOCTETS msgBufDesc)
{
    int err = ows_api_enter();
    if (err) return ows_api_fail(NULL, err);
    return ows_api_fail(NULL, OWS_E_OTHER);
}
