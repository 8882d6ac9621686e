/* test_lockwait.c - every place where an export drops the API lock to wait,
 * raced against SnmpClose/SnmpCleanup (issue 9).
 *
 * The waits: SnmpListen/SnmpListenEx and SnmpRegister binding a port this
 * process released a moment ago (the engine closes released sockets between
 * two polls, so the export waits for it), SnmpClose waiting for its
 * session's callback to return, and SnmpStrToEntity resolving a name. While
 * one thread waits there, another closes the session (or cleans the library
 * up); the waiting export must then fail with the documented error, leave no
 * socket or handle behind and touch nothing that was freed. The engine is
 * kept busy by a slow callback (a timeout report that the callback holds
 * for a while), as in the program that found the use-after-free. Run under
 * ASan (native build) and TSan (label tsan). SnmpSendMsg never waits (its
 * socket binds an ephemeral port), and callbacks run with the lock dropped
 * on the engine thread, which the wire tests exercise.
 *
 * Ports: OWS_RACE_PORT and the next 3 (cmake/test_ports.cmake).
 * Every wait is bounded; every thread is joined. */
#include "api_helpers.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

static atomic_int cb_busy, cb_release;

static void sleep_ms(unsigned ms)
{
    struct timespec ts = { (time_t)(ms / 1000u), (long)(ms % 1000u) * 1000000L };
    nanosleep(&ts, NULL);
}

static unsigned port_base(void)
{
    const char *p = getenv("OWS_RACE_PORT");
    unsigned v = p ? (unsigned)strtoul(p, NULL, 10) : 0u;
    return v ? v : 16181u;
}

static const char *addr_at(unsigned port)
{
    static char buf[4][32];
    static int k;
    char *b = buf[k++ & 3];
    snprintf(b, 32, "127.0.0.1:%u", port);
    return b;
}

/* The slow application callback: a timeout report keeps the engine thread
 * here until the test lets it go (at most 5 s). */
static SNMPAPI_STATUS CALLBACK slow_callback(HSNMP_SESSION s, HWND w, UINT m, WPARAM wp,
                                             LPARAM lp, LPVOID data)
{
    int i;
    (void)s; (void)w; (void)m; (void)lp; (void)data;
    if (wp != 0) {
        atomic_store(&cb_busy, 1);
        for (i = 0; i < 500 && !atomic_load(&cb_release); i++)
            sleep_ms(10);
    }
    return SNMPAPI_SUCCESS;
}

/* Opens a callback session whose one request (to a port nobody answers)
 * times out at once, and waits until its callback holds the engine. */
static HSNMP_SESSION busy_engine(void)
{
    smiOCTETS com = { 6, (smiLPBYTE)"public" };
    HSNMP_SESSION a;
    HSNMP_ENTITY silent;
    HSNMP_CONTEXT ctx;
    HSNMP_VBL vbl;
    HSNMP_PDU pdu;
    int i;

    atomic_store(&cb_busy, 0);
    atomic_store(&cb_release, 0);
    a = SnmpCreateSession(NULL, 0, slow_callback, NULL);
    assert_non_null(a);
    silent = SnmpStrToEntity(a, addr_at(port_base() + 3));
    assert_non_null(silent);
    assert_int_equal(SnmpSetTimeout(silent, 1), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpSetRetry(silent, 1), SNMPAPI_SUCCESS);
    ctx = SnmpStrToContext(a, &com);
    vbl = SnmpCreateVbl(a, NULL, NULL);
    pdu = SnmpCreatePdu(a, SNMP_PDU_GET, 0, 0, 0, vbl);
    assert_non_null(pdu);
    assert_int_equal(SnmpSendMsg(a, NULL, silent, ctx, pdu), SNMPAPI_SUCCESS);
    for (i = 0; i < 500 && !atomic_load(&cb_busy); i++)
        sleep_ms(10);
    assert_true(atomic_load(&cb_busy));
    return a;
}

struct call {
    HSNMP_SESSION s;
    HSNMP_ENTITY e;
    SNMPAPI_STATUS result;
    smiUINT32 error;
    atomic_int started;
};

static void *listen_thread(void *arg)
{
    struct call *c = arg;
    atomic_store(&c->started, 1);
    c->result = SnmpListen(c->e, SNMPAPI_ON);
    c->error = SnmpGetLastError(NULL);
    return NULL;
}

static void *register_thread(void *arg)
{
    struct call *c = arg;
    atomic_store(&c->started, 1);
    c->result = SnmpRegister(c->s, NULL, c->e, NULL, NULL, SNMPAPI_ON);
    c->error = SnmpGetLastError(NULL);
    return NULL;
}

/* Starts fn on c, gives it time to reach its wait, closes c->s meanwhile,
 * then lets the engine go on and joins. */
static void race_close(void *(*fn)(void *), struct call *c, HSNMP_SESSION busy)
{
    pthread_t t;
    int i;
    atomic_store(&c->started, 0);
    assert_int_equal(pthread_create(&t, NULL, fn, c), 0);
    for (i = 0; i < 500 && !atomic_load(&c->started); i++)
        sleep_ms(1);
    /* The export waits up to ~1 s for the engine, which is held by the
     * slow callback: close its session in the middle of that wait. */
    sleep_ms(300);
    assert_int_equal(SnmpClose(c->s), SNMPAPI_SUCCESS);
    atomic_store(&cb_release, 1);
    assert_int_equal(pthread_join(t, NULL), 0);
    (void)busy;
}

/* SnmpListen waiting for the engine while SnmpClose closes the entity's
 * session: ENTITY_INVALID, and the port is free afterwards. */
static void test_listen_vs_close(void **st)
{
    unsigned port = port_base();
    HSNMP_SESSION busy, b, c;
    HSNMP_ENTITY e;
    struct call call;
    (void)st;

    busy = busy_engine();
    b = SnmpCreateSession(NULL, 0, NULL, NULL);
    e = SnmpStrToEntity(b, addr_at(port));
    assert_non_null(e);
    assert_int_equal(SnmpListen(e, SNMPAPI_ON), SNMPAPI_SUCCESS);
    /* Released, but not yet closed: the engine thread is busy. */
    assert_int_equal(SnmpListen(e, SNMPAPI_OFF), SNMPAPI_SUCCESS);

    memset(&call, 0, sizeof call);
    call.s = b;
    call.e = e;
    race_close(listen_thread, &call, busy);
    assert_int_equal(call.result, SNMPAPI_FAILURE);
    assert_int_equal(call.error, SNMPAPI_ENTITY_INVALID);

    /* Nothing of the closed session still holds the port. */
    c = SnmpCreateSession(NULL, 0, NULL, NULL);
    e = SnmpStrToEntity(c, addr_at(port));
    assert_int_equal(SnmpListen(e, SNMPAPI_ON), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpClose(c), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpClose(busy), SNMPAPI_SUCCESS);
}

/* SnmpRegister waiting for the engine to close the trap socket of the
 * previous registration while SnmpClose closes its session:
 * SESSION_INVALID, and the trap port is free afterwards. */
static void test_register_vs_close(void **st)
{
    unsigned port = port_base() + 1;
    HSNMP_SESSION busy, b, c;
    HSNMP_ENTITY agent;
    struct call call;
    (void)st;

    busy = busy_engine();
    c = SnmpCreateSession(NULL, 0, NULL, NULL);
    agent = SnmpStrToEntity(c, addr_at(port));   /* its port is the trap port */
    assert_int_equal(SnmpRegister(c, NULL, agent, NULL, NULL, SNMPAPI_ON), SNMPAPI_SUCCESS);
    /* The last registration goes: the trap socket is released, not closed. */
    assert_int_equal(SnmpRegister(c, NULL, agent, NULL, NULL, SNMPAPI_OFF), SNMPAPI_SUCCESS);

    b = SnmpCreateSession(NULL, 0, NULL, NULL);
    memset(&call, 0, sizeof call);
    call.s = b;
    call.e = SnmpStrToEntity(b, addr_at(port));
    race_close(register_thread, &call, busy);
    assert_int_equal(call.result, SNMPAPI_FAILURE);
    assert_int_equal(call.error, SNMPAPI_SESSION_INVALID);

    /* The trap port opens again for a live session, and closes with it. */
    assert_int_equal(SnmpRegister(c, NULL, agent, NULL, NULL, SNMPAPI_ON), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpClose(c), SNMPAPI_SUCCESS);
    c = SnmpCreateSession(NULL, 0, NULL, NULL);
    agent = SnmpStrToEntity(c, addr_at(port));
    assert_int_equal(SnmpRegister(c, NULL, agent, NULL, NULL, SNMPAPI_ON), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpClose(c), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpClose(busy), SNMPAPI_SUCCESS);
}

static void *close_thread(void *arg)
{
    struct call *c = arg;
    atomic_store(&c->started, 1);
    c->result = SnmpClose(c->s);
    return NULL;
}

static void *cleanup_thread(void *arg)
{
    struct call *c = arg;
    atomic_store(&c->started, 1);
    c->result = SnmpCleanup();
    return NULL;
}

/* SnmpClose waiting for its session's running callback while another
 * thread calls SnmpCleanup: both succeed, and the library starts again
 * with nothing left over. */
static void test_close_waiting_vs_cleanup(void **st)
{
    struct call closer, cleaner;
    pthread_t t1, t2;
    HSNMP_SESSION s;
    int i;
    (void)st;

    memset(&closer, 0, sizeof closer);
    memset(&cleaner, 0, sizeof cleaner);
    closer.s = busy_engine();
    assert_int_equal(pthread_create(&t1, NULL, close_thread, &closer), 0);
    for (i = 0; i < 500 && !atomic_load(&closer.started); i++)
        sleep_ms(1);
    sleep_ms(100);
    assert_int_equal(pthread_create(&t2, NULL, cleanup_thread, &cleaner), 0);
    sleep_ms(100);
    atomic_store(&cb_release, 1);
    assert_int_equal(pthread_join(t1, NULL), 0);
    assert_int_equal(pthread_join(t2, NULL), 0);
    assert_int_equal(closer.result, SNMPAPI_SUCCESS);
    assert_int_equal(cleaner.result, SNMPAPI_SUCCESS);
    assert_int_equal(ows_handle_live(0), 0);

    assert_int_equal(SnmpStartup(NULL, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
    s = SnmpCreateSession(NULL, 0, NULL, NULL);
    assert_non_null(s);
    assert_int_equal(SnmpClose(s), SNMPAPI_SUCCESS);
}

static void *resolve_thread(void *arg)
{
    struct call *c = arg;
    int i;
    atomic_store(&c->started, 1);
    /* Until the session goes (bounded): each call resolves a name with the
     * API lock dropped. */
    for (i = 0; i < 100000; i++) {
        c->e = SnmpStrToEntity(c->s, "localhost");
        if (!c->e)
            break;
    }
    c->error = SnmpGetLastError(NULL);
    return NULL;
}

/* SnmpStrToEntity resolving a name (API lock dropped) while SnmpClose closes
 * its session: it fails with SESSION_INVALID, and makes nothing. */
static void test_resolve_vs_close(void **st)
{
    struct call c;
    pthread_t t;
    int i;
    (void)st;
    memset(&c, 0, sizeof c);
    c.s = SnmpCreateSession(NULL, 0, NULL, NULL);
    assert_int_equal(pthread_create(&t, NULL, resolve_thread, &c), 0);
    for (i = 0; i < 500 && !atomic_load(&c.started); i++)
        sleep_ms(1);
    sleep_ms(20);
    assert_int_equal(SnmpClose(c.s), SNMPAPI_SUCCESS);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_null(c.e);
    assert_int_equal(c.error, SNMPAPI_SESSION_INVALID);
    assert_int_equal(ows_handle_live(0), 0);
}

static int setup(void **st)
{
    (void)st;
    return SnmpStartup(NULL, NULL, NULL, NULL, NULL) == SNMPAPI_SUCCESS ? 0 : -1;
}

static int teardown(void **st)
{
    (void)st;
    SnmpCleanup();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_listen_vs_close, setup, teardown),
        cmocka_unit_test_setup_teardown(test_register_vs_close, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_waiting_vs_cleanup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resolve_vs_close, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
