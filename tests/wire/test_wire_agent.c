/* test_wire_agent.c - the agent role and trap reception (issue 5, first
 * part): an agent written on the API answers our manager (and natively
 * net-snmp's snmpget); SNMPv2c traps and informs from our own sender and a
 * hand-made SNMPv1 trap reach registered sessions in SNMPv2 form (RFC 3584),
 * filters select what they should, informs are acknowledged; an INFORM
 * we send to a silent receiver is retransmitted and times out. */
#include <stdatomic.h>
#include "wire.h"
#include "sink.h"
#include "api/agent.h"

static smiOCTETS com = { 6, (smiLPBYTE)"public" };

/* The agent: answers every request with "ows-agent" for each varbind. */
static void answer(HSNMP_SESSION s, HSNMP_ENTITY src, HSNMP_ENTITY dst, HSNMP_CONTEXT ctx,
                   HSNMP_PDU pdu)
{
    smiINT type = SNMP_PDU_RESPONSE, id, es, ei;
    HSNMP_VBL vbl = 0;
    smiVALUE v;
    smiUINT32 i, n;
    SnmpGetPduData(pdu, NULL, &id, &es, &ei, &vbl);
    n = SnmpCountVbl(vbl);
    v.syntax = SNMP_SYNTAX_OCTETS;
    v.value.string.len = 9;
    v.value.string.ptr = (smiLPBYTE)"ows-agent";
    for (i = 1; i <= n; i++)
        SnmpSetVb(vbl, i, NULL, &v);
    es = ei = 0;
    SnmpSetPduData(pdu, &type, NULL, &es, &ei, &vbl);
    /* Source and destination swapped: from our address to the manager. */
    CHECK(SnmpSendMsg(s, dst, src, ctx, pdu) == SNMPAPI_SUCCESS);
    SnmpFreeVbl(vbl);
}

static SNMPAPI_STATUS CALLBACK agent_cb(HSNMP_SESSION s, HWND hwnd, UINT msg, WPARAM wp,
                                        LPARAM lp, LPVOID data)
{
    (void)hwnd; (void)msg; (void)lp; (void)data;
    return wire_serve(s, wp, answer);
}

static void first_string(HSNMP_VBL vbl, char *out, size_t size)
{
    smiOID o;
    smiVALUE v;
    out[0] = 0;
    if (SnmpGetVb(vbl, 1, &o, &v) == SNMPAPI_FAILURE)
        return;
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o);
    if (v.syntax == SNMP_SYNTAX_OCTETS) {
        size_t n = v.value.string.len < size - 1 ? v.value.string.len : size - 1;
        memcpy(out, v.value.string.ptr, n);
        out[n] = 0;
        SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&v.value.string);
    }
}

static void agent_role(void)
{
    HSNMP_SESSION a = SnmpCreateSession(NULL, 0, agent_cb, NULL);
    HSNMP_SESSION m = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_ENTITY me = SnmpStrToEntity(a, wire_addr(5));
    HSNMP_ENTITY to = SnmpStrToEntity(m, wire_addr(5));
    HSNMP_CONTEXT ctx = SnmpStrToContext(m, &com);
    struct wire_reply r;
    char text[64];

    CHECK(SnmpListen(me, SNMPAPI_ON) == SNMPAPI_SUCCESS);
    CHECK(SnmpListen(me, SNMPAPI_ON) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(a), SNMPAPI_NOOP);
    CHECK(SnmpSetPort(me, 1234) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_OPERATION_INVALID);
    CHECK(SnmpListen(me, 7) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(a), SNMPAPI_MODE_INVALID);

    CHECK(wire_request(m, to, ctx, SNMP_PDU_GET, "1.3.6.1.2.1.1.5.0", 0, 0, NULL, &r));
    CHECK_EQ(r.status, SNMPAPI_SUCCESS);
    CHECK_EQ(r.type, SNMP_PDU_RESPONSE);
    first_string(r.vbl, text, sizeof text);
    CHECK(strcmp(text, "ows-agent") == 0);
    if (r.vbl) SnmpFreeVbl(r.vbl);
#ifndef _WIN32
    {
        char cmd[256], line[256] = "";
        FILE *p;
        snprintf(cmd, sizeof cmd, "snmpget -v2c -c public -Oqv -r1 -t2 %s 1.3.6.1.2.1.1.5.0",
                 wire_addr(5));
        p = popen(cmd, "r");
        CHECK(p != NULL);
        if (p) {
            if (!fgets(line, sizeof line, p)) line[0] = 0;
            CHECK_EQ(pclose(p), 0);
        }
        CHECK(strstr(line, "ows-agent") != NULL);
        fprintf(stderr, "  net-snmp snmpget against our agent: %s", line);
    }
#endif
    CHECK(SnmpListen(me, SNMPAPI_OFF) == SNMPAPI_SUCCESS);
    CHECK(SnmpListen(me, SNMPAPI_OFF) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(a), SNMPAPI_NOOP);
    SnmpClose(a);
    SnmpClose(m);
}

/* Receives one message from a polling session within `ms`; returns the
 * PDU (caller frees) or 0. */
static HSNMP_PDU recv_pdu(HSNMP_SESSION s, int ms)
{
    HSNMP_PDU pdu = 0;
    double end = wire_now() + ms / 1000.0;
    while (wire_now() < end) {
        if (SnmpRecvMsg(s, NULL, NULL, NULL, &pdu) == SNMPAPI_SUCCESS)
            return pdu;
        wire_sleep_ms(2);
    }
    return 0;
}

/* Name and OID/int value of varbind i, as text. */
static void vb_text(HSNMP_PDU pdu, smiUINT32 i, char *name, char *val, smiUINT32 *count)
{
    HSNMP_VBL vbl = 0;
    smiOID o;
    smiVALUE v;
    name[0] = val[0] = 0;
    SnmpGetPduData(pdu, NULL, NULL, NULL, NULL, &vbl);
    *count = SnmpCountVbl(vbl);
    if (SnmpGetVb(vbl, i, &o, &v) == SNMPAPI_SUCCESS) {
        SnmpOidToStr(&o, 200, name);
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o);
        if (v.syntax == SNMP_SYNTAX_OID) {
            SnmpOidToStr(&v.value.oid, 200, val);
            SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&v.value.oid);
        } else if (v.syntax == SNMP_SYNTAX_TIMETICKS || v.syntax == SNMP_SYNTAX_INT) {
            sprintf(val, "%lu", (unsigned long)v.value.uNumber);
        }
    }
    SnmpFreeVbl(vbl);
}

static void traps(void)
{
    /* A hand-made SNMPv1 trap: enterprise 1.3.6.1.4.1.99.1, agent 127.0.0.1,
     * enterpriseSpecific (6), specific 5, time-stamp 42, no varbinds. */
    static const unsigned char v1trap[] = {
        0x30, 0x27, 0x02, 0x01, 0x00, 0x04, 0x06, 'p', 'u', 'b', 'l', 'i', 'c',
        0xA4, 0x1a, 0x06, 0x07, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x63, 0x01,
        0x40, 0x04, 0x7f, 0x00, 0x00, 0x01, 0x02, 0x01, 0x06, 0x02, 0x01, 0x05,
        0x43, 0x01, 0x2a, 0x30, 0x00 };
    static const unsigned char v1cold[] = {
        0x30, 0x27, 0x02, 0x01, 0x00, 0x04, 0x06, 'p', 'u', 'b', 'l', 'i', 'c',
        0xA4, 0x1a, 0x06, 0x07, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x63, 0x01,
        0x40, 0x04, 0x7f, 0x00, 0x00, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00,
        0x43, 0x01, 0x07, 0x30, 0x00 };
    HSNMP_SESSION r = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_SESSION r2 = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_SESSION snd = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_ENTITY trap_e = SnmpStrToEntity(r, wire_addr(6));
    HSNMP_ENTITY trap_e2 = SnmpStrToEntity(r2, wire_addr(6));
    HSNMP_ENTITY to = SnmpStrToEntity(snd, wire_addr(6));
    HSNMP_CONTEXT ctx = SnmpStrToContext(snd, &com);
    smiOCTETS other = { 5, (smiLPBYTE)"other" };
    HSNMP_CONTEXT ctx_other = SnmpStrToContext(r2, &other);
    smiOID prefix;
    HSNMP_VBL vbl;
    HSNMP_PDU pdu, got;
    smiINT type, id, inform_id;
    char n[256], val[256];
    smiUINT32 count;
    struct sockaddr_in to4;
    sink_t raw = sink_open(wire_port(7));

    CHECK(SnmpRegister(r, NULL, trap_e, NULL, NULL, SNMPAPI_ON) == SNMPAPI_SUCCESS);
    CHECK(SnmpRegister(r, NULL, trap_e, NULL, NULL, SNMPAPI_ON) == SNMPAPI_SUCCESS);
    SnmpStrToOid("1.3.6.1.6.3.1.1.5", &prefix);
    CHECK(SnmpRegister(r2, NULL, trap_e2, NULL, &prefix, SNMPAPI_ON) == SNMPAPI_SUCCESS);
    CHECK(SnmpRegister(r2, NULL, NULL, ctx_other, NULL, SNMPAPI_ON) == SNMPAPI_SUCCESS);
    /* Documented: a state other than ON/OFF registers. */
    CHECK(SnmpRegister(r, NULL, NULL, ctx_other, NULL, 5) == SNMPAPI_SUCCESS);
    CHECK(SnmpRegister(r, NULL, NULL, ctx_other, NULL, SNMPAPI_OFF) == SNMPAPI_SUCCESS);

    /* An SNMPv2c trap from our sender. */
    vbl = SnmpCreateVbl(snd, NULL, NULL);
    wire_trap_vbs(vbl, 4242, "1.3.6.1.4.1.99.7");
    pdu = SnmpCreatePdu(snd, SNMP_PDU_TRAP, 0, 0, 0, vbl);
    CHECK(SnmpSendMsg(snd, 0, to, ctx, pdu) == SNMPAPI_SUCCESS);
    got = recv_pdu(r, 2000);
    CHECK(got != 0);
    if (got) {
        SnmpGetPduData(got, &type, NULL, NULL, NULL, NULL);
        CHECK_EQ(type, SNMP_PDU_TRAP);
        vb_text(got, 2, n, val, &count);
        CHECK_EQ(count, 2);
        CHECK(strcmp(val, "1.3.6.1.4.1.99.7") == 0);
        SnmpFreePdu(got);
    }
    CHECK(recv_pdu(r2, 200) == 0);   /* neither its OID prefix nor its context */

    /* An INFORM: delivered, and acknowledged to the sender. */
    type = SNMP_PDU_INFORM;
    id = 0;
    SnmpSetPduData(pdu, &type, &id, NULL, NULL, NULL);
    CHECK(SnmpSendMsg(snd, 0, to, ctx, pdu) == SNMPAPI_SUCCESS);
    SnmpGetPduData(pdu, NULL, &inform_id, NULL, NULL, NULL);
    got = recv_pdu(r, 2000);
    CHECK(got != 0);
    if (got) {
        SnmpGetPduData(got, &type, &id, NULL, NULL, NULL);
        CHECK_EQ(type, SNMP_PDU_INFORM);
        CHECK_EQ(id, inform_id);
        SnmpFreePdu(got);
    }
    got = recv_pdu(snd, 2000);
    CHECK(got != 0);
    if (got) {
        SnmpGetPduData(got, &type, &id, NULL, NULL, NULL);
        CHECK_EQ(type, SNMP_PDU_RESPONSE);
        CHECK_EQ(id, inform_id);
        SnmpFreePdu(got);
    }
    SnmpFreePdu(pdu);
    SnmpFreeVbl(vbl);

    /* SNMPv1 traps arrive in SNMPv2 form. */
    memset(&to4, 0, sizeof to4);
    to4.sin_family = AF_INET;
    to4.sin_port = htons(wire_port(6));
    to4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sink_send_to(raw, v1trap, sizeof v1trap, &to4);
    got = recv_pdu(r, 2000);
    CHECK(got != 0);
    if (got) {
        SnmpGetPduData(got, &type, NULL, NULL, NULL, NULL);
        CHECK_EQ(type, SNMP_PDU_TRAP);
        vb_text(got, 1, n, val, &count);
        CHECK_EQ(count, 3);
        CHECK(strcmp(n, "1.3.6.1.2.1.1.3.0") == 0 && strcmp(val, "42") == 0);
        vb_text(got, 2, n, val, &count);
        CHECK(strcmp(n, "1.3.6.1.6.3.1.1.4.1.0") == 0);
        CHECK(strcmp(val, "1.3.6.1.4.1.99.1.0.5") == 0);
        vb_text(got, 3, n, val, &count);
        CHECK(strcmp(n, "1.3.6.1.6.3.1.1.4.3.0") == 0);
        CHECK(strcmp(val, "1.3.6.1.4.1.99.1") == 0);
        SnmpFreePdu(got);
    }
    CHECK(recv_pdu(r2, 200) == 0);
    sink_send_to(raw, v1cold, sizeof v1cold, &to4);
    got = recv_pdu(r2, 2000);   /* coldStart = snmpTraps.1: r2's prefix matches */
    CHECK(got != 0);
    if (got) {
        vb_text(got, 2, n, val, &count);
        CHECK(strcmp(val, "1.3.6.1.6.3.1.1.5.1") == 0);
        SnmpFreePdu(got);
    }
    got = recv_pdu(r, 2000);
    CHECK(got != 0);
    if (got) SnmpFreePdu(got);
#ifndef _WIN32
    {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "snmpinform -v2c -c public -r1 -t2 %s 0 1.3.6.1.4.1.99.9 "
                 "1.3.6.1.4.1.99.9.1 i 5 >/dev/null 2>&1", wire_addr(6));
        CHECK_EQ(system(cmd), 0);   /* exits 0 only if our acknowledgement arrived */
        got = recv_pdu(r, 2000);
        CHECK(got != 0);
        if (got) SnmpFreePdu(got);
        snprintf(cmd, sizeof cmd, "snmptrap -v1 -c public %s 1.3.6.1.4.1.99 127.0.0.1 6 17 0 "
                 "1.3.6.1.4.1.99.3 s hello >/dev/null 2>&1", wire_addr(6));
        CHECK_EQ(system(cmd), 0);
        got = recv_pdu(r, 2000);
        CHECK(got != 0);
        if (got) {
            vb_text(got, 2, n, val, &count);
            CHECK(strcmp(val, "1.3.6.1.4.1.99.0.17") == 0);
            CHECK_EQ(count, 4);
            SnmpFreePdu(got);
        }
        fprintf(stderr, "  net-snmp snmpinform/snmptrap -v1 into our receiver: done\n");
    }
#endif
    /* Unregistering: the same arguments with OFF; a second OFF is a NOOP. */
    CHECK(SnmpRegister(r, NULL, trap_e, NULL, NULL, SNMPAPI_OFF) == SNMPAPI_SUCCESS);
    CHECK(SnmpRegister(r, NULL, trap_e, NULL, NULL, SNMPAPI_OFF) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(r), SNMPAPI_NOOP);
    sink_send_to(raw, v1trap, sizeof v1trap, &to4);
    CHECK(recv_pdu(r, 300) == 0);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&prefix);
    SnmpClose(r);
    SnmpClose(r2);   /* its registrations go with it: the trap socket closes */
    SnmpClose(snd);
    sink_close(raw);
}

/* Finds the SNMPv1 agent-addr (tag 0x40, length 4) in a raw Trap-PDU. */
static int find_agent_addr(const unsigned char *b, int len, unsigned char out[4])
{
    int i;
    for (i = 0; i + 6 <= len; i++)
        if (b[i] == 0x40 && b[i + 1] == 4) {
            memcpy(out, b + i + 2, 4);
            return 1;
        }
    return 0;
}

/* An SNMPv2 TRAP sent to an SNMPv1 entity goes out as a Trap-PDU (RFC 3584
 * 3.2) with the agent-addr of SnmpSetAgentAddress/SnmpConveyAgentAddress;
 * our receiver turns it back into SNMPv2 form. */
static void v1_sending(void)
{
    HSNMP_SESSION r = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_SESSION snd;
    HSNMP_ENTITY trap_e = SnmpStrToEntity(r, wire_addr(6));
    HSNMP_ENTITY to, raw_e;
    HSNMP_CONTEXT ctx;
    HSNMP_VBL vbl;
    HSNMP_PDU pdu, got;
    unsigned char buf[1500], aa[4];
    struct sockaddr_in from;
    char n[256], val[256];
    smiUINT32 count;
    int len;
    sink_t raw = sink_open(wire_port(7));

    CHECK(SnmpRegister(r, NULL, trap_e, NULL, NULL, SNMPAPI_ON) == SNMPAPI_SUCCESS);
    SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1);
    snd = SnmpCreateSession(NULL, 0, NULL, NULL);
    to = SnmpStrToEntity(snd, wire_addr(6));
    raw_e = SnmpStrToEntity(snd, wire_addr(7));
    ctx = SnmpStrToContext(snd, &com);
    SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2);
    vbl = SnmpCreateVbl(snd, NULL, NULL);
    wire_trap_vbs(vbl, 777, "1.3.6.1.4.1.99.7");
    pdu = SnmpCreatePdu(snd, SNMP_PDU_TRAP, 0, 0, 0, vbl);

    CHECK(SnmpSendMsg(snd, 0, to, ctx, pdu) == SNMPAPI_SUCCESS);
    got = recv_pdu(r, 2000);
    CHECK(got != 0);
    if (got) {
        vb_text(got, 1, n, val, &count);
        CHECK(strcmp(val, "777") == 0);
        vb_text(got, 2, n, val, &count);
        CHECK(strcmp(val, "1.3.6.1.4.1.99.0.7") == 0);   /* enterprise.0.specific */
        vb_text(got, count, n, val, &count);
        CHECK(strcmp(n, "1.3.6.1.6.3.1.1.4.3.0") == 0 && strcmp(val, "1.3.6.1.4.1.99") == 0);
        SnmpFreePdu(got);
    }

    /* The agent-addr field on the wire. */
    CHECK(SnmpSetAgentAddress("10.1.2.3") == SNMPAPI_SUCCESS);
    CHECK(SnmpSendMsg(snd, 0, raw_e, ctx, pdu) == SNMPAPI_SUCCESS);
    len = sink_recv_from(raw, buf, sizeof buf, &from, 2000);
    CHECK(len > 0 && find_agent_addr(buf, len, aa) && aa[0] == 10 && aa[1] == 1 && aa[2] == 2 &&
          aa[3] == 3);
    CHECK(SnmpConveyAgentAddress(SNMPAPI_OFF) == SNMPAPI_SUCCESS);
    CHECK(SnmpSendMsg(snd, 0, raw_e, ctx, pdu) == SNMPAPI_SUCCESS);
    len = sink_recv_from(raw, buf, sizeof buf, &from, 2000);
    CHECK(len > 0 && find_agent_addr(buf, len, aa) && !aa[0] && !aa[1] && !aa[2] && !aa[3]);
    CHECK(SnmpConveyAgentAddress(7) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_MODE_INVALID);
    CHECK(SnmpConveyAgentAddress(SNMPAPI_ON) == SNMPAPI_SUCCESS);
    CHECK(SnmpSetAgentAddress(NULL) == SNMPAPI_SUCCESS);

    SnmpFreePdu(pdu);
    SnmpFreeVbl(vbl);
    SnmpClose(snd);
    SnmpClose(r);
    sink_close(raw);
}

/* An INFORM sent by the application is a request like any other: to a
 * receiver that never acknowledges, it is sent retries + 1 times with the
 * same request id and ends in exactly one TL_TIMEOUT for that id. */
static void inform_timeout(void)
{
    HSNMP_SESSION s = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_ENTITY to = SnmpStrToEntity(s, wire_addr(7));
    HSNMP_CONTEXT ctx = SnmpStrToContext(s, &com);
    HSNMP_VBL vbl = SnmpCreateVbl(s, NULL, NULL);
    HSNMP_PDU pdu;
    smiINT id = 0;
    struct wire_reply r;
    unsigned char buf[1500], first[1500];
    int len = 0, flen, copies = 0;
    struct sockaddr_in from;
    double t0, el;
    sink_t raw = sink_open(wire_port(7));

    CHECK(SnmpSetTimeout(to, 20) == SNMPAPI_SUCCESS);   /* 200 ms */
    CHECK(SnmpSetRetry(to, 2) == SNMPAPI_SUCCESS);
    wire_trap_vbs(vbl, 99, "1.3.6.1.4.1.99.8");
    pdu = SnmpCreatePdu(s, SNMP_PDU_INFORM, 0, 0, 0, vbl);
    t0 = wire_now();
    CHECK(SnmpSendMsg(s, 0, to, ctx, pdu) == SNMPAPI_SUCCESS);
    SnmpGetPduData(pdu, NULL, &id, NULL, NULL, NULL);
    flen = sink_recv_from(raw, first, sizeof first, &from, 1000);
    CHECK(flen > 0);
    CHECK(wire_poll_recv(s, 3.0, &r));
    el = wire_now() - t0;
    CHECK_EQ(r.status, SNMPAPI_TL_TIMEOUT);
    CHECK_EQ(r.reqid, id);
    CHECK(el > 0.55 && el < 1.5);   /* 200 ms x 3 */
    copies = 1 + sink_count(raw, buf, sizeof buf, &len);
    CHECK_EQ(copies, 3);
    CHECK(len == flen && memcmp(buf, first, (size_t)len) == 0);   /* same id, same bytes */
    CHECK(!wire_poll_recv(s, 0.3, &r));   /* exactly one timeout */
    SnmpFreePdu(pdu);
    SnmpFreeVbl(vbl);
    SnmpClose(s);
    sink_close(raw);
}

int main(void)
{
    CHECK(SnmpSetAgentAddress("1.2.3.4") == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_NOT_INITIALIZED);
    wire_startup(SNMPAPI_UNTRANSLATED_V2);
    agent_role();
    traps();
    v1_sending();
    inform_timeout();
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    {
        long live = wire_live_handles();
        CHECK(live == 0 || live == -1);
    }
    return wire_done("test_wire_agent");
}
