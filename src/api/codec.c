/* codec.c - the message codec exports: SnmpEncodeMsg, SnmpDecodeMsg.
 *
 * Decisions where the documentation is silent:
 * - SnmpEncodeMsg applies the send rules (spec section 5): error status and
 *   index must be 0 except for RESPONSE and GETBULK (PDU_INVALID); to an
 *   SNMPv1 destination a GETBULK goes as a GETNEXT (RFC 3584 4.1.1), an INFORM
 *   is OPERATION_INVALID and a v2 TRAP becomes a v1 Trap-PDU (RFC 3584 3.2,
 *   agent-addr 0.0.0.0). The version is the destination entity's; the source
 *   entity is optional, as for SnmpSendMsg. A NULL msgBufDesc is OTHER.
 * - An SNMPv3 destination (a v3 database entry) is ENTITY_INVALID: its
 *   message carries the agent's engine id, boots and time, which only a
 *   discovery exchange on the wire learns, and a new msgID and salt per
 *   try, so no message encoded ahead of time could be the one SnmpSendMsg
 *   sends. The page's "one or both of the entity parameters is invalid"
 *   is the code that names the cause; the PDU itself is fine. A v3 source
 *   entity is accepted (the destination alone decides the version).
 * - SnmpDecodeMsg delivers an SNMPv1 Trap-PDU in its SNMPv2 form (RFC 3584
 *   3.1: sysUpTime.0, snmpTrapOID.0, the varbinds, snmpTrapEnterprise.0), as
 *   received traps are delivered; the PDU type is then TRAP. Entities are 0
 *   for community messages. NULL output pointers are tolerated (that handle
 *   is not created). A message that is not valid BER for SNMPv1/v2c or has
 *   trailing bytes is MESSAGE_INVALID; so is an SNMPv3 message (its
 *   scoped PDU may be encrypted, and no user is known to this call).
 * - An empty community (a zero-length OCTET STRING) is legal BER and SNMP,
 *   and the page lists no error for a message's content but MESSAGE_INVALID:
 *   such a message decodes, and its context holds the empty community
 *   (SnmpContextToStr gives a zero-length string; SnmpSendMsg and
 *   SnmpEncodeMsg send it as it is, so a reply goes back under the
 *   community the request came with). SnmpRecvMsg hands out the same. Only
 *   SnmpStrToContext refuses len 0, as its page says (CONTEXT_INVALID): an
 *   application makes no empty context of its own. Odd field values in a well-formed message (an error
 *   index beyond the varbinds, a non-zero error status in a SET, a status
 *   outside the usual range) are decoded as they are: the rules are in
 *   core/msg_decode.c. PDU_INVALID, which the page gives for an invalid `pdu`
 *   parameter, never comes from the message's content; like ENTITY_INVALID
 *   and CONTEXT_INVALID it has no cause here, since those parameters are
 *   outputs and NULL is tolerated.
 */
#include <string.h>
#include "api/api.h"
#include "api/msgargs.h"
#include "core/ber_read.h"
#include "core/msg_codec.h"
#include "core/trap_convert.h"
#include "core/descriptor.h"
#include "core/session.h"
#include "core/entity.h"
#include "core/context.h"
#include "core/pdu.h"
#include "core/alloc.h"

/* A PDU as the library will send it to a destination of `version`; *conv
 * receives a converted copy when one is needed (free it with ows_pdu_free). */
static int prepare(const ows_pdu *pdu, uint32_t version, ows_msg *m, ows_pdu *conv)
{
    int err = ows_pdu_check_out(pdu);
    if (err)
        return err;
    m->version = (int32_t)version;
    m->pdu = *pdu;   /* shallow: the encoder only reads */
    if (version == OWS_SNMPV1) {
        if (pdu->type == OWS_PDU_GETBULK) {
            m->pdu.type = OWS_PDU_GETNEXT;
            m->pdu.error_status = m->pdu.error_index = 0;
        } else if (pdu->type == OWS_PDU_INFORM) {
            return OWS_E_OPERATION_INVALID;
        } else if (pdu->type == OWS_PDU_TRAP) {
            static const uint8_t none[4] = { 0, 0, 0, 0 };
            err = ows_trap_v2_to_v1(pdu, none, conv);
            if (err)
                return err;
            m->pdu = *conv;
        }
    } else if (pdu->type == OWS_PDU_V1TRAP) {
        err = ows_trap_v1_to_v2(pdu, conv);
        if (err)
            return err;
        m->pdu = *conv;
    }
    return 0;
}

/* Encodes into a registered descriptor of exactly the message's size. */
static int encode_to_desc(const ows_msg *m, smiLPOCTETS out)
{
    uint8_t stack[2048], *buf = stack, *heap = NULL;
    size_t cap = sizeof stack, off, len;
    int err;

    /* Most messages fit the stack buffer; bigger ones retry on the heap
     * with a doubling size (bounded: the encoder stops at INT32_MAX). */
    for (;;) {
        err = ows_msg_encode(m, buf, cap, &off, &len);
        if (err != OWS_E_BUFFER_SMALL || cap >= ((size_t)1 << 30))
            break;
        ows_free(heap);
        cap *= 4;
        heap = ows_malloc(cap);
        if (!heap)
            return OWS_E_ALLOC;
        buf = heap;
    }
    if (!err) {
        ows_octets d;
        err = ows_desc_octets(&d, buf + off, (uint32_t)len);
        if (!err) {
            out->len = d.len;
            out->ptr = d.ptr;
        }
    }
    ows_free(heap);
    /* Contents BER cannot carry (an OID with a bad first pair, say) make
     * the PDU invalid: the only documented code that fits. */
    if (err == OWS_E_SYNTAX_INVALID || err == OWS_E_OID_INVALID)
        err = OWS_E_PDU_INVALID;
    else if (err == OWS_E_BUFFER_SMALL)
        err = OWS_E_OTHER;
    return err;
}

/* SnmpEncodeMsg: encodes a PDU as the BER message SnmpSendMsg would send. */
SNMPAPI_STATUS WINAPI SnmpEncodeMsg(HSNMP_SESSION session, HSNMP_ENTITY srcEntity,
    HSNMP_ENTITY dstEntity, HSNMP_CONTEXT context, HSNMP_PDU pdu, smiLPOCTETS msgBufDesc)
{
    struct ows_session *s;
    struct ows_msgargs a;
    ows_pdu conv;
    ows_msg m;
    SNMPAPI_STATUS len = 0;
    int err = ows_api_enter();

    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpEncodeMsg(%p, %p, %p, %p, %p, %p)", (void *)session, (void *)srcEntity,
                  (void *)dstEntity, (void *)context, (void *)pdu, (void *)msgBufDesc);
    err = ows_session_get(OWS_H2V(session), &s);
    if (err)
        return ows_api_fail(NULL, err);
    err = ows_msgargs_get(srcEntity, dstEntity, context, pdu, &a);
    if (!err && !msgBufDesc)
        err = OWS_E_OTHER;
    if (!err && a.dst->version == OWS_SNMPV3)
        err = OWS_E_ENTITY_INVALID;
    if (!err) {
        memset(&m, 0, sizeof m);
        ows_pdu_init(&conv);
        err = prepare(ows_msgargs_pdu(&a), a.dst->version, &m, &conv);
        if (!err) {
            m.community = a.ctx->community;
            err = encode_to_desc(&m, msgBufDesc);
            if (!err)
                len = msgBufDesc->len;
        }
        ows_pdu_free(&conv);
    }
    ows_msgargs_put(&a);
    ows_object_put(&s->hdr);
    /* A zero-length message cannot happen: success is always non-zero. */
    return ows_api_return(s, err, len);
}

/* The decoded message as handles; on failure nothing is left behind. */
static int make_handles(struct ows_session *s, ows_msg *m, int want_ctx, int want_pdu,
                        uintptr_t *ctx_out, uintptr_t *pdu_out)
{
    struct ows_context *cx = NULL;
    ows_pdu_obj *po = NULL;
    int err = 0;

    *ctx_out = *pdu_out = 0;
    /* The community lives in the PDU's arena: copy it before moving the PDU. */
    if (want_ctx)
        err = ows_context_new(s, m->community.ptr, m->community.len, &cx);
    if (!err && want_pdu)
        err = ows_pdu_obj_new(s, &m->pdu, &po);
    if (err) {
        if (cx)
            ows_handle_delete(&cx->hdr);
        return err;
    }
    *ctx_out = cx ? cx->hdr.handle : 0;
    *pdu_out = po ? po->obj.handle : 0;
    return 0;
}

/* The bytes the message's outer SEQUENCE spans. SnmpDecodeMsg's len is "the
 * maximum number of bytes to process" and it returns the bytes decoded, so
 * whatever follows the message in the caller's buffer is not ours to judge;
 * trailing bytes INSIDE the message are still rejected by the decoder. */
static int message_span(const uint8_t *buf, size_t len, size_t *span)
{
    ows_berr r = { buf, buf + len };
    unsigned tag;
    size_t body;
    int err = ows_berr_header(&r, &tag, &body);
    if (err)
        return err;
    if (tag != 0x30)
        return OWS_E_BER_TAG;
    *span = (size_t)(r.p - buf) + body;
    return OWS_OK;
}

/* SnmpDecodeMsg: decodes a BER message into new context and PDU handles. */
SNMPAPI_STATUS WINAPI SnmpDecodeMsg(HSNMP_SESSION session, LPHSNMP_ENTITY srcEntity,
    LPHSNMP_ENTITY dstEntity, LPHSNMP_CONTEXT context, LPHSNMP_PDU pdu, smiLPCOCTETS msgBufDesc)
{
    struct ows_session *s;
    ows_msg m;
    uintptr_t hc = 0, hp = 0;
    size_t span = 0;
    SNMPAPI_STATUS used = 0;
    int err = ows_api_enter();

    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpDecodeMsg(%p, %p, %p, %p, %p, %p)", (void *)session, (void *)srcEntity,
                  (void *)dstEntity, (void *)context, (void *)pdu, (void *)msgBufDesc);
    err = ows_session_get(OWS_H2V(session), &s);
    if (err)
        return ows_api_fail(NULL, err);
    memset(&m, 0, sizeof m);
    if (!msgBufDesc || !msgBufDesc->ptr || !msgBufDesc->len)
        err = OWS_E_MESSAGE_INVALID;
    if (!err)
        err = message_span(msgBufDesc->ptr, msgBufDesc->len, &span);
    if (!err)
        err = ows_msg_decode(msgBufDesc->ptr, span, &m);
    if (!err && m.pdu.type == OWS_PDU_V1TRAP) {
        ows_pdu v2;
        ows_pdu_init(&v2);
        err = ows_trap_v1_to_v2(&m.pdu, &v2);
        if (!err) {
            /* The community stays in the old arena until the context has
             * copied it; the PDU handle gets the converted form. */
            ows_pdu old = m.pdu;
            m.pdu = v2;
            err = make_handles(s, &m, context != NULL, pdu != NULL, &hc, &hp);
            m.pdu = old;
            if (err)
                ows_pdu_free(&v2);
            else if (pdu == NULL)
                ows_pdu_free(&v2);
        }
    } else if (!err) {
        err = make_handles(s, &m, context != NULL, pdu != NULL, &hc, &hp);
    }
    /* Frees the arena unless the PDU object took it (then m.pdu is reset). */
    ows_msg_free(&m);
    if (!err) {
        used = (SNMPAPI_STATUS)span;
        if (srcEntity)
            *srcEntity = 0;
        if (dstEntity)
            *dstEntity = 0;
        if (context)
            *context = (HSNMP_CONTEXT)OWS_V2H(hc);
        if (pdu)
            *pdu = (HSNMP_PDU)OWS_V2H(hp);
    }
    ows_object_put(&s->hdr);
    return ows_api_return(s, err, used);
}
