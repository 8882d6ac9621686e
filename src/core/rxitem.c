/* rxitem.c - the objects SnmpRecvMsg hands out for one received message,
 * built inside the message's own allocation (struct ows_rxitem, engine.h).
 *
 * A manager that receives a response gets up to four handles (source and
 * destination entity, context, PDU) and frees them all soon after. Each used
 * to be an allocation of its own (the context two); here they are fields of
 * the item that carried the message off the queue, so receiving allocates
 * nothing and the item's memory goes when the queue has let go of it and the
 * last of its objects is freed. The community and the decoded varbinds stay
 * where the decoder put them, in the item's arena, freed last of all.
 * Everything here runs with the API lock held.
 */
#include <stddef.h>
#include "core/alloc.h"
#include "core/engine.h"
#include "core/error.h"
#include "core/vbl.h"

/* The item's memory, once neither the queue nor an object needs it. */
static void rxitem_destroy(struct ows_rxitem *it)
{
    /* The PDU object, if any, took the list; what is left is the arena (the
     * community and the decoded data lie there) or a whole unclaimed PDU.
     * A received response's item is the head of that arena (OWS_RX_HEAD), so
     * the arena goes last. */
    void *arena = it->msg.pdu.vbl.arena;
    uint8_t *own = it->own_community;

    it->msg.pdu.vbl.arena = NULL;
    /* The list alone holds allocations; the rest of the PDU goes with the
     * item, so it is not reset field by field first. */
    ows_vbl_clear(&it->msg.pdu.vbl);
    ows_free(own);
    if (arena == (void *)it && it->spare && ows_eng) {
        /* A standard block the engine decodes into: recycled (spares.h). */
        ows_spares_give(&ows_eng->spare_rx, it);
        return;
    }
    if (arena != (void *)it)
        ows_free(it);
    ows_free(arena);
}

static void object_gone(struct ows_rxitem *it)
{
    if (--it->objects == 0 && it->released)
        rxitem_destroy(it);
}

#define ITEM_OF(ptr, member) \
    ((struct ows_rxitem *)(void *)((char *)(ptr) - offsetof(struct ows_rxitem, member)))

static void src_destroy(ows_object *o)
{
    object_gone(ITEM_OF(o, src_ent));
}

static void dst_destroy(ows_object *o)
{
    object_gone(ITEM_OF(o, dst_ent));
}

static void ctx_destroy(ows_object *o)
{
    object_gone(ITEM_OF(o, ctx));
}

static void pdu_destroy(ows_object *o)
{
    struct ows_rxitem *it = ITEM_OF(o, pdu_obj);
    /* What edits allocated (copied items, new values); the arena is not here.
     * Only the list holds allocations: the object is gone, so the rest of its
     * PDU is left as it is. */
    ows_vbl_clear(&it->pdu_obj.pdu.vbl);
    object_gone(it);
}

void ows_rxitem_free(struct ows_rxitem *it)
{
    if (!it)
        return;
    it->released = 1;
    if (it->objects == 0)
        rxitem_destroy(it);
}

int ows_rxitem_objects(struct ows_session *s, struct ows_rxitem *it, int want_src,
                       int want_dst, int want_ctx, int want_pdu, uintptr_t out[4])
{
    uint32_t version = it->msg.version == OWS_SNMPV2C || it->msg.version == OWS_SNMPV3
                     ? (uint32_t)it->msg.version : OWS_SNMPV1;
    int made_src = 0, made_dst = 0, made_ctx = 0;
    int err = OWS_OK;

    /* A reply (or timeout report) to a request gives back the request's own
     * handles, one more hold each (handle.h): programs match replies to what
     * they asked by them. What the request did not name, or the application
     * freed meanwhile, is made fresh from the message. */
    out[0] = want_src ? ows_handle_hold(it->asked[OWS_REPLY_SRC], OWS_T_ENTITY) : 0;
    out[1] = want_dst ? ows_handle_hold(it->asked[OWS_REPLY_DST], OWS_T_ENTITY) : 0;
    out[2] = want_ctx ? ows_handle_hold(it->asked[OWS_REPLY_CTX], OWS_T_CONTEXT) : 0;
    out[3] = 0;
    if (want_src && !out[0] && it->peer.family) {
        err = ows_entity_init_in(&it->src_ent, src_destroy, s, &it->peer, version);
        made_src = !err;
        /* An SNMPv3 sender: its reply needs the message's security state. */
        if (made_src)
            it->src_ent.v3_in = it->v3;
    }
    if (!err && want_dst && !out[1] && it->local.family) {
        err = ows_entity_init_in(&it->dst_ent, dst_destroy, s, &it->local, version);
        made_dst = !err;
    }
    /* An empty community is a legal one: a message (pdu.type set) always
     * gets a context, as SnmpDecodeMsg gives it; a timeout report has none. */
    if (!err && want_ctx && !out[2] && it->msg.pdu.type) {
        err = ows_context_init_in(&it->ctx, ctx_destroy, s, it->msg.community.ptr,
                                  it->msg.community.len);
        made_ctx = !err;
    }
    /* Counted before any handle can go, so that deleting one on the failure
     * path below does not free the item. */
    it->objects += (uint32_t)(made_src + made_dst + made_ctx);
    if (!err && want_pdu && it->msg.pdu.type) {
        err = ows_pdu_obj_init_in(&it->pdu_obj, pdu_destroy, s, &it->msg.pdu);
        if (!err) {
            it->objects++;
            out[3] = it->pdu_obj.obj.handle;
        }
    }
    if (err) {
        if (made_ctx)
            ows_handle_delete(&it->ctx.hdr);
        if (made_dst)
            ows_handle_delete(&it->dst_ent.hdr);
        if (made_src)
            ows_handle_delete(&it->src_ent.hdr);
        /* The holds counted above go back; none is the last. */
        ows_handle_unhold(out[2], OWS_T_CONTEXT);
        ows_handle_unhold(out[1], OWS_T_ENTITY);
        ows_handle_unhold(out[0], OWS_T_ENTITY);
        out[0] = out[1] = out[2] = out[3] = 0;
        return err;
    }
    if (made_src)
        out[0] = it->src_ent.hdr.handle;
    if (made_dst)
        out[1] = it->dst_ent.hdr.handle;
    if (made_ctx)
        out[2] = it->ctx.hdr.handle;
    return OWS_OK;
}

int ows_rxitem_v1_trap(uintptr_t pdu, struct ows_v1_trap_hdr *out)
{
    ows_object *o;
    int found = 0;
    if (ows_handle_lookup(pdu, OWS_T_PDU, &o))
        return 0;
    /* Only a PDU object built inside an item has this destroy function. */
    if (o->destroy == pdu_destroy) {
        const struct ows_rxitem *it = ITEM_OF(o, pdu_obj);
        if (it->has_v1) {
            *out = it->v1;
            found = 1;
        }
    }
    ows_object_put(o);
    return found;
}
