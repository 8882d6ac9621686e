/* network.c - the communication exports: SnmpSendMsg, SnmpRecvMsg and
 * SnmpCancelMsg. They validate their arguments and hand over to the engine
 * (src/core/request.c, queue.c). */
#include "api/api.h"
#include "api/msgargs.h"
#include "core/context.h"
#include "core/engine.h"
#include "core/entity.h"
#include "core/pdu.h"
#include "core/session.h"

/* SnmpSendMsg: sends a PDU from a session to an entity. */
SNMPAPI_STATUS WINAPI SnmpSendMsg(HSNMP_SESSION session, HSNMP_ENTITY srcEntity,
                                  HSNMP_ENTITY dstEntity, HSNMP_CONTEXT context, HSNMP_PDU PDU)
{
    struct ows_session *s;
    struct ows_msgargs a;
    int err = ows_api_enter();
    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpSendMsg(%p, %p, %p, %p, %p)", (void *)session, (void *)srcEntity,
                  (void *)dstEntity, (void *)context, (void *)PDU);
    err = ows_session_get(OWS_H2V(session), &s);
    if (err)
        return ows_api_fail(NULL, err);
    err = ows_msgargs_get(srcEntity, dstEntity, context, PDU, &a);
    if (!err)
        err = ows_net_send(s, a.src, a.dst, a.ctx, ows_msgargs_pdu(&a));
    ows_msgargs_put(&a);
    ows_object_put(&s->hdr);
    return ows_api_return(s, err, SNMPAPI_SUCCESS);
}

/* SnmpRecvMsg: dequeues one received message (or transport error report). */
SNMPAPI_STATUS WINAPI SnmpRecvMsg(HSNMP_SESSION session, LPHSNMP_ENTITY srcEntity,
                                  LPHSNMP_ENTITY dstEntity, LPHSNMP_CONTEXT context,
                                  LPHSNMP_PDU PDU)
{
    struct ows_session *s;
    struct ows_rxitem *it;
    uintptr_t h[4];
    int err = ows_api_enter();
    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpRecvMsg(%p, %p, %p, %p, %p)", (void *)session, (void *)srcEntity,
                  (void *)dstEntity, (void *)context, (void *)PDU);
    err = ows_session_get(OWS_H2V(session), &s);
    if (err)
        return ows_api_fail(NULL, err);
    if (!s->net || !(it = ows_queue_pop(s->net))) {
        err = OWS_E_NOOP;
    } else {
        /* NULL output pointers are tolerated: that handle is not created. */
        /* The objects live inside the item (core/rxitem.c): nothing to
         * allocate; on failure the item is unchanged. */
        err = ows_rxitem_objects(s, it, srcEntity != NULL, dstEntity != NULL,
                                 context != NULL, PDU != NULL, h);
        if (err == OWS_E_ALLOC) {
            /* Short of memory (or handles) now: the message waits for a
             * later call. */
            ows_queue_unpop(s->net, it);
        } else if (err) {
            /* Anything else is a property of the message itself: put back,
             * it would fail every call and block the queue behind it. */
            OWS_WARN("session %08x: message %d dropped: its handles cannot be made (%s)",
                     s->hdr.handle, it->request_id, ows_strerror(err));
            ows_rxitem_free(it);
        } else {
            if (srcEntity)
                *srcEntity = OWS_V2H(h[0]);
            if (dstEntity)
                *dstEntity = OWS_V2H(h[1]);
            if (context)
                *context = OWS_V2H(h[2]);
            if (PDU)
                *PDU = OWS_V2H(h[3]);
            /* A transport error report fills the outputs and then fails. */
            err = it->err;
            ows_rxitem_free(it);
        }
    }
    ows_object_put(&s->hdr);
    return ows_api_return(s, err, SNMPAPI_SUCCESS);
}

/* SnmpCancelMsg: stops retransmission and delivery of one request. */
SNMPAPI_STATUS WINAPI SnmpCancelMsg(HSNMP_SESSION session, smiINT32 reqId)
{
    struct ows_session *s;
    int err = ows_api_enter();
    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpCancelMsg(%p, %ld)", (void *)session, (long)reqId);
    err = ows_session_get(OWS_H2V(session), &s);
    if (err)
        return ows_api_fail(NULL, err);
    err = ows_net_cancel(s, (int32_t)reqId);
    ows_object_put(&s->hdr);
    return ows_api_return(s, err, SNMPAPI_SUCCESS);
}
