/* response_v1.c - SNMPv2 responses sent to SNMPv1 managers (RFC 3584 4.4);
 * see response_v1.h. */
#include "core/response_v1.h"
#include "core/pdu.h"

/* Error-status values (RFC 1157, RFC 3416). */
enum { NO_SUCH_NAME = 2, BAD_VALUE = 3, GEN_ERR = 5, NO_ACCESS = 6, UNDO_FAILED = 15,
       AUTHORIZATION_ERROR = 16, NOT_WRITABLE = 17, INCONSISTENT_NAME = 18 };

static int v1_only_value(uint32_t syntax)
{
    return syntax == OWS_SYN_NOSUCHOBJECT || syntax == OWS_SYN_NOSUCHINSTANCE ||
           syntax == OWS_SYN_ENDOFMIBVIEW || syntax == OWS_SYN_CNTR64;
}

static int32_t v1_error(int32_t status)
{
    switch (status) {
    case 7: case 8: case 9: case 10: case 12:   /* wrongType .. inconsistentValue */
        return BAD_VALUE;
    case NO_ACCESS: case 11: case AUTHORIZATION_ERROR: case NOT_WRITABLE:
    case INCONSISTENT_NAME:                     /* 11 = noCreation */
        return NO_SUCH_NAME;
    case 13: case 14: case UNDO_FAILED:         /* resourceUnavailable, commitFailed */
        return GEN_ERR;
    default:
        return status;
    }
}

int ows_response_for_v1(const ows_pdu *in, ows_pdu *out, int *converted)
{
    uint32_t i, first = 0;
    int err;

    *converted = 0;
    for (i = 0; i < in->vbl.count && !first; i++)
        if (v1_only_value(in->vbl.items[i].value.syntax))
            first = i + 1;
    if (!first && v1_error(in->error_status) == in->error_status)
        return OWS_OK;
    err = ows_pdu_copy(out, in);
    if (err)
        return err;
    for (i = 0; i < out->vbl.count; i++)
        if (v1_only_value(out->vbl.items[i].value.syntax))
            out->vbl.items[i].value.syntax = OWS_SYN_NULL;
    /* An error the agent reported comes first; else the first exception. */
    if (in->error_status) {
        out->error_status = v1_error(in->error_status);
    } else {
        out->error_status = NO_SUCH_NAME;
        out->error_index = (int32_t)first;
    }
    *converted = 1;
    return OWS_OK;
}
