/* v3_mib.c - GETs of the local engine's snmpEngine, snmpMPDStats and
 * usmStats objects, answered from v3_local.h's values (v3_mib.h). */
#include <string.h>
#include "core/error.h"
#include "core/v3_local.h"
#include "core/v3_mib.h"

/* The three subtrees: 1.3.6.1.6.3.A.B.C, each object below as .N.0. */
static const struct subtree {
    uint32_t abc[3];
    uint32_t objects;      /* N = 1 .. objects */
    int first_stat;        /* enum ows_v3_stat of N = 1; -1: snmpEngine */
} subtrees[] = {
    { { 10, 2, 1 }, 4, -1 },                           /* snmpEngine */
    { { 11, 2, 1 }, 3, OWS_V3S_UNKNOWN_MODELS },       /* snmpMPDStats */
    { { 15, 1, 1 }, 6, OWS_V3S_UNSUPPORTED_LEVELS },   /* usmStats */
};
#define NSUBTREES (sizeof subtrees / sizeof subtrees[0])
#define PREFIX_LEN 9

/* The subtree holding name, or NULL. */
static const struct subtree *subtree_of(const ows_oid *name)
{
    static const uint32_t snmp_modules[6] = { 1, 3, 6, 1, 6, 3 };
    size_t i;
    if (name->len < PREFIX_LEN || memcmp(name->ids, snmp_modules, sizeof snmp_modules))
        return NULL;
    for (i = 0; i < NSUBTREES; i++)
        if (!memcmp(name->ids + 6, subtrees[i].abc, sizeof subtrees[i].abc))
            return &subtrees[i];
    return NULL;
}

/* The value of name (inside subtree t); the engine ID's bytes go to id. */
static void value_of(const struct subtree *t, const ows_oid *name, uint8_t *id, ows_value *v)
{
    uint32_t n = name->len > PREFIX_LEN ? name->ids[PREFIX_LEN] : 0;
    int32_t boots, time;
    memset(v, 0, sizeof *v);
    if (n < 1 || n > t->objects) {
        v->syntax = OWS_SYN_NOSUCHOBJECT;
        return;
    }
    if (name->len != PREFIX_LEN + 2 || name->ids[PREFIX_LEN + 1] != 0) {
        v->syntax = OWS_SYN_NOSUCHINSTANCE;
        return;
    }
    if (t->first_stat >= 0) {
        v->syntax = OWS_SYN_CNTR32;
        v->v.u = ows_v3_stat(t->first_stat + (int)n - 1);
        return;
    }
    v->syntax = OWS_SYN_INT;
    switch (n) {
    case 1:
        v->syntax = OWS_SYN_OCTETS;
        ows_v3_local_id(id, &v->v.str.len);
        v->v.str.ptr = id;
        break;
    case 2:
    case 3:
        ows_v3_local_clock(&boots, &time);
        v->v.i = n == 2 ? boots : time;
        break;
    default:
        v->v.i = OWS_V3_MAX_MSG;
        break;
    }
}

int ows_v3_mib_answer(const ows_pdu *pdu, const struct ows_v3_in *st, uint8_t *buf,
                      size_t cap, size_t *off, size_t *len)
{
    ows_varbind vbs[OWS_V3_MIB_MAX_VBS];
    uint8_t id[OWS_USM_ENGINE_ID_MAX];
    ows_pdu reply;
    uint32_t i, n = pdu->vbl.count;

    if (pdu->type != OWS_PDU_GET || n == 0 || n > OWS_V3_MIB_MAX_VBS)
        return 0;
    for (i = 0; i < n; i++)
        if (!subtree_of(&pdu->vbl.items[i].name))
            return 0;
    for (i = 0; i < n; i++) {
        const ows_oid *name = &pdu->vbl.items[i].name;
        vbs[i].name = *name;   /* the request's, alive until it is freed */
        vbs[i].own = NULL;
        value_of(subtree_of(name), name, id, &vbs[i].value);
    }
    memset(&reply, 0, sizeof reply);
    reply.type = OWS_PDU_RESPONSE;
    reply.request_id = pdu->request_id;
    reply.vbl.items = vbs;
    reply.vbl.count = n;
    {
        int err = ows_v3_in_encode_reply(st, &reply, buf, cap, off, len);
        return err ? err : 1;
    }
}
