/* diff_codec.c - the message codec against net-snmp's library.
 *
 * A deterministic generator makes N messages covering every PDU type of
 * each version and every value syntax. For each one:
 *   1. ours encodes it, net-snmp's snmp_parse decodes it: same fields;
 *   2. net-snmp's snmp_build encodes the same message, ours decodes it:
 *      same fields (BITS arrives as OCTET STRING, Unsigned32 as Gauge32);
 *   3. both encodings are byte-for-byte identical (both use minimal lengths:
 *      net-snmp's reverse encoder is the default).
 * Usage: diff_codec [count] [seed]. Exit status 0 only if all agree.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include "core/msg_codec.h"
#include "xorshift.h"

static uint32_t below(uint32_t n) { return n ? rnd() % n : 0; }

/* Values that stress every length boundary of BER. */
static uint32_t rnd_u32(void)
{
    static const uint32_t edge[] = { 0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF,
        0x10000, 0x7FFFFF, 0x800000, 0xFFFFFF, 0x1000000, 0x7FFFFFFF, 0x80000000u, 0xFFFFFFFFu };
    switch (below(4)) {
    case 0: return edge[below(sizeof edge / sizeof edge[0])];
    case 1: return below(128);
    case 2: return rnd() >> below(32);
    default: return rnd();
    }
}

#define MAXVB 64
struct gen {
    ows_msg m;
    ows_varbind vbs[MAXVB];
    uint32_t ids[MAXVB * 2 + 1][OWS_MAX_OID_LEN];
    uint8_t bytes[MAXVB + 1][2100];
    uint8_t community[64];
};

static void rnd_oid(uint32_t *ids, uint32_t *len)
{
    uint32_t n = below(20) == 0 ? 2 + below(OWS_MAX_OID_LEN - 1) : 2 + below(16);
    ids[0] = below(3);
    ids[1] = ids[0] < 2 ? below(40) : (below(2) ? below(200) : rnd_u32() % (0xFFFFFFFFu - 80));
    for (uint32_t i = 2; i < n; i++)
        ids[i] = below(3) ? below(200) : rnd_u32();
    *len = n;
}

static void rnd_bytes(uint8_t *b, uint32_t *len, uint32_t max)
{
    uint32_t n = below(10) == 0 ? below(max) : below(40);
    for (uint32_t i = 0; i < n; i++)
        b[i] = (uint8_t)rnd();
    *len = n;
}

static const uint32_t syntaxes[] = {
    OWS_SYN_INT, OWS_SYN_BITS, OWS_SYN_OCTETS, OWS_SYN_NULL, OWS_SYN_OID, OWS_SYN_IPADDR,
    OWS_SYN_CNTR32, OWS_SYN_GAUGE32, OWS_SYN_TIMETICKS, OWS_SYN_OPAQUE, OWS_SYN_NSAPADDR,
    OWS_SYN_CNTR64, OWS_SYN_UINT32, OWS_SYN_NOSUCHOBJECT, OWS_SYN_NOSUCHINSTANCE,
    OWS_SYN_ENDOFMIBVIEW };
static unsigned long syntax_seen[256], type_seen[256];

static void generate(struct gen *g, unsigned long i)
{
    static const int32_t v1types[] = { OWS_PDU_GET, OWS_PDU_GETNEXT, OWS_PDU_RESPONSE,
                                       OWS_PDU_SET, OWS_PDU_V1TRAP };
    static const int32_t v2types[] = { OWS_PDU_GET, OWS_PDU_GETNEXT, OWS_PDU_RESPONSE,
                                       OWS_PDU_SET, OWS_PDU_GETBULK, OWS_PDU_INFORM, OWS_PDU_TRAP };
    ows_msg *m = &g->m;
    uint32_t nvb, k = 0;

    memset(m, 0, sizeof *m);
    m->version = (int32_t)(i & 1);
    m->pdu.type = m->version == OWS_SNMPV1 ? v1types[below(5)] : v2types[below(7)];
    type_seen[m->pdu.type]++;
    m->community.len = 1 + below(below(8) == 0 ? 63 : 12);
    for (uint32_t c = 0; c < m->community.len; c++)
        g->community[c] = (uint8_t)(0x21 + below(90));
    m->community.ptr = g->community;
    m->pdu.request_id = (int32_t)rnd_u32();
    if (m->pdu.request_id == 0)
        m->pdu.request_id = 1;
    if (m->pdu.type == OWS_PDU_RESPONSE || m->pdu.type == OWS_PDU_GETBULK) {
        /* Both fields are non-negative INTEGERs in RFC 3416 (net-snmp
         * refuses or rewrites negative ones). */
        m->pdu.error_status = (int32_t)(below(2) ? below(19) : rnd_u32() & 0x7FFFFFFF);
        m->pdu.error_index = (int32_t)(below(2) ? below(40) : rnd_u32() & 0x7FFFFFFF);
    }
    if (m->pdu.type == OWS_PDU_V1TRAP) {
        rnd_oid(g->ids[MAXVB * 2], &m->pdu.enterprise.len);
        m->pdu.enterprise.ids = g->ids[MAXVB * 2];
        for (int b = 0; b < 4; b++)
            m->pdu.agent_addr[b] = (uint8_t)(1 + below(255));
        m->pdu.generic_trap = (int32_t)below(7);
        m->pdu.specific_trap = (int32_t)(below(2) ? below(100) : rnd_u32());
        m->pdu.time_stamp = rnd_u32() | 1;
    }
    nvb = below(12) == 0 ? below(MAXVB + 1) : below(12);
    for (uint32_t v = 0; v < nvb; v++) {
        ows_varbind *vb = &g->vbs[v];
        uint32_t syn;
        memset(vb, 0, sizeof *vb);
        rnd_oid(g->ids[k], &vb->name.len);
        vb->name.ids = g->ids[k++];
        do
            syn = syntaxes[below(sizeof syntaxes / sizeof syntaxes[0])];
        while (m->version == OWS_SNMPV1 &&
               (syn == OWS_SYN_CNTR64 || syn >= OWS_SYN_NOSUCHOBJECT));
        vb->value.syntax = syn;
        syntax_seen[syn]++;
        switch (syn) {
        case OWS_SYN_INT: vb->value.v.i = (int32_t)rnd_u32(); break;
        case OWS_SYN_CNTR32: case OWS_SYN_GAUGE32: case OWS_SYN_TIMETICKS: case OWS_SYN_UINT32:
            vb->value.v.u = rnd_u32(); break;
        case OWS_SYN_CNTR64:
            vb->value.v.u64 = ((uint64_t)rnd_u32() << (below(2) ? 32 : 0)) | rnd_u32(); break;
        case OWS_SYN_OID:
            rnd_oid(g->ids[k], &vb->value.v.oid.len);
            vb->value.v.oid.ids = g->ids[k++];
            break;
        case OWS_SYN_IPADDR:
            for (int b = 0; b < 4; b++)
                g->bytes[v][b] = (uint8_t)rnd();
            vb->value.v.str.ptr = g->bytes[v];
            vb->value.v.str.len = 4;
            break;
        case OWS_SYN_OCTETS: case OWS_SYN_BITS: case OWS_SYN_OPAQUE: case OWS_SYN_NSAPADDR:
            rnd_bytes(g->bytes[v], &vb->value.v.str.len, 2000);
            /* net-snmp reads Opaque contents starting 0x9f as its float/double
             * extension: keep generated Opaque values out of that space. */
            if (syn == OWS_SYN_OPAQUE && vb->value.v.str.len && g->bytes[v][0] == 0x9F)
                g->bytes[v][0] = 0x04;
            vb->value.v.str.ptr = g->bytes[v];
            break;
        default:
            break;
        }
    }
    m->pdu.vbl.items = g->vbs;
    m->pdu.vbl.count = nvb;
}

/* What a decoder yields for a sent syntax. */
static uint32_t wire_syntax(uint32_t s)
{
    return s == OWS_SYN_BITS ? OWS_SYN_OCTETS : s == OWS_SYN_UINT32 ? OWS_SYN_GAUGE32 : s;
}

static int ns_type(uint32_t s)
{
    switch (s) {
    case OWS_SYN_INT: return ASN_INTEGER;
    case OWS_SYN_BITS: case OWS_SYN_OCTETS: return ASN_OCTET_STR;
    case OWS_SYN_NULL: return ASN_NULL;
    case OWS_SYN_OID: return ASN_OBJECT_ID;
    case OWS_SYN_IPADDR: return ASN_IPADDRESS;
    case OWS_SYN_CNTR32: return ASN_COUNTER;
    case OWS_SYN_GAUGE32: case OWS_SYN_UINT32: return ASN_GAUGE;
    case OWS_SYN_TIMETICKS: return ASN_TIMETICKS;
    case OWS_SYN_OPAQUE: return ASN_OPAQUE;
    case OWS_SYN_NSAPADDR: return ASN_NSAP;
    case OWS_SYN_CNTR64: return ASN_COUNTER64;
    case OWS_SYN_NOSUCHOBJECT: return SNMP_NOSUCHOBJECT;
    case OWS_SYN_NOSUCHINSTANCE: return SNMP_NOSUCHINSTANCE;
    default: return SNMP_ENDOFMIBVIEW;
    }
}

static int oid_eq_ns(const ows_oid *a, const oid *b, size_t blen)
{
    if (a->len != blen)
        return 0;
    for (uint32_t i = 0; i < a->len; i++)
        if (a->ids[i] != b[i])
            return 0;
    return 1;
}

/* 1 when net-snmp's parsed PDU has the fields of m. */
static int same_as_ns(const ows_msg *m, const netsnmp_pdu *p, char *why)
{
    const netsnmp_variable_list *v = p->variables;
    if (p->version != (m->version ? SNMP_VERSION_2c : SNMP_VERSION_1))
        return sprintf(why, "version"), 0;
    if (p->community_len != m->community.len || memcmp(p->community, m->community.ptr, m->community.len))
        return sprintf(why, "community"), 0;
    if (p->command != (int)m->pdu.type)
        return sprintf(why, "command %x", p->command), 0;
    if (m->pdu.type == OWS_PDU_V1TRAP) {
        if (!oid_eq_ns(&m->pdu.enterprise, p->enterprise, p->enterprise_length) ||
            memcmp(p->agent_addr, m->pdu.agent_addr, 4) || p->trap_type != m->pdu.generic_trap ||
            p->specific_type != m->pdu.specific_trap || (uint32_t)p->time != m->pdu.time_stamp)
            return sprintf(why, "v1 trap fields"), 0;
    } else if ((int32_t)p->reqid != m->pdu.request_id || (int32_t)p->errstat != m->pdu.error_status ||
               (int32_t)p->errindex != m->pdu.error_index) {
        return sprintf(why, "reqid/errstat/errindex"), 0;
    }
    for (uint32_t i = 0; i < m->pdu.vbl.count; i++, v = v->next_variable) {
        const ows_varbind *vb = &m->pdu.vbl.items[i];
        if (!v)
            return sprintf(why, "varbind %u missing", i), 0;
        if (!oid_eq_ns(&vb->name, v->name, v->name_length))
            return sprintf(why, "varbind %u name", i), 0;
        if (v->type != ns_type(vb->value.syntax))
            return sprintf(why, "varbind %u type %x", i, v->type), 0;
        switch (vb->value.syntax) {
        case OWS_SYN_INT:
            if (*v->val.integer != vb->value.v.i)
                return sprintf(why, "varbind %u int", i), 0;
            break;
        case OWS_SYN_CNTR32: case OWS_SYN_GAUGE32: case OWS_SYN_TIMETICKS: case OWS_SYN_UINT32:
            if ((uint32_t)*v->val.integer != vb->value.v.u)
                return sprintf(why, "varbind %u unsigned", i), 0;
            break;
        case OWS_SYN_CNTR64:
            if ((((uint64_t)v->val.counter64->high << 32) | (uint32_t)v->val.counter64->low) !=
                vb->value.v.u64)
                return sprintf(why, "varbind %u counter64", i), 0;
            break;
        case OWS_SYN_OID:
            if (!oid_eq_ns(&vb->value.v.oid, v->val.objid, v->val_len / sizeof(oid)))
                return sprintf(why, "varbind %u oid value", i), 0;
            break;
        case OWS_SYN_OCTETS: case OWS_SYN_BITS: case OWS_SYN_IPADDR:
        case OWS_SYN_OPAQUE: case OWS_SYN_NSAPADDR:
            if (v->val_len != vb->value.v.str.len ||
                (v->val_len && memcmp(v->val.string, vb->value.v.str.ptr, v->val_len)))
                return sprintf(why, "varbind %u string", i), 0;
            break;
        default:
            break;
        }
    }
    if (v)
        return sprintf(why, "extra varbinds"), 0;
    return 1;
}

/* The same message as a net-snmp PDU. */
static netsnmp_pdu *to_ns(const ows_msg *m)
{
    netsnmp_pdu *p = snmp_pdu_create((int)m->pdu.type);
    oid name[OWS_MAX_OID_LEN], val[OWS_MAX_OID_LEN];
    p->version = m->version ? SNMP_VERSION_2c : SNMP_VERSION_1;
    p->community = malloc(m->community.len);
    memcpy(p->community, m->community.ptr, m->community.len);
    p->community_len = m->community.len;
    p->reqid = m->pdu.request_id;
    p->errstat = m->pdu.error_status;
    p->errindex = m->pdu.error_index;
    if (m->pdu.type == OWS_PDU_V1TRAP) {
        p->enterprise = malloc(m->pdu.enterprise.len * sizeof(oid));
        for (uint32_t i = 0; i < m->pdu.enterprise.len; i++)
            p->enterprise[i] = m->pdu.enterprise.ids[i];
        p->enterprise_length = m->pdu.enterprise.len;
        memcpy(p->agent_addr, m->pdu.agent_addr, 4);
        p->trap_type = m->pdu.generic_trap;
        p->specific_type = m->pdu.specific_trap;
        p->time = m->pdu.time_stamp;
    }
    for (uint32_t i = 0; i < m->pdu.vbl.count; i++) {
        const ows_varbind *vb = &m->pdu.vbl.items[i];
        const void *data = NULL;
        size_t len = 0;
        long l;
        struct counter64 c64;
        for (uint32_t k = 0; k < vb->name.len; k++)
            name[k] = vb->name.ids[k];
        switch (vb->value.syntax) {
        case OWS_SYN_INT: l = vb->value.v.i; data = &l; len = sizeof l; break;
        case OWS_SYN_CNTR32: case OWS_SYN_GAUGE32: case OWS_SYN_TIMETICKS: case OWS_SYN_UINT32:
            l = (long)vb->value.v.u; data = &l; len = sizeof l; break;
        case OWS_SYN_CNTR64:
            c64.high = (u_long)(vb->value.v.u64 >> 32);
            c64.low = (u_long)(uint32_t)vb->value.v.u64;
            data = &c64; len = sizeof c64; break;
        case OWS_SYN_OID:
            for (uint32_t k = 0; k < vb->value.v.oid.len; k++)
                val[k] = vb->value.v.oid.ids[k];
            data = val; len = vb->value.v.oid.len * sizeof(oid); break;
        case OWS_SYN_OCTETS: case OWS_SYN_BITS: case OWS_SYN_IPADDR:
        case OWS_SYN_OPAQUE: case OWS_SYN_NSAPADDR:
            data = vb->value.v.str.ptr; len = vb->value.v.str.len; break;
        default:
            break;
        }
        snmp_pdu_add_variable(p, name, vb->name.len, (u_char)ns_type(vb->value.syntax),
                              data, len);
    }
    return p;
}

/* m as ours decodes it: the two syntaxes that change on the wire. */
static void expect_wire(const ows_msg *m, ows_msg *e, ows_varbind *vbs)
{
    *e = *m;
    for (uint32_t i = 0; i < m->pdu.vbl.count; i++) {
        vbs[i] = m->pdu.vbl.items[i];
        vbs[i].value.syntax = wire_syntax(vbs[i].value.syntax);
    }
    e->pdu.vbl.items = vbs;
}

int main(int argc, char **argv)
{
    unsigned long count = argc > 1 ? strtoul(argv[1], NULL, 10) : 10000;
    static struct gen g;
    static uint8_t ours[70000], theirs_buf[70000];
    static ows_varbind expect_vbs[MAXVB];
    netsnmp_session sess;
    unsigned long fail = 0, identical = 0;

    rnd_seed(argc > 2 ? argv[2] : NULL, 20261121);
    setenv("MIBS", "", 1);
    setenv("SNMPCONFPATH", "/nonexistent", 1);
    init_snmp("diff_codec");
    snmp_sess_init(&sess);

    for (unsigned long i = 0; i < count && fail < 20; i++) {
        size_t off, len, toff, tlen;
        netsnmp_pdu *parsed, *built;
        u_char *pkt = theirs_buf;
        size_t pkt_len = sizeof theirs_buf;
        ows_msg got, expect;
        char why[128] = "";
        int err;

        generate(&g, i);
        /* 1. ours -> net-snmp */
        err = ows_msg_encode(&g.m, ours, sizeof ours, &off, &len);
        if (err) {
            printf("message %lu: our encoder failed %d\n", i, err);
            fail++;
            continue;
        }
        parsed = calloc(1, sizeof *parsed);
        sess.version = g.m.version ? SNMP_VERSION_2c : SNMP_VERSION_1;
        if (snmp_parse(NULL, &sess, parsed, ours + off, len) != 0 || !same_as_ns(&g.m, parsed, why)) {
            printf("message %lu: net-snmp reads ours differently: %s\n", i, why[0] ? why : "parse failed");
            fail++;
        }
        snmp_free_pdu(parsed);

        /* 2. net-snmp -> ours */
        built = to_ns(&g.m);
        toff = 0;
        if (snmp_build(&pkt, &pkt_len, &toff, &sess, built) != 0) {
            printf("message %lu: snmp_build failed (type %02X, %s)\n", i, (unsigned)g.m.pdu.type,
                   snmp_api_errstring(sess.s_snmp_errno));
            fail++;
            snmp_free_pdu(built);
            continue;
        }
        snmp_free_pdu(built);
        /* The reverse encoder leaves the message at the end of the buffer. */
        tlen = toff;
        {
            const uint8_t *t = pkt + pkt_len - tlen;
            err = ows_msg_decode(t, tlen, &got);
            expect_wire(&g.m, &expect, expect_vbs);
            if (err || !ows_msg_equal(&expect, &got)) {
                printf("message %lu: ours reads net-snmp's differently (err %d)\n", i, err);
                fail++;
            }
            if (!err)
                ows_msg_free(&got);
            /* 3. byte for byte */
            if (tlen == len && !memcmp(t, ours + off, len)) {
                identical++;
            } else {
                printf("message %lu: encodings differ (%zu vs %zu bytes, type %02X)\n", i, len, tlen,
                       (unsigned)g.m.pdu.type);
                if (getenv("DIFF_DUMP"))
                    for (size_t b = 0; b < len && b < tlen; b++)
                        if (t[b] != ours[off + b])
                            printf("  byte %zu: ours %02X theirs %02X\n", b, ours[off + b], t[b]);
                fail++;
            }
        }
    }
    printf("%lu messages, seed %s: %lu byte-identical, %lu failures\n", count,
           argc > 2 ? argv[2] : "20261121", identical, fail);
    printf("PDU types:");
    for (int t = 0xA0; t <= 0xA7; t++)
        printf(" %02X:%lu", t, type_seen[t]);
    printf("\nsyntaxes:");
    for (size_t s = 0; s < sizeof syntaxes / sizeof syntaxes[0]; s++)
        printf(" %02X:%lu", syntaxes[s], syntax_seen[syntaxes[s]]);
    printf("\n");
    for (int t = 0xA0; t <= 0xA7; t++)
        if (!type_seen[t])
            fail++;
    for (size_t s = 0; s < sizeof syntaxes / sizeof syntaxes[0]; s++)
        if (!syntax_seen[syntaxes[s]])
            fail++;
    return fail ? 1 : 0;
}
