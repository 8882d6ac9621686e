/* descriptor.c - SnmpFreeDescriptor. */
#include "api/api.h"
#include "core/descriptor.h"

/* SnmpFreeDescriptor: releases a descriptor the library handed out.
 * A NULL descriptor, a NULL pointer in it, a pointer already freed or never
 * handed out: OPERATION_INVALID, and the heap is never touched with it. The
 * syntax must name a string or OID syntax, but OCTETS given for an OID (and
 * the other way round) is tolerated: the pointer alone decides. */
SNMPAPI_STATUS SNMPAPI_CALL SnmpFreeDescriptor(smiUINT32 syntax, smiLPOPAQUE descriptor)
{
    int err = ows_api_enter();

    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpFreeDescriptor(0x%lx, %p)", (unsigned long)syntax, (void *)descriptor);
    /* Check the syntax first so that a bad one is reported even with a
     * valid pointer; ows_desc_free repeats the check harmlessly. */
    if (!descriptor)
        err = ows_desc_free((uint32_t)syntax, NULL);
    else
        err = ows_desc_free((uint32_t)syntax, descriptor->ptr);
    if (err == OWS_E_OPERATION_INVALID)
        OWS_WARN("descriptor %p not allocated by this library or already freed",
                 descriptor ? (void *)descriptor->ptr : NULL);
    return ows_api_return(NULL, err, SNMPAPI_SUCCESS);
}
