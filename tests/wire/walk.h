/* walk.h - a GETNEXT/GETBULK subtree walk driven by replies, usable from a
 * polling loop, a callback or a window procedure; and the comparison of
 * its OIDs with net-snmp's snmpwalk output (make-refs.sh). */
#ifndef OWS_TESTS_WALK_H
#define OWS_TESTS_WALK_H
#include <stdatomic.h>
#include "wire.h"

struct walk {
    HSNMP_SESSION s;
    HSNMP_ENTITY dst;
    HSNMP_CONTEXT ctx;
    smiOID root;
    smiOID cur;               /* last name seen (library descriptor) */
    int cur_owned;
    int bulk;
    char **oids;
    size_t n, cap;
    int failed;
    atomic_int finished;
};

static WIRE_MAYBE_UNUSED int walk_send(struct walk *w)
{
    HSNMP_VBL vbl = SnmpCreateVbl(w->s, w->cur_owned ? &w->cur : &w->root, NULL);
    HSNMP_PDU pdu = SnmpCreatePdu(w->s, w->bulk ? SNMP_PDU_GETBULK : SNMP_PDU_GETNEXT, 0,
                                  0, w->bulk ? 25 : 0, vbl);
    int ok = pdu && SnmpSendMsg(w->s, 0, w->dst, w->ctx, pdu) == SNMPAPI_SUCCESS;
    if (vbl) SnmpFreeVbl(vbl);
    if (pdu) SnmpFreePdu(pdu);
    if (!ok) {
        fprintf(stderr, "walk: send failed (%lu)\n", (unsigned long)SnmpGetLastError(w->s));
        w->failed = 1;
        atomic_store(&w->finished, 1);
    }
    return ok;
}

static WIRE_MAYBE_UNUSED void walk_add(struct walk *w, const char *oid)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 256;
        w->oids = realloc(w->oids, w->cap * sizeof(*w->oids));
    }
    w->oids[w->n++] = strdup(oid);
}

/* Handles one reply; sends the next request or marks the walk finished. */
static WIRE_MAYBE_UNUSED void walk_on_reply(struct walk *w, HSNMP_PDU pdu)
{
    smiINT type, id, es, ei;
    HSNMP_VBL vbl = 0;
    smiUINT32 i, count;
    int done = 0;

    if (SnmpGetPduData(pdu, &type, &id, &es, &ei, &vbl) == SNMPAPI_FAILURE) {
        w->failed = 1;
        atomic_store(&w->finished, 1);
        return;
    }
    if (es) {
        /* SNMPv1 ends a walk past the last object with noSuchName. */
        if (es != SNMP_ERROR_NOSUCHNAME) w->failed = 1;
        done = 1;
    }
    count = done ? 0 : SnmpCountVbl(vbl);
    for (i = 1; i <= count && !done; i++) {
        smiOID name;
        smiVALUE v;
        smiINT cmp = 0;
        if (SnmpGetVb(vbl, i, &name, &v) == SNMPAPI_FAILURE) {
            w->failed = 1;
            done = 1;
            break;
        }
        SnmpOidCompare(&name, &w->root, w->root.len, &cmp);
        if (v.syntax == SNMP_SYNTAX_ENDOFMIBVIEW || cmp != 0 || name.len <= w->root.len) {
            done = 1;
        } else {
            walk_add(w, wire_oid_str(&name));
        }
        if (v.syntax == SNMP_SYNTAX_OCTETS || v.syntax == SNMP_SYNTAX_OPAQUE ||
            v.syntax == SNMP_SYNTAX_IPADDR || v.syntax == SNMP_SYNTAX_BITS ||
            v.syntax == SNMP_SYNTAX_NSAPADDR)
            SnmpFreeDescriptor(v.syntax, (smiLPOPAQUE)&v.value.string);
        else if (v.syntax == SNMP_SYNTAX_OID)
            SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&v.value.oid);
        if (w->cur_owned)
            SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&w->cur);
        w->cur = name;
        w->cur_owned = 1;
    }
    if (count == 0 && !es)
        done = 1;
    SnmpFreeVbl(vbl);
    if (done)
        atomic_store(&w->finished, 1);
    else
        walk_send(w);
}

/* Receives everything queued on the walk's session and handles it. */
static WIRE_MAYBE_UNUSED void walk_drain(struct walk *w)
{
    for (;;) {
        HSNMP_ENTITY src = 0, dst = 0;
        HSNMP_CONTEXT ctx = 0;
        HSNMP_PDU pdu = 0;
        SNMPAPI_STATUS st = SnmpRecvMsg(w->s, &src, &dst, &ctx, &pdu);
        smiUINT32 err = st == SNMPAPI_SUCCESS ? 0 : SnmpGetLastError(w->s);
        if (err == SNMPAPI_NOOP || err == SNMPAPI_SESSION_INVALID)
            break;
        if (err) {
            fprintf(stderr, "walk: SnmpRecvMsg error %lu\n", (unsigned long)err);
            w->failed = 1;
            atomic_store(&w->finished, 1);
        } else if (pdu) {
            walk_on_reply(w, pdu);
        }
        if (pdu) SnmpFreePdu(pdu);
        if (src) SnmpFreeEntity(src);
        if (dst) SnmpFreeEntity(dst);
        if (ctx) SnmpFreeContext(ctx);
    }
}

static WIRE_MAYBE_UNUSED void walk_init(struct walk *w, HSNMP_SESSION s, HSNMP_ENTITY dst, HSNMP_CONTEXT ctx,
                      const char *root, int bulk)
{
    memset(w, 0, sizeof(*w));
    w->s = s;
    w->dst = dst;
    w->ctx = ctx;
    w->bulk = bulk;
    SnmpStrToOid(root, &w->root);
}

static WIRE_MAYBE_UNUSED void walk_free(struct walk *w)
{
    size_t i;
    for (i = 0; i < w->n; i++) free(w->oids[i]);
    free(w->oids);
    if (w->cur_owned) SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&w->cur);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&w->root);
}

/* Compares the walk's OIDs with a reference file; returns 1 when equal. */
static WIRE_MAYBE_UNUSED int walk_compare(const struct walk *w, const char *path)
{
    FILE *f = fopen(path, "r");
    char line[1600];
    size_t i = 0;
    int ok = 1;
    if (!f) {
        fprintf(stderr, "walk: cannot open %s\n", path);
        return 0;
    }
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0]) continue;
        if (i >= w->n || strcmp(line, w->oids[i]) != 0) {
            fprintf(stderr, "walk: %s: entry %lu: expected %s, got %s\n", path,
                    (unsigned long)i, line, i < w->n ? w->oids[i] : "(end)");
            ok = 0;
            break;
        }
        i++;
    }
    if (ok && i != w->n) {
        fprintf(stderr, "walk: %s: %lu extra entries (first %s)\n", path,
                (unsigned long)(w->n - i), w->oids[i]);
        ok = 0;
    }
    fclose(f);
    return ok;
}

#endif
