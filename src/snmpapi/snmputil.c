/* snmputil.c - a native (non-Windows) stand-in for the part of snmpapi.dll
 * that Management API callers use to free results: SnmpUtilMem*, and the
 * Oid/Octets/AsnAny/VarBind(List) free and copy functions. Windows programs
 * use the system's snmpapi.dll instead; this exists so that the same tests
 * and examples build and run natively (under the sanitizers). Memory is
 * calloc/free, as src/posix/mgmt_os.c hands out. */
#include <stdlib.h>
#include <string.h>
#include "snmp.h"

LPVOID SNMP_FUNC_TYPE SnmpUtilMemAlloc(UINT nBytes)
{
    return calloc(1, nBytes ? nBytes : 1);
}

VOID SNMP_FUNC_TYPE SnmpUtilMemFree(LPVOID pMem)
{
    free(pMem);
}

LPVOID SNMP_FUNC_TYPE SnmpUtilMemReAlloc(LPVOID pMem, UINT nBytes)
{
    return realloc(pMem, nBytes ? nBytes : 1);
}

VOID SNMP_FUNC_TYPE SnmpUtilOidFree(AsnObjectIdentifier *pOid)
{
    if (!pOid)
        return;
    free(pOid->ids);
    pOid->ids = NULL;
    pOid->idLength = 0;
}

SNMPAPI SNMP_FUNC_TYPE SnmpUtilOidCpy(AsnObjectIdentifier *pOidDst, AsnObjectIdentifier *pOidSrc)
{
    if (!pOidDst || !pOidSrc)
        return SNMPAPI_ERROR;
    pOidDst->idLength = 0;
    pOidDst->ids = NULL;
    if (!pOidSrc->idLength)
        return SNMPAPI_NOERROR;
    pOidDst->ids = malloc(pOidSrc->idLength * sizeof(UINT));
    if (!pOidDst->ids)
        return SNMPAPI_ERROR;
    memcpy(pOidDst->ids, pOidSrc->ids, pOidSrc->idLength * sizeof(UINT));
    pOidDst->idLength = pOidSrc->idLength;
    return SNMPAPI_NOERROR;
}

VOID SNMP_FUNC_TYPE SnmpUtilOctetsFree(AsnOctetString *pOctets)
{
    if (!pOctets)
        return;
    if (pOctets->dynamic)
        free(pOctets->stream);
    pOctets->stream = NULL;
    pOctets->length = 0;
    pOctets->dynamic = FALSE;
}

VOID SNMP_FUNC_TYPE SnmpUtilAsnAnyFree(AsnAny *pAny)
{
    if (!pAny)
        return;
    switch (pAny->asnType) {
    case ASN_OBJECTIDENTIFIER:
        SnmpUtilOidFree(&pAny->asnValue.object);
        break;
    case ASN_OCTETSTRING: case ASN_IPADDRESS: case ASN_OPAQUE: case ASN_BITS:
    case ASN_SEQUENCE:
        SnmpUtilOctetsFree(&pAny->asnValue.string);
        break;
    default:
        break;
    }
    pAny->asnType = ASN_NULL;
}

VOID SNMP_FUNC_TYPE SnmpUtilVarBindFree(SnmpVarBind *pVb)
{
    if (!pVb)
        return;
    SnmpUtilOidFree(&pVb->name);
    SnmpUtilAsnAnyFree(&pVb->value);
}

VOID SNMP_FUNC_TYPE SnmpUtilVarBindListFree(SnmpVarBindList *pVbl)
{
    UINT i;
    if (!pVbl)
        return;
    for (i = 0; i < pVbl->len && pVbl->list; i++)
        SnmpUtilVarBindFree(&pVbl->list[i]);
    free(pVbl->list);
    pVbl->list = NULL;
    pVbl->len = 0;
}

SNMPAPI SNMP_FUNC_TYPE SnmpUtilOidNCmp(AsnObjectIdentifier *pOid1, AsnObjectIdentifier *pOid2,
                                       UINT nSubIds)
{
    UINT i, n;
    if (!pOid1 || !pOid2)
        return 0;
    n = pOid1->idLength < pOid2->idLength ? pOid1->idLength : pOid2->idLength;
    if (n > nSubIds)
        n = nSubIds;
    for (i = 0; i < n; i++) {
        if (pOid1->ids[i] != pOid2->ids[i])
            return pOid1->ids[i] < pOid2->ids[i] ? -1 : 1;
    }
    if (i == nSubIds)
        return 0;
    return pOid1->idLength < pOid2->idLength ? -1 : pOid1->idLength > pOid2->idLength ? 1 : 0;
}
