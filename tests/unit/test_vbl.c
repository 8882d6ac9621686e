/* test_vbl.c - varbind-list operations, arena-backed (decoded) lists, and
 * the VBL object behind a handle. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "core/vbl.h"
#include "core/alloc.h"
#include "core/error.h"
#include "core/handle.h"
#include "core/session.h"
#include "core/state.h"

static uint32_t n1[] = { 1, 3, 6, 1, 2, 1, 1, 1, 0 };
static uint32_t n2[] = { 1, 3, 6, 1, 2, 1, 1, 3, 0 };
static uint32_t n3[] = { 1, 3, 6, 1, 2, 1, 1, 5, 0 };
static ows_oid name1 = { 9, n1 }, name2 = { 9, n2 }, name3 = { 9, n3 };

static ows_value int_value(int32_t i)
{
    ows_value v;
    memset(&v, 0, sizeof v);
    v.syntax = OWS_SYN_INT;
    v.v.i = i;
    return v;
}

static ows_value str_value(uint32_t syntax, const char *s, uint32_t len)
{
    ows_value v;
    memset(&v, 0, sizeof v);
    v.syntax = syntax;
    v.v.str.len = len;
    v.v.str.ptr = (uint8_t *)s;
    return v;
}

static void test_append_set_delete(void **st)
{
    ows_vbl l;
    ows_value v = int_value(42), s = str_value(OWS_SYN_OCTETS, "hello", 5);
    uint32_t oidv[] = { 1, 3, 6, 1, 4, 1 };
    ows_value o;
    long live = ows_alloc_live();

    (void)st;
    memset(&o, 0, sizeof o);
    o.syntax = OWS_SYN_OID;
    o.v.oid.len = 6;
    o.v.oid.ids = oidv;
    ows_vbl_init(&l);
    assert_int_equal(ows_vbl_append(&l, &name1, &v), OWS_OK);
    assert_int_equal(ows_vbl_append(&l, &name2, NULL), OWS_OK);
    assert_int_equal(ows_vbl_append(&l, &name3, &s), OWS_OK);
    assert_int_equal(l.count, 3);
    assert_int_equal(l.items[0].value.v.i, 42);
    assert_int_equal(l.items[1].value.syntax, OWS_SYN_NULL);   /* NULL value */
    assert_memory_equal(l.items[2].value.v.str.ptr, "hello", 5);
    assert_ptr_not_equal(l.items[2].value.v.str.ptr, s.v.str.ptr);   /* deep copy */
    assert_ptr_not_equal(l.items[0].name.ids, n1);

    /* Value only: the name stays. */
    assert_int_equal(ows_vbl_set(&l, 1, NULL, &o), OWS_OK);
    assert_int_equal(l.items[0].name.len, 9);
    assert_memory_equal(l.items[0].name.ids, n1, sizeof n1);
    assert_int_equal(l.items[0].value.syntax, OWS_SYN_OID);
    assert_memory_equal(l.items[0].value.v.oid.ids, oidv, sizeof oidv);
    /* Name and value; NULL value = syntax NULL. */
    assert_int_equal(ows_vbl_set(&l, 3, &name1, NULL), OWS_OK);
    assert_int_equal(l.items[2].value.syntax, OWS_SYN_NULL);
    assert_memory_equal(l.items[2].name.ids, n1, sizeof n1);

    /* Delete shifts later entries down. */
    assert_int_equal(ows_vbl_delete(&l, 1), OWS_OK);
    assert_int_equal(l.count, 2);
    assert_memory_equal(l.items[0].name.ids, n2, sizeof n2);
    assert_memory_equal(l.items[1].name.ids, n1, sizeof n1);
    assert_int_equal(ows_vbl_delete(&l, 2), OWS_OK);
    assert_int_equal(ows_vbl_delete(&l, 1), OWS_OK);
    assert_int_equal(l.count, 0);
    ows_vbl_clear(&l);
    assert_int_equal(ows_alloc_live(), live);
}

static void test_errors(void **st)
{
    ows_vbl l;
    ows_value v = int_value(1), bad;
    uint32_t big[OWS_MAX_OID_LEN + 1] = { 0 };
    ows_oid toolong = { OWS_MAX_OID_LEN + 1, big }, empty = { 0, n1 }, nullids = { 3, NULL };
    ows_oid max = { OWS_MAX_OID_LEN, big };

    (void)st;
    ows_vbl_init(&l);
    assert_int_equal(ows_vbl_set(&l, 1, &name1, &v), OWS_E_INDEX_INVALID);
    assert_int_equal(ows_vbl_delete(&l, 1), OWS_E_INDEX_INVALID);
    assert_int_equal(ows_vbl_append(&l, NULL, &v), OWS_E_OID_INVALID);
    assert_int_equal(ows_vbl_append(&l, &toolong, &v), OWS_E_OID_INVALID);
    assert_int_equal(ows_vbl_append(&l, &empty, &v), OWS_E_OID_INVALID);
    assert_int_equal(ows_vbl_append(&l, &nullids, &v), OWS_E_OID_INVALID);
    assert_int_equal(ows_vbl_append(&l, &max, &v), OWS_OK);
    assert_int_equal(ows_vbl_set(&l, 0, &name1, &v), OWS_E_INDEX_INVALID);
    assert_int_equal(ows_vbl_set(&l, 2, &name1, &v), OWS_E_INDEX_INVALID);
    assert_int_equal(ows_vbl_delete(&l, 0), OWS_E_INDEX_INVALID);
    assert_int_equal(ows_vbl_delete(&l, 2), OWS_E_INDEX_INVALID);
    assert_int_equal(ows_vbl_set(&l, 1, &toolong, &v), OWS_E_OID_INVALID);

    /* Syntaxes. */
    bad = int_value(0);
    bad.syntax = 0x30;          /* SEQUENCE is not a value syntax */
    assert_int_equal(ows_vbl_append(&l, &name1, &bad), OWS_E_SYNTAX_INVALID);
    bad.syntax = 0x99;
    assert_int_equal(ows_vbl_set(&l, 1, NULL, &bad), OWS_E_SYNTAX_INVALID);
    bad = str_value(OWS_SYN_IPADDR, "\x7f\0\0\1", 4);
    assert_int_equal(ows_value_check(&bad), OWS_OK);
    bad.v.str.len = 16;
    assert_int_equal(ows_value_check(&bad), OWS_E_SYNTAX_INVALID);
    bad.v.str.len = 0;
    assert_int_equal(ows_value_check(&bad), OWS_E_SYNTAX_INVALID);
    bad = str_value(OWS_SYN_NSAPADDR, "x", 256);
    assert_int_equal(ows_value_check(&bad), OWS_E_SYNTAX_INVALID);
    bad = str_value(OWS_SYN_OCTETS, NULL, 3);
    assert_int_equal(ows_value_check(&bad), OWS_E_SYNTAX_INVALID);
    bad = str_value(OWS_SYN_OCTETS, NULL, 0);       /* empty string: fine */
    assert_int_equal(ows_value_check(&bad), OWS_OK);
    bad = str_value(OWS_SYN_OPAQUE, "x", 70000);
    assert_int_equal(ows_value_check(&bad), OWS_E_SYNTAX_INVALID);
    memset(&bad, 0, sizeof bad);
    bad.syntax = OWS_SYN_OID;
    bad.v.oid.len = OWS_MAX_OID_LEN + 1;
    bad.v.oid.ids = big;
    assert_int_equal(ows_vbl_append(&l, &name1, &bad), OWS_E_OID_INVALID);
    {
        static const uint32_t ok[] = {
            OWS_SYN_INT, OWS_SYN_CNTR32, OWS_SYN_GAUGE32, OWS_SYN_TIMETICKS,
            OWS_SYN_UINT32, OWS_SYN_CNTR64, OWS_SYN_NULL, OWS_SYN_NOSUCHOBJECT,
            OWS_SYN_NOSUCHINSTANCE, OWS_SYN_ENDOFMIBVIEW, OWS_SYN_BITS,
        };
        size_t i;
        for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
            memset(&bad, 0, sizeof bad);
            bad.syntax = ok[i];
            assert_int_equal(ows_value_check(&bad), OWS_OK);
        }
    }
    assert_int_equal(l.count, 1);   /* failures changed nothing */
    ows_vbl_clear(&l);
}

/* A decoded list: items, names and values all inside ONE arena allocation,
 * every varbind's `own` NULL, cap 0. */
struct fake_arena {
    ows_varbind items[3];
    uint32_t names[3][9];
    uint8_t str[4];
};

static void make_arena_list(ows_vbl *l)
{
    struct fake_arena *a = ows_calloc(1, sizeof *a);
    int i;

    assert_non_null(a);
    for (i = 0; i < 3; i++) {
        memcpy(a->names[i], n1, sizeof n1);
        a->names[i][7] = (uint32_t)i + 10;
        a->items[i].name.len = 9;
        a->items[i].name.ids = a->names[i];
        a->items[i].value = int_value(i);
    }
    memcpy(a->str, "abcd", 4);
    a->items[2].value = str_value(OWS_SYN_OCTETS, (char *)a->str, 4);
    l->items = a->items;
    l->count = 3;
    l->cap = 0;
    l->arena = a;
}

static void test_arena_list(void **st)
{
    ows_vbl l, c;
    ows_value v = int_value(7);
    long live = ows_alloc_live();

    (void)st;
    /* Edits: a new value without bytes of its own keeps the name where it
     * lies (the arena, alive with the list); delete shifts inside the arena;
     * append grows into a fresh items array; clear frees the arena once. */
    make_arena_list(&l);
    assert_int_equal(ows_vbl_set(&l, 2, NULL, &v), OWS_OK);
    assert_null(l.items[1].own);
    assert_ptr_equal(l.items[1].name.ids, ((struct fake_arena *)l.arena)->names[1]);
    assert_int_equal(l.items[1].name.ids[7], 11);
    assert_int_equal(l.items[1].value.syntax, OWS_SYN_INT);
    assert_int_equal(l.items[1].value.v.i, 7);
    assert_int_equal(ows_vbl_delete(&l, 1), OWS_OK);
    assert_int_equal(l.count, 2);
    assert_int_equal(l.items[0].value.v.i, 7);
    assert_memory_equal(l.items[1].value.v.str.ptr, "abcd", 4);
    assert_int_equal(ows_vbl_append(&l, &name2, &v), OWS_OK);
    assert_true(l.cap >= 3);
    assert_int_equal(l.count, 3);
    assert_memory_equal(l.items[1].value.v.str.ptr, "abcd", 4);   /* still in the arena */
    assert_int_equal(ows_vbl_copy(&c, &l), OWS_OK);
    assert_null(c.arena);
    ows_vbl_clear(&l);
    /* The copy stands alone after the arena is gone. */
    assert_int_equal(c.count, 3);
    assert_memory_equal(c.items[1].value.v.str.ptr, "abcd", 4);
    assert_int_equal(c.items[0].name.ids[7], 11);
    ows_vbl_clear(&c);
    assert_int_equal(ows_alloc_live(), live);

    /* Untouched arena list: clear frees exactly the arena. */
    make_arena_list(&l);
    ows_vbl_clear(&l);
    assert_int_equal(ows_alloc_live(), live);

    /* A new name, or a value with bytes, copies the entry out of the arena. */
    make_arena_list(&l);
    assert_int_equal(ows_vbl_set(&l, 1, &name2, &v), OWS_OK);
    assert_non_null(l.items[0].own);
    assert_int_equal(ows_vbl_set(&l, 2, NULL, &l.items[2].value), OWS_OK);
    assert_non_null(l.items[1].own);
    assert_int_equal(l.items[1].name.ids[7], 11);
    assert_memory_equal(l.items[1].value.v.str.ptr, "abcd", 4);
    ows_vbl_clear(&l);
    assert_int_equal(ows_alloc_live(), live);

    /* Replace keeps the arena (a PDU's enterprise may live there). */
    make_arena_list(&l);
    ows_vbl_init(&c);
    assert_int_equal(ows_vbl_append(&c, &name3, &v), OWS_OK);
    ows_vbl_replace(&l, &c);
    assert_non_null(l.arena);
    assert_int_equal(l.count, 1);
    assert_int_equal(c.count, 0);
    assert_null(c.items);
    ows_vbl_clear(&l);
    assert_int_equal(ows_alloc_live(), live);
}

/* Every allocating path: fail the k-th allocation until the call succeeds;
 * each failure reports ALLOC, leaves the list as it was, and leaks nothing. */
static void test_alloc_torture(void **st)
{
    ows_vbl l, c;
    ows_value s = str_value(OWS_SYN_OCTETS, "value", 5);
    long base, k;
    int err, i;

    (void)st;
    /* append (including the items growth at 4 entries) */
    ows_vbl_init(&l);
    for (i = 0; i < 6; i++) {
        base = ows_alloc_live();
        for (k = 0; k < 10; k++) {
            ows_alloc_fail_after(k);
            err = ows_vbl_append(&l, &name1, &s);
            ows_alloc_fail_after(-1);
            if (!err)
                break;
            assert_int_equal(err, OWS_E_ALLOC);
            assert_int_equal(l.count, (uint32_t)i);
            assert_int_equal(ows_alloc_live(), base);
        }
        assert_int_equal(l.count, (uint32_t)i + 1);
    }
    /* set */
    base = ows_alloc_live();
    for (k = 0; k < 10; k++) {
        ows_alloc_fail_after(k);
        err = ows_vbl_set(&l, 3, &name2, &s);
        ows_alloc_fail_after(-1);
        if (!err)
            break;
        assert_int_equal(err, OWS_E_ALLOC);
        assert_memory_equal(l.items[2].name.ids, n1, sizeof n1);
        assert_int_equal(ows_alloc_live(), base);
    }
    assert_int_equal(k, 1);
    /* copy */
    base = ows_alloc_live();
    for (k = 0; k < 20; k++) {
        ows_alloc_fail_after(k);
        err = ows_vbl_copy(&c, &l);
        ows_alloc_fail_after(-1);
        if (!err)
            break;
        assert_int_equal(err, OWS_E_ALLOC);
        assert_int_equal(c.count, 0);
        assert_int_equal(ows_alloc_live(), base);
    }
    assert_int_equal(k, 7);   /* the items, then one per varbind */
    ows_vbl_clear(&c);
    /* append to an arena list (the items move out) */
    ows_vbl_clear(&l);
    make_arena_list(&l);
    base = ows_alloc_live();
    for (k = 0; k < 10; k++) {
        ows_alloc_fail_after(k);
        err = ows_vbl_append(&l, &name1, &s);
        ows_alloc_fail_after(-1);
        if (!err)
            break;
        assert_int_equal(err, OWS_E_ALLOC);
        assert_int_equal(l.cap, 0);
        assert_int_equal(ows_alloc_live(), base);
    }
    assert_int_equal(k, 2);
    ows_vbl_clear(&l);
}

static void test_vbl_object(void **st)
{
    struct ows_session *s = NULL;
    ows_vbl l;
    ows_vbl_obj *obj = NULL;
    ows_object *o = NULL;
    size_t before;
    long base, k;
    int err;

    (void)st;
    ows_lock();
    assert_int_equal(ows_session_new(NULL, 0, NULL, NULL, &s), OWS_OK);
    before = ows_handle_live(OWS_T_VBL);
    ows_vbl_init(&l);
    assert_int_equal(ows_vbl_append(&l, &name1, NULL), OWS_OK);
    /* Torture: on failure the list is still ours, intact. */
    base = ows_alloc_live();
    for (k = 0; k < 10; k++) {
        ows_alloc_fail_after(k);
        err = ows_vbl_obj_new(s, &l, &obj);
        ows_alloc_fail_after(-1);
        if (!err)
            break;
        assert_int_equal(err, OWS_E_ALLOC);
        assert_int_equal(l.count, 1);
        assert_int_equal(ows_alloc_live(), base);
        assert_int_equal(ows_handle_live(OWS_T_VBL), before);
    }
    assert_int_equal(l.count, 0);   /* moved in */
    assert_int_equal(obj->vbl.count, 1);
    assert_int_equal(ows_handle_live(OWS_T_VBL), before + 1);
    assert_int_equal(ows_handle_get(obj->obj.handle, OWS_T_VBL, &o), OWS_OK);
    assert_ptr_equal(o, &obj->obj);
    assert_ptr_equal(o->owner, s);
    ows_object_put(o);
    assert_int_equal(ows_handle_get(obj->obj.handle, OWS_T_PDU, &o), OWS_E_PDU_INVALID);
    /* Closing the session frees the list with everything it owns. */
    ows_session_release(s);
    assert_int_equal(ows_handle_live(OWS_T_VBL), before);
    ows_unlock();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_set_delete),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_arena_list),
        cmocka_unit_test(test_alloc_torture),
        cmocka_unit_test(test_vbl_object),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
