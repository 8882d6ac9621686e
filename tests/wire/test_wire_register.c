/* test_wire_register.c - the trap-port rule and the documented errors of
 * SnmpRegister, SnmpListen and SnmpListenEx, provoked for real:
 * - the trap socket listens on the destination entity's port when the
 *   application gave that entity a port (SnmpSetPort or "addr:port"),
 *   else on 162; the first registration picks it and later ones share it;
 *   TL_IN_USE when it is taken; it is released with the last registration;
 * - a registration on an empty community selects only traps sent with it;
 * - traps to [::1] arrive (the IPv6 twin of the trap socket) and our agent
 *   answers our manager on ::1;
 * - every error code the documentation lists for the three functions that
 *   a test can bring about (natively also ALLOC_ERROR through the allocator's
 *   failure hook and the socket-exhaustion codes through RLIMIT_NOFILE). */
#include "wire.h"
#include "sink.h"
#ifndef _WIN32
#  include <sys/resource.h>
#  include "core/alloc.h"
#endif

#ifndef _WIN32
/* No descriptor left to open a socket with: the limit lowered to 256 and
 * every free descriptor below it taken; release_fds undoes both. */
struct fd_squeeze {
    struct rlimit old;
    int fds[256], n;
};

static void squeeze_fds(struct fd_squeeze *q)
{
    struct rlimit low;
    q->n = 0;
    getrlimit(RLIMIT_NOFILE, &q->old);
    low = q->old;
    low.rlim_cur = 256 < q->old.rlim_cur ? 256 : q->old.rlim_cur;
    setrlimit(RLIMIT_NOFILE, &low);
    while (q->n < 256 && (q->fds[q->n] = dup(2)) >= 0)
        q->n++;
}

static void release_fds(struct fd_squeeze *q)
{
    int i;
    for (i = 0; i < q->n; i++)
        close(q->fds[i]);
    setrlimit(RLIMIT_NOFILE, &q->old);
}
#endif

static smiOCTETS com = { 6, (smiLPBYTE)"public" };

/* A UDP socket bound to the wildcard address (as the trap socket is), so
 * that binding the same port again fails on Windows as on Linux. */
static sink_t hold_port(unsigned short port, int *ok)
{
    struct sockaddr_in a;
    sink_t s;
#ifdef _WIN32
    WSADATA wd;
    WSAStartup(MAKEWORD(2, 2), &wd);
#endif
    s = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    *ok = bind(s, (struct sockaddr *)&a, sizeof a) == 0;
    return s;
}

/* Whether a port can be bound now (retried for a second: the engine closes
 * released sockets on its own thread). */
static int port_free(unsigned short port)
{
    double end = wire_now() + 1.0;
    do {
        int ok;
        sink_t s = hold_port(port, &ok);
        sink_close(s);
        if (ok)
            return 1;
        wire_sleep_ms(10);
    } while (wire_now() < end);
    return 0;
}

/* A v2c GET with an empty community: the only way to an empty context is
 * SnmpDecodeMsg (SnmpStrToContext refuses len 0). */
static const smiBYTE empty_get[] = { 0x30, 0x12, 0x02, 0x01, 0x01, 0x04, 0x00, 0xa0, 0x0b,
    0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x00 };

/* A context with an empty community, made in session s. */
static HSNMP_CONTEXT empty_context(HSNMP_SESSION s)
{
    smiOCTETS msg = { sizeof empty_get, (smiLPBYTE)empty_get };
    HSNMP_CONTEXT ctx = 0;
    HSNMP_PDU pdu = 0;
    CHECK(SnmpDecodeMsg(s, NULL, NULL, &ctx, &pdu, &msg) == sizeof empty_get);
    SnmpFreePdu(pdu);
    return ctx;
}

/* Sends an SNMPv2c trap from a fresh session to `to` ("addr:port"), with
 * the community "public" or, if `empty`, the empty one. */
static void send_trap_as(const char *to, smiUINT32 uptime, int empty)
{
    HSNMP_SESSION s = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_ENTITY dst = SnmpStrToEntity(s, to);
    HSNMP_CONTEXT ctx = empty ? empty_context(s) : SnmpStrToContext(s, &com);
    HSNMP_VBL vbl = SnmpCreateVbl(s, NULL, NULL);
    HSNMP_PDU pdu;
    wire_trap_vbs(vbl, uptime, "1.3.6.1.6.3.1.1.5.1");
    pdu = SnmpCreatePdu(s, SNMP_PDU_TRAP, 0, 0, 0, vbl);
    CHECK(SnmpSendMsg(s, 0, dst, ctx, pdu) == SNMPAPI_SUCCESS);
    SnmpClose(s);
}

static void send_trap(const char *to, smiUINT32 uptime)
{
    send_trap_as(to, uptime, 0);
}

/* The time-stamp of the next trap a session receives within `ms`, or 0. */
static smiUINT32 recv_trap(HSNMP_SESSION s, int ms)
{
    HSNMP_ENTITY src = 0, dst = 0;
    HSNMP_CONTEXT ctx = 0;
    HSNMP_PDU pdu = 0;
    double end = wire_now() + ms / 1000.0;
    while (wire_now() < end) {
        if (SnmpRecvMsg(s, &src, &dst, &ctx, &pdu) == SNMPAPI_SUCCESS) {
            HSNMP_VBL vbl = 0;
            smiOID o;
            smiVALUE v;
            smiUINT32 t = 0;
            SnmpGetPduData(pdu, NULL, NULL, NULL, NULL, &vbl);
            if (SnmpGetVb(vbl, 1, &o, &v) == SNMPAPI_SUCCESS) {
                t = v.value.uNumber;
                SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o);
            }
            SnmpFreeVbl(vbl);
            SnmpFreePdu(pdu);
            SnmpFreeEntity(src);
            SnmpFreeEntity(dst);
            SnmpFreeContext(ctx);
            return t;
        }
        wire_sleep_ms(2);
    }
    return 0;
}

static void trap_port_rule(void)
{
    unsigned short a = wire_port(16), b = wire_port(17);
    HSNMP_SESSION r1 = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_SESSION r2 = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_ENTITY e_plain = SnmpStrToEntity(r1, "127.0.0.1");
    HSNMP_ENTITY e_a = SnmpStrToEntity(r1, "127.0.0.1");
    HSNMP_ENTITY e_b = SnmpStrToEntity(r2, wire_addr(17));   /* port in the text */
    sink_t held;
    int ok;
    char to[64];

    /* No port given: 162. Held by us here, or privileged, or held by another
     * program: in every case TL_IN_USE, which shows it was 162 that was tried. */
    held = hold_port(162, &ok);
    CHECK(SnmpRegister(r1, NULL, e_plain, NULL, NULL, SNMPAPI_ON) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(r1), SNMPAPI_TL_IN_USE);
    sink_close(held);

    /* SnmpSetPort gives the entity a port: the trap socket goes there. */
    CHECK(SnmpSetPort(e_a, a) == SNMPAPI_SUCCESS);
    held = hold_port(a, &ok);
    CHECK(ok);
    CHECK(SnmpRegister(r1, NULL, e_a, NULL, NULL, SNMPAPI_ON) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(r1), SNMPAPI_TL_IN_USE);
    sink_close(held);
    CHECK(port_free(a));
    CHECK(SnmpRegister(r1, NULL, e_a, NULL, NULL, SNMPAPI_ON) == SNMPAPI_SUCCESS);
    CHECK(!port_free(a));   /* ours now */
    snprintf(to, sizeof to, "127.0.0.1:%u", (unsigned)a);
    send_trap(to, 101);
    CHECK_EQ(recv_trap(r1, 3000), 101);
    snprintf(to, sizeof to, "[::1]:%u", (unsigned)a);
    send_trap(to, 102);   /* the IPv6 twin on the same port */
    CHECK_EQ(recv_trap(r1, 500), 0);   /* r1 filters on sender 127.0.0.1 */

    /* A later registration shares the socket, whatever its entity's port. */
    CHECK(SnmpRegister(r2, NULL, e_b, NULL, NULL, SNMPAPI_ON) == SNMPAPI_SUCCESS);
    CHECK(port_free(b));
    snprintf(to, sizeof to, "127.0.0.1:%u", (unsigned)a);
    send_trap(to, 103);
    CHECK_EQ(recv_trap(r1, 3000), 103);
    CHECK_EQ(recv_trap(r2, 3000), 103);

    /* The socket stays while any registration does, and goes with the last. */
    CHECK(SnmpRegister(r1, NULL, e_a, NULL, NULL, SNMPAPI_OFF) == SNMPAPI_SUCCESS);
    CHECK(!port_free(a));
    CHECK(SnmpClose(r2) == SNMPAPI_SUCCESS);
    CHECK(port_free(a));
    CHECK(SnmpClose(r1) == SNMPAPI_SUCCESS);
}

/* An empty community is a community like any other: a registration on a
 * context holding it selects the traps sent with it, not every trap. */
static void empty_community(void)
{
    unsigned short a = wire_port(16);
    HSNMP_SESSION r = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_ENTITY e = SnmpStrToEntity(r, "127.0.0.1");
    HSNMP_CONTEXT empty = empty_context(r);
    char to[64];

    CHECK(SnmpSetPort(e, a) == SNMPAPI_SUCCESS);
    CHECK(port_free(a));
    CHECK(SnmpRegister(r, NULL, e, empty, NULL, SNMPAPI_ON) == SNMPAPI_SUCCESS);
    snprintf(to, sizeof to, "127.0.0.1:%u", (unsigned)a);
    send_trap_as(to, 201, 0);
    CHECK_EQ(recv_trap(r, 500), 0);
    send_trap_as(to, 202, 1);
    CHECK_EQ(recv_trap(r, 3000), 202);
    CHECK(SnmpClose(r) == SNMPAPI_SUCCESS);
    CHECK(port_free(a));
}

/* Traps to [::1] and an agent on ::1. */
static void ipv6(void)
{
    unsigned short a = wire_port(18);
    HSNMP_SESSION r = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_ENTITY any6, me;
    HSNMP_SESSION m = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_ENTITY to;
    HSNMP_CONTEXT ctx = SnmpStrToContext(m, &com);
    struct wire_reply rep;
    char text[64];

    snprintf(text, sizeof text, "[::1]:%u", (unsigned)a);
    any6 = SnmpStrToEntity(r, text);
    CHECK(SnmpRegister(r, NULL, any6, NULL, NULL, SNMPAPI_ON) == SNMPAPI_SUCCESS);
    send_trap(text, 201);
    CHECK_EQ(recv_trap(r, 3000), 201);
    snprintf(text, sizeof text, "127.0.0.1:%u", (unsigned)a);
    send_trap(text, 202);
    CHECK_EQ(recv_trap(r, 500), 0);   /* the registration's sender is ::1 */
    CHECK(SnmpClose(r) == SNMPAPI_SUCCESS);

    /* Our manager asks our agent on [::1]: it sees its own question back. */
    snprintf(text, sizeof text, "[::1]:%u", (unsigned)wire_port(19));
    me = SnmpStrToEntity(m, text);
    to = SnmpStrToEntity(m, text);
    CHECK(SnmpListen(me, SNMPAPI_ON) == SNMPAPI_SUCCESS);
    CHECK(SnmpSetTimeout(to, 50) == SNMPAPI_SUCCESS);
    CHECK(wire_request(m, to, ctx, SNMP_PDU_GET, "1.3.6.1.2.1.1.5.0", 0, 0, NULL, &rep));
    CHECK_EQ(rep.type, SNMP_PDU_GET);   /* the request, queued to the listening session */
    if (rep.vbl) SnmpFreeVbl(rep.vbl);
    CHECK(SnmpClose(m) == SNMPAPI_SUCCESS);
}

/* SnmpRegister's documented errors. */
static void register_errors(void)
{
    HSNMP_SESSION s = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_SESSION closed = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_ENTITY e = SnmpStrToEntity(s, wire_addr(16));
    HSNMP_CONTEXT c = SnmpStrToContext(s, &com);
    HSNMP_VBL vbl = SnmpCreateVbl(s, NULL, NULL);
    smiUINT32 ids[2] = { 1, 3 };
    smiOID bad = { 0, ids }, nul = { 2, NULL };
    sink_t held;
    int ok;

    SnmpClose(closed);
    CHECK(SnmpRegister(closed, NULL, NULL, NULL, NULL, SNMPAPI_ON) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_SESSION_INVALID);
    CHECK(SnmpRegister(s, (HSNMP_ENTITY)vbl, NULL, NULL, NULL, SNMPAPI_ON) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_ENTITY_INVALID);
    CHECK(SnmpRegister(s, NULL, (HSNMP_ENTITY)c, NULL, NULL, SNMPAPI_ON) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_ENTITY_INVALID);
    CHECK(SnmpRegister(s, NULL, NULL, (HSNMP_CONTEXT)e, NULL, SNMPAPI_ON) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_CONTEXT_INVALID);
    CHECK(SnmpRegister(s, NULL, e, NULL, &bad, SNMPAPI_ON) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_OID_INVALID);
    CHECK(SnmpRegister(s, NULL, e, NULL, &nul, SNMPAPI_ON) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_OID_INVALID);
    held = hold_port(wire_port(16), &ok);
    CHECK(ok);
    CHECK(SnmpRegister(s, NULL, e, c, NULL, SNMPAPI_ON) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_TL_IN_USE);
    sink_close(held);
#ifndef _WIN32
    /* Natively: no memory, no sockets. */
    CHECK(port_free(wire_port(16)));
    ows_alloc_fail_after(0);
    CHECK(SnmpRegister(s, NULL, e, c, NULL, SNMPAPI_ON) == SNMPAPI_FAILURE);
    ows_alloc_fail_after(-1);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_ALLOC_ERROR);
    {
        struct fd_squeeze q;
        squeeze_fds(&q);
        CHECK(SnmpRegister(s, NULL, e, c, NULL, SNMPAPI_ON) == SNMPAPI_FAILURE);
        CHECK_EQ(SnmpGetLastError(s), SNMPAPI_TL_NOT_AVAILABLE);
        release_fds(&q);
    }
#endif
    /* After all that, it works, and nothing stayed registered. */
    CHECK(SnmpRegister(s, NULL, e, c, NULL, SNMPAPI_ON) == SNMPAPI_SUCCESS);
    CHECK(SnmpRegister(s, NULL, e, c, NULL, SNMPAPI_OFF) == SNMPAPI_SUCCESS);
    CHECK(SnmpRegister(s, NULL, e, c, NULL, SNMPAPI_OFF) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_NOOP);
    CHECK(port_free(wire_port(16)));
    SnmpClose(s);
}

/* SnmpListen's and SnmpListenEx's documented errors. */
static void listen_errors(void)
{
    HSNMP_SESSION s = SnmpCreateSession(NULL, 0, NULL, NULL);
    HSNMP_ENTITY e = SnmpStrToEntity(s, wire_addr(17));
    HSNMP_ENTITY foreign = SnmpStrToEntity(s, "192.0.2.1:16999");   /* not ours */
    HSNMP_ENTITY all = SnmpStrToEntity(s, wire_addr(17));
    HSNMP_CONTEXT c = SnmpStrToContext(s, &com);
    sink_t held;
    int ok;

    CHECK(SnmpListen((HSNMP_ENTITY)c, SNMPAPI_ON) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_ENTITY_INVALID);
    CHECK(SnmpListenEx((HSNMP_ENTITY)c, SNMPAPI_ON, SNMPLISTEN_ALL_ADDR) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_ENTITY_INVALID);
    CHECK(SnmpListen(e, 2) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_MODE_INVALID);
    CHECK(SnmpListenEx(e, 2, SNMPLISTEN_USEENTITY_ADDR) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_MODE_INVALID);
    CHECK(SnmpListenEx(e, SNMPAPI_ON, 7) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_MODE_INVALID);
    /* Binding fails: an address that is not this host's (natively: Wine
     * accepts that bind where Windows refuses it), a port in use. */
#ifndef _WIN32
    CHECK(SnmpListen(foreign, SNMPAPI_ON) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_TL_OTHER);
#else
    (void)foreign;
#endif
    held = hold_port(wire_port(17), &ok);
    CHECK(ok);
    CHECK(SnmpListen(e, SNMPAPI_ON) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_TL_OTHER);
    CHECK(SnmpListenEx(all, SNMPAPI_ON, SNMPLISTEN_ALL_ADDR) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_TL_OTHER);
    sink_close(held);
    CHECK(port_free(wire_port(17)));
#ifndef _WIN32
    ows_alloc_fail_after(0);
    CHECK(SnmpListen(e, SNMPAPI_ON) == SNMPAPI_FAILURE);
    ows_alloc_fail_after(-1);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_ALLOC_ERROR);
    {
        struct fd_squeeze q;
        squeeze_fds(&q);
        CHECK(SnmpListen(e, SNMPAPI_ON) == SNMPAPI_FAILURE);
        CHECK_EQ(SnmpGetLastError(s), SNMPAPI_TL_RESOURCE_ERROR);
        CHECK(SnmpListenEx(all, SNMPAPI_ON, SNMPLISTEN_ALL_ADDR) == SNMPAPI_FAILURE);
        CHECK_EQ(SnmpGetLastError(s), SNMPAPI_TL_RESOURCE_ERROR);
        release_fds(&q);
    }
#endif
    /* Then it works; twice is NOOP; OFF twice is NOOP the second time. */
    CHECK(SnmpListenEx(all, SNMPAPI_ON, SNMPLISTEN_ALL_ADDR) == SNMPAPI_SUCCESS);
    {
        /* The wildcard address: a request to 127.0.0.2 reaches the entity
         * made from 127.0.0.1. */
        HSNMP_SESSION m = SnmpCreateSession(NULL, 0, NULL, NULL);
        HSNMP_ENTITY other;
        HSNMP_CONTEXT mc = SnmpStrToContext(m, &com);
        struct wire_reply rep;
        char text[64];
        smiOID name;
        HSNMP_VBL vbl;
        HSNMP_PDU pdu;
        snprintf(text, sizeof text, "127.0.0.2:%u", (unsigned)wire_port(17));
        other = SnmpStrToEntity(m, text);
        SnmpStrToOid("1.3.6.1.2.1.1.5.0", &name);
        vbl = SnmpCreateVbl(m, &name, NULL);
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
        pdu = SnmpCreatePdu(m, SNMP_PDU_GET, 0, 0, 0, vbl);
        CHECK(SnmpSendMsg(m, 0, other, mc, pdu) == SNMPAPI_SUCCESS);
        CHECK(wire_poll_recv(s, 3.0, &rep));
        CHECK_EQ(rep.type, SNMP_PDU_GET);
        if (rep.vbl) SnmpFreeVbl(rep.vbl);
        SnmpClose(m);
    }
    CHECK(SnmpListenEx(all, SNMPAPI_ON, SNMPLISTEN_ALL_ADDR) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_NOOP);
    CHECK(SnmpListenEx(all, SNMPAPI_OFF, SNMPLISTEN_ALL_ADDR) == SNMPAPI_SUCCESS);
    CHECK(SnmpListenEx(all, SNMPAPI_OFF, SNMPLISTEN_ALL_ADDR) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_NOOP);
    CHECK(SnmpListen(e, SNMPAPI_ON) == SNMPAPI_SUCCESS);
    CHECK(SnmpListen(e, SNMPAPI_ON) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(s), SNMPAPI_NOOP);
    SnmpClose(s);   /* releases the port */
    CHECK(port_free(wire_port(17)));
}

int main(void)
{
    HSNMP_ENTITY junk = (HSNMP_ENTITY)(uintptr_t)0x1234;
    /* Before SnmpStartup. */
    CHECK(SnmpRegister((HSNMP_SESSION)junk, NULL, NULL, NULL, NULL, SNMPAPI_ON) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_NOT_INITIALIZED);
    CHECK(SnmpListen(junk, SNMPAPI_ON) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_NOT_INITIALIZED);
    CHECK(SnmpListenEx(junk, SNMPAPI_ON, SNMPLISTEN_ALL_ADDR) == SNMPAPI_FAILURE);
    CHECK_EQ(SnmpGetLastError(NULL), SNMPAPI_NOT_INITIALIZED);

    wire_startup(SNMPAPI_UNTRANSLATED_V2);
    trap_port_rule();
    empty_community();
    ipv6();
    register_errors();
    listen_errors();
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    {
        long live = wire_live_handles();
        CHECK(live == 0 || live == -1);
    }
    return wire_done("test_wire_register");
}
