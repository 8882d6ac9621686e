/* test_wire_sloppy.c - a sloppy agent's answers reach the application (issue
 * 8). A fake agent on loopback (a UDP socket in this program) answers real
 * sessions' GETs with well-formed responses whose fields are odd: an
 * error-index beyond the one varbind, an error-status nobody defined, a
 * negative index, an index without an error, an SNMPv2 status in an SNMPv1
 * response. Each must come out of SnmpRecvMsg with exactly those fields and
 * its varbind, at once, not end in a timeout. As a control, a response whose
 * error-status is not minimally encoded (not BER) is dropped, and that
 * request does end in TL_TIMEOUT. The fake agent's port: the wire tests'
 * base + 20. */
#include "wire.h"
#include "sink.h"

#define AGENT_PORT wire_port(20)

static smiOCTETS com = { 6, (smiLPBYTE)"public" };

/* Appends one TLV with a short-form length (everything here is small). */
static size_t tlv(unsigned char *out, size_t at, unsigned char tag, const unsigned char *c,
                  size_t n)
{
    out[at] = tag;
    out[at + 1] = (unsigned char)n;
    memcpy(out + at + 2, c, n);
    return at + 2 + n;
}

/* The response to `req` (a GET from the library: short-form lengths, the
 * request-id TLV at offset 15): the same version and request id, the raw
 * error-status and error-index TLVs `fields`, and one varbind sysName.0 =
 * "sloppy". Returns its length, 0 if `req` is not such a GET. */
static size_t make_response(const unsigned char *req, int len, const unsigned char *fields,
                            size_t nfields, unsigned char *out)
{
    static const unsigned char vb[] = { 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x05,
                                        0x00, 0x04, 0x06, 's', 'l', 'o', 'p', 'p', 'y' };
    unsigned char body[128], vbs[64], inner[200];
    size_t nb = 0, nv, ni = 0, ridlen;

    if (len < 20 || req[0] != 0x30 || req[2] != 0x02 || req[5] != 0x04 || req[6] != 6 ||
        req[13] != 0xA0 || req[15] != 0x02)
        return 0;
    ridlen = 2 + (size_t)req[16];
    memcpy(body, req + 15, ridlen);
    nb = ridlen;
    memcpy(body + nb, fields, nfields);
    nb += nfields;
    nv = tlv(vbs, 0, 0x30, vb, sizeof vb);
    nb = tlv(body, nb, 0x30, vbs, nv);
    memcpy(inner, req + 2, 11);            /* version and community */
    ni = tlv(inner, 11, 0xA2, body, nb);
    return tlv(out, 0, 0x30, inner, ni);
}

struct odd {
    const char *what;
    int v1;                     /* sent to the SNMPv1 entity */
    unsigned char fields[12];   /* error-status and error-index TLVs */
    size_t n;
    smiINT es, ei;
};

/* Sends a GET to `dst`, lets the fake agent answer with `o`'s fields and
 * checks what SnmpRecvMsg gives. */
static void one(HSNMP_SESSION s, HSNMP_ENTITY dst, HSNMP_CONTEXT ctx, sink_t agent,
                const struct odd *o)
{
    HSNMP_PDU pdu = wire_make_get(s);
    unsigned char req[1500], resp[300];
    struct sockaddr_in from;
    struct wire_reply r;
    smiINT type, id = 0, es, ei;
    size_t rlen;
    int len;

    fprintf(stderr, "  %s\n", o->what);
    CHECK(SnmpSendMsg(s, 0, dst, ctx, pdu) == SNMPAPI_SUCCESS);
    SnmpGetPduData(pdu, &type, &id, &es, &ei, NULL);
    SnmpFreePdu(pdu);
    len = sink_recv_from(agent, req, sizeof req, &from, 5000);
    CHECK(len > 0);
    if (len <= 0)
        return;
    CHECK_EQ(req[4], o->v1 ? 0 : 1);
    rlen = make_response(req, len, o->fields, o->n, resp);
    CHECK(rlen > 0);
    if (!rlen)
        return;
    sink_send_to(agent, resp, (int)rlen, &from);
    CHECK(wire_poll_recv(s, 10.0, &r));
    CHECK_EQ(r.status, SNMPAPI_SUCCESS);
    CHECK_EQ(r.type, SNMP_PDU_RESPONSE);
    CHECK_EQ(r.reqid, id);
    CHECK_EQ(r.err_status, o->es);
    CHECK_EQ(r.err_index, o->ei);
    if (r.vbl) {
        smiOID name;
        smiVALUE v;
        CHECK_EQ(SnmpCountVbl(r.vbl), 1);
        CHECK(SnmpGetVb(r.vbl, 1, &name, &v) == SNMPAPI_SUCCESS);
        CHECK(strcmp(wire_oid_str(&name), "1.3.6.1.2.1.1.5.0") == 0);
        CHECK_EQ(v.syntax, SNMP_SYNTAX_OCTETS);
        CHECK(v.value.string.len == 6 && memcmp(v.value.string.ptr, "sloppy", 6) == 0);
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
        SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&v.value.string);
        SnmpFreeVbl(r.vbl);
    } else {
        CHECK(r.vbl != 0);
    }
    /* Answered: the library sent it once and nothing else is queued. */
    CHECK_EQ(sink_count(agent, req, sizeof req, NULL), 0);
    {
        HSNMP_PDU p = 0;
        CHECK(SnmpRecvMsg(s, NULL, NULL, NULL, &p) == SNMPAPI_FAILURE);
        CHECK_EQ(SnmpGetLastError(s), SNMPAPI_NOOP);
    }
}

int main(void)
{
    static const struct odd odd[] = {
        { "v2c: genErr, error-index 7 of 1 varbind", 0, { 2, 1, 5, 2, 1, 7 }, 6, 5, 7 },
        { "v2c: error-status 300, error-index -1", 0, { 2, 2, 0x01, 0x2c, 2, 1, 0xff }, 7, 300, -1 },
        { "v2c: noError with error-index 2", 0, { 2, 1, 0, 2, 1, 2 }, 6, 0, 2 },
        { "v2c: error-status -5, error-index 0x7fffffff", 0,
          { 2, 1, 0xfb, 2, 4, 0x7f, 0xff, 0xff, 0xff }, 9, -5, 0x7fffffff },
        { "v1: notWritable (an SNMPv2 status), error-index 3 of 1", 1, { 2, 1, 17, 2, 1, 3 }, 6,
          17, 3 },
    };
    /* Not BER: error-status 5 as 02 02 00 05 (X.690 8.3.2). */
    static const unsigned char not_ber[] = { 2, 2, 0x00, 0x05, 2, 1, 0 };
    HSNMP_SESSION s;
    HSNMP_ENTITY v1e, v2e, ctl;
    HSNMP_CONTEXT ctx;
    sink_t agent = sink_open(AGENT_PORT);
    size_t i;

    wire_startup(SNMPAPI_UNTRANSLATED_V1);
    s = SnmpCreateSession(NULL, 0, NULL, NULL);
    v1e = SnmpStrToEntity(s, wire_addr(20));
    CHECK(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2) == SNMPAPI_SUCCESS);
    v2e = SnmpStrToEntity(s, wire_addr(20));
    ctx = SnmpStrToContext(s, &com);
    CHECK(s && v1e && v2e && ctx);
    /* 3 s, one retry (0 would mean the default): an answer comes long
     * before the retransmission, a dropped one shows as TL_TIMEOUT. The
     * control's entity gives up after 2 x 0.5 s. */
    ctl = SnmpStrToEntity(s, wire_addr(20));
    CHECK(ctl != 0);
    CHECK(SnmpSetRetry(v1e, 1) == SNMPAPI_SUCCESS);
    CHECK(SnmpSetRetry(v2e, 1) == SNMPAPI_SUCCESS);
    CHECK(SnmpSetRetry(ctl, 1) == SNMPAPI_SUCCESS);
    CHECK(SnmpSetTimeout(v1e, 300) == SNMPAPI_SUCCESS);
    CHECK(SnmpSetTimeout(v2e, 300) == SNMPAPI_SUCCESS);
    CHECK(SnmpSetTimeout(ctl, 50) == SNMPAPI_SUCCESS);

    for (i = 0; i < sizeof odd / sizeof odd[0]; i++)
        one(s, odd[i].v1 ? v1e : v2e, ctx, agent, &odd[i]);

    /* The control: a response that is not BER is dropped; its request
     * times out. */
    fprintf(stderr, "  control: error-status not minimally encoded\n");
    {
        HSNMP_PDU pdu = wire_make_get(s);
        unsigned char req[1500], resp[300];
        struct sockaddr_in from;
        struct wire_reply r;
        smiINT type, id = 0, es, ei;
        size_t rlen = 0;
        int len;
        CHECK(SnmpSendMsg(s, 0, ctl, ctx, pdu) == SNMPAPI_SUCCESS);
        SnmpGetPduData(pdu, &type, &id, &es, &ei, NULL);
        SnmpFreePdu(pdu);
        len = sink_recv_from(agent, req, sizeof req, &from, 5000);
        if (len > 0)
            rlen = make_response(req, len, not_ber, sizeof not_ber, resp);
        CHECK(rlen > 0);
        if (rlen)
            sink_send_to(agent, resp, (int)rlen, &from);
        CHECK(wire_poll_recv(s, 10.0, &r));
        CHECK_EQ(r.status, SNMPAPI_TL_TIMEOUT);
        CHECK_EQ(r.reqid, id);
        CHECK_EQ(r.type, SNMP_PDU_GET);
        if (r.vbl)
            SnmpFreeVbl(r.vbl);
        /* It was retransmitted once, unanswered. */
        CHECK_EQ(sink_count(agent, req, sizeof req, NULL), 1);
    }

    CHECK(SnmpClose(s) == SNMPAPI_SUCCESS);
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    sink_close(agent);
    {
        long live = wire_live_handles();
        CHECK(live == 0 || live == -1);
    }
    return wire_done("test_wire_sloppy");
}
