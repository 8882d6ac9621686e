/* pdu.c - PDUs and the PDU object behind a handle. */
#include <string.h>
#include "core/pdu.h"
#include "core/vbl.h"
#include "core/alloc.h"
#include "core/error.h"

void ows_pdu_init(ows_pdu *p)
{
    memset(p, 0, sizeof *p);
    ows_vbl_init(&p->vbl);
}

void ows_pdu_free(ows_pdu *p)
{
    /* The enterprise OID lives in the list's arena: clearing frees both. */
    ows_vbl_clear(&p->vbl);
    ows_pdu_init(p);
}

int ows_pdu_copy(ows_pdu *dst, const ows_pdu *src)
{
    ows_pdu tmp = *src;
    int err;

    err = ows_vbl_copy(&tmp.vbl, &src->vbl);
    if (err) {
        ows_pdu_init(dst);
        return err;
    }
    tmp.enterprise.len = 0;
    tmp.enterprise.ids = NULL;
    if (src->enterprise.len && src->enterprise.ids) {
        size_t n = (size_t)src->enterprise.len * sizeof(uint32_t);
        uint32_t *ids = ows_malloc(n);

        if (!ids) {
            ows_vbl_clear(&tmp.vbl);
            ows_pdu_init(dst);
            return OWS_E_ALLOC;
        }
        memcpy(ids, src->enterprise.ids, n);
        /* The copy's list has no arena of its own; the enterprise OID's
         * allocation becomes it, so the one ownership rule still holds. */
        tmp.vbl.arena = ids;
        tmp.enterprise.ids = ids;
        tmp.enterprise.len = src->enterprise.len;
    }
    *dst = tmp;
    return OWS_OK;
}

int ows_pdu_type_settable(int32_t type)
{
    switch (type) {
    case OWS_PDU_GET: case OWS_PDU_GETNEXT: case OWS_PDU_RESPONSE:
    case OWS_PDU_SET: case OWS_PDU_GETBULK: case OWS_PDU_INFORM:
    case OWS_PDU_TRAP:
        return 1;
    default:
        return 0;
    }
}

static void pdu_obj_destroy(ows_object *obj)
{
    ows_pdu_obj *p = (ows_pdu_obj *)obj;

    ows_pdu_free(&p->pdu);
    ows_free(p);
}

int ows_pdu_obj_new(struct ows_session *owner, ows_pdu *moved, ows_pdu_obj **out)
{
    ows_pdu_obj *p = ows_calloc(1, sizeof *p);
    int err;

    if (!p)
        return OWS_E_ALLOC;
    p->obj.destroy = pdu_obj_destroy;
    if (moved)
        p->pdu = *moved;
    else
        ows_pdu_init(&p->pdu);
    err = ows_handle_new(&p->obj, OWS_T_PDU, owner);
    if (err) {
        /* The PDU is still the caller's: free only the shell. */
        ows_free(p);
        return err;
    }
    if (moved)
        ows_pdu_init(moved);
    if (out)
        *out = p;
    return OWS_OK;
}

int ows_pdu_obj_init_in(ows_pdu_obj *p, void (*destroy)(ows_object *),
                        struct ows_session *owner, ows_pdu *moved)
{
    int err;

    memset(&p->obj, 0, sizeof p->obj);
    p->obj.destroy = destroy;
    err = ows_handle_new(&p->obj, OWS_T_PDU, owner);
    if (err)
        return err;
    p->pdu = *moved;
    p->pdu.vbl.arena = NULL;
    moved->vbl.items = NULL;
    moved->vbl.count = 0;
    moved->vbl.cap = 0;
    return OWS_OK;
}
