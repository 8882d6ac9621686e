/* test_platform.c - the POSIX platform layer: locks, condition variables,
 * threads, clock, notification stubs, name resolution, UDP sockets and the
 * poller. Loopback only; every socket is closed and every thread joined. */
#include "core_helpers.h"
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include "platform.h"

static ows_mutex smutex = OWS_MUTEX_INIT;

struct shared {
    ows_mutex m;
    ows_cond c;
    int counter;
    int flag;
    ows_poller *poller;
};

static void worker_count(void *arg)
{
    struct shared *sh = arg;
    int i;
    for (i = 0; i < 10000; i++) {
        ows_mutex_lock(&sh->m);
        sh->counter++;
        ows_mutex_unlock(&sh->m);
    }
}

static void test_mutex_threads(void **st)
{
    struct shared sh;
    ows_thread t1, t2;
    (void)st;
    memset(&sh, 0, sizeof(sh));
    ows_mutex_init(&sh.m);
    assert_int_equal(ows_thread_create(&t1, worker_count, &sh), OWS_OK);
    assert_int_equal(ows_thread_create(&t2, worker_count, &sh), OWS_OK);
    ows_thread_join(t1);
    ows_thread_join(t2);
    assert_int_equal(sh.counter, 20000);
    ows_mutex_destroy(&sh.m);
    /* The statically initialised mutex works without init. */
    ows_mutex_lock(&smutex);
    ows_mutex_unlock(&smutex);
}

static void worker_signal(void *arg)
{
    struct shared *sh = arg;
    ows_sleep_ms(20);
    ows_mutex_lock(&sh->m);
    sh->flag = 1;
    ows_cond_signal(&sh->c);
    ows_mutex_unlock(&sh->m);
}

static void test_cond(void **st)
{
    struct shared sh;
    ows_thread t;
    uint64_t t0;
    int i;
    (void)st;
    memset(&sh, 0, sizeof(sh));
    ows_mutex_init(&sh.m);
    assert_int_equal(ows_cond_init(&sh.c), OWS_OK);
    /* A timed wait with nobody signalling times out after about the time. */
    ows_mutex_lock(&sh.m);
    t0 = ows_clock_ns();
    assert_int_equal(ows_cond_wait(&sh.c, &sh.m, 30), OWS_E_TL_TIMEOUT);
    assert_true(ows_clock_ns() - t0 >= 25000000u);
    ows_mutex_unlock(&sh.m);
    /* A signal from another thread ends the wait (bounded loop for spurious wake-ups). */
    assert_int_equal(ows_thread_create(&t, worker_signal, &sh), OWS_OK);
    ows_mutex_lock(&sh.m);
    for (i = 0; i < 100 && !sh.flag; i++)
        ows_cond_wait(&sh.c, &sh.m, 5000);
    assert_int_equal(sh.flag, 1);
    ows_mutex_unlock(&sh.m);
    ows_thread_join(t);
    ows_cond_broadcast(&sh.c);
    ows_cond_destroy(&sh.c);
    ows_mutex_destroy(&sh.m);
}

static void test_lock_wait(void **st)
{
    ows_cond c;
    (void)st;
    assert_int_equal(ows_cond_init(&c), OWS_OK);
    ows_lock();
    assert_int_equal(ows_lock_wait(&c, 10), OWS_E_TL_TIMEOUT);
    assert_true(ows_lock_held());
    ows_unlock();
    ows_cond_destroy(&c);
}

static uint64_t other_id;
static void worker_id(void *arg)
{
    (void)arg;
    other_id = ows_thread_id();
}

static void test_thread_ids_and_clock(void **st)
{
    ows_thread t;
    uint64_t a, b, me = ows_thread_id();
    (void)st;
    assert_int_not_equal(me, 0);
    assert_int_equal(ows_thread_id(), me);
    assert_int_equal(ows_thread_create(&t, worker_id, NULL), OWS_OK);
    ows_thread_join(t);
    assert_int_not_equal(other_id, 0);
    assert_int_not_equal(other_id, me);
    a = ows_clock_ns();
    ows_sleep_ms(15);
    b = ows_clock_ns();
    assert_true(b - a >= 14000000u);
    assert_true(b - a < 5000000000u);
    /* Thread creation failing on allocation. */
    ows_alloc_fail_after(0);
    assert_int_equal(ows_thread_create(&t, worker_id, NULL), OWS_E_ALLOC);
    ows_alloc_fail_after(-1);
}

static uint32_t CALLBACK app_cb(HSNMP_SESSION s, HWND w, UINT m, WPARAM wp, LPARAM lp, LPVOID d)
{
    assert_ptr_equal(s, (void *)(uintptr_t)0x1234);
    assert_ptr_equal(w, (void *)(uintptr_t)0x99);
    assert_int_equal(m, 0x401);
    assert_int_equal(wp, 0);
    assert_int_equal(lp, -5);
    *(int *)d += 1;
    return SNMPAPI_SUCCESS;
}

static void test_notify(void **st)
{
    int calls = 0;
    (void)st;
    assert_false(ows_plat_is_window(NULL));
    assert_false(ows_plat_is_window((void *)(uintptr_t)0x1234));
    assert_int_equal(ows_plat_post_message((void *)(uintptr_t)0x1234, 1, 0, 0), OWS_E_HWND_INVALID);
    assert_int_equal(ows_plat_call_callback((ows_fnptr)app_cb, 0x1234, (void *)(uintptr_t)0x99,
                                            0x401, 0, -5, &calls), SNMPAPI_SUCCESS);
    assert_int_equal(calls, 1);
    {
        /* A trace line reaches descriptor 2 at once, in one piece. */
        int fds[2], saved;
        char buf[64];
        ssize_t got;
        assert_int_equal(pipe(fds), 0);
        saved = dup(2);
        assert_true(saved >= 0 && dup2(fds[1], 2) == 2);
        ows_plat_trace_line("a trace line\n", 13);
        dup2(saved, 2);
        close(saved);
        close(fds[1]);
        got = read(fds[0], buf, sizeof buf);
        close(fds[0]);
        assert_int_equal(got, 13);
        assert_memory_equal(buf, "a trace line\n", 13);
    }
    setenv("OWS_TEST_ENV", "abc", 1);
    assert_string_equal(ows_plat_getenv("OWS_TEST_ENV"), "abc");
    unsetenv("OWS_TEST_ENV");
    assert_null(ows_plat_getenv("OWS_TEST_ENV"));
}

static void test_resolve(void **st)
{
    struct ows_addr a;
    char buf[OWS_ADDR_STRLEN];
    (void)st;
    assert_int_equal(ows_resolve("192.0.2.7", 0, &a), OWS_OK);
    assert_int_equal(a.family, OWS_AF_INET);
    assert_int_equal(a.bytes[0], 192);
    assert_int_equal(a.bytes[3], 7);
    assert_int_equal(ows_addr_to_str(&a, buf, sizeof(buf)), OWS_OK);
    assert_string_equal(buf, "192.0.2.7");
    assert_int_equal(ows_addr_to_str(&a, buf, 9), OWS_E_OUTPUT_TRUNCATED);
    assert_int_equal(ows_addr_to_str(&a, buf, 10), OWS_OK);
    assert_int_equal(ows_resolve("2001:db8::1", 0, &a), OWS_OK);
    assert_int_equal(a.family, OWS_AF_INET6);
    assert_int_equal(ows_addr_to_str(&a, buf, sizeof(buf)), OWS_OK);
    assert_string_equal(buf, "2001:db8::1");
    assert_int_equal(ows_resolve("localhost", 0, &a), OWS_OK);
    assert_int_equal(a.family, OWS_AF_INET);     /* IPv4 preferred */
    assert_int_equal(ows_resolve("::1", OWS_AF_INET, &a), OWS_E_ENTITY_UNKNOWN);
    assert_int_equal(ows_resolve("", 0, &a), OWS_E_ENTITY_UNKNOWN);
    assert_int_equal(ows_resolve(NULL, 0, &a), OWS_E_ENTITY_UNKNOWN);
    assert_int_equal(ows_resolve("bad name.invalid", 0, &a), OWS_E_ENTITY_UNKNOWN);
    a.family = 0;
    assert_int_equal(ows_addr_to_str(&a, buf, sizeof(buf)), OWS_E_OTHER);
}

static void loopback(int family, struct ows_addr *a)
{
    memset(a, 0, sizeof(*a));
    a->family = (uint16_t)family;
    if (family == OWS_AF_INET) {
        a->bytes[0] = 127;
        a->bytes[3] = 1;
    } else {
        a->bytes[15] = 1;
    }
}

/* Starts the socket library and opens n sockets bound to the family's
 * loopback address (an ephemeral port each), with their addresses in b;
 * skips the test when the machine has no IPv6. */
static void open_bound(int family, unsigned n, ows_sock *s, struct ows_addr *b)
{
    struct ows_addr a;
    int err;
    assert_int_equal(ows_sock_startup(), OWS_OK);
    loopback(family, &a);
    err = ows_sock_open(family, &s[0]);
    if (family == OWS_AF_INET6 && err) {
        ows_sock_cleanup();
        skip();                          /* no IPv6 on this machine */
    }
    assert_int_equal(err, OWS_OK);
    for (unsigned i = 1; i < n; i++)
        assert_int_equal(ows_sock_open(family, &s[i]), OWS_OK);
    for (unsigned i = 0; i < n; i++) {
        assert_int_equal(ows_sock_bind(s[i], &a), OWS_OK);
        assert_int_equal(ows_sock_local_addr(s[i], &b[i]), OWS_OK);
    }
}

static void udp_round_trip(int family)
{
    ows_sock s[2], s1, s2, s3;
    struct ows_addr b[2], b1, b2, from;
    char buf[16];
    size_t got;
    int err;

    open_bound(family, 2, s, b);
    s1 = s[0];
    s2 = s[1];
    b1 = b[0];
    b2 = b[1];
    assert_int_equal(b1.family, family);
    assert_int_not_equal(b1.port, 0);
    /* Nothing pending: NOOP, without blocking. */
    assert_int_equal(ows_sock_recvfrom(s2, buf, sizeof(buf), &got, &from), OWS_E_NOOP);
    assert_int_equal(ows_sock_sendto(s1, "hello", 5, &b2), OWS_OK);
    {
        ows_poller *p;
        uint8_t ready[1];
        ows_sock socks[1] = { s2 };
        assert_int_equal(ows_poller_new(&p, 1), OWS_OK);
        assert_int_equal(ows_poller_wait(p, socks, 1, ready, 2000, NULL), 1);
        assert_int_equal(ready[0], 1);
        ows_poller_free(p);
    }
    assert_int_equal(ows_sock_recvfrom(s2, buf, sizeof(buf), &got, &from), OWS_OK);
    assert_int_equal(got, 5);
    assert_memory_equal(buf, "hello", 5);
    assert_int_equal(from.port, b1.port);
    /* A datagram longer than the buffer is truncated and reported. */
    assert_int_equal(ows_sock_sendto(s1, "0123456789abcdefXYZ", 19, &b2), OWS_OK);
    ows_sleep_ms(10);
    assert_int_equal(ows_sock_recvfrom(s2, buf, sizeof(buf), &got, NULL), OWS_E_TL_PDU_TOO_BIG);
    assert_int_equal(got, sizeof(buf));
    /* The same port twice: TL_IN_USE. */
    assert_int_equal(ows_sock_open(family, &s3), OWS_OK);
    assert_int_equal(ows_sock_bind(s3, &b1), OWS_E_TL_IN_USE);
    ows_sock_close(s3);
    /* Sending to a closed port: the ICMP error is swallowed by recvfrom. */
    ows_sock_close(s2);
    assert_int_equal(ows_sock_sendto(s1, "x", 1, &b2), OWS_OK);
    ows_sleep_ms(10);
    err = ows_sock_recvfrom(s1, buf, sizeof(buf), &got, NULL);
    assert_int_equal(err, OWS_E_NOOP);
    ows_sock_close(s1);
    ows_sock_close(OWS_SOCK_INVALID);
    ows_sock_cleanup();
}

static void test_udp_v4(void **st) { (void)st; udp_round_trip(OWS_AF_INET); }
static void test_udp_v6(void **st) { (void)st; udp_round_trip(OWS_AF_INET6); }

static void test_socket_errors(void **st)
{
    ows_sock s;
    struct ows_addr bad;
    (void)st;
    assert_int_equal(ows_sock_open(5, &s), OWS_E_TL_NOT_SUPPORTED);
    assert_int_equal(s, OWS_SOCK_INVALID);
    assert_int_equal(ows_sock_open(OWS_AF_INET, &s), OWS_OK);
    memset(&bad, 0, sizeof(bad));
    assert_int_equal(ows_sock_bind(s, &bad), OWS_E_TL_INVALID_PARAM);
    assert_int_equal(ows_sock_sendto(s, "x", 1, &bad), OWS_E_TL_INVALID_PARAM);
    ows_sock_close(s);
    assert_int_equal(ows_sock_error_map(0), OWS_OK);
    assert_int_equal(ows_sock_error_map(EADDRINUSE), OWS_E_TL_IN_USE);
    assert_int_equal(ows_sock_error_map(EMSGSIZE), OWS_E_TL_PDU_TOO_BIG);
    assert_int_equal(ows_sock_error_map(ENETUNREACH), OWS_E_TL_UNDELIVERABLE);
    assert_int_equal(ows_sock_error_map(EMFILE), OWS_E_TL_RESOURCE_ERROR);
    assert_int_equal(ows_sock_error_map(EAFNOSUPPORT), OWS_E_TL_NOT_SUPPORTED);
    assert_int_equal(ows_sock_error_map(EADDRNOTAVAIL), OWS_E_TL_SRC_INVALID);
    assert_int_equal(ows_sock_error_map(EINVAL), OWS_E_TL_INVALID_PARAM);
    assert_int_equal(ows_sock_error_map(EIO), OWS_E_TL_OTHER);
    errno = EMSGSIZE;
    assert_int_equal(ows_sock_last_error(), EMSGSIZE);
}

static void worker_wake(void *arg)
{
    struct shared *sh = arg;
    ows_sleep_ms(30);
    ows_poller_wake(sh->poller);
}

static void test_poller_timeout_and_wake(void **st)
{
    struct shared sh;
    ows_thread t;
    uint8_t ready[1];
    int woken = 0;
    uint64_t t0;
    (void)st;
    memset(&sh, 0, sizeof(sh));
    assert_int_equal(ows_poller_new(&sh.poller, 0), OWS_OK);
    t0 = ows_clock_ns();
    assert_int_equal(ows_poller_wait(sh.poller, NULL, 0, ready, 40, &woken), 0);
    assert_int_equal(woken, 0);
    assert_true(ows_clock_ns() - t0 >= 35000000u);
    /* A wake from another thread ends an unbounded wait. */
    assert_int_equal(ows_thread_create(&t, worker_wake, &sh), OWS_OK);
    assert_int_equal(ows_poller_wait(sh.poller, NULL, 0, ready, 5000, &woken), 0);
    assert_int_equal(woken, 1);
    ows_thread_join(t);
    /* Many wakes collapse into one and are consumed. */
    {
        int i;
        for (i = 0; i < 100; i++)
            assert_int_equal(ows_poller_wake(sh.poller), OWS_OK);
        assert_int_equal(ows_poller_wait(sh.poller, NULL, 0, ready, 1000, &woken), 0);
        assert_int_equal(woken, 1);
        assert_int_equal(ows_poller_wait(sh.poller, NULL, 0, ready, 0, &woken), 0);
        assert_int_equal(woken, 0);
    }
    ows_poller_free(sh.poller);
    ows_poller_free(NULL);
    /* Allocation failures: the poller itself, then its array; neither
     * leaves anything behind. */
    {
        long live = ows_alloc_live();
        ows_alloc_fail_after(0);
        assert_int_equal(ows_poller_new(&sh.poller, 4), OWS_E_ALLOC);
        ows_alloc_fail_after(1);
        assert_int_equal(ows_poller_new(&sh.poller, 4), OWS_E_ALLOC);
        ows_alloc_fail_after(-1);
        assert_int_equal(ows_alloc_live(), live);
    }
    /* Growing past the room it was made with can fail too. */
    assert_int_equal(ows_poller_new(&sh.poller, 0), OWS_OK);
    ows_alloc_fail_after(0);
    {
        ows_sock one[1] = { OWS_SOCK_INVALID };
        assert_int_equal(ows_poller_wait(sh.poller, one, 1, ready, 0, NULL), OWS_E_ALLOC);
    }
    ows_alloc_fail_after(-1);
    ows_poller_free(sh.poller);
}

/* The poller makes its array when it is made: waiting on up to `room`
 * sockets allocates nothing, so the engine thread's first wait (which may
 * run long after SnmpStartup has returned) cannot change the count of live
 * allocations behind the application's back (the cause of unit.test_rxitem's
 * rare "9 != 8"). More sockets than that grow it. */
static void test_poller_room(void **st)
{
    ows_poller *p;
    ows_sock socks[4];
    uint8_t ready[4];
    unsigned long count;
    long live;
    int i;
    (void)st;
    assert_int_equal(ows_sock_startup(), OWS_OK);
    for (i = 0; i < 4; i++)
        assert_int_equal(ows_sock_open(OWS_AF_INET, &socks[i]), OWS_OK);
    live = ows_alloc_live();
    assert_int_equal(ows_poller_new(&p, 3), OWS_OK);
    count = ows_alloc_count();
    assert_int_equal(ows_poller_wait(p, NULL, 0, ready, 0, NULL), 0);
    assert_int_equal(ows_poller_wait(p, socks, 3, ready, 0, NULL), 0);
    assert_int_equal(ows_alloc_count(), count);
    assert_int_equal(ows_poller_wait(p, socks, 4, ready, 0, NULL), 0);
    assert_int_equal(ows_alloc_count(), count + 1);
    ows_poller_free(p);
    assert_int_equal(ows_alloc_live(), live);
    for (i = 0; i < 4; i++)
        ows_sock_close(socks[i]);
    ows_sock_cleanup();
}

/* A batch send delivers each datagram as it was, in order, whatever runs
 * it is cut into (on Linux, runs of one size to one destination leave as
 * one segmented send): runs of equal datagrams, a shorter one ending a run,
 * a longer one starting the next, a change of destination, an empty one. */
static void batch_send_exact(int family)
{
    static const size_t lens[] = { 41, 41, 41, 41, 40, 41, 41, 300, 300, 7, 7, 7, 0, 1, 1,
                                   41, 41, 41, 41, 41, 41, 41, 41, 41, 41 };
    enum { N = sizeof lens / sizeof lens[0] };
    static uint8_t data[N][300], in[N][400];
    struct ows_dgram out[N], rx[N];
    struct ows_addr b[3], b2, b3;
    ows_sock s[3], s1, s2, s3;
    unsigned i, seen2 = 0, seen3 = 0;
    int err, tries;

    open_bound(family, 3, s, b);
    s1 = s[0];
    s2 = s[1];
    s3 = s[2];
    b2 = b[1];
    b3 = b[2];
    for (i = 0; i < N; i++) {
        memset(data[i], (int)(i + 1), sizeof data[i]);
        data[i][0] = (uint8_t)i;   /* a sequence number in every non-empty one */
        out[i].buf = data[i];
        out[i].len = lens[i];
        /* Datagrams 5 and 6 go elsewhere, in the middle of a run. */
        out[i].addr = (i == 5 || i == 6) ? b3 : b2;
    }
    assert_int_equal(ows_sock_send_batch(s1, out, N, &err), N);
    assert_int_equal(err, OWS_OK);
    for (i = 0; i < N; i++) {
        rx[i].buf = in[i];
        rx[i].cap = sizeof in[i];
    }
    /* Loopback delivers at once; a few tries only for a busy machine. */
    for (tries = 0; tries < 200 && seen2 + seen3 < N; tries++) {
        int got = ows_sock_recv_batch(seen2 < N - 2 ? s2 : s3, rx, N);
        assert_true(got >= 0);
        for (int k = 0; k < got; k++) {
            unsigned want = seen2 < N - 2 ? (seen2 < 5 ? seen2 : seen2 + 2) : 5 + seen3;
            assert_int_equal(rx[k].err, OWS_OK);
            assert_int_equal(rx[k].len, lens[want]);
            assert_memory_equal(rx[k].buf, data[want], lens[want]);
            if (seen2 < N - 2)
                seen2++;
            else
                seen3++;
        }
        if (got == 0)
            ows_sleep_ms(5);
    }
    assert_int_equal(seen2, N - 2);
    assert_int_equal(seen3, 2);
    ows_sock_close(s1);
    ows_sock_close(s2);
    ows_sock_close(s3);
    ows_sock_cleanup();
}

static void test_batch_send_v4(void **st) { (void)st; batch_send_exact(OWS_AF_INET); }
static void test_batch_send_v6(void **st) { (void)st; batch_send_exact(OWS_AF_INET6); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mutex_threads),
        cmocka_unit_test(test_cond),
        cmocka_unit_test(test_lock_wait),
        cmocka_unit_test(test_thread_ids_and_clock),
        cmocka_unit_test(test_notify),
        cmocka_unit_test(test_resolve),
        cmocka_unit_test(test_udp_v4),
        cmocka_unit_test(test_udp_v6),
        cmocka_unit_test(test_socket_errors),
        cmocka_unit_test(test_batch_send_v4),
        cmocka_unit_test(test_batch_send_v6),
        cmocka_unit_test(test_poller_timeout_and_wake),
        cmocka_unit_test(test_poller_room),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
