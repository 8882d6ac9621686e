/*
 * test_threads.c - conformance: the local exports used from several threads
 * at once (a WinSNMP DLL serves whole processes). Each thread creates,
 * duplicates, reads and frees objects on its own session and on a shared one;
 * every call must succeed and no handle may leak into another thread's view.
 *
 * SPDX-License-Identifier: MIT
 */
#include "conf.h"

#ifdef _WIN32
typedef HANDLE conf_thread;
#else
#  include <pthread.h>
typedef pthread_t conf_thread;
#endif

enum { THREADS = 4, ROUNDS = 3000 };

struct worker {
    HSNMP_SESSION shared;
    int id;
    int failures;        /* calls that failed */
    unsigned first_err;  /* last error of the first failure */
    int first_line;
    int first_round;     /* loop round of the first failure (-1: outside) */
    uintptr_t handle;    /* the handle the failing call was given */
};

#define W_CHECK(w, cond) do { if (!(cond)) { if ((w)->failures++ == 0) { \
    (w)->first_err = (unsigned)SnmpGetLastError(NULL); (w)->first_line = __LINE__; \
    (w)->first_round = round_; (w)->handle = (uintptr_t)last_; } \
    goto out; } } while (0)

static void work(struct worker *w)
{
    HSNMP_SESSION own = SnmpCreateSession(NULL, 0, conf_callback, w);
    smiUINT32 ids[10] = {1, 3, 6, 1, 4, 1, 99, 0, 0, 0};
    smiOID name = {10, ids};
    int i, round_ = -1;
    HANDLE last_ = NULL;
    W_CHECK(w, own != NULL);
    ids[7] = (smiUINT32)w->id;
    for (i = 0; i < ROUNDS; i++) {
        HSNMP_SESSION s = (i & 1) ? own : w->shared;
        round_ = i;
        smiVALUE val, got;
        smiOID gname = {0, NULL};
        HSNMP_VBL v, d;
        HSNMP_PDU p;
        smiINT32 rid = 0;
        memset(&val, 0, sizeof val);
        val.syntax = SNMP_SYNTAX_INT;
        val.value.sNumber = w->id * 100000 + i;
        ids[8] = (smiUINT32)i;
        v = SnmpCreateVbl(s, &name, &val);
        W_CHECK(w, v != NULL);
        last_ = v;
        d = SnmpDuplicateVbl(own, v);
        W_CHECK(w, d != NULL);
        last_ = d;
        /* d belongs to `own`: a PDU takes only a list of its own session
         * (OpenWinSNMP decision, see test_pdu.c). */
        p = SnmpCreatePdu(own, SNMP_PDU_SET, w->id * 100000 + i, 0, 0, d);
        W_CHECK(w, p != NULL);
        W_CHECK(w, SnmpGetPduData(p, NULL, &rid, NULL, NULL, NULL) == SNMPAPI_SUCCESS);
        W_CHECK(w, rid == w->id * 100000 + i);
        memset(&got, 0, sizeof got);
        W_CHECK(w, SnmpGetVb(d, 1, &gname, &got) == SNMPAPI_SUCCESS);
        W_CHECK(w, got.syntax == SNMP_SYNTAX_INT && got.value.sNumber == val.value.sNumber);
        W_CHECK(w, gname.len == 10 && gname.ptr[7] == (smiUINT32)w->id && gname.ptr[8] == (smiUINT32)i);
        W_CHECK(w, SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&gname) == SNMPAPI_SUCCESS);
        W_CHECK(w, SnmpFreePdu(p) == SNMPAPI_SUCCESS);
        W_CHECK(w, SnmpFreeVbl(d) == SNMPAPI_SUCCESS);
        W_CHECK(w, SnmpFreeVbl(v) == SNMPAPI_SUCCESS);
        /* Freed handles stay dead for everyone. */
        W_CHECK(w, SnmpFreeVbl(v) == SNMPAPI_FAILURE);
    }
    round_ = -1;
    last_ = own;
    W_CHECK(w, SnmpClose(own) == SNMPAPI_SUCCESS);
out:
    return;
}

#ifdef _WIN32
static DWORD WINAPI thread_main(LPVOID arg) { work(arg); return 0; }
static int start(conf_thread *t, struct worker *w)
{
    *t = CreateThread(NULL, 0, thread_main, w, 0, NULL);
    return *t != NULL;
}
static void join(conf_thread t) { WaitForSingleObject(t, INFINITE); CloseHandle(t); }
#else
static void *thread_main(void *arg) { work(arg); return NULL; }
static int start(conf_thread *t, struct worker *w)
{
    return pthread_create(t, NULL, thread_main, w) == 0;
}
static void join(conf_thread t) { pthread_join(t, NULL); }
#endif

/* Fails the test with a worker's first failure, if it had one. */
static void report_worker(const struct worker *w)
{
    if (w->failures)
        fail_msg("thread %d: %d failure(s), first at test_threads.c:%d in round %d "
                 "(handle %#lx) with error %u (%s)", w->id, w->failures,
                 w->first_line, w->first_round, (unsigned long)w->handle,
                 w->first_err, conf_errname(w->first_err));
}

static void concurrent_local_exports(void **state)
{
    struct worker w[THREADS];
    conf_thread t[THREADS];
    int i, started;
    for (i = 0; i < THREADS; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].shared = FX(state);
        w[i].id = i + 1;
        if (!start(&t[i], &w[i]))
            break;
    }
    /* Join whatever started before failing anything: the workers use this
     * stack frame. */
    started = i;
    for (i = 0; i < started; i++)
        join(t[i]);
    assert_int_equal(started, THREADS);
    for (i = 0; i < THREADS; i++)
        report_worker(&w[i]);
    /* The shared session is intact and owns nothing left over that breaks it. */
    EXPECT_OK(SnmpCreatePdu(FX(state), SNMP_PDU_GET, 0, 0, 0, NULL));
}

/* Sessions closed by one thread while others create objects in their own
 * sessions: no cross-talk. */
static void concurrent_close(void **state)
{
    struct worker w[THREADS];
    conf_thread t[THREADS];
    int i, k, started, churn_failures = 0;
    (void)state;
    for (i = 0; i < THREADS; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].shared = SnmpCreateSession(NULL, 0, conf_callback, NULL);
        if (w[i].shared == NULL)
            w[i].failures = 1000;   /* reported after the join */
        w[i].id = 10 + i;
        if (!start(&t[i], &w[i]))
            break;
    }
    started = i;
    /* Meanwhile, churn sessions on this thread. The workers' deliberate
     * double frees set the process-wide last error concurrently, so only
     * return values are checked here, and nothing may fail (longjmp) before
     * the workers, which use this stack frame, are joined. */
    for (k = 0; k < 500; k++) {
        HSNMP_SESSION s = SnmpCreateSession(NULL, 0, conf_callback, NULL);
        if (s == NULL || SnmpCreateVbl(s, NULL, NULL) == NULL || SnmpClose(s) != SNMPAPI_SUCCESS)
            churn_failures++;
    }
    for (i = 0; i < started; i++)
        join(t[i]);
    assert_int_equal(started, THREADS);
    assert_int_equal(churn_failures, 0);
    for (i = 0; i < THREADS; i++) {
        report_worker(&w[i]);
        EXPECT_OK(SnmpClose(w[i].shared));
    }
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        CONF_TEST(concurrent_local_exports),
        CONF_TEST(concurrent_close),
    };
    return CONF_RUN("conformance.threads", tests);
}
