/* modes.c - process-wide translate/retransmit modes, per-entity timeout and
 * retry policy, and the vendor information.
 *
 * A NULL output pointer to SnmpGetTranslateMode or SnmpGetRetransmitMode
 * fails with SNMPAPI_OTHER_ERROR (their documented catch-all); a NULL
 * SnmpGetVendorInfo pointer fails with SNMPAPI_NOOP, as its page documents. */
#include <string.h>
#include "api/api.h"
#include "core/entity.h"
#include "core/session.h"

/* Shared body of SnmpGetTranslateMode/SnmpGetRetransmitMode: copies a
 * process-wide mode, read under the API lock. */
static SNMPAPI_STATUS get_mode(smiLPUINT32 mode, const uint32_t *field)
{
    int err = ows_api_enter();
    if (err)
        return ows_api_fail(NULL, err);
    if (!mode)
        return ows_api_fail(NULL, OWS_E_OTHER);
    *mode = *field;
    return ows_api_return(NULL, OWS_OK, SNMPAPI_SUCCESS);
}

/* Shared body of SnmpSetTranslateMode/SnmpSetRetransmitMode: `valid` says
 * whether `mode` is one the export accepts. */
static SNMPAPI_STATUS set_mode(const char *name, uint32_t *field, smiUINT32 mode, int valid)
{
    int err = ows_api_enter();
    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("%s(%lu)", name, (unsigned long)mode);
    if (!valid)
        return ows_api_fail(NULL, OWS_E_MODE_INVALID);
    *field = (uint32_t)mode;
    return ows_api_return(NULL, OWS_OK, SNMPAPI_SUCCESS);
}

/* SnmpGetTranslateMode: reports the entity/context translation mode. */
SNMPAPI_STATUS WINAPI SnmpGetTranslateMode(smiLPUINT32 mode)
{
    return get_mode(mode, &ows_state.translate_mode);
}

/* SnmpSetTranslateMode: sets the process-wide translation mode. */
SNMPAPI_STATUS WINAPI SnmpSetTranslateMode(smiUINT32 mode)
{
    return set_mode("SnmpSetTranslateMode", &ows_state.translate_mode, mode,
                    mode == SNMPAPI_TRANSLATED || mode == SNMPAPI_UNTRANSLATED_V1 ||
                    mode == SNMPAPI_UNTRANSLATED_V2);
}

/* SnmpGetRetransmitMode: reports whether retransmission is on. */
SNMPAPI_STATUS WINAPI SnmpGetRetransmitMode(smiLPUINT32 mode)
{
    return get_mode(mode, &ows_state.retransmit_mode);
}

/* SnmpSetRetransmitMode: turns retransmission on or off, process-wide. */
SNMPAPI_STATUS WINAPI SnmpSetRetransmitMode(smiUINT32 mode)
{
    return set_mode("SnmpSetRetransmitMode", &ows_state.retransmit_mode, mode,
                    mode == SNMPAPI_OFF || mode == SNMPAPI_ON);
}

/* Shared body of SnmpGetTimeout/SnmpGetRetry: the policy value (defaults
 * applied) in the first pointer, 0 in the "actual" one. */
static SNMPAPI_STATUS get_policy(HSNMP_ENTITY entity, smiUINT32 *policy, smiUINT32 *actual,
                                 int timeout)
{
    struct ows_entity *e;
    struct ows_session *owner;
    int err = ows_api_enter_entity(entity, &e);
    if (err)
        return ows_api_fail(NULL, err);
    owner = e->hdr.owner;
    if (!policy && !actual) {
        err = OWS_E_NOOP;
    } else {
        if (policy)
            *policy = timeout ? ows_entity_timeout_cs(e) : ows_entity_retries(e);
        if (actual)
            *actual = 0;
    }
    ows_object_put(&e->hdr);
    return ows_api_return(owner, err, SNMPAPI_SUCCESS);
}

static SNMPAPI_STATUS set_policy(HSNMP_ENTITY entity, smiUINT32 value, int timeout)
{
    struct ows_entity *e;
    struct ows_session *owner;
    int err = ows_api_enter_entity(entity, &e);
    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("%s(%p, %lu)", timeout ? "SnmpSetTimeout" : "SnmpSetRetry",
                  (void *)entity, (unsigned long)value);
    owner = e->hdr.owner;
    /* 0 restores the implementation default (entity.h). */
    if (timeout)
        e->timeout_cs = (uint32_t)value;
    else
        e->retries = (uint32_t)value;
    ows_object_put(&e->hdr);
    return ows_api_return(owner, OWS_OK, SNMPAPI_SUCCESS);
}

/* SnmpGetTimeout: an entity's timeout policy in centiseconds. */
SNMPAPI_STATUS WINAPI SnmpGetTimeout(HSNMP_ENTITY entity, smiLPTIMETICKS policy,
                                     smiLPTIMETICKS actual)
{
    return get_policy(entity, policy, actual, 1);
}

/* SnmpSetTimeout: sets an entity's timeout in centiseconds (0 = default). */
SNMPAPI_STATUS WINAPI SnmpSetTimeout(HSNMP_ENTITY entity, smiTIMETICKS policy)
{
    return set_policy(entity, policy, 1);
}

/* SnmpGetRetry: an entity's retry-count policy. */
SNMPAPI_STATUS WINAPI SnmpGetRetry(HSNMP_ENTITY entity, smiLPUINT32 policy, smiLPUINT32 actual)
{
    return get_policy(entity, policy, actual, 0);
}

/* SnmpSetRetry: sets an entity's retry count (0 = default). */
SNMPAPI_STATUS WINAPI SnmpSetRetry(HSNMP_ENTITY entity, smiUINT32 policy)
{
    return set_policy(entity, policy, 0);
}

static void copy_field(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    if (n >= size)
        n = size - 1;
    memcpy(dst, src, n);
    memset(dst + n, 0, size - n);
}

/* SnmpGetVendorInfo: names this implementation. */
SNMPAPI_STATUS WINAPI SnmpGetVendorInfo(smiLPVENDORINFO info)
{
    int err = ows_api_enter();
    if (err)
        return ows_api_fail(NULL, err);
    if (!info)
        return ows_api_fail(NULL, OWS_E_NOOP);
    copy_field(info->vendorName, sizeof(info->vendorName), "OpenWinSNMP");
    copy_field(info->vendorContact, sizeof(info->vendorContact),
               "https://github.com/openwinsnmp/openwinsnmp");
    copy_field(info->vendorVersionId, sizeof(info->vendorVersionId), "0.1.0");
    copy_field(info->vendorVersionDate, sizeof(info->vendorVersionDate), "2026-11-21");
    /* No IANA enterprise number is registered for the project. */
    info->vendorEnterprise = 0;
    return ows_api_return(NULL, OWS_OK, SNMPAPI_SUCCESS);
}
