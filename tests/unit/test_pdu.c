/* test_pdu.c - PDU operations and the PDU object behind a handle. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "core/pdu.h"
#include "core/vbl.h"
#include "core/alloc.h"
#include "core/error.h"
#include "core/handle.h"
#include "core/session.h"
#include "core/state.h"

static uint32_t n1[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 };
static ows_oid name1 = { 11, n1 };

/* A decoded v1 trap: the varbinds and the enterprise OID in one arena. */
struct fake_arena {
    ows_varbind items[1];
    uint32_t name[11];
    uint32_t enterprise[7];
};

static void make_v1_trap(ows_pdu *p)
{
    static const uint32_t ent[] = { 1, 3, 6, 1, 4, 1, 8072 };
    struct fake_arena *a = ows_calloc(1, sizeof *a);

    assert_non_null(a);
    ows_pdu_init(p);
    memcpy(a->name, n1, sizeof n1);
    memcpy(a->enterprise, ent, sizeof ent);
    a->items[0].name.len = 11;
    a->items[0].name.ids = a->name;
    a->items[0].value.syntax = OWS_SYN_NULL;
    p->type = OWS_PDU_V1TRAP;
    p->vbl.items = a->items;
    p->vbl.count = 1;
    p->vbl.arena = a;
    p->enterprise.len = 7;
    p->enterprise.ids = a->enterprise;
    p->generic_trap = 6;
    p->specific_trap = 17;
    p->time_stamp = 12345;
    memcpy(p->agent_addr, "\x7f\0\0\1", 4);
}

static void test_copy_free(void **st)
{
    ows_pdu a, b;
    long live = ows_alloc_live();

    (void)st;
    ows_pdu_init(&a);
    a.type = OWS_PDU_GETBULK;
    a.request_id = 99;
    a.error_status = 1;
    a.error_index = 10;
    assert_int_equal(ows_vbl_append(&a.vbl, &name1, NULL), OWS_OK);
    assert_int_equal(ows_pdu_copy(&b, &a), OWS_OK);
    assert_int_equal(b.type, OWS_PDU_GETBULK);
    assert_int_equal(b.request_id, 99);
    assert_int_equal(b.error_status, 1);
    assert_int_equal(b.error_index, 10);
    assert_int_equal(b.vbl.count, 1);
    assert_ptr_not_equal(b.vbl.items, a.vbl.items);
    ows_pdu_free(&a);
    assert_int_equal(a.vbl.count, 0);
    assert_int_equal(b.vbl.items[0].name.ids[10], 0);
    ows_pdu_free(&b);
    assert_int_equal(ows_alloc_live(), live);
}

static void test_v1_trap_copy(void **st)
{
    ows_pdu a, b;
    long live = ows_alloc_live(), k;
    int err;

    (void)st;
    make_v1_trap(&a);
    for (k = 0; k < 10; k++) {
        ows_alloc_fail_after(k);
        err = ows_pdu_copy(&b, &a);
        ows_alloc_fail_after(-1);
        if (!err)
            break;
        assert_int_equal(err, OWS_E_ALLOC);
        assert_int_equal(b.vbl.count, 0);
        assert_null(b.enterprise.ids);
        assert_int_equal(ows_alloc_live(), live + 1);
    }
    assert_int_equal(k, 3);   /* items, the varbind, the enterprise */
    ows_pdu_free(&a);          /* frees the arena and the enterprise with it */
    assert_int_equal(b.type, OWS_PDU_V1TRAP);
    assert_int_equal(b.enterprise.len, 7);
    assert_int_equal(b.enterprise.ids[6], 8072);
    assert_ptr_equal(b.enterprise.ids, b.vbl.arena);
    assert_int_equal(b.generic_trap, 6);
    assert_int_equal(b.specific_trap, 17);
    assert_int_equal(b.time_stamp, 12345);
    assert_memory_equal(b.agent_addr, "\x7f\0\0\1", 4);
    ows_pdu_free(&b);
    assert_int_equal(ows_alloc_live(), live);
}

static void test_types(void **st)
{
    (void)st;
    assert_true(ows_pdu_type_settable(OWS_PDU_GET));
    assert_true(ows_pdu_type_settable(OWS_PDU_GETNEXT));
    assert_true(ows_pdu_type_settable(OWS_PDU_RESPONSE));
    assert_true(ows_pdu_type_settable(OWS_PDU_SET));
    assert_true(ows_pdu_type_settable(OWS_PDU_GETBULK));
    assert_true(ows_pdu_type_settable(OWS_PDU_INFORM));
    assert_true(ows_pdu_type_settable(OWS_PDU_TRAP));
    assert_false(ows_pdu_type_settable(OWS_PDU_V1TRAP));
    assert_false(ows_pdu_type_settable(0));
    assert_false(ows_pdu_type_settable(0xA8));
    assert_false(ows_pdu_type_settable(-1));
}

static void test_pdu_object_wraps_decoded(void **st)
{
    struct ows_session *s = NULL;
    ows_pdu p;
    ows_pdu_obj *obj = NULL;
    ows_object *o = NULL;
    size_t before;
    long base, k;
    int err;

    (void)st;
    ows_lock();
    assert_int_equal(ows_session_new(NULL, 0, NULL, NULL, &s), OWS_OK);
    before = ows_handle_live(OWS_T_PDU);
    make_v1_trap(&p);
    base = ows_alloc_live();
    for (k = 0; k < 10; k++) {
        ows_alloc_fail_after(k);
        err = ows_pdu_obj_new(s, &p, &obj);
        ows_alloc_fail_after(-1);
        if (!err)
            break;
        assert_int_equal(err, OWS_E_ALLOC);
        assert_non_null(p.vbl.arena);   /* still the caller's */
        assert_int_equal(ows_alloc_live(), base);
        assert_int_equal(ows_handle_live(OWS_T_PDU), before);
    }
    assert_null(p.vbl.arena);          /* moved in, not copied */
    assert_int_equal(obj->pdu.enterprise.ids[6], 8072);
    assert_int_equal(ows_handle_get(obj->obj.handle, OWS_T_PDU, &o), OWS_OK);
    assert_ptr_equal(o->owner, s);
    ows_object_put(o);
    assert_int_equal(ows_handle_get(obj->obj.handle, OWS_T_VBL, &o), OWS_E_VBL_INVALID);
    ows_handle_delete(&obj->obj);
    assert_int_equal(ows_handle_live(OWS_T_PDU), before);
    ows_session_release(s);
    ows_unlock();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_copy_free),
        cmocka_unit_test(test_v1_trap_copy),
        cmocka_unit_test(test_types),
        cmocka_unit_test(test_pdu_object_wraps_decoded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
