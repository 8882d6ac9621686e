/* test_wire_longcommunity.c - one datagram from anyone must not stop a
 * session from receiving: a message whose community is far longer than any
 * a program would choose (2,000 bytes) arrives first at a registered trap
 * receiver (as an SNMPv2c trap and as an SNMPv1 Trap-PDU) and at a listening
 * agent (as a GET); each is received with its whole community as the
 * context, and the ordinary trap or request sent after it is received too.
 * (A context used to hold at most 1,024 bytes: SnmpRecvMsg then failed with
 * CONTEXT_INVALID and put the message back at the head of the queue, so
 * every later call failed the same way.) The long messages are built byte
 * by byte here, so that the sender does not depend on what is tested. */
#include "wire.h"
#include "sink.h"

#define LONG_COMMUNITY 2000

static smiOCTETS com = { 6, (smiLPBYTE)"public" };

/* Appends tag, length (short form or 0x82 + two bytes) and n value bytes. */
static size_t tlv(unsigned char *out, unsigned char tag, const unsigned char *v, size_t n)
{
    size_t k = 0;
    out[k++] = tag;
    if (n < 128) {
        out[k++] = (unsigned char)n;
    } else {
        out[k++] = 0x82;
        out[k++] = (unsigned char)(n >> 8);
        out[k++] = (unsigned char)n;
    }
    memmove(out + k, v, n);
    return k + n;
}

static const unsigned char sysUpTime0[] = { 0x2B, 6, 1, 2, 1, 1, 3, 0 };
static const unsigned char sysName0[] = { 0x2B, 6, 1, 2, 1, 1, 5, 0 };
static const unsigned char snmpTrapOID0[] = { 0x2B, 6, 1, 6, 3, 1, 1, 4, 1, 0 };
static const unsigned char coldStart[] = { 0x2B, 6, 1, 6, 3, 1, 1, 5, 1 };
static const unsigned char enterprise[] = { 0x2B, 6, 1, 4, 1, 0x83, 0x3F, 2, 3 };

/* A varbind of name and an encoded value. */
static size_t varbind(unsigned char *out, const unsigned char *name, size_t nlen,
                      const unsigned char *val, size_t vlen)
{
    unsigned char b[64];
    size_t k = tlv(b, 0x06, name, nlen);
    memcpy(b + k, val, vlen);
    return tlv(out, 0x30, b, k + vlen);
}

/* The message: version, a LONG_COMMUNITY-byte community, then the PDU. */
static size_t message(unsigned char *out, int version, const unsigned char *pdu, size_t plen)
{
    static unsigned char body[LONG_COMMUNITY + 600];
    size_t k = 0;
    unsigned char v = (unsigned char)version, comm[LONG_COMMUNITY];
    memset(comm, 'c', sizeof comm);
    k += tlv(body + k, 0x02, &v, 1);
    k += tlv(body + k, 0x04, comm, sizeof comm);
    memcpy(body + k, pdu, plen);
    return tlv(out, 0x30, body, k + plen);
}

/* request-id 0x1234, error-status 0, error-index 0, then the varbinds. */
static size_t pdu_v2(unsigned char *out, unsigned char type, const unsigned char *vbs, size_t n)
{
    unsigned char b[512];
    static const unsigned char head[] = { 0x02, 2, 0x12, 0x34, 0x02, 1, 0, 0x02, 1, 0 };
    size_t k = sizeof head;
    memcpy(b, head, k);
    k += tlv(b + k, 0x30, vbs, n);
    return tlv(out, type, b, k);
}

/* An SNMPv2c coldStart trap with sysUpTime.0 = 4242. */
static size_t long_trap_v2(unsigned char *out)
{
    static const unsigned char ticks[] = { 0x43, 2, 0x10, 0x92 };
    unsigned char vbs[128], oid[16], pdu[256];
    size_t k = varbind(vbs, sysUpTime0, sizeof sysUpTime0, ticks, sizeof ticks);
    size_t olen = tlv(oid, 0x06, coldStart, sizeof coldStart);
    k += varbind(vbs + k, snmpTrapOID0, sizeof snmpTrapOID0, oid, olen);
    return message(out, 1, pdu, pdu_v2(pdu, 0xA7, vbs, k));
}

/* An SNMPv1 enterprise-specific Trap-PDU (specific 17, time-stamp 4243). */
static size_t long_trap_v1(unsigned char *out)
{
    static const unsigned char rest[] = {
        0x40, 4, 127, 0, 0, 1,       /* agent-addr */
        0x02, 1, 6,                  /* generic: enterpriseSpecific */
        0x02, 1, 17,                 /* specific */
        0x43, 2, 0x10, 0x93,         /* time-stamp */
        0x30, 0                      /* no varbinds */
    };
    unsigned char b[128], pdu[256];
    size_t k = tlv(b, 0x06, enterprise, sizeof enterprise);
    memcpy(b + k, rest, sizeof rest);
    return message(out, 0, pdu, tlv(pdu, 0xA4, b, k + sizeof rest));
}

/* A v2c GET of sysName.0. */
static size_t long_get(unsigned char *out)
{
    static const unsigned char null[] = { 0x05, 0 };
    unsigned char vbs[64], pdu[128];
    size_t k = varbind(vbs, sysName0, sizeof sysName0, null, sizeof null);
    return message(out, 1, pdu, pdu_v2(pdu, 0xA0, vbs, k));
}

static void send_raw(unsigned short port, const unsigned char *buf, size_t len)
{
    sink_t s = sink_open(0);
    struct sockaddr_in to;
    memset(&to, 0, sizeof to);
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sink_send_to(s, buf, (int)len, &to);
    sink_close(s);
}

/* What one received message showed. */
struct got {
    smiUINT32 status;        /* SNMPAPI_SUCCESS, or the error (NOOP: nothing in time) */
    smiUINT32 ctx_len;
    smiINT type, reqid;
    smiUINT32 first;         /* the first varbind's value as a number (time-stamp) */
};

/* Receives the next message of s within `ms`, every output requested. */
static void recv_next(HSNMP_SESSION s, int ms, struct got *g)
{
    double end = wire_now() + ms / 1000.0;
    memset(g, 0, sizeof *g);
    g->status = SNMPAPI_NOOP;
    while (wire_now() < end) {
        HSNMP_ENTITY src = 0, dst = 0;
        HSNMP_CONTEXT ctx = 0;
        HSNMP_PDU pdu = 0;
        HSNMP_VBL vbl = 0;
        smiOCTETS o;
        smiOID name;
        smiVALUE v;
        smiINT es, ei;
        if (SnmpRecvMsg(s, &src, &dst, &ctx, &pdu) == SNMPAPI_FAILURE) {
            g->status = SnmpGetLastError(s);
            if (g->status != SNMPAPI_NOOP)
                return;
            wire_sleep_ms(2);
            continue;
        }
        g->status = SNMPAPI_SUCCESS;
        if (SnmpContextToStr(ctx, &o) == SNMPAPI_SUCCESS) {
            g->ctx_len = o.len;
            SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&o);
        }
        SnmpGetPduData(pdu, &g->type, &g->reqid, &es, &ei, &vbl);
        if (vbl && SnmpGetVb(vbl, 1, &name, &v) == SNMPAPI_SUCCESS) {
            g->first = v.value.uNumber;
            SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
        }
        SnmpFreeVbl(vbl);
        SnmpFreePdu(pdu);
        SnmpFreeEntity(src);
        SnmpFreeEntity(dst);
        SnmpFreeContext(ctx);
        return;
    }
}

/* The next message of s must come within 3 s and show these (reqid, first:
 * -1 is "any"). */
static void expect_next(HSNMP_SESSION s, smiUINT32 ctx_len, smiINT type, long reqid, long first)
{
    struct got g;
    recv_next(s, 3000, &g);
    CHECK_EQ(g.status, SNMPAPI_SUCCESS);
    CHECK_EQ(g.ctx_len, ctx_len);
    CHECK_EQ(g.type, type);
    if (reqid >= 0)
        CHECK_EQ(g.reqid, reqid);
    if (first >= 0)
        CHECK_EQ(g.first, first);
}

/* Sends an ordinary SNMPv2c trap (community "public") from a fresh session. */
static void send_trap(unsigned short port, smiUINT32 uptime)
{
    HSNMP_SESSION s = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_ENTITY dst = SnmpStrToEntity(s, "127.0.0.1");
    HSNMP_CONTEXT ctx = SnmpStrToContext(s, &com);
    HSNMP_VBL vbl = SnmpCreateVbl(s, NULL, NULL);
    HSNMP_PDU pdu;
    SnmpSetPort(dst, port);
    wire_trap_vbs(vbl, uptime, "1.3.6.1.6.3.1.1.5.1");
    pdu = SnmpCreatePdu(s, SNMP_PDU_TRAP, 0, 0, 0, vbl);
    CHECK(SnmpSendMsg(s, 0, dst, ctx, pdu) == SNMPAPI_SUCCESS);
    SnmpClose(s);
}

static void trap_receiver(void)
{
    static unsigned char buf[LONG_COMMUNITY + 1000];
    unsigned short port = wire_port(48);
    HSNMP_SESSION r = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_ENTITY where = SnmpStrToEntity(r, "127.0.0.1");

    CHECK(SnmpSetPort(where, port) == SNMPAPI_SUCCESS);
    CHECK(SnmpRegister(r, NULL, where, NULL, NULL, SNMPAPI_ON) == SNMPAPI_SUCCESS);
    send_raw(port, buf, long_trap_v2(buf));
    send_raw(port, buf, long_trap_v1(buf));
    send_trap(port, 4244);

    expect_next(r, LONG_COMMUNITY, SNMP_PDU_TRAP, 0x1234, 4242);
    expect_next(r, LONG_COMMUNITY, SNMP_PDU_TRAP, -1, 4243);
    expect_next(r, 6, SNMP_PDU_TRAP, -1, 4244);
    CHECK(SnmpClose(r) == SNMPAPI_SUCCESS);
}

static void agent(void)
{
    static unsigned char buf[LONG_COMMUNITY + 1000];
    HSNMP_SESSION a = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_SESSION m = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_ENTITY me = SnmpStrToEntity(a, wire_addr(49));
    HSNMP_ENTITY to = SnmpStrToEntity(m, wire_addr(49));
    HSNMP_CONTEXT ctx = SnmpStrToContext(m, &com);
    HSNMP_PDU pdu = wire_make_get(m);
    smiINT id = 0;

    CHECK(SnmpListen(me, SNMPAPI_ON) == SNMPAPI_SUCCESS);
    send_raw(wire_port(49), buf, long_get(buf));
    CHECK(SnmpSendMsg(m, 0, to, ctx, pdu) == SNMPAPI_SUCCESS);
    SnmpGetPduData(pdu, NULL, &id, NULL, NULL, NULL);

    expect_next(a, LONG_COMMUNITY, SNMP_PDU_GET, 0x1234, -1);
    expect_next(a, 6, SNMP_PDU_GET, id, -1);
    CHECK(SnmpClose(m) == SNMPAPI_SUCCESS);
    CHECK(SnmpClose(a) == SNMPAPI_SUCCESS);
}

int main(void)
{
    long before;
    wire_startup(SNMPAPI_UNTRANSLATED_V2);
    before = wire_live_handles();
    trap_receiver();
    agent();
    CHECK_EQ(wire_live_handles(), before);
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    if (wire_failures)
        fprintf(stderr, "test_wire_longcommunity: %d failure(s)\n", wire_failures);
    else
        printf("test_wire_longcommunity: all passed\n");
    return wire_failures ? 1 : 0;
}
