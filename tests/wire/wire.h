/* wire.h - helpers shared by the wire tests (issue 4). Public API only, so the
 * same programs run natively (POSIX engine) and under Wine against the DLL;
 * natively they also link the static library and check for live handles. */
#ifndef OWS_TESTS_WIRE_H
#define OWS_TESTS_WIRE_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "winsnmp.h"
#ifdef _WIN32
#  include <windows.h>
#else
#  include <unistd.h>
#  include "core/handle.h"
#  include "core/state.h"
#endif

#if defined(__GNUC__)
#  define WIRE_MAYBE_UNUSED __attribute__((unused))
#else
#  define WIRE_MAYBE_UNUSED
#endif

static int wire_failures;

#define CHECK(cond) do { if (!(cond)) { wire_failures++; \
    fprintf(stderr, "%s:%d: CHECK failed: %s (last error %lu)\n", __FILE__, __LINE__, \
            #cond, (unsigned long)SnmpGetLastError(NULL)); } } while (0)
#define CHECK_EQ(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); \
    if (a_ != b_) { wire_failures++; fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", \
    __FILE__, __LINE__, #a, a_, #b, b_); } } while (0)

/* The test agent's port: OWS_AGENT_PORT from the environment (ctest sets it
 * from the OWS_WIRE_PORT cache variable so parallel builds do not share one
 * snmpd), 16161 by default. */
static WIRE_MAYBE_UNUSED const char *wire_agent(int v6)
{
    static char a4[48], a6[48];
    const char *port = getenv("OWS_AGENT_PORT");
    if (!port || !*port || strlen(port) > 5)
        port = "16161";
    snprintf(a4, sizeof a4, "127.0.0.1:%s", port);
    snprintf(a6, sizeof a6, "[::1]:%s", port);
    return v6 ? a6 : a4;
}
/* Another loopback port near the agent's (a silent sink, a dead port). */
static WIRE_MAYBE_UNUSED unsigned short wire_port(int offset)
{
    const char *port = getenv("OWS_AGENT_PORT");
    int p = port && *port ? atoi(port) : 16161;
    if (p <= 0 || p > 65000)
        p = 16161;
    return (unsigned short)(p + offset);
}
static WIRE_MAYBE_UNUSED const char *wire_addr(int offset)
{
    static char buf[4][32];
    static int k;
    char *b = buf[k++ & 3];
    snprintf(b, 32, "127.0.0.1:%u", (unsigned)wire_port(offset));
    return b;
}
#define AGENT4 wire_agent(0)
#define AGENT6 wire_agent(1)

static WIRE_MAYBE_UNUSED double wire_now(void)
{
#ifdef _WIN32
    LARGE_INTEGER f, c;
    QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (double)c.QuadPart / (double)f.QuadPart;
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
#endif
}

static WIRE_MAYBE_UNUSED void wire_sleep_ms(unsigned ms)
{
#ifdef _WIN32
    Sleep(ms);
#else
    usleep(ms * 1000u);
#endif
}

/* Live handles of every type: natively from the handle table; under Wine
 * the check is skipped (-1). */
static WIRE_MAYBE_UNUSED long wire_live_handles(void)
{
#ifdef _WIN32
    return -1;
#else
    long n;
    ows_lock();
    n = (long)ows_handle_live(0);
    ows_unlock();
    return n;
#endif
}

static WIRE_MAYBE_UNUSED void wire_startup(smiUINT32 translate)
{
    smiUINT32 a, b, c, d, e;
    CHECK(SnmpStartup(&a, &b, &c, &d, &e) == SNMPAPI_SUCCESS);
    CHECK(SnmpSetTranslateMode(translate) == SNMPAPI_SUCCESS);
    CHECK(SnmpSetRetransmitMode(SNMPAPI_ON) == SNMPAPI_SUCCESS);
}

/* One result of a synchronous request. */
struct wire_reply {
    smiUINT32 status;          /* SNMPAPI_SUCCESS or the failing code */
    smiINT type, reqid, err_status, err_index;
    HSNMP_VBL vbl;             /* caller frees (0 if none) */
};

/* Polls a session (no window, no callback) until one message arrives or
 * `seconds` pass. Returns 1 when something was received. */
static WIRE_MAYBE_UNUSED int wire_poll_recv(HSNMP_SESSION s, double seconds, struct wire_reply *r)
{
    double end = wire_now() + seconds;
    memset(r, 0, sizeof(*r));
    while (wire_now() < end) {
        HSNMP_ENTITY src = 0, dst = 0;
        HSNMP_CONTEXT ctx = 0;
        HSNMP_PDU pdu = 0;
        SNMPAPI_STATUS st = SnmpRecvMsg(s, &src, &dst, &ctx, &pdu);
        smiUINT32 err = st == SNMPAPI_SUCCESS ? SNMPAPI_SUCCESS : SnmpGetLastError(s);
        if (st != SNMPAPI_SUCCESS && err == SNMPAPI_NOOP) {
            wire_sleep_ms(1);
            continue;
        }
        r->status = err;
        if (pdu) {
            SnmpGetPduData(pdu, &r->type, &r->reqid, &r->err_status, &r->err_index, &r->vbl);
            SnmpFreePdu(pdu);
        }
        if (src) SnmpFreeEntity(src);
        if (dst) SnmpFreeEntity(dst);
        if (ctx) SnmpFreeContext(ctx);
        return 1;
    }
    return 0;
}

/* Sends one PDU of `type` for one OID and waits for the reply (polling). */
static WIRE_MAYBE_UNUSED int wire_request(HSNMP_SESSION s, HSNMP_ENTITY dst, HSNMP_CONTEXT ctx, smiINT type,
                        const char *oid, smiINT nonrep, smiINT maxrep, const smiVALUE *value,
                        struct wire_reply *r)
{
    smiOID name;
    HSNMP_VBL vbl;
    HSNMP_PDU pdu;
    int ok;
    if (SnmpStrToOid(oid, &name) == SNMPAPI_FAILURE)
        return 0;
    vbl = SnmpCreateVbl(s, &name, value);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    pdu = SnmpCreatePdu(s, type, 0, nonrep, maxrep, vbl);
    SnmpFreeVbl(vbl);
    if (!pdu)
        return 0;
    ok = SnmpSendMsg(s, 0, dst, ctx, pdu) == SNMPAPI_SUCCESS;
    SnmpFreePdu(pdu);
    if (!ok)
        return 0;
    return wire_poll_recv(s, 10.0, r);
}

/* The body of an agent's callback: on a "message queued" notification
 * (wParam 0) receives every queued message, lets `answer` reply, then frees
 * the message's handles. */
typedef void (*wire_answer_fn)(HSNMP_SESSION s, HSNMP_ENTITY src, HSNMP_ENTITY dst,
                               HSNMP_CONTEXT ctx, HSNMP_PDU pdu);
static WIRE_MAYBE_UNUSED SNMPAPI_STATUS wire_serve(HSNMP_SESSION s, WPARAM wp,
                                                   wire_answer_fn answer)
{
    HSNMP_ENTITY src = 0, dst = 0;
    HSNMP_CONTEXT ctx = 0;
    HSNMP_PDU pdu = 0;
    if (wp != 0)
        return SNMPAPI_SUCCESS;
    while (SnmpRecvMsg(s, &src, &dst, &ctx, &pdu) == SNMPAPI_SUCCESS) {
        answer(s, src, dst, ctx, pdu);
        SnmpFreePdu(pdu);
        SnmpFreeEntity(src);
        SnmpFreeEntity(dst);
        SnmpFreeContext(ctx);
    }
    return SNMPAPI_SUCCESS;
}

/* A GET of sysName.0 (the library picks its request id). */
static WIRE_MAYBE_UNUSED HSNMP_PDU wire_make_get(HSNMP_SESSION s)
{
    smiOID name;
    HSNMP_VBL vbl;
    HSNMP_PDU pdu;
    SnmpStrToOid("1.3.6.1.2.1.1.5.0", &name);
    vbl = SnmpCreateVbl(s, &name, NULL);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    pdu = SnmpCreatePdu(s, SNMP_PDU_GET, 0, 0, 0, vbl);
    SnmpFreeVbl(vbl);
    return pdu;
}

/* Appends the two varbinds an SNMPv2 trap or inform starts with (RFC 3416
 * 4.2.6): sysUpTime.0 = `uptime` and snmpTrapOID.0 = `trap_oid`. */
static WIRE_MAYBE_UNUSED void wire_trap_vbs(HSNMP_VBL vbl, smiUINT32 uptime, const char *trap_oid)
{
    smiOID name;
    smiVALUE v;
    SnmpStrToOid("1.3.6.1.2.1.1.3.0", &name);
    v.syntax = SNMP_SYNTAX_TIMETICKS;
    v.value.uNumber = uptime;
    SnmpSetVb(vbl, 0, &name, &v);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    SnmpStrToOid("1.3.6.1.6.3.1.1.4.1.0", &name);
    v.syntax = SNMP_SYNTAX_OID;
    SnmpStrToOid(trap_oid, &v.value.oid);
    SnmpSetVb(vbl, 0, &name, &v);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&v.value.oid);
}

/* Text of an OID (static buffer). */
static WIRE_MAYBE_UNUSED const char *wire_oid_str(const smiOID *o)
{
    static char buf[1500];
    if (SnmpOidToStr(o, sizeof(buf), buf) == SNMPAPI_FAILURE)
        strcpy(buf, "?");
    return buf;
}

/* A notification's varbinds: sysUpTime.0, snmpTrapOID.0, then one OCTET
 * STRING varbind (1.3.6.1.4.1.99999.5.1) and, when `enterprise` is given,
 * snmpTrapEnterprise.0. */
static WIRE_MAYBE_UNUSED HSNMP_VBL wire_notification(HSNMP_SESSION s, smiUINT32 uptime,
                                                     const char *trap_oid, const char *text,
                                                     const char *enterprise)
{
    HSNMP_VBL vbl = SnmpCreateVbl(s, NULL, NULL);
    smiOID name;
    smiVALUE v;

    SnmpStrToOid("1.3.6.1.2.1.1.3.0", &name);
    v.syntax = SNMP_SYNTAX_TIMETICKS;
    v.value.uNumber = uptime;
    CHECK(SnmpSetVb(vbl, 0, &name, &v) == 1);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);

    SnmpStrToOid("1.3.6.1.6.3.1.1.4.1.0", &name);
    v.syntax = SNMP_SYNTAX_OID;
    SnmpStrToOid(trap_oid, &v.value.oid);
    CHECK(SnmpSetVb(vbl, 0, &name, &v) == 2);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&v.value.oid);

    SnmpStrToOid("1.3.6.1.4.1.99999.5.1", &name);
    v.syntax = SNMP_SYNTAX_OCTETS;
    v.value.string.len = (smiUINT32)strlen(text);
    v.value.string.ptr = (smiLPBYTE)text;
    CHECK(SnmpSetVb(vbl, 0, &name, &v) == 3);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);

    if (enterprise) {
        SnmpStrToOid("1.3.6.1.6.3.1.1.4.3.0", &name);
        v.syntax = SNMP_SYNTAX_OID;
        SnmpStrToOid(enterprise, &v.value.oid);
        CHECK(SnmpSetVb(vbl, 0, &name, &v) == 4);
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&v.value.oid);
    }
    return vbl;
}

static WIRE_MAYBE_UNUSED int wire_done(const char *name)
{
    if (wire_failures)
        fprintf(stderr, "%s: %d check(s) failed\n", name, wire_failures);
    else
        printf("%s: all checks passed\n", name);
    return wire_failures ? 1 : 0;
}

#endif
