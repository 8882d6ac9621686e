/* test_mgmt_trap.c - SnmpMgrGetTrap and SnmpMgrGetTrapEx present an SNMPv1
 * Trap-PDU's own header: SNMPv1 Trap-PDUs are sent (built byte by byte) from
 * 127.0.0.1 to the trap port (OWS_MGMTAPI_TRAP_PORT, else 162) naming another
 * agent-addr (10.1.2.3: only a field of the PDU), and the agent address must
 * be that field, not the sender; generic, specific, enterprise, time-stamp
 * and the varbinds must be as sent, also where an SNMPv2 form of the trap
 * cannot carry them (a generic trap's specific code, a snmpTrapAddress.0
 * varbind). */
#include "mconf.h"
#include "mthread.h"
#ifdef _WIN32
typedef SOCKET tsock;
#  define tclose closesocket
#else
#  include <arpa/inet.h>
#  include <errno.h>
#  include <netinet/in.h>
#  include <poll.h>
#  include <sys/socket.h>
#  include <unistd.h>
typedef int tsock;
#  define tclose close
#endif

/* 1 when SnmpMgrTrapListen's event is set within ms milliseconds: a Win32
 * event on Windows; natively the descriptor in the HANDLE (mgmtapi.h's
 * OWS_MGMT_TRAP_FD), waited on with poll(). */
static int event_set_within(HANDLE ev, int ms)
{
#ifdef _WIN32
    return WaitForSingleObject(ev, (DWORD)ms) == WAIT_OBJECT_0;
#else
    struct pollfd p;
    int rc;
    p.fd = OWS_MGMT_TRAP_FD(ev);
    p.events = POLLIN;
    p.revents = 0;
    do
        rc = poll(&p, 1, ms);
    while (rc < 0 && errno == EINTR);
    return rc == 1 && (p.revents & POLLIN);
#endif
}

static const UINT enterprise[] = { 1, 3, 6, 1, 4, 1, 8072, 2, 3 };
static const UINT ifIndex1[] = { 1, 3, 6, 1, 2, 1, 2, 2, 1, 1, 1 };
static const UINT snmpTrapAddress0[] = { 1, 3, 6, 1, 6, 3, 18, 1, 3, 0 };

/* Appends tag, short-form length and n value bytes. */
static size_t tlv(unsigned char *out, unsigned char tag, const unsigned char *v, size_t n)
{
    out[0] = tag;
    out[1] = (unsigned char)n;
    memmove(out + 2, v, n);
    return n + 2;
}

/* An SNMPv1 Trap-PDU, community "public", enterprise 1.3.6.1.4.1.8072.2.3,
 * with the given agent-addr, codes and time-stamp (< 65536); with_vbs adds
 * ifIndex.1 = 1 and snmpTrapAddress.0 = 10.9.9.9. */
static size_t v1_trap(unsigned char *out, const unsigned char addr[4], unsigned char generic,
                      unsigned char specific, unsigned ts, int with_vbs)
{
    static const unsigned char ent[] = { 0x2B, 6, 1, 4, 1, 0xBF, 0x08, 2, 3 };
    static const unsigned char vbs[] = {
        0x30, 15, 0x06, 10, 0x2B, 6, 1, 2, 1, 2, 2, 1, 1, 1, 0x02, 1, 1,
        0x30, 17, 0x06, 9, 0x2B, 6, 1, 6, 3, 18, 1, 3, 0, 0x40, 4, 10, 9, 9, 9
    };
    unsigned char pdu[128], msg[160];
    size_t k = 0, m = 0;
    k += tlv(pdu + k, 0x06, ent, sizeof ent);
    k += tlv(pdu + k, 0x40, addr, 4);
    k += tlv(pdu + k, 0x02, &generic, 1);
    k += tlv(pdu + k, 0x02, &specific, 1);
    pdu[k++] = 0x43;                 /* the fewest octets, as BER wants */
    if (ts < 0x80) {
        pdu[k++] = 1;
    } else if (ts < 0x8000) {
        pdu[k++] = 2;
        pdu[k++] = (unsigned char)(ts >> 8);
    } else {
        pdu[k++] = 3;
        pdu[k++] = 0;
        pdu[k++] = (unsigned char)(ts >> 8);
    }
    pdu[k++] = (unsigned char)ts;
    k += tlv(pdu + k, 0x30, vbs, with_vbs ? sizeof vbs : 0);
    msg[m++] = 0x02;
    msg[m++] = 1;
    msg[m++] = 0;                    /* version-1 */
    m += tlv(msg + m, 0x04, (const unsigned char *)"public", 6);
    m += tlv(msg + m, 0xA4, pdu, k);
    return tlv(out, 0x30, msg, m);
}

static unsigned short trap_port(void)
{
    const char *p = getenv("OWS_MGMTAPI_TRAP_PORT");
    int n = p ? atoi(p) : 0;
    return (unsigned short)(n > 0 && n < 65536 ? n : 162);
}

static void send_to_trap_port(const unsigned char *buf, size_t len)
{
    struct sockaddr_in to;
    tsock s = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&to, 0, sizeof to);
    to.sin_family = AF_INET;
    to.sin_port = htons(trap_port());
    to.sin_addr.s_addr = htonl(0x7F000001);
    assert_int_equal(sendto(s, (const char *)buf, (int)len, 0, (struct sockaddr *)&to, sizeof to),
                     (int)len);
    tclose(s);
}

static void expect_addr(const AsnNetworkAddress *a, unsigned char b0, unsigned char b1,
                        unsigned char b2, unsigned char b3)
{
    const unsigned char want[4] = { b0, b1, b2, b3 };
    assert_int_equal(a->length, 4);
    assert_memory_equal(a->stream, want, 4);
}

/* The header fields both traps are checked on, and their varbind count. */
static void expect_fields(const AsnObjectIdentifier *ent, AsnInteger gen, AsnInteger spec,
                          AsnTimeticks ts, const SnmpVarBindList *l, AsnInteger want_gen,
                          AsnInteger want_spec, AsnTimeticks want_ts, UINT want_vbs)
{
    assert_int_equal(gen, want_gen);
    assert_int_equal(spec, want_spec);
    assert_int_equal(ts, want_ts);
    assert_int_equal(ent->idLength, 9);
    assert_memory_equal(ent->ids, enterprise, sizeof enterprise);
    assert_int_equal(l->len, want_vbs);
}

/* The next trap within 5 s, through SnmpMgrGetTrapEx (ex) or SnmpMgrGetTrap
 * (src and comm unused). */
static BOOL next_trap(int ex, AsnObjectIdentifier *ent, AsnNetworkAddress *agent,
                      AsnNetworkAddress *src, AsnInteger *gen, AsnInteger *spec,
                      AsnOctetString *comm, AsnTimeticks *ts, SnmpVarBindList *l)
{
    int i;
    for (i = 0; i < 250; i++) {
        if (ex ? SnmpMgrGetTrapEx(ent, agent, src, gen, spec, comm, ts, l)
               : SnmpMgrGetTrap(ent, agent, gen, spec, ts, l))
            return TRUE;
        mnap_ms(20);
    }
    return FALSE;
}

/* Winsock (for the sends) and SnmpMgrTrapListen; listen_stop undoes both. */
static void listen_start(HANDLE *ev)
{
#ifdef _WIN32
    WSADATA wd;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &wd), 0);
#endif
    MOK(SnmpMgrTrapListen(ev));
}

static void listen_stop(void)
{
    MOK(SnmpMgrClose(NULL));
#ifdef _WIN32
    WSACleanup();
#endif
}

static void v1_header_as_sent(void **state)
{
    static const unsigned char addr1[4] = { 10, 1, 2, 3 }, addr2[4] = { 10, 1, 2, 4 };
    unsigned char buf[200];
    HANDLE ev;
    AsnObjectIdentifier ent;
    AsnNetworkAddress agent, src;
    AsnOctetString comm;
    AsnInteger gen, spec;
    AsnTimeticks ts;
    SnmpVarBindList l;
    (void)state;

    listen_start(&ev);
    /* linkUp with a specific code, which an SNMPv2 trap has no place for. */
    send_to_trap_port(buf, v1_trap(buf, addr1, 3, 5, 4321, 1));
    assert_true(next_trap(0, &ent, &agent, NULL, &gen, &spec, NULL, &ts, &l));
    expect_addr(&agent, 10, 1, 2, 3);
    expect_fields(&ent, gen, spec, ts, &l, 3, 5, 4321, 2);
    assert_int_equal(l.list[0].name.idLength, 11);
    assert_memory_equal(l.list[0].name.ids, ifIndex1, sizeof ifIndex1);
    assert_int_equal(l.list[0].value.asnType, ASN_INTEGER);
    assert_int_equal(l.list[0].value.asnValue.number, 1);
    /* The PDU's agent-addr field is the agent address; a varbind is a varbind. */
    assert_int_equal(l.list[1].name.idLength, 10);
    assert_memory_equal(l.list[1].name.ids, snmpTrapAddress0, sizeof snmpTrapAddress0);
    assert_int_equal(l.list[1].value.asnType, ASN_IPADDRESS);
    expect_addr(&l.list[1].value.asnValue.address, 10, 9, 9, 9);
    SnmpUtilOidFree(&ent);
    SnmpUtilMemFree(agent.stream);
    SnmpUtilVarBindListFree(&l);

    /* Enterprise-specific, through SnmpMgrGetTrapEx: the source is the
     * sender, the agent address still the field. */
    send_to_trap_port(buf, v1_trap(buf, addr2, 6, 17, 99, 0));
    assert_true(next_trap(1, &ent, &agent, &src, &gen, &spec, &comm, &ts, &l));
    expect_addr(&agent, 10, 1, 2, 4);
    expect_addr(&src, 127, 0, 0, 1);
    assert_int_equal(comm.length, 6);
    assert_memory_equal(comm.stream, "public", 6);
    expect_fields(&ent, gen, spec, ts, &l, 6, 17, 99, 0);
    SnmpUtilOidFree(&ent);
    SnmpUtilMemFree(agent.stream);
    SnmpUtilMemFree(src.stream);
    SnmpUtilMemFree(comm.stream);
    SnmpUtilVarBindListFree(&l);
    listen_stop();
}

/* SnmpMgrGetTrap once: 1 with a trap (freed), 0 with SNMP_MGMTAPI_NOTRAPS. */
static int take_one(void)
{
    AsnObjectIdentifier ent;
    AsnNetworkAddress agent;
    AsnInteger gen, spec;
    AsnTimeticks ts;
    SnmpVarBindList l;
    if (!SnmpMgrGetTrap(&ent, &agent, &gen, &spec, &ts, &l)) {
        assert_int_equal(GetLastError(), SNMP_MGMTAPI_NOTRAPS);
        return 0;
    }
    SnmpUtilOidFree(&ent);
    SnmpUtilMemFree(agent.stream);
    SnmpUtilVarBindListFree(&l);
    return 1;
}

/* The event wakes a waiter whenever traps wait, and only then: clear before
 * any trap; then, with three sent at once, every wait for it ends (within
 * 5 s) until all three are taken, each wake-up followed by taking traps until
 * SNMP_MGMTAPI_NOTRAPS (a trap left queued with the event clear would make a
 * wait time out); clear again once drained. Natively the handle is a
 * descriptor that poll() waits on. */
static void event_wakes_waiter(void **state)
{
    static const unsigned char addr[4] = { 10, 1, 2, 5 };
    unsigned char buf[200];
    HANDLE ev = NULL;
    int got = 0, i;
    (void)state;

    listen_start(&ev);
    assert_non_null(ev);
#ifndef _WIN32
    assert_true(OWS_MGMT_TRAP_FD(ev) > 0);
#endif
    assert_false(event_set_within(ev, 0));
    for (i = 0; i < 3; i++)
        send_to_trap_port(buf, v1_trap(buf, addr, 6, (unsigned char)(40 + i), 7, 0));
    for (i = 0; i < 10 && got < 3; i++) {
        assert_true(event_set_within(ev, 5000));
        while (take_one())
            got++;
    }
    assert_int_equal(got, 3);
    /* A notification may still come for a trap already taken, setting the
     * event once more: a waiter then finds no trap, and the event clear. */
    for (i = 0; i < 4 && event_set_within(ev, 200); i++)
        assert_int_equal(take_one(), 0);
    assert_false(event_set_within(ev, 0));
    listen_stop();
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(v1_header_as_sent),
        cmocka_unit_test(event_wakes_waiter),
    };
    return CONF_RUN("mgmt_trap", tests);
}
