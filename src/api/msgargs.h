/* msgargs.h - the entity, context and PDU arguments that SnmpSendMsg and
 * SnmpEncodeMsg both take, looked up and released in one place so the two
 * exports cannot drift apart in what they accept. */
#ifndef OWS_API_MSGARGS_H
#define OWS_API_MSGARGS_H
#include "winsnmp.h"
#include "core/context.h"
#include "core/entity.h"
#include "core/pdu.h"

struct ows_msgargs {
    struct ows_entity *src; /* NULL when the caller passed no source entity */
    struct ows_entity *dst;
    struct ows_context *ctx;
    ows_object *po;         /* the PDU object; its pdu is ows_msgargs_pdu() */
};

/* Takes a reference on each object; on failure the ones already taken stay in
 * `a` and ows_msgargs_put() still releases them. */
int ows_msgargs_get(HSNMP_ENTITY srcEntity, HSNMP_ENTITY dstEntity, HSNMP_CONTEXT context,
                    HSNMP_PDU pdu, struct ows_msgargs *a);
void ows_msgargs_put(struct ows_msgargs *a);
#define ows_msgargs_pdu(a) (&((ows_pdu_obj *)(a)->po)->pdu)

#endif
