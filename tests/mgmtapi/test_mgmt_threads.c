/* test_mgmt_threads.c - the Management API from several threads: sessions
 * of their own in parallel (GETs against the wire snmpd), Open/Close pairs
 * racing on the session registry, and a session closed by one thread while
 * another is inside SnmpMgrRequest on it (documented as not to be done, so
 * it must merely end cleanly: no crash, no leak, a documented error). */
#define _POSIX_C_SOURCE 200809L
#include "mconf.h"
#include "mthread.h"

static const UINT sysName0[] = { 1, 3, 6, 1, 2, 1, 1, 5, 0 };

struct job {
    int kind;                      /* 0 GETs on an own session, 1 pairs, 2 request on `shared` */
    LPSNMP_MGR_SESSION shared;
    char *agent;                   /* mconf_agent(), read once by the main thread */
    int ok, bad;
    DWORD last_error;
};

static int one_get(LPSNMP_MGR_SESSION s, DWORD *err)
{
    SnmpVarBindList l;
    AsnInteger es = -1, ei = -1;
    int ok;
    mconf_list1(&l, sysName0, 9);
    ok = SnmpMgrRequest(s, SNMP_PDU_GET, &l, &es, &ei) && es == 0 && l.len == 1 &&
         l.list[0].value.asnType == ASN_OCTETSTRING;
    if (!ok && err)
        *err = GetLastError();
    SnmpUtilVarBindListFree(&l);
    return ok;
}

MTHREAD_FN(thread_entry)
{
    struct job *j = arg;
    int i;
    if (j->kind == 0) {
        LPSNMP_MGR_SESSION s = SnmpMgrOpen(j->agent, (LPSTR)"public", 2000, 2);
        for (i = 0; s && i < 50; i++)
            one_get(s, NULL) ? j->ok++ : j->bad++;
        if (!s || !SnmpMgrClose(s))
            j->bad++;
    } else if (j->kind == 1) {
        for (i = 0; i < 2000; i++) {
            LPSNMP_MGR_SESSION s = SnmpMgrOpen((LPSTR)"127.0.0.1", (LPSTR)"public", 100, 0);
            (s && SnmpMgrClose(s)) ? j->ok++ : j->bad++;
        }
    } else {
        /* Requests until the session is gone (bounded: the close comes
         * after 50 ms, long before this many round trips). */
        for (i = 0; i < 1000000; i++) {
            DWORD e = 0;
            if (one_get(j->shared, &e)) {
                j->ok++;
                continue;
            }
            j->last_error = e;
            if (e == SNMP_MGMTAPI_INVALID_SESSION)
                break;
            j->bad++;
        }
    }
    MTHREAD_RETURN;
}

static void parallel_sessions(void **state)
{
    struct job j[4];
    mthread_t t[4];
    int i;
    char *agent = mconf_agent();   /* a static buffer: written before any thread reads it */
    memset(j, 0, sizeof(j));
    for (i = 0; i < 4; i++) {
        j[i].agent = agent;
        assert_true(mthread_start(&t[i], thread_entry, &j[i]));
    }
    (void)state;
    for (i = 0; i < 4; i++)
        mthread_join(t[i]);
    for (i = 0; i < 4; i++) {
        assert_int_equal(j[i].bad, 0);
        assert_int_equal(j[i].ok, 50);
    }
}

static void parallel_pairs(void **state)
{
    struct job j[4];
    mthread_t t[4];
    int i;
    (void)state;
    memset(j, 0, sizeof(j));
    for (i = 0; i < 4; i++) {
        j[i].kind = 1;
        assert_true(mthread_start(&t[i], thread_entry, &j[i]));
    }
    for (i = 0; i < 4; i++)
        mthread_join(t[i]);
    for (i = 0; i < 4; i++) {
        assert_int_equal(j[i].bad, 0);
        assert_int_equal(j[i].ok, 2000);
    }
}

static void close_during_requests(void **state)
{
    struct job j;
    mthread_t t;
    (void)state;
    memset(&j, 0, sizeof(j));
    j.kind = 2;
    j.shared = SnmpMgrOpen(mconf_agent(), (LPSTR)"public", 2000, 2);
    assert_non_null(j.shared);
    assert_true(mthread_start(&t, thread_entry, &j));
    mnap_ms(50);
    MOK(SnmpMgrClose(j.shared));
    mthread_join(t);
    /* Every request before the close was answered; the ones after it got
     * the documented error; a request in flight at the close completed. */
    assert_int_equal(j.bad, 0);
    assert_int_equal(j.last_error, SNMP_MGMTAPI_INVALID_SESSION);
    MFAILS(SnmpMgrClose(j.shared), SNMP_MGMTAPI_INVALID_SESSION);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parallel_sessions),
        cmocka_unit_test(parallel_pairs),
        cmocka_unit_test(close_during_requests),
    };
    return CONF_RUN("mgmt_threads", tests);
}
