/* test_descriptor.c - the output-descriptor registry. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "core/descriptor.h"
#include "core/alloc.h"
#include "core/error.h"
#include "core/state.h"

static int setup(void **st)
{
    (void)st;
    ows_lock();
    return 0;
}

static int teardown(void **st)
{
    (void)st;
    ows_desc_reset();
    ows_unlock();
    return 0;
}

static void test_alloc_free(void **st)
{
    static const uint8_t bytes[] = { 'p', 'u', 'b' };
    uint32_t ids[] = { 1, 3, 6 };
    ows_octets s;
    ows_oid o;

    (void)st;
    assert_int_equal(ows_desc_octets(&s, bytes, 3), OWS_OK);
    assert_int_equal(s.len, 3);
    assert_memory_equal(s.ptr, bytes, 3);
    assert_int_equal(ows_desc_oid(&o, ids, 3), OWS_OK);
    assert_memory_equal(o.ids, ids, sizeof ids);
    assert_int_equal(ows_desc_live(), 2);
    assert_true(ows_desc_registered(s.ptr));
    /* Syntax mix-ups are tolerated: the pointer decides. */
    assert_int_equal(ows_desc_free(OWS_SYN_OID, s.ptr), OWS_OK);
    assert_int_equal(ows_desc_free(OWS_SYN_OCTETS, o.ids), OWS_OK);
    assert_int_equal(ows_desc_live(), 0);
    assert_false(ows_desc_registered(s.ptr));
}

static void test_empty_descriptor_is_freeable(void **st)
{
    ows_octets s = { 99, NULL };
    ows_oid o = { 99, NULL };

    (void)st;
    assert_int_equal(ows_desc_octets(&s, NULL, 0), OWS_OK);
    assert_int_equal(s.len, 0);
    assert_non_null(s.ptr);
    assert_int_equal(ows_desc_oid(&o, NULL, 0), OWS_OK);
    assert_int_equal(o.len, 0);
    assert_non_null(o.ids);
    assert_int_equal(ows_desc_free(OWS_SYN_OCTETS, s.ptr), OWS_OK);
    assert_int_equal(ows_desc_free(OWS_SYN_OID, o.ids), OWS_OK);
}

static void test_bad_pointers(void **st)
{
    ows_octets s;
    int on_stack = 0;
    void *foreign = malloc(16);
    long live;

    (void)st;
    assert_int_equal(ows_desc_octets(&s, "ab", 2), OWS_OK);
    live = ows_alloc_live();
    /* Double free. */
    assert_int_equal(ows_desc_free(OWS_SYN_OCTETS, s.ptr), OWS_OK);
    assert_int_equal(ows_desc_free(OWS_SYN_OCTETS, s.ptr), OWS_E_OPERATION_INVALID);
    /* Foreign heap, stack, NULL, an interior pointer. */
    assert_int_equal(ows_desc_free(OWS_SYN_OCTETS, foreign), OWS_E_OPERATION_INVALID);
    assert_int_equal(ows_desc_free(OWS_SYN_OID, &on_stack), OWS_E_OPERATION_INVALID);
    assert_int_equal(ows_desc_free(OWS_SYN_OPAQUE, NULL), OWS_E_OPERATION_INVALID);
    assert_int_equal(ows_desc_octets(&s, "abcd", 4), OWS_OK);
    assert_int_equal(ows_desc_free(OWS_SYN_OCTETS, s.ptr + 1), OWS_E_OPERATION_INVALID);
    assert_int_equal(ows_alloc_live(), live);   /* only the last, live one */
    /* A bad syntax is refused even with a good pointer, which stays live. */
    assert_int_equal(ows_desc_free(OWS_SYN_INT, s.ptr), OWS_E_SYNTAX_INVALID);
    assert_int_equal(ows_desc_free(OWS_SYN_NULL, s.ptr), OWS_E_SYNTAX_INVALID);
    assert_int_equal(ows_desc_free(0x30, s.ptr), OWS_E_SYNTAX_INVALID);
    assert_int_equal(ows_desc_free(0xFFFFFFFFu, NULL), OWS_E_SYNTAX_INVALID);
    assert_true(ows_desc_registered(s.ptr));
    /* Every string/OID syntax frees. */
    assert_int_equal(ows_desc_free(OWS_SYN_IPADDR, s.ptr), OWS_OK);
    {
        static const uint32_t syn[] = { OWS_SYN_BITS, OWS_SYN_NSAPADDR, OWS_SYN_OPAQUE };
        size_t i;
        for (i = 0; i < 3; i++) {
            assert_int_equal(ows_desc_octets(&s, "x", 1), OWS_OK);
            assert_int_equal(ows_desc_free(syn[i], s.ptr), OWS_OK);
        }
    }
    free(foreign);
}

/* Many live descriptors freed in a scrambled order: exercises growth and
 * backward-shift deletion of the hash set. */
static void test_many(void **st)
{
    enum { N = 5000 };
    static uint8_t *ptrs[N];
    uint32_t i, j, x = 12345;
    ows_octets s;

    (void)st;
    for (i = 0; i < N; i++) {
        assert_int_equal(ows_desc_octets(&s, &i, sizeof i), OWS_OK);
        ptrs[i] = s.ptr;
    }
    assert_int_equal(ows_desc_live(), N);
    for (i = N - 1; i > 0; i--) {   /* Fisher-Yates with a fixed LCG */
        uint8_t *t;
        x = x * 1103515245u + 12345u;
        j = (x >> 8) % (i + 1);
        t = ptrs[i]; ptrs[i] = ptrs[j]; ptrs[j] = t;
    }
    for (i = 0; i < N; i++) {
        if (i % 2 == 0)
            continue;
        assert_int_equal(ows_desc_free(OWS_SYN_OCTETS, ptrs[i]), OWS_OK);
    }
    for (i = 0; i < N; i++)
        assert_int_equal(ows_desc_registered(ptrs[i]), i % 2 == 0);
    for (i = 0; i < N; i += 2)
        assert_int_equal(ows_desc_free(OWS_SYN_OCTETS, ptrs[i]), OWS_OK);
    assert_int_equal(ows_desc_live(), 0);
}

static void test_reset_frees_everything(void **st)
{
    long live;
    ows_octets s;
    int i;

    (void)st;
    ows_desc_reset();
    live = ows_alloc_live();
    for (i = 0; i < 100; i++)
        assert_int_equal(ows_desc_octets(&s, "abc", 3), OWS_OK);
    ows_desc_reset();
    assert_int_equal(ows_desc_live(), 0);
    assert_int_equal(ows_alloc_live(), live);
    /* Usable again after a reset. */
    assert_int_equal(ows_desc_octets(&s, "abc", 3), OWS_OK);
    assert_int_equal(ows_desc_free(OWS_SYN_OCTETS, s.ptr), OWS_OK);
}

static void test_discard(void **st)
{
    ows_octets s;
    int x;

    (void)st;
    assert_int_equal(ows_desc_octets(&s, "abc", 3), OWS_OK);
    ows_desc_discard(s.ptr);
    assert_false(ows_desc_registered(s.ptr));
    ows_desc_discard(&x);    /* unknown: ignored */
    ows_desc_discard(NULL);
}

static void test_alloc_torture(void **st)
{
    long live, k;
    ows_octets s = { 7, (uint8_t *)"keep" };

    (void)st;
    ows_desc_reset();          /* so the first call must also grow the set */
    live = ows_alloc_live();
    for (k = 0; k < 10; k++) {
        int err;

        ows_alloc_fail_after(k);
        err = ows_desc_octets(&s, "abc", 3);
        ows_alloc_fail_after(-1);
        if (!err)
            break;
        assert_int_equal(err, OWS_E_ALLOC);
        assert_int_equal(s.len, 7);   /* untouched */
        assert_int_equal(ows_desc_live(), 0);
        /* The grown set may stay (it is the registry's, not a leak); after
         * a reset nothing at all is left. */
        ows_desc_reset();
        assert_int_equal(ows_alloc_live(), live);
    }
    assert_int_equal(k, 2);   /* the set, then the block */
    assert_int_equal(ows_desc_free(OWS_SYN_OCTETS, s.ptr), OWS_OK);
    ows_alloc_fail_after(0);
    assert_null(ows_desc_alloc(4));   /* the set exists now: the block fails */
    ows_alloc_fail_after(-1);
    assert_int_equal(ows_desc_live(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_alloc_free, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_descriptor_is_freeable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_pointers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reset_frees_everything, setup, teardown),
        cmocka_unit_test_setup_teardown(test_discard, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alloc_torture, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
