/* test_response_v1.c - an agent's SNMPv2 Response-PDU translated for an
 * SNMPv1 manager (RFC 3584 4.4): exceptions and Counter64 become noSuchName
 * at the first such varbind, SNMPv2 error codes map to SNMPv1 ones. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/alloc.h"
#include "core/pdu.h"
#include "core/response_v1.h"

static uint32_t n1[] = { 1, 3, 6, 1, 2, 1, 1, 1, 0 };
static uint32_t n2[] = { 1, 3, 6, 1, 2, 1, 1, 2, 0 };
static uint32_t n3[] = { 1, 3, 6, 1, 2, 1, 1, 3, 0 };

static void response(ows_pdu *p, ows_varbind vb[3], uint32_t s1, uint32_t s2, uint32_t s3)
{
    memset(p, 0, sizeof *p);
    memset(vb, 0, 3 * sizeof *vb);
    vb[0].name.ids = n1; vb[0].name.len = 9; vb[0].value.syntax = s1;
    vb[1].name.ids = n2; vb[1].name.len = 9; vb[1].value.syntax = s2;
    vb[2].name.ids = n3; vb[2].name.len = 9; vb[2].value.syntax = s3;
    vb[0].value.v.i = 7;
    vb[1].value.v.u64 = 5;
    vb[2].value.v.u = 9;
    p->type = OWS_PDU_RESPONSE;
    p->request_id = 42;
    p->vbl.items = vb;
    p->vbl.count = 3;
}

static void test_nothing_to_translate(void **st)
{
    ows_pdu in, out;
    ows_varbind vb[3];
    int conv = 7, status;
    (void)st;
    response(&in, vb, OWS_SYN_INT, OWS_SYN_CNTR32, OWS_SYN_TIMETICKS);
    memset(&out, 0xAB, sizeof out);
    assert_int_equal(ows_response_for_v1(&in, &out, &conv), OWS_OK);
    assert_int_equal(conv, 0);
    /* SNMPv1's own error codes pass as they are. */
    for (status = 1; status <= 5; status++) {
        in.error_status = status;
        in.error_index = 1;
        assert_int_equal(ows_response_for_v1(&in, &out, &conv), OWS_OK);
        assert_int_equal(conv, 0);
    }
}

static void test_exceptions(void **st)
{
    static const uint32_t kinds[] = { OWS_SYN_NOSUCHOBJECT, OWS_SYN_NOSUCHINSTANCE,
                                      OWS_SYN_ENDOFMIBVIEW, OWS_SYN_CNTR64 };
    ows_pdu in, out;
    ows_varbind vb[3];
    int conv, k;
    (void)st;
    for (k = 0; k < 4; k++) {
        response(&in, vb, OWS_SYN_INT, kinds[k], OWS_SYN_ENDOFMIBVIEW);
        assert_int_equal(ows_response_for_v1(&in, &out, &conv), OWS_OK);
        assert_int_equal(conv, 1);
        assert_int_equal(out.type, OWS_PDU_RESPONSE);
        assert_int_equal(out.request_id, 42);
        assert_int_equal(out.error_status, 2);   /* noSuchName */
        assert_int_equal(out.error_index, 2);    /* the first such varbind */
        assert_int_equal(out.vbl.count, 3);
        assert_int_equal(out.vbl.items[0].value.syntax, OWS_SYN_INT);
        assert_int_equal(out.vbl.items[0].value.v.i, 7);
        assert_int_equal(out.vbl.items[1].value.syntax, OWS_SYN_NULL);
        assert_int_equal(out.vbl.items[2].value.syntax, OWS_SYN_NULL);
        assert_memory_equal(out.vbl.items[1].name.ids, n2, sizeof n2);
        /* The input is only read. */
        assert_int_equal(in.vbl.items[1].value.syntax, kinds[k]);
        assert_int_equal(in.error_status, 0);
        ows_pdu_free(&out);
    }
}

static void test_error_codes(void **st)
{
    /* RFC 3584 4.4: SNMPv2 error-status -> SNMPv1 error-status. */
    static const int32_t map[][2] = {
        { 6, 2 }, { 7, 3 }, { 8, 3 }, { 9, 3 }, { 10, 3 }, { 11, 2 }, { 12, 3 },
        { 13, 5 }, { 14, 5 }, { 15, 5 }, { 16, 2 }, { 17, 2 }, { 18, 2 } };
    ows_pdu in, out;
    ows_varbind vb[3];
    int conv;
    size_t i;
    (void)st;
    for (i = 0; i < sizeof map / sizeof map[0]; i++) {
        response(&in, vb, OWS_SYN_INT, OWS_SYN_CNTR32, OWS_SYN_TIMETICKS);
        in.error_status = map[i][0];
        in.error_index = 3;
        assert_int_equal(ows_response_for_v1(&in, &out, &conv), OWS_OK);
        assert_int_equal(conv, 1);
        assert_int_equal(out.error_status, map[i][1]);
        assert_int_equal(out.error_index, 3);
        ows_pdu_free(&out);
    }
    /* An error the agent reported wins over an exception value. */
    response(&in, vb, OWS_SYN_NOSUCHOBJECT, OWS_SYN_CNTR32, OWS_SYN_TIMETICKS);
    in.error_status = 17;
    in.error_index = 3;
    assert_int_equal(ows_response_for_v1(&in, &out, &conv), OWS_OK);
    assert_int_equal(out.error_status, 2);
    assert_int_equal(out.error_index, 3);
    assert_int_equal(out.vbl.items[0].value.syntax, OWS_SYN_NULL);
    ows_pdu_free(&out);
}

static void test_alloc_failure(void **st)
{
    ows_pdu in, out;
    ows_varbind vb[3];
    int conv = 5, k, err = OWS_E_ALLOC;
    long live = ows_alloc_live();
    (void)st;
    response(&in, vb, OWS_SYN_INT, OWS_SYN_ENDOFMIBVIEW, OWS_SYN_INT);
    for (k = 0; err && k < 20; k++) {
        ows_alloc_fail_after(k);
        err = ows_response_for_v1(&in, &out, &conv);
        ows_alloc_fail_after(-1);
        if (err) {
            assert_int_equal(err, OWS_E_ALLOC);
            assert_int_equal(ows_alloc_live(), live);
        }
    }
    assert_int_equal(err, OWS_OK);
    assert_int_equal(conv, 1);
    ows_pdu_free(&out);
    assert_int_equal(ows_alloc_live(), live);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nothing_to_translate),
        cmocka_unit_test(test_exceptions),
        cmocka_unit_test(test_error_codes),
        cmocka_unit_test(test_alloc_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
