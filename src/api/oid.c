/* oid.c - the object identifier exports: SnmpStrToOid, SnmpOidToStr,
 * SnmpOidCopy, SnmpOidCompare.
 *
 * Decisions where the documentation is silent: a NULL output pointer for the
 * OID (SnmpStrToOid, SnmpOidCopy) is OID_INVALID; a NULL output string for
 * SnmpOidToStr is SIZE_INVALID (no buffer of that size); a NULL result
 * pointer for SnmpOidCompare is OTHER_ERROR. SnmpOidCopy and SnmpOidToStr
 * refuse an empty OID (OID_INVALID): SnmpOidCopy would otherwise have to
 * return 0, which reads as SNMPAPI_FAILURE.
 */
#include "api/api.h"
#include "core/oid.h"
#include "core/descriptor.h"

/* An application smiOID viewed as the internal type (same layout). */
static ows_oid oid_in(smiLPCOID o)
{
    ows_oid r;

    r.len = (uint32_t)o->len;
    r.ids = (uint32_t *)o->ptr;
    return r;
}

/* The source OID of SnmpOidToStr and SnmpOidCopy: well formed and not
 * empty, else OID_INVALID. */
static int source_oid(smiLPCOID o, ows_oid *in)
{
    int err;

    *in = oid_in(o);
    err = ows_oid_check(in);
    if (!err && in->len == 0)
        err = OWS_E_OID_INVALID;
    return err;
}

/* SnmpStrToOid: parses dotted text into a library-allocated OID descriptor. */
SNMPAPI_STATUS SNMPAPI_CALL SnmpStrToOid(LPCSTR string, smiLPOID dstOID)
{
    uint32_t ids[OWS_MAX_OID_LEN], len = 0;
    ows_oid out;
    int err = ows_api_enter();

    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpStrToOid(%s, %p)", string ? string : "(null)", (void *)dstOID);
    if (!dstOID)
        err = OWS_E_OID_INVALID;
    if (!err)
        err = ows_oid_parse(string, ids, &len);
    if (!err)
        err = ows_desc_oid(&out, ids, len);
    if (!err) {
        dstOID->len = out.len;
        dstOID->ptr = (smiLPUINT32)out.ids;
    }
    return ows_api_return(NULL, err, len);
}

/* SnmpOidToStr: formats an OID as dotted text into the caller's buffer. */
SNMPAPI_STATUS SNMPAPI_CALL SnmpOidToStr(smiLPCOID srcOID, smiUINT32 size, LPSTR string)
{
    ows_oid in;
    size_t written = 0;
    int err = ows_api_enter();

    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpOidToStr(%p, %lu, %p)", (void *)srcOID, (unsigned long)size, (void *)string);
    if (!srcOID)
        err = OWS_E_OID_INVALID;
    else {
        err = source_oid(srcOID, &in);
        if (!err && (size == 0 || !string))
            err = OWS_E_SIZE_INVALID;
        if (!err)
            err = ows_oid_format(&in, string, size, &written);
    }
    return ows_api_return(NULL, err, (SNMPAPI_STATUS)written);
}

/* SnmpOidCopy: copies an OID into a library-allocated descriptor. */
SNMPAPI_STATUS SNMPAPI_CALL SnmpOidCopy(smiLPCOID srcOID, smiLPOID dstOID)
{
    ows_oid in, out;
    int err = ows_api_enter();

    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpOidCopy(%p, %p)", (void *)srcOID, (void *)dstOID);
    if (!srcOID || !dstOID)
        err = OWS_E_OID_INVALID;
    else {
        err = source_oid(srcOID, &in);
        if (!err)
            err = ows_desc_oid(&out, in.ids, in.len);
        if (!err) {
            dstOID->len = out.len;
            dstOID->ptr = (smiLPUINT32)out.ids;
        }
    }
    return ows_api_return(NULL, err, err ? 0 : (SNMPAPI_STATUS)dstOID->len);
}

/* SnmpOidCompare: compares two OIDs over at most maxlen sub-ids (0 = all). */
SNMPAPI_STATUS SNMPAPI_CALL SnmpOidCompare(smiLPCOID xOID, smiLPCOID yOID, smiUINT32 maxlen,
    smiLPINT result)
{
    ows_oid a, b;
    int r = 0, err = ows_api_enter();

    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpOidCompare(%p, %p, %lu, %p)", (void *)xOID, (void *)yOID,
                  (unsigned long)maxlen, (void *)result);
    if (maxlen > OWS_MAX_OID_LEN)
        err = OWS_E_SIZE_INVALID;
    else if (!xOID || !yOID)
        err = OWS_E_OID_INVALID;
    else if (!result)
        err = OWS_E_OTHER;
    else {
        a = oid_in(xOID);
        b = oid_in(yOID);
        err = ows_oid_compare(&a, &b, (uint32_t)maxlen, &r);
        if (!err)
            *result = r;
    }
    return ows_api_return(NULL, err, SNMPAPI_SUCCESS);
}
