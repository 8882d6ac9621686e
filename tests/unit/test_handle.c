/* test_handle.c - the handle table: garbage, stale, wrong-type and foreign
 * values, owner lists, closing sessions, 100,000 create/free cycles, slot
 * reuse delay and generation wrap. */
#include "core_helpers.h"
#include <stdlib.h>
#include "core/session.h"

static int destroyed;

static void obj_destroy(ows_object *o)
{
    destroyed++;
    ows_free(o);
}

static ows_object *new_obj(uint32_t type, struct ows_session *owner)
{
    /* Session-typed objects are read as struct ows_session (closing flag),
     * so every test object is that large. */
    ows_object *o = ows_calloc(1, sizeof(struct ows_session));
    assert_non_null(o);
    o->destroy = obj_destroy;
    assert_int_equal(ows_handle_new(o, type, owner), OWS_OK);
    return o;
}

static int expected_invalid(uint32_t type)
{
    switch (type) {
    case OWS_T_SESSION: return OWS_E_SESSION_INVALID;
    case OWS_T_ENTITY: return OWS_E_ENTITY_INVALID;
    case OWS_T_CONTEXT: return OWS_E_CONTEXT_INVALID;
    case OWS_T_PDU: return OWS_E_PDU_INVALID;
    default: return OWS_E_VBL_INVALID;
    }
}

static void test_garbage_values(void **st)
{
    static const uintptr_t fixed[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 0x10, 0x100, 0xFFFF,
                                       0x7FFFFFFF, 0x80000000u, 0xFFFFFFFFu,
                                       (uintptr_t)-1, (uintptr_t)&fixed };
    ows_object *o, *keep[8];
    uint32_t t;
    size_t i;
    (void)st;
    ows_lock();
    /* Some live objects so that the table is not empty. */
    for (i = 0; i < 8; i++)
        keep[i] = new_obj(OWS_T_SESSION + (uint32_t)(i % 5), NULL);
    srand(12345);
    for (t = OWS_T_SESSION; t <= OWS_T_VBL; t++) {
        for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
            assert_int_equal(ows_handle_get(fixed[i], t, &o), expected_invalid(t));
            assert_null(o);
        }
        for (i = 0; i < 20000; i++) {
            uintptr_t v = ((uintptr_t)rand() << 16) ^ (uintptr_t)rand();
            int err;
            if (sizeof(uintptr_t) == 8 && (i & 1))
                v |= (uintptr_t)rand() << 33;
            err = ows_handle_get(v, t, &o);
            if (err == OWS_OK) {
                /* A random value may only resolve to one of the live objects. */
                size_t j;
                int found = 0;
                for (j = 0; j < 8; j++)
                    found |= o == keep[j];
                assert_true(found);
                ows_object_put(o);
            } else {
                assert_int_equal(err, expected_invalid(t));
            }
        }
    }
    /* Unknown type tags are refused without looking. */
    assert_int_not_equal(ows_handle_get(keep[0]->handle, 0, &o), OWS_OK);
    assert_int_not_equal(ows_handle_get(keep[0]->handle, 6, &o), OWS_OK);
    for (i = 0; i < 8; i++)
        ows_handle_delete(keep[i]);
    assert_int_equal(ows_handle_live(0), 0);
    ows_unlock();
}

static void test_values_shape_and_wrong_type(void **st)
{
    ows_object *a, *b, *o;
    uint32_t t;
    (void)st;
    ows_lock();
    a = new_obj(OWS_T_PDU, NULL);
    b = new_obj(OWS_T_VBL, NULL);
    assert_int_not_equal(a->handle, 0);
    assert_true(a->handle < 0x80000000u);
    assert_int_not_equal(a->handle, b->handle);
    for (t = OWS_T_SESSION; t <= OWS_T_VBL; t++) {
        int err = ows_handle_get(a->handle, t, &o);
        if (t == OWS_T_PDU) {
            assert_int_equal(err, OWS_OK);
            assert_ptr_equal(o, a);
            assert_int_equal(a->refs, 2);
            ows_object_put(o);
        } else {
            /* A PDU handle passed to SnmpFreeVbl and friends. */
            assert_int_equal(err, expected_invalid(t));
        }
    }
    assert_int_equal(ows_handle_live(OWS_T_PDU), 1);
    assert_int_equal(ows_handle_live(OWS_T_VBL), 1);
    ows_handle_delete(a);
    ows_handle_delete(b);
    ows_unlock();
}

static void test_stale_and_double_delete(void **st)
{
    ows_object *a, *o;
    uint32_t h;
    (void)st;
    ows_lock();
    destroyed = 0;
    a = new_obj(OWS_T_VBL, NULL);
    h = a->handle;
    /* A lookup in flight keeps the object alive past its deletion. */
    assert_int_equal(ows_handle_get(h, OWS_T_VBL, &o), OWS_OK);
    ows_handle_delete(a);
    assert_int_equal(destroyed, 0);
    assert_int_equal(ows_handle_get(h, OWS_T_VBL, &o), OWS_E_VBL_INVALID);
    ows_handle_delete(a);                  /* second delete: no-op */
    assert_int_equal(destroyed, 0);
    ows_object_put(a);
    assert_int_equal(destroyed, 1);
    assert_int_equal(ows_handle_live(0), 0);
    ows_unlock();
}

static void test_slot_not_reused_at_once(void **st)
{
    uint32_t ring[256];
    ows_object *o;
    size_t i, j;
    (void)st;
    ows_lock();
    memset(ring, 0, sizeof(ring));
    /* 100,000 create/free cycles; a value never comes back within 256 handouts. */
    for (i = 0; i < 100000; i++) {
        o = new_obj(OWS_T_ENTITY, NULL);
        assert_int_not_equal(o->handle, 0);
        assert_true(o->handle < 0x80000000u);
        for (j = 0; j < 256; j++)
            assert_int_not_equal(ring[j], o->handle);
        ring[i % 256] = o->handle;
        ows_handle_delete(o);
    }
    assert_int_equal(ows_handle_live(0), 0);
    ows_unlock();
}

static void test_generation_wrap(void **st)
{
    /* With one object kept alive and cycling another through ~300 * 128
     * handouts, each slot's 8-bit generation wraps; values stay valid-shaped
     * and the live object keeps resolving to itself. */
    ows_object *keep, *o, *got;
    uint32_t kh;
    size_t i;
    (void)st;
    ows_lock();
    keep = new_obj(OWS_T_SESSION, NULL);
    kh = keep->handle;
    for (i = 0; i < 300u * 200u; i++) {
        o = new_obj(OWS_T_CONTEXT, NULL);
        assert_int_not_equal(o->handle, 0);
        assert_true(o->handle < 0x80000000u);
        assert_int_not_equal(o->handle, kh);
        ows_handle_delete(o);
    }
    assert_int_equal(ows_handle_get(kh, OWS_T_SESSION, &got), OWS_OK);
    assert_ptr_equal(got, keep);
    ows_object_put(got);
    ows_handle_delete(keep);
    ows_unlock();
}

static void test_owner_list_and_closing(void **st)
{
    struct ows_session *s;
    ows_object *a, *b, *c, *o;
    uint32_t ha, hb;
    (void)st;
    ows_lock();
    destroyed = 0;
    assert_int_equal(ows_session_new(NULL, 0, NULL, NULL, &s), OWS_OK);
    a = new_obj(OWS_T_PDU, s);
    b = new_obj(OWS_T_VBL, s);
    c = new_obj(OWS_T_ENTITY, s);
    ha = a->handle;
    hb = b->handle;
    /* Unlinking from the middle of the list. */
    ows_handle_delete(b);
    assert_ptr_equal(s->owned, c);
    assert_ptr_equal(c->owner_next, a);
    /* A closing session's objects no longer resolve, nor does the session. */
    s->closing = 1;
    assert_int_equal(ows_handle_get(ha, OWS_T_PDU, &o), OWS_E_PDU_INVALID);
    assert_int_equal(ows_handle_get(s->hdr.handle, OWS_T_SESSION, &o), OWS_E_SESSION_INVALID);
    s->closing = 0;
    assert_int_equal(ows_handle_get(ha, OWS_T_PDU, &o), OWS_OK);
    ows_object_put(o);
    assert_int_equal(ows_handle_get(hb, OWS_T_VBL, &o), OWS_E_VBL_INVALID);
    ows_handle_delete_owned(s);
    assert_null(s->owned);
    assert_int_equal(destroyed, 3);
    assert_int_equal(ows_handle_get(ha, OWS_T_PDU, &o), OWS_E_PDU_INVALID);
    ows_session_release(s);
    assert_int_equal(ows_handle_live(0), 0);
    ows_unlock();
}

static void test_growth_failure_and_reset(void **st)
{
    ows_object *o, *got;
    uint32_t h;
    (void)st;
    ows_lock();
    ows_handle_table_reset();        /* empty table: the next new must grow */
    o = ows_calloc(1, sizeof(*o));
    o->destroy = obj_destroy;
    ows_alloc_fail_after(0);
    assert_int_equal(ows_handle_new(o, OWS_T_PDU, NULL), OWS_E_ALLOC);
    ows_alloc_fail_after(-1);
    assert_int_equal(ows_handle_new(o, OWS_T_PDU, NULL), OWS_OK);
    /* Once slots exist, a failing growth does not fail the call. */
    ows_alloc_fail_after(0);
    {
        ows_object *many[100];
        size_t i;
        for (i = 0; i < 100; i++) {
            many[i] = ows_calloc(1, sizeof(ows_object));   /* fails: budget 0 */
            assert_null(many[i]);
        }
    }
    ows_alloc_fail_after(-1);
    h = o->handle;
    ows_handle_delete(o);
    ows_handle_table_reset();
    assert_int_equal(ows_handle_get(h, OWS_T_PDU, &got), OWS_E_PDU_INVALID);
    /* After a reset the same slot gets a different value. */
    o = new_obj(OWS_T_PDU, NULL);
    assert_int_not_equal(o->handle, h);
    ows_handle_delete(o);
    /* Bad arguments. */
    assert_int_not_equal(ows_handle_new(NULL, OWS_T_PDU, NULL), OWS_OK);
    ows_unlock();
}

static void test_fill_table_without_growth(void **st)
{
    /* Growth fails while 64+ free slots remain: the table keeps handing out
     * free slots until none is left, then reports ALLOC. */
    ows_object *objs[200];
    size_t n = 0, i;
    int err = OWS_OK;
    (void)st;
    ows_lock();
    ows_handle_table_reset();
    objs[n++] = new_obj(OWS_T_VBL, NULL);          /* table of 128 slots */
    ows_alloc_fail_after(0);
    while (n < 200) {
        ows_object *o = malloc(sizeof(*o));
        memset(o, 0, sizeof(*o));
        o->destroy = NULL;
        err = ows_handle_new(o, OWS_T_VBL, NULL);
        if (err) {
            free(o);
            break;
        }
        objs[n++] = o;
    }
    ows_alloc_fail_after(-1);
    assert_int_equal(err, OWS_E_ALLOC);
    assert_int_equal(n, 128);
    for (i = 0; i < n; i++) {
        ows_object *o = objs[i];
        int mine = i > 0;
        ows_handle_delete(o);
        if (mine)
            free(o);
    }
    assert_int_equal(ows_handle_live(0), 0);
    ows_unlock();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_garbage_values),
        cmocka_unit_test(test_values_shape_and_wrong_type),
        cmocka_unit_test(test_stale_and_double_delete),
        cmocka_unit_test(test_slot_not_reused_at_once),
        cmocka_unit_test(test_generation_wrap),
        cmocka_unit_test(test_owner_list_and_closing),
        cmocka_unit_test(test_growth_failure_and_reset),
        cmocka_unit_test(test_fill_table_without_growth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
