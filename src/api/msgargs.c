/* msgargs.c - the shared argument lookup of SnmpSendMsg and SnmpEncodeMsg. */
#include <string.h>
#include "api/api.h"
#include "api/msgargs.h"

int ows_msgargs_get(HSNMP_ENTITY srcEntity, HSNMP_ENTITY dstEntity, HSNMP_CONTEXT context,
                    HSNMP_PDU pdu, struct ows_msgargs *a)
{
    int err = 0;

    memset(a, 0, sizeof *a);
    /* The source entity is optional: many applications pass none. */
    if (srcEntity)
        err = ows_entity_get(OWS_H2V(srcEntity), &a->src);
    if (!err)
        err = ows_entity_get(OWS_H2V(dstEntity), &a->dst);
    if (!err)
        err = ows_context_get(OWS_H2V(context), &a->ctx);
    if (!err)
        err = ows_handle_lookup(OWS_H2V(pdu), OWS_T_PDU, &a->po);
    return err;
}

void ows_msgargs_put(struct ows_msgargs *a)
{
    if (a->po)
        ows_object_put(a->po);
    if (a->ctx)
        ows_object_put(&a->ctx->hdr);
    if (a->dst)
        ows_object_put(&a->dst->hdr);
    if (a->src)
        ows_object_put(&a->src->hdr);
}
