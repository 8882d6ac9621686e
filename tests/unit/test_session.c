/* test_session.c - SnmpOpen/SnmpCreateSession/SnmpClose, ownership, the
 * per-session last error, request ids, and alloc torture. */
#include "core_helpers.h"
#include "core/session.h"
#include "platform.h"

static SNMPAPI_STATUS CALLBACK cb(HSNMP_SESSION s, HWND w, UINT m, WPARAM wp, LPARAM lp,
                                  LPVOID d)
{
    (void)s; (void)w; (void)m; (void)wp; (void)lp; (void)d;
    return SNMPAPI_SUCCESS;
}

static void test_create_kinds(void **st)
{
    HSNMP_SESSION s1, s2, s3;
    struct ows_session *p;
    int data;
    (void)st;
    core_startup();
    /* Callback: hWnd/wMsg are not checked, and are kept for the callback. */
    s1 = SnmpCreateSession((HWND)(uintptr_t)0xdead, 1234, cb, &data);
    assert_non_null(s1);
    ows_lock();
    assert_int_equal(ows_session_get(OWS_H2V(s1), &p), OWS_OK);
    assert_ptr_equal(p->client_data, &data);
    assert_ptr_equal(p->hwnd, (void *)(uintptr_t)0xdead);
    assert_int_equal(p->wmsg, 1234);
    assert_non_null(p->callback);
    ows_object_put(&p->hdr);
    ows_unlock();
    /* Polling-only sessions: neither window nor callback. */
    s2 = SnmpCreateSession(NULL, 0, NULL, NULL);
    assert_non_null(s2);
    s3 = SnmpOpen(NULL, 0);
    assert_non_null(s3);
    assert_true(s1 != s2 && s2 != s3 && s1 != s3);
    assert_int_equal(ows_session_count(), 3);
    /* No POSIX value is a window: window sessions get HWND_INVALID. */
    assert_null(SnmpCreateSession((HWND)(uintptr_t)0x1234, 0x400, NULL, NULL));
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_HWND_INVALID);
    assert_null(SnmpOpen((HWND)(uintptr_t)0x1234, 0x400));
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_HWND_INVALID);
    assert_int_equal(SnmpClose(s1), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpClose(s2), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpClose(s3), SNMPAPI_SUCCESS);
    assert_int_equal(ows_session_count(), 0);
    core_cleanup();
}

static void test_close_invalid(void **st)
{
    HSNMP_SESSION s;
    HSNMP_ENTITY e;
    (void)st;
    core_startup();
    s = SnmpCreateSession(NULL, 0, cb, NULL);
    e = SnmpStrToEntity(s, "127.0.0.1");
    assert_non_null(e);
    assert_int_equal(SnmpClose(NULL), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_SESSION_INVALID);
    /* An entity handle is not a session. */
    assert_int_equal(SnmpClose((HSNMP_SESSION)e), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_SESSION_INVALID);
    assert_int_equal(SnmpClose((HSNMP_SESSION)(uintptr_t)0xFFFFFFFFFFFFull), SNMPAPI_FAILURE);
    assert_int_equal(SnmpClose(s), SNMPAPI_SUCCESS);
    /* Closing frees the entity it owned; both handles are now stale. */
    assert_int_equal(SnmpClose(s), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_SESSION_INVALID);
    assert_int_equal(SnmpFreeEntity(e), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ENTITY_INVALID);
    assert_int_equal(ows_handle_live(0), 0);
    core_cleanup();
}

static void test_close_frees_owned(void **st)
{
    HSNMP_SESSION s, other;
    HSNMP_CONTEXT c, oc;
    smiOCTETS comm = { 6, (smiLPBYTE) "public" };
    int i;
    (void)st;
    core_startup();
    s = SnmpCreateSession(NULL, 0, cb, NULL);
    other = SnmpCreateSession(NULL, 0, cb, NULL);
    for (i = 0; i < 50; i++) {
        assert_non_null(SnmpStrToEntity(s, "10.1.2.3"));
        assert_non_null(SnmpStrToContext(s, &comm));
    }
    c = SnmpStrToContext(s, &comm);
    oc = SnmpStrToContext(other, &comm);
    assert_int_equal(ows_handle_live(OWS_T_ENTITY), 50);
    assert_int_equal(ows_handle_live(OWS_T_CONTEXT), 52);
    assert_int_equal(SnmpClose(s), SNMPAPI_SUCCESS);
    assert_int_equal(ows_handle_live(OWS_T_ENTITY), 0);
    assert_int_equal(ows_handle_live(OWS_T_CONTEXT), 1);
    assert_int_equal(SnmpFreeContext(c), SNMPAPI_FAILURE);
    assert_int_equal(SnmpFreeContext(oc), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpClose(other), SNMPAPI_SUCCESS);
    core_cleanup();
}

static void test_per_session_last_error(void **st)
{
    HSNMP_SESSION s1, s2;
    HSNMP_ENTITY e;
    char buf[4];
    (void)st;
    core_startup();
    s1 = SnmpCreateSession(NULL, 0, cb, NULL);
    s2 = SnmpCreateSession(NULL, 0, cb, NULL);
    assert_int_equal(SnmpGetLastError(s1), 0);
    e = SnmpStrToEntity(s1, "127.0.0.1");
    /* A failure on s1's entity sets s1's error and the process one. */
    assert_int_equal(SnmpEntityToStr(e, sizeof(buf), buf), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(s1), SNMPAPI_OUTPUT_TRUNCATED);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_OUTPUT_TRUNCATED);
    assert_int_equal(SnmpGetLastError(s2), 0);
    assert_null(SnmpStrToEntity(s2, "no such host.invalid"));
    assert_int_equal(SnmpGetLastError(s2), SNMPAPI_ENTITY_UNKNOWN);
    assert_int_equal(SnmpGetLastError(s1), SNMPAPI_OUTPUT_TRUNCATED);
    /* An invalid session value yields SESSION_INVALID. */
    assert_int_equal(SnmpGetLastError((HSNMP_SESSION)e), SNMPAPI_SESSION_INVALID);
    assert_int_equal(SnmpClose(s1), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpGetLastError(s1), SNMPAPI_SESSION_INVALID);
    assert_int_equal(SnmpClose(s2), SNMPAPI_SUCCESS);
    core_cleanup();
}

static void test_request_ids(void **st)
{
    struct ows_session *s;
    int32_t prev, id;
    int i;
    (void)st;
    core_startup();
    ows_lock();
    assert_int_equal(ows_session_new(NULL, 0, NULL, NULL, &s), OWS_OK);
    prev = ows_session_new_request_id(s);
    assert_true(prev > 0);
    for (i = 0; i < 1000; i++) {
        id = ows_session_new_request_id(s);
        assert_true(id > 0);
        assert_int_not_equal(id, prev);
        prev = id;
    }
    /* Wrap: INT32_MAX is followed by 1, never 0 or negative. */
    s->next_request_id = 0x7FFFFFFF;
    assert_int_equal(ows_session_new_request_id(s), 0x7FFFFFFF);
    assert_int_equal(ows_session_new_request_id(s), 1);
    s->next_request_id = 0;
    assert_int_equal(ows_session_new_request_id(s), 1);
    ows_object_ref(&s->hdr);      /* keep it to call release twice */
    ows_session_release(s);
    assert_true(s->closing);
    assert_int_equal(s->hdr.handle, 0);
    ows_session_release(s);       /* second call: nothing */
    ows_object_put(&s->hdr);
    ows_unlock();
    core_cleanup();
}

static int create_one(void)
{
    HSNMP_SESSION s = SnmpCreateSession(NULL, 0, cb, NULL);
    if (!s)
        return 0;
    assert_int_equal(SnmpClose(s), SNMPAPI_SUCCESS);
    return 1;
}

static void test_alloc_torture(void **st)
{
    (void)st;
    core_startup();
    /* Empty table first, so the growth path fails too. */
    ows_lock();
    ows_handle_table_reset();
    ows_unlock();
    CORE_ALLOC_TORTURE(create_one(), 10);
    core_cleanup();
}

static void worker(void *arg)
{
    int i, *fails = arg;
    smiOCTETS comm = { 6, (smiLPBYTE) "public" };
    for (i = 0; i < 2000; i++) {
        HSNMP_SESSION s = SnmpCreateSession(NULL, 0, cb, NULL);
        HSNMP_ENTITY e = SnmpStrToEntity(s, "127.0.0.1:1161");
        HSNMP_CONTEXT c = SnmpStrToContext(s, &comm);
        if (!s || !e || !c)
            (*fails)++;
        if (i & 1)
            SnmpFreeEntity(e);
        if (SnmpClose(s) != SNMPAPI_SUCCESS)
            (*fails)++;
        /* Everything it owned is gone. */
        if (SnmpFreeContext(c) != SNMPAPI_FAILURE)
            (*fails)++;
    }
}

static void test_threads(void **st)
{
    ows_thread t[3];
    int fails[3] = { 0, 0, 0 }, i;
    (void)st;
    core_startup();
    for (i = 0; i < 3; i++)
        assert_int_equal(ows_thread_create(&t[i], worker, &fails[i]), OWS_OK);
    for (i = 0; i < 3; i++)
        ows_thread_join(t[i]);
    for (i = 0; i < 3; i++)
        assert_int_equal(fails[i], 0);
    assert_int_equal(ows_session_count(), 0);
    core_cleanup();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_kinds),
        cmocka_unit_test(test_close_invalid),
        cmocka_unit_test(test_close_frees_owned),
        cmocka_unit_test(test_per_session_last_error),
        cmocka_unit_test(test_request_ids),
        cmocka_unit_test(test_alloc_torture),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
