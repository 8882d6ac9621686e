/* test_alloc.c - the allocator's fail-injection hook and counters, and the
 * error-code X-macro mapping. */
#include "core_helpers.h"

static void test_fail_after(void **st)
{
    void *a, *b, *c;
    unsigned long count0 = ows_alloc_count();
    long live0 = ows_alloc_live();
    (void)st;
    ows_alloc_fail_after(2);
    a = ows_malloc(8);
    b = ows_calloc(2, 8);
    c = ows_malloc(8);
    assert_non_null(a);
    assert_non_null(b);
    assert_null(c);
    assert_null(ows_calloc(1, 1));        /* stays failing */
    assert_null(ows_realloc(NULL, 4));
    ows_alloc_fail_after(-1);
    assert_int_equal(ows_alloc_count(), count0 + 2);
    assert_int_equal(ows_alloc_live(), live0 + 2);
    ows_free(a);
    ows_free(b);
    ows_free(NULL);
    assert_int_equal(ows_alloc_live(), live0);
}

static void test_zero_budget_and_realloc(void **st)
{
    unsigned char *p, *q;
    (void)st;
    ows_alloc_fail_after(0);
    assert_null(ows_malloc(1));
    ows_alloc_fail_after(-1);
    p = ows_malloc(4);
    assert_non_null(p);
    memcpy(p, "abcd", 4);
    ows_alloc_fail_after(0);
    q = ows_realloc(p, 4096);
    ows_alloc_fail_after(-1);
    assert_null(q);
    assert_memory_equal(p, "abcd", 4);    /* untouched on failure */
    q = ows_realloc(p, 4096);
    assert_non_null(q);
    assert_memory_equal(q, "abcd", 4);
    ows_free(q);
    /* Zero sizes still give a unique, freeable pointer. */
    p = ows_malloc(0);
    assert_non_null(p);
    ows_free(p);
}

static void test_calloc_overflow(void **st)
{
    long live0 = ows_alloc_live();
    (void)st;
    assert_null(ows_calloc(SIZE_MAX / 2, 4));
    assert_null(ows_calloc(SIZE_MAX, SIZE_MAX));
    assert_int_equal(ows_alloc_live(), live0);
}

static void test_grow(void **st)
{
    int *a = NULL, *b;
    size_t cap = 0;
    long live0 = ows_alloc_live();
    (void)st;
    a = ows_grow(a, &cap, 3, sizeof(*a));
    assert_non_null(a);
    assert_int_equal(cap, 3);                 /* an empty array: exactly need */
    a[0] = 7; a[2] = 9;
    assert_ptr_equal(ows_grow(a, &cap, 2, sizeof(*a)), a);   /* room already */
    assert_int_equal(cap, 3);
    a = ows_grow(a, &cap, 4, sizeof(*a));
    assert_non_null(a);
    assert_int_equal(cap, 6);                 /* doubles when need is less */
    assert_int_equal(a[0], 7);
    assert_int_equal(a[2], 9);
    a = ows_grow(a, &cap, 20, sizeof(*a));
    assert_non_null(a);
    assert_int_equal(cap, 20);                /* need when that is more */
    /* A failure leaves the array and its capacity as they were. */
    ows_alloc_fail_after(0);
    b = ows_grow(a, &cap, 21, sizeof(*a));
    ows_alloc_fail_after(-1);
    assert_null(b);
    assert_int_equal(cap, 20);
    assert_int_equal(a[2], 9);
    assert_null(ows_grow(a, &cap, SIZE_MAX / 2, sizeof(*a)));   /* size overflow */
    assert_int_equal(cap, 20);
    ows_free(a);
    assert_int_equal(ows_alloc_live(), live0);
}

static void test_error_mapping(void **st)
{
    (void)st;
    assert_int_equal(ows_err_to_api(OWS_OK), 0);
    assert_int_equal(ows_err_to_api(OWS_E_ALLOC), SNMPAPI_ALLOC_ERROR);
    assert_int_equal(ows_err_to_api(OWS_E_SESSION_INVALID), SNMPAPI_SESSION_INVALID);
    assert_int_equal(ows_err_to_api(OWS_E_HWND_INVALID), SNMPAPI_HWND_INVALID);
    assert_int_equal(ows_err_to_api(OWS_E_OTHER), SNMPAPI_OTHER_ERROR);
    assert_int_equal(ows_err_to_api(OWS_E_TL_TIMEOUT), SNMPAPI_TL_TIMEOUT);
    assert_int_equal(ows_err_to_api(OWS_E_TL_OTHER), SNMPAPI_TL_OTHER);
    assert_int_equal(ows_err_to_api(OWS_E_BER_TAG), SNMPAPI_MESSAGE_INVALID);
    assert_int_equal(ows_err_to_api(OWS_E_BUFFER_SMALL), SNMPAPI_TL_PDU_TOO_BIG);
    /* Unknown values (garbage, positive) map to OTHER_ERROR. */
    assert_int_equal(ows_err_to_api(-1), SNMPAPI_OTHER_ERROR);
    assert_int_equal(ows_err_to_api(5), SNMPAPI_OTHER_ERROR);
    assert_int_equal(ows_err_to_api(OWS_ERROR_END_), SNMPAPI_OTHER_ERROR);
    assert_string_equal(ows_strerror(OWS_E_ALLOC), "memory allocation failed");
    assert_string_equal(ows_strerror(OWS_OK), "success");
    assert_string_equal(ows_strerror(12345), "unknown error");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fail_after),
        cmocka_unit_test(test_zero_budget_and_realloc),
        cmocka_unit_test(test_calloc_overflow),
        cmocka_unit_test(test_grow),
        cmocka_unit_test(test_error_mapping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
