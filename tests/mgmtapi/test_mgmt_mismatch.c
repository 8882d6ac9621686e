/* test_mgmt_mismatch.c - SnmpMgrRequest takes only the answer to its
 * request: a fake agent on loopback (OWS_FAKE_PORT) answers one GET first
 * with a wrong request id, a wrong SNMP version, bytes that are no SNMP
 * message and the right answer from another port, and only then with the
 * right answer; the request must return that one (every decoy carries
 * error-status genErr, the answer noError). */
#define _POSIX_C_SOURCE 200809L
#include "mconf.h"
#include "mthread.h"
#ifdef _WIN32
typedef SOCKET fsock;
#  define FSOCK_BAD INVALID_SOCKET
#  define fclose_sock closesocket
#else
#  include <arpa/inet.h>
#  include <netinet/in.h>
#  include <sys/socket.h>
#  include <unistd.h>
typedef int fsock;
#  define FSOCK_BAD (-1)
#  define fclose_sock close
#endif

static const UINT sysName0[] = { 1, 3, 6, 1, 2, 1, 1, 5, 0 };

struct fake {
    fsock s, other;
    int answered;             /* the right answer was sent */
};

static fsock udp_on(unsigned short port)
{
    struct sockaddr_in a;
    fsock s = socket(AF_INET, SOCK_DGRAM, 0);
    if (s == FSOCK_BAD)
        return s;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(0x7F000001);
    if (bind(s, (struct sockaddr *)&a, sizeof(a)) != 0) {
        fclose_sock(s);
        return FSOCK_BAD;
    }
    return s;
}

/* The request's layout for a short SNMPv1 message with community "public":
 * 30 L 02 01 <version> 04 06 "public" A0 L 02 <n> <id...>. */
MTHREAD_FN(fake_agent)
{
    struct fake *f = arg;
    unsigned char req[512], out[512];
    struct sockaddr_in from;
#ifdef _WIN32
    int fl = sizeof(from);
#else
    socklen_t fl = sizeof(from);
#endif
    int n = (int)recvfrom(f->s, (char *)req, sizeof(req), 0, (struct sockaddr *)&from, &fl);
    if (n > 20 && req[0] == 0x30 && req[1] < 0x80 && req[13] == 0xA0 && req[15] == 0x02 &&
        req[16] >= 1 && 20 + req[16] <= n && req[17 + req[16]] == 0x02) {
        int id_last = 16 + req[16], status = 19 + req[16];
        static const char junk[] = "\x30\x03\x02\x01";
        memcpy(out, req, (size_t)n);
        out[13] = 0xA2;                          /* GetResponse */
        out[id_last] ^= 0x5A;                    /* another request id */
        out[status] = 5;                         /* every decoy says genErr */
        sendto(f->s, (const char *)out, n, 0, (struct sockaddr *)&from, fl);
        memcpy(out, req, (size_t)n);
        out[13] = 0xA2;
        out[4] = 1;                              /* SNMPv2c instead of v1 */
        out[status] = 5;
        sendto(f->s, (const char *)out, n, 0, (struct sockaddr *)&from, fl);
        sendto(f->s, junk, 4, 0, (struct sockaddr *)&from, fl);
        memcpy(out, req, (size_t)n);
        out[13] = 0xA2;                          /* right answer, wrong sender port */
        out[status] = 5;
        sendto(f->other, (const char *)out, n, 0, (struct sockaddr *)&from, fl);
        mnap_ms(50);
        out[status] = 0;                         /* the answer: noError */
        sendto(f->s, (const char *)out, n, 0, (struct sockaddr *)&from, fl);
        f->answered = 1;
    }
    MTHREAD_RETURN;
}

static void only_the_answer_counts(void **state)
{
    const char *p = getenv("OWS_FAKE_PORT");
    unsigned short port = (unsigned short)(p && *p ? atoi(p) : 17473);
    char agent[64];
    struct fake f;
    mthread_t t;
    LPSNMP_MGR_SESSION s;
    SnmpVarBindList l;
    AsnInteger es = -1, ei = -1;
#ifdef _WIN32
    WSADATA wd;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &wd), 0);
#endif
    (void)state;
    memset(&f, 0, sizeof(f));
    f.s = udp_on(port);
    f.other = udp_on(0);
    assert_true(f.s != FSOCK_BAD && f.other != FSOCK_BAD);
    assert_true(mthread_start(&t, fake_agent, &f));
    snprintf(agent, sizeof(agent), "127.0.0.1:%u", port);
    /* One try of 3 s: no retransmission can stand in for the answer. */
    s = SnmpMgrOpen(agent, (LPSTR)"public", 3000, 0);
    assert_non_null(s);
    mconf_list1(&l, sysName0, 9);
    MOK(SnmpMgrRequest(s, SNMP_PDU_GET, &l, &es, &ei));
    mthread_join(t);
    assert_true(f.answered);
    assert_int_equal(es, 0);
    assert_int_equal(l.len, 1);
    assert_memory_equal(l.list[0].name.ids, sysName0, sizeof(sysName0));
    assert_int_equal(l.list[0].value.asnType, ASN_NULL);
    SnmpUtilVarBindListFree(&l);
    MOK(SnmpMgrClose(s));
    fclose_sock(f.s);
    fclose_sock(f.other);
#ifdef _WIN32
    WSACleanup();
#endif
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_the_answer_counts),
    };
    return CONF_RUN("mgmt_mismatch", tests);
}
