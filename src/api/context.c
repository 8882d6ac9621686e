/* context.c - SnmpStrToContext, SnmpContextToStr, SnmpFreeContext. */
#include "api/api.h"
#include "core/context.h"
#include "core/descriptor.h"
#include "core/session.h"

/* SnmpStrToContext: makes a context handle from a community string (or, in
 * TRANSLATED mode, a database name). An empty string is CONTEXT_INVALID, as
 * Microsoft's page says; a received or decoded message with an empty
 * community still gets a context (codec.c). */
HSNMP_CONTEXT WINAPI SnmpStrToContext(HSNMP_SESSION session, smiLPCOCTETS string)
{
    struct ows_session *s;
    struct ows_context *c;
    int err = ows_api_enter();
    if (err)
        return OWS_V2H(ows_api_fail(NULL, err));
    err = ows_session_get(OWS_H2V(session), &s);
    if (err)
        return OWS_V2H(ows_api_fail(NULL, err));
    OWS_API_TRACE("SnmpStrToContext(%p, %p)", (void *)session, (const void *)string);
    if (!string || !string->ptr || string->len == 0)
        err = OWS_E_CONTEXT_INVALID;
    else
        err = ows_context_new_str(s, string->ptr, string->len, ows_state.translate_mode, &c);
    ows_object_put(&s->hdr);
    if (err)
        return OWS_V2H(ows_api_fail(s, err));
    return OWS_V2H(ows_api_return(NULL, OWS_OK, c->hdr.handle));
}

/* SnmpContextToStr: returns a context's community (or database name) as an
 * smiOCTETS descriptor the caller frees with SnmpFreeDescriptor. */
SNMPAPI_STATUS WINAPI SnmpContextToStr(HSNMP_CONTEXT context, smiLPOCTETS string)
{
    struct ows_context *c;
    struct ows_session *owner;
    const ows_octets *src;
    ows_octets out;
    int err = ows_api_enter_context(context, &c);
    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpContextToStr(%p, %p)", (void *)context, (void *)string);
    owner = c->hdr.owner;
    src = (ows_state.translate_mode == SNMPAPI_TRANSLATED && c->name.len) ? &c->name
                                                                          : &c->community;
    if (!string) {
        err = OWS_E_OTHER;
    } else {
        err = ows_desc_octets(&out, src->ptr, src->len);
        if (!err) {
            string->len = out.len;
            string->ptr = out.ptr;
        }
    }
    ows_object_put(&c->hdr);
    return ows_api_return(owner, err, SNMPAPI_SUCCESS);
}

/* SnmpFreeContext: releases a context handle. */
SNMPAPI_STATUS WINAPI SnmpFreeContext(HSNMP_CONTEXT context)
{
    struct ows_context *c;
    int err = ows_api_enter_context(context, &c);
    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpFreeContext(%p)", (void *)context);
    /* The handle goes with the last of the application's holds (handle.h). */
    ows_handle_release(&c->hdr);
    ows_object_put(&c->hdr);
    return ows_api_return(NULL, OWS_OK, SNMPAPI_SUCCESS);
}
