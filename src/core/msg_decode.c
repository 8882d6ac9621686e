/* msg_decode.c - BER to ows_msg with exactly one allocation per message.
 *
 * One validating pass fills a region: varbinds grow up from its start, and
 * sub-identifiers and string bytes grow down from its end. The region is
 * first a scratch buffer on the stack; when the message fits (the usual
 * case), one arena of exactly the used size is allocated and the two parts
 * are copied into it with their pointers rebased. A message too big for the
 * scratch is sized by a cheap skeleton pass instead (varbinds and string
 * bytes exactly, sub-ids by a bound: n octets hold at most n + 1), and the
 * validating pass then fills an arena of that size directly.
 *
 * Either way a failure frees the arena (if any) once, so no failure path can
 * leak and nothing is ever freed piecemeal.
 *
 * What is accepted and what is refused (issue 8). The rule: whatever is
 * well-formed BER for an SNMPv1/v2c message, and fits the types WinSNMP hands
 * to the application, is decoded as it is; odd field values are the sender's
 * business, and only the application can judge them. Refusing them would turn
 * a sloppy agent's answer into a timeout. So these decode unchanged:
 * - any error-status and error-index that fit 32 bits, whatever the PDU type:
 *   negative, beyond the RFC 1157/3416 ranges, an SNMPv2 status in an SNMPv1
 *   message, an index beyond the number of varbinds, non-zero fields in a
 *   GET, GETNEXT, SET, INFORM or TRAP (the RFCs have the sender set them to
 *   zero; none has the receiver refuse them); in a GETBULK they are
 *   non-repeaters and max-repetitions, delivered even if negative;
 * - any request-id, generic-trap and specific-trap that fit 32 bits, any
 *   time-stamp that fits 32 bits unsigned;
 * - an empty varbind list, repeated names, an empty community (SnmpDecodeMsg
 *   refuses that one for its own reason, api/codec.c);
 * - long-form lengths longer than they need to be (real encoders emit them).
 * Refused (SnmpDecodeMsg: MESSAGE_INVALID; on the wire: dropped and counted
 * as malformed), because it is not BER, or not SNMPv1/v2c, or cannot be
 * delivered without changing it:
 * - broken framing: a length past its container, indefinite lengths, more
 *   than 4 length octets, multi-octet tags, bytes left over inside the
 *   message, the PDU or a varbind, a missing field or a wrong tag;
 * - INTEGER encodings that are not minimal (X.690 8.3.2 forbids them) or
 *   empty, and integer fields wider than 32 bits (smiINT is 32 bits; a
 *   clipped value would be a lie); an unsigned value that is negative or
 *   wider than its type (32 bits, 64 for Counter64);
 * - a NULL or exception value with contents (X.690 8.8.2), an IpAddress that
 *   is not 4 octets (SMI: SIZE (4); applications read exactly four), an OID
 *   that is malformed, has a sub-identifier over 32 bits or more than 128
 *   sub-identifiers (MAXOBJIDSIZE), an unknown value tag;
 * - a version other than 0 and 1, an unknown PDU tag, an SNMPv2 PDU type or
 *   syntax in an SNMPv1 message (RFC 1157 has no such type: a different
 *   protocol, not an odd value), an SNMPv1 Trap-PDU in an SNMPv2c message;
 * - more than OWS_MSG_MAX_VARBINDS varbinds, or a message over 16 MiB.
 * Sending keeps its own rules (api/codec.c, request.c): error fields only in
 * a RESPONSE or a GETBULK.
 * An SNMPv3 scopedPDU (ows_scoped_decode_in, for core/v3_codec.h) follows
 * the SNMPv2c rules, with two differences: the Report-PDU is accepted, and
 * up to pad_max bytes may follow it (a DES-decrypted one's padding).
 */
#include <string.h>
#include "core/msg_codec.h"
#include "core/ber_read.h"
#include "core/alloc.h"
#include "core/copy_short.h"

#define SCRATCH_SIZE 4096

/* Internal: the region is full (only the scratch can be). */
#define REGION_FULL 1

#define TRY(x) do { int e_ = (x); if (e_) return e_; } while (0)

struct region {
    ows_varbind *items;   /* base of the region, varbinds grow up */
    uint32_t nitems;
    uint8_t *lo;          /* first byte not used by varbinds */
    uint8_t *hi;          /* lowest byte used by data; data grows down */
    uint8_t *top;         /* end of the region */
    int32_t version;
    size_t pad_max;       /* scopedPDU: bytes allowed after it (DES padding) */
    int scoped;           /* 1: a scopedPDU, not a community message */
    int quick;            /* 1: fill tries the quick pass first */
    ows_berr context_engine;   /* scopedPDU: its contextEngineID, in the input */
};

static int is_string_tag(unsigned t)
{
    return t == 0x04 || t == 0x40 || t == 0x44 || t == 0x45;
}

/* ---- the skeleton pass (big messages only) ---- */

struct sizes {
    uint32_t nvb;     /* varbinds */
    uint32_t noids;   /* OIDs (each may need 3 bytes of alignment) */
    size_t nids;      /* sub-identifiers, bounded */
    size_t nbytes;    /* string values and the community */
};

static int scan(const uint8_t *buf, size_t len, int scoped, struct sizes *s)
{
    ows_berr r = { buf, buf + len }, msg, pdu, vbl, part;
    unsigned tag, pdutag;
    size_t n;

    TRY(ows_berr_enter(&r, 0x30, &msg));
    /* version, or a scopedPDU's contextEngineID */
    TRY(ows_berr_enter(&msg, scoped ? 0x04 : 0x02, &part));
    TRY(ows_berr_enter(&msg, 0x04, &part));          /* community or contextName */
    s->nbytes += (size_t)(part.end - part.p);
    TRY(ows_berr_header(&msg, &pdutag, &n));
    pdu.p = msg.p;
    pdu.end = msg.p + n;
    if (pdutag == OWS_PDU_V1TRAP) {
        TRY(ows_berr_enter(&pdu, 0x06, &part));      /* enterprise */
        s->nids += (size_t)(part.end - part.p) + 1;
        s->noids++;
    }
    for (int i = 0; i < (pdutag == OWS_PDU_V1TRAP ? 4 : 3); i++) {
        TRY(ows_berr_header(&pdu, &tag, &n));
        pdu.p += n;
    }
    TRY(ows_berr_enter(&pdu, 0x30, &vbl));
    while (vbl.p < vbl.end) {
        ows_berr vb;
        if (++s->nvb > OWS_MSG_MAX_VARBINDS)
            return OWS_E_BER_LIMIT;
        TRY(ows_berr_enter(&vbl, 0x30, &vb));
        TRY(ows_berr_enter(&vb, 0x06, &part));
        s->nids += (size_t)(part.end - part.p) + 1;
        s->noids++;
        TRY(ows_berr_header(&vb, &tag, &n));
        if (tag == 0x06) {
            s->nids += n + 1;
            s->noids++;
        } else if (is_string_tag(tag)) {
            s->nbytes += n;
        }
    }
    return 0;
}

/* ---- the validating pass ---- */

static int get_oid(struct region *g, const uint8_t *p, size_t n, ows_oid *o)
{
    /* Room for the most sub-ids n octets can hold, 4-byte aligned. */
    size_t most = n + 1 < OWS_MAX_OID_LEN ? n + 1 : OWS_MAX_OID_LEN;
    uintptr_t room = (uintptr_t)(g->hi - g->lo);
    uint8_t *at;
    uint32_t k;
    if (room < most * sizeof(uint32_t) + 3)
        return REGION_FULL;
    at = g->hi - most * sizeof(uint32_t);
    at -= (uintptr_t)at & 3;
    /* Multi-octet sub-ids leave a few unused slots above the ids: a small
     * waste that saves moving them. */
    TRY(ows_ber_oid(p, n, (uint32_t *)(void *)at, (uint32_t)most, &k));
    o->ids = (uint32_t *)(void *)at;
    o->len = k;
    g->hi = at;
    return 0;
}

static int get_bytes(struct region *g, const uint8_t *p, size_t n, ows_octets *s)
{
    s->len = (uint32_t)n;
    s->ptr = NULL;
    if (n) {
        if ((size_t)(g->hi - g->lo) < n)
            return REGION_FULL;
        g->hi -= n;
        ows_copy_short(g->hi, p, n);
        s->ptr = g->hi;
    }
    return 0;
}

/* Always inline: four per message, and the one-octet case is a few
 * instructions, fewer than a call. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int get_int(ows_berr *r, unsigned tag, int32_t *v)
{
    const uint8_t *p = r->p;
    ows_berr c;
    /* The usual case first: a one-octet INTEGER (the version, the error
     * fields, small request ids), which is always minimal. */
    if (r->end - p >= 3 && p[0] == tag && p[1] == 1) {
        *v = (int8_t)p[2];
        r->p = p + 3;
        return 0;
    }
    TRY(ows_berr_enter(r, tag, &c));
    return ows_ber_int32(c.p, (size_t)(c.end - c.p), v);
}

static int get_value(struct region *g, ows_berr *vb, ows_value *v)
{
    unsigned tag;
    size_t n;
    const uint8_t *p;

    TRY(ows_berr_header(vb, &tag, &n));
    p = vb->p;
    vb->p += n;
    v->syntax = tag;
    switch (tag) {
    case 0x02:
        return ows_ber_int32(p, n, &v->v.i);
    case 0x40:
        if (n != 4)
            return OWS_E_BER_LENGTH;   /* IpAddress is SIZE (4) */
        /* fall through */
    case 0x04: case 0x44: case 0x45:
        return get_bytes(g, p, n, &v->v.str);
    case 0x05:
        return n ? OWS_E_BER_LENGTH : 0;
    case 0x06:
        return get_oid(g, p, n, &v->v.oid);
    case 0x41: case 0x42: case 0x43:
        return ows_ber_uint32(p, n, &v->v.u);
    case 0x46:
        if (g->version == OWS_SNMPV1)
            return OWS_E_BER_VERSION;
        return ows_ber_uint(p, n, 8, &v->v.u64);
    case 0x80: case 0x81: case 0x82:
        if (g->version == OWS_SNMPV1)
            return OWS_E_BER_VERSION;
        return n ? OWS_E_BER_LENGTH : 0;
    default:
        return OWS_E_BER_TAG;
    }
}

/* ---- the quick pass: a plain community message, straight through ----
 *
 * Nearly every message is small and plain: one-octet tags, short lengths
 * (or the one-octet long form), a one-octet version, a request or response
 * PDU. The general pass below reads such a message through ows_berr cursors
 * that live in memory; this one keeps its cursor in registers. It accepts
 * only what the general pass accepts, with the same result (the same helpers
 * store the fields), and leaves everything else, every error included, to
 * the general pass: it returns NOT_QUICK and fill starts over. */

#define NOT_QUICK 2

/* Set by tests only: 1 = the general pass alone (tests/unit/test_msg.c
 * compares the two passes on mutated messages). */
int ows_msg_decode_general_only;

/* The header of a value with tag t at *pp, bounded by e: a short-form
 * length or the one-octet long form; the content length, or -1 for
 * anything else (then *pp is unchanged). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline long quick_header(const uint8_t **pp, const uint8_t *e, unsigned t)
{
    const uint8_t *p = *pp;
    size_t n;
    if (e - p < 2 || p[0] != t)
        return -1;
    n = p[1];
    if (n < 0x80) {
        p += 2;
    } else if (n == 0x81 && e - p >= 3) {
        n = p[2];
        p += 3;
    } else {
        return -1;
    }
    if (n > (size_t)(e - p))
        return -1;
    *pp = p;
    return (long)n;
}

/* An INTEGER field of at most 4 octets; -1 for anything else. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int quick_int(const uint8_t **pp, const uint8_t *e, int32_t *v)
{
    const uint8_t *p = *pp;
    size_t n;
    if (e - p < 3 || p[0] != 0x02 || (n = p[1]) > (size_t)(e - p) - 2)
        return -1;
    if (n == 1)
        *v = (int8_t)p[2];
    else if (ows_ber_int32(p + 2, n, v))
        return -1;
    *pp = p + 2 + n;
    return 0;
}

static int fill_quick(const uint8_t *buf, size_t len, ows_msg *m, struct region *g)
{
    const uint8_t *p = buf, *e = buf + len, *ve;
    ows_pdu *d = &m->pdu;
    unsigned tag;
    long n;

    /* The message fills the input (a community message has no padding). */
    if ((n = quick_header(&p, e, 0x30)) < 0 || p + n != e)
        return NOT_QUICK;
    if (e - p < 3 || p[0] != 0x02 || p[1] != 1 || p[2] > OWS_SNMPV2C)
        return NOT_QUICK;
    m->version = g->version = p[2];
    p += 3;
    if ((n = quick_header(&p, e, 0x04)) < 0 || get_bytes(g, p, (size_t)n, &m->community))
        return NOT_QUICK;
    p += n;
    /* The PDU fills the rest: GET, GETNEXT, RESPONSE, SET in both versions,
     * GETBULK, INFORM, TRAP in SNMPv2c (the v1 Trap-PDU takes the general
     * pass). quick_header saw at least two octets before p[0] is used. */
    tag = e - p >= 2 ? p[0] : 0;
    if (!(tag >= OWS_PDU_GET && tag <= OWS_PDU_SET) &&
        !(m->version == OWS_SNMPV2C && tag >= OWS_PDU_GETBULK && tag <= OWS_PDU_TRAP))
        return NOT_QUICK;
    if ((n = quick_header(&p, e, tag)) < 0 || p + n != e)
        return NOT_QUICK;
    d->type = (int32_t)tag;
    if (quick_int(&p, e, &d->request_id) || quick_int(&p, e, &d->error_status) ||
        quick_int(&p, e, &d->error_index))
        return NOT_QUICK;
    if ((n = quick_header(&p, e, 0x30)) < 0 || p + n != e)
        return NOT_QUICK;
    while (p < e) {
        ows_varbind *it;
        if (g->nitems >= OWS_MSG_MAX_VARBINDS || (size_t)(g->hi - g->lo) < sizeof(ows_varbind))
            return NOT_QUICK;
        it = &g->items[g->nitems++];
        g->lo += sizeof(ows_varbind);
        if ((n = quick_header(&p, e, 0x30)) < 0)
            return NOT_QUICK;
        ve = p + n;
        if ((n = quick_header(&p, ve, 0x06)) < 0 || get_oid(g, p, (size_t)n, &it->name))
            return NOT_QUICK;
        p += n;
        it->own = NULL;
        if (ve - p == 2 && p[0] == 0x05 && p[1] == 0) {
            /* A request's NULL value. */
            it->value.syntax = 0x05;
        } else if (ve - p >= 2 && p[0] == 0x04 && p[1] < 0x80 && p[1] == ve - p - 2) {
            /* A short OCTET STRING, the most common value in responses. */
            it->value.syntax = 0x04;
            if (get_bytes(g, p + 2, p[1], &it->value.v.str))
                return NOT_QUICK;
        } else {
            ows_berr vb = { p, ve };
            if (get_value(g, &vb, &it->value) || vb.p != ve)
                return NOT_QUICK;
        }
        p = ve;
    }
    d->vbl.items = g->nitems ? g->items : NULL;
    d->vbl.count = g->nitems;
    d->vbl.cap = 0;
    return 0;
}

/* ---- the general pass ---- */

static int fill_general(const uint8_t *buf, size_t len, ows_msg *m, struct region *g);

/* The quick pass first for a community message; what it leaves goes to the
 * general pass over a fresh region and message (*m is zero on entry). */
static int fill(const uint8_t *buf, size_t len, ows_msg *m, struct region *g)
{
    if (g->quick) {
        int err = fill_quick(buf, len, m, g);
        if (err != NOT_QUICK)
            return err;
        g->nitems = 0;
        g->lo = (uint8_t *)g->items;
        g->hi = g->top;
        g->version = 0;
        memset(m, 0, sizeof *m);
    }
    return fill_general(buf, len, m, g);
}

static int fill_general(const uint8_t *buf, size_t len, ows_msg *m, struct region *g)
{
    ows_berr r = { buf, buf + len }, msg, pdu, vbl, part;
    ows_pdu *d = &m->pdu;
    unsigned tag;
    size_t n;

    TRY(ows_berr_enter(&r, 0x30, &msg));
    if ((size_t)(r.end - r.p) > g->pad_max)
        return OWS_E_BER_TRAILING;
    if (g->scoped) {
        /* scopedPDU (RFC 3412 6): contextEngineID, contextName, PDU. */
        TRY(ows_berr_enter(&msg, 0x04, &g->context_engine));
        m->version = OWS_SNMPV3;
    } else {
        TRY(get_int(&msg, 0x02, &m->version));
        if (m->version != OWS_SNMPV1 && m->version != OWS_SNMPV2C)
            return OWS_E_BER_VERSION;
    }
    g->version = m->version;
    TRY(ows_berr_enter(&msg, 0x04, &part));
    TRY(get_bytes(g, part.p, (size_t)(part.end - part.p), &m->community));

    TRY(ows_berr_header(&msg, &tag, &n));
    pdu.p = msg.p;
    pdu.end = msg.p + n;
    msg.p += n;
    if (msg.p != msg.end)
        return OWS_E_BER_TRAILING;
    /* A Report-PDU only in SNMPv3's scopedPDU. */
    if (tag < OWS_PDU_GET || tag > (g->scoped ? OWS_PDU_REPORT : OWS_PDU_TRAP))
        return OWS_E_BER_TAG;
    d->type = (int32_t)tag;
    if (m->version == OWS_SNMPV1 ? tag > OWS_PDU_V1TRAP : tag == OWS_PDU_V1TRAP)
        return m->version == OWS_SNMPV1 ? OWS_E_BER_VERSION : OWS_E_BER_TAG;
    if (tag == OWS_PDU_V1TRAP) {
        TRY(ows_berr_enter(&pdu, 0x06, &part));
        TRY(get_oid(g, part.p, (size_t)(part.end - part.p), &d->enterprise));
        TRY(ows_berr_enter(&pdu, 0x40, &part));
        if (part.end - part.p != 4)
            return OWS_E_BER_LENGTH;
        memcpy(d->agent_addr, part.p, 4);
        TRY(get_int(&pdu, 0x02, &d->generic_trap));
        TRY(get_int(&pdu, 0x02, &d->specific_trap));
        TRY(ows_berr_enter(&pdu, 0x43, &part));
        TRY(ows_ber_uint32(part.p, (size_t)(part.end - part.p), &d->time_stamp));
    } else {
        TRY(get_int(&pdu, 0x02, &d->request_id));
        TRY(get_int(&pdu, 0x02, &d->error_status));
        TRY(get_int(&pdu, 0x02, &d->error_index));
    }
    TRY(ows_berr_enter(&pdu, 0x30, &vbl));
    if (pdu.p != pdu.end)
        return OWS_E_BER_TRAILING;
    while (vbl.p < vbl.end) {
        ows_berr vb;
        ows_varbind *it;
        if (g->nitems >= OWS_MSG_MAX_VARBINDS)
            return OWS_E_BER_LIMIT;
        if ((size_t)(g->hi - g->lo) < sizeof(ows_varbind))
            return REGION_FULL;
        it = &g->items[g->nitems++];
        g->lo += sizeof(ows_varbind);
        TRY(ows_berr_enter(&vbl, 0x30, &vb));
        TRY(ows_berr_enter(&vb, 0x06, &part));
        TRY(get_oid(g, part.p, (size_t)(part.end - part.p), &it->name));
        TRY(get_value(g, &vb, &it->value));
        it->own = NULL;
        if (vb.p != vb.end)
            return OWS_E_BER_TRAILING;
    }
    d->vbl.items = g->nitems ? g->items : NULL;
    d->vbl.count = g->nitems;
    d->vbl.cap = 0;
    return 0;
}

static void region_init(struct region *g, void *base, size_t size, int scoped, size_t pad_max)
{
    g->items = base;
    g->nitems = 0;
    g->lo = base;
    g->top = g->hi = (uint8_t *)base + size;
    g->version = 0;
    g->scoped = scoped;
    g->quick = !scoped && !ows_msg_decode_general_only;
    g->pad_max = pad_max;
    g->context_engine.p = g->context_engine.end = NULL;
}

/* Moves a pointer into the scratch data area to the same place in the
 * arena's data area (both end 8-byte aligned, so alignment is kept). */
#define REBASE(ptr, type) ((ptr) ? (type)(void *)(arena_top - (g->top - (uint8_t *)(ptr))) : NULL)

static int from_scratch(const struct region *g, ows_msg *m, size_t head, void *mem,
                        size_t cap)
{
    size_t items_size = (size_t)g->nitems * sizeof(ows_varbind);
    size_t data_size = (size_t)(g->top - g->hi);
    size_t total = items_size + ((data_size + 7) & ~(size_t)7);
    uint8_t *block, *arena, *arena_top;

    if (!total && !head)
        return 0;
    block = mem && head + total <= cap ? mem : ows_malloc(head + total);
    if (!block)
        return OWS_E_ALLOC;
    arena = block + head;
    arena_top = arena + total;
    memcpy(arena, g->items, items_size);
    memcpy(arena_top - data_size, g->hi, data_size);
    m->community.ptr = REBASE(m->community.ptr, uint8_t *);
    m->pdu.enterprise.ids = REBASE(m->pdu.enterprise.ids, uint32_t *);
    m->pdu.vbl.items = g->nitems ? (ows_varbind *)(void *)arena : NULL;
    for (uint32_t i = 0; i < g->nitems; i++) {
        ows_varbind *vb = &m->pdu.vbl.items[i];
        vb->name.ids = REBASE(vb->name.ids, uint32_t *);
        if (vb->value.syntax == 0x06)
            vb->value.v.oid.ids = REBASE(vb->value.v.oid.ids, uint32_t *);
        else if (is_string_tag(vb->value.syntax))
            vb->value.v.str.ptr = REBASE(vb->value.v.str.ptr, uint8_t *);
    }
    m->pdu.vbl.arena = block;
    return 0;
}

int ows_msg_decode(const uint8_t *buf, size_t len, ows_msg *m)
{
    return ows_msg_decode_ex(buf, len, m, 0);
}

int ows_msg_decode_ex(const uint8_t *buf, size_t len, ows_msg *m, size_t head)
{
    return ows_msg_decode_in(buf, len, m, head, NULL, 0);
}

/* Both kinds of input: a community message (scoped 0) or a scopedPDU
 * followed by at most pad_max bytes; ctx gets a scopedPDU's contextEngineID. */
static int decode(const uint8_t *buf, size_t len, int scoped, size_t pad_max, ows_msg *m,
                  size_t head, void *mem, size_t cap, ows_berr *ctx, int quick_failed)
{
    union { uint64_t align; uint8_t b[SCRATCH_SIZE]; } scratch;
    struct region g;
    struct sizes s = { 0, 0, 0, 0 };
    size_t total;
    uint8_t *arena;
    int err;

    memset(m, 0, sizeof *m);
    if (!buf && len)
        return OWS_E_BER_TRUNCATED;
    if (len > OWS_MSG_MAX_LEN || head > OWS_MSG_MAX_LEN)
        return OWS_E_BER_LIMIT;
    /* The data after the head must stay 8-byte aligned. */
    head = (head + 7) & ~(size_t)7;

    /* A caller's block that is big enough is filled directly, as the region
     * (its end must keep the 8-byte alignment REBASE relies on elsewhere):
     * no scratch, no copy. When it is too small, the usual way follows. */
    if (mem && cap > head && !(cap & 7)) {
        region_init(&g, (uint8_t *)mem + head, cap - head, scoped, pad_max);
        /* The caller's quick pass into this very block failed already. */
        if (quick_failed)
            g.quick = 0;
        err = fill(buf, len, m, &g);
        if (!err) {
            m->pdu.vbl.arena = mem;
            *ctx = g.context_engine;
            return 0;
        }
        memset(m, 0, sizeof *m);
        if (err != REGION_FULL)
            return err;
    }

    region_init(&g, scratch.b, sizeof scratch.b, scoped, pad_max);
    err = fill(buf, len, m, &g);
    if (!err) {
        err = from_scratch(&g, m, head, mem, cap);
        if (!err) {
            *ctx = g.context_engine;
            return 0;
        }
    }
    if (err != REGION_FULL) {
        memset(m, 0, sizeof *m);
        return err;
    }

    /* Too big for the scratch: size it, then fill one arena directly. */
    memset(m, 0, sizeof *m);
    err = scan(buf, len, scoped, &s);
    if (err)
        return err;
    total = (size_t)s.nvb * sizeof(ows_varbind) + s.nids * sizeof(uint32_t) +
            (size_t)s.noids * 3 + s.nbytes;
    arena = ows_malloc(head + (total ? total : 1));
    if (!arena)
        return OWS_E_ALLOC;
    region_init(&g, arena + head, total, scoped, pad_max);
    err = fill(buf, len, m, &g);
    if (err) {
        ows_free(arena);
        memset(m, 0, sizeof *m);
        /* The bounds make REGION_FULL impossible here; never leak it. */
        return err == REGION_FULL ? OWS_E_BER_LIMIT : err;
    }
    m->pdu.vbl.arena = arena;
    *ctx = g.context_engine;
    return 0;
}

int ows_msg_decode_in(const uint8_t *buf, size_t len, ows_msg *m, size_t head, void *mem,
                      size_t cap)
{
    ows_berr ctx;
    size_t h = (head + 7) & ~(size_t)7;
    /* The engine's usual case, a plain message into its recycled block, goes
     * straight to the quick pass, without the set-up of the general way
     * (its 4 KiB scratch frame), which gets whatever the quick pass leaves. */
    if (mem && buf && len <= OWS_MSG_MAX_LEN && head <= OWS_MSG_MAX_LEN && cap > h &&
        !(cap & 7) && !ows_msg_decode_general_only) {
        struct region g;
        memset(m, 0, sizeof *m);
        region_init(&g, (uint8_t *)mem + h, cap - h, 0, 0);
        if (fill_quick(buf, len, m, &g) == 0) {
            m->pdu.vbl.arena = mem;
            return 0;
        }
        return decode(buf, len, 0, 0, m, head, mem, cap, &ctx, 1);
    }
    return decode(buf, len, 0, 0, m, head, mem, cap, &ctx, 0);
}

int ows_scoped_decode_in(const uint8_t *buf, size_t len, size_t pad_max, ows_msg *m,
                         size_t head, void *mem, size_t cap, const uint8_t **engine_id,
                         size_t *engine_id_len)
{
    ows_berr ctx = { NULL, NULL };
    int err = decode(buf, len, 1, pad_max, m, head, mem, cap, &ctx, 0);
    *engine_id = ctx.p;
    *engine_id_len = (size_t)(ctx.end - ctx.p);
    return err;
}

void ows_msg_free(ows_msg *m)
{
    ows_free(m->pdu.vbl.arena);
    memset(m, 0, sizeof *m);
}
