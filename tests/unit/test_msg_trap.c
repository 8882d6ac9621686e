/* test_msg_trap.c - RFC 3584 trap conversion, v1 <-> v2, on decoded traps. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/msg_codec.h"
#include "core/trap_convert.h"
#include "core/alloc.h"

static const uint32_t sysUpTime0[] = { 1, 3, 6, 1, 2, 1, 1, 3, 0 };
static const uint32_t trapOID0[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 };
static const uint32_t trapEnt0[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 3, 0 };
static uint32_t ent[] = { 1, 3, 6, 1, 4, 1, 8072, 2, 3 };
static uint32_t loc[] = { 1, 3, 6, 1, 2, 1, 1, 6, 0 };
static uint8_t text[] = "trap v1";

static int oid_is(const ows_oid *o, const uint32_t *ids, uint32_t n)
{
    return o->len == n && !memcmp(o->ids, ids, n * sizeof *ids);
}

static void v1trap(ows_pdu *p, int32_t generic, int32_t specific, ows_varbind *vb)
{
    memset(p, 0, sizeof *p);
    memset(vb, 0, sizeof *vb);
    p->type = OWS_PDU_V1TRAP;
    p->enterprise.ids = ent;
    p->enterprise.len = 9;
    p->agent_addr[0] = 127; p->agent_addr[3] = 1;
    p->generic_trap = generic;
    p->specific_trap = specific;
    p->time_stamp = 12345;
    vb->name.ids = loc;
    vb->name.len = 9;
    vb->value.syntax = OWS_SYN_OCTETS;
    vb->value.v.str.ptr = text;
    vb->value.v.str.len = 7;
    p->vbl.items = vb;
    p->vbl.count = 1;
}

static void test_enterprise_specific_both_ways(void **state)
{
    static const uint32_t want[] = { 1, 3, 6, 1, 4, 1, 8072, 2, 3, 0, 17 };
    static const uint8_t addr[4] = { 127, 0, 0, 1 };
    ows_varbind vb;
    ows_pdu in, v2, back;
    unsigned long before = ows_alloc_count();
    v1trap(&in, 6, 17, &vb);
    assert_int_equal(ows_trap_v1_to_v2(&in, &v2), 0);
    assert_int_equal(ows_alloc_count(), before + 1);   /* one arena */
    assert_int_equal(v2.type, OWS_PDU_TRAP);
    assert_int_equal(v2.vbl.count, 4);
    assert_int_equal(v2.vbl.cap, 0);
    assert_true(oid_is(&v2.vbl.items[0].name, sysUpTime0, 9));
    assert_int_equal(v2.vbl.items[0].value.syntax, OWS_SYN_TIMETICKS);
    assert_int_equal(v2.vbl.items[0].value.v.u, 12345);
    assert_true(oid_is(&v2.vbl.items[1].name, trapOID0, 11));
    assert_true(oid_is(&v2.vbl.items[1].value.v.oid, want, 11));
    assert_true(oid_is(&v2.vbl.items[2].name, loc, 9));
    assert_memory_equal(v2.vbl.items[2].value.v.str.ptr, "trap v1", 7);
    assert_ptr_not_equal(v2.vbl.items[2].value.v.str.ptr, text);   /* copied */
    assert_true(oid_is(&v2.vbl.items[3].name, trapEnt0, 11));
    assert_true(oid_is(&v2.vbl.items[3].value.v.oid, ent, 9));
    assert_int_equal(ows_trap_v2_to_v1(&v2, addr, &back), 0);
    assert_int_equal(back.type, OWS_PDU_V1TRAP);
    assert_true(oid_is(&back.enterprise, ent, 9));
    assert_int_equal(back.generic_trap, 6);
    assert_int_equal(back.specific_trap, 17);
    assert_int_equal(back.time_stamp, 12345);
    assert_memory_equal(back.agent_addr, addr, 4);
    assert_int_equal(back.vbl.count, 1);
    assert_true(oid_is(&back.vbl.items[0].name, loc, 9));
    ows_free(back.vbl.arena);
    ows_free(v2.vbl.arena);
}

static void test_generic_both_ways(void **state)
{
    static const uint32_t linkUp[] = { 1, 3, 6, 1, 6, 3, 1, 1, 5, 4 };
    static const uint8_t addr[4] = { 0, 0, 0, 0 };
    ows_varbind vb;
    ows_pdu in, v2, back;
    v1trap(&in, 3, 99, &vb);   /* linkUp; specific ignored */
    assert_int_equal(ows_trap_v1_to_v2(&in, &v2), 0);
    assert_true(oid_is(&v2.vbl.items[1].value.v.oid, linkUp, 10));
    assert_int_equal(ows_trap_v2_to_v1(&v2, addr, &back), 0);
    assert_int_equal(back.generic_trap, 3);
    assert_int_equal(back.specific_trap, 0);
    assert_true(oid_is(&back.enterprise, ent, 9));   /* from snmpTrapEnterprise.0 */
    ows_free(back.vbl.arena);
    ows_free(v2.vbl.arena);
}

static void test_v2_without_enterprise_and_counter64(void **state)
{
    static const uint32_t coldStart[] = { 1, 3, 6, 1, 6, 3, 1, 1, 5, 1 };
    static const uint32_t snmpTraps[] = { 1, 3, 6, 1, 6, 3, 1, 1, 5 };
    static const uint32_t mine[] = { 1, 3, 6, 1, 4, 1, 99, 7 };
    static const uint8_t addr[4] = { 10, 0, 0, 1 };
    ows_varbind vbs[4];
    ows_pdu in, out;
    memset(&in, 0, sizeof in);
    memset(vbs, 0, sizeof vbs);
    in.type = OWS_PDU_TRAP;
    vbs[0].name.ids = (uint32_t *)sysUpTime0; vbs[0].name.len = 9;
    vbs[0].value.syntax = OWS_SYN_TIMETICKS; vbs[0].value.v.u = 777;
    vbs[1].name.ids = (uint32_t *)trapOID0; vbs[1].name.len = 11;
    vbs[1].value.syntax = OWS_SYN_OID;
    vbs[1].value.v.oid.ids = (uint32_t *)coldStart; vbs[1].value.v.oid.len = 10;
    vbs[2].name.ids = loc; vbs[2].name.len = 9;
    vbs[2].value.syntax = OWS_SYN_CNTR64; vbs[2].value.v.u64 = 1;
    vbs[3].name.ids = loc; vbs[3].name.len = 9;
    vbs[3].value.syntax = OWS_SYN_INT; vbs[3].value.v.i = -5;
    in.vbl.items = vbs;
    in.vbl.count = 4;
    assert_int_equal(ows_trap_v2_to_v1(&in, addr, &out), 0);
    assert_int_equal(out.generic_trap, 0);
    assert_true(oid_is(&out.enterprise, snmpTraps, 9));
    assert_int_equal(out.vbl.count, 1);           /* Counter64 dropped */
    assert_int_equal(out.vbl.items[0].value.v.i, -5);
    assert_int_equal(out.time_stamp, 777);
    ows_free(out.vbl.arena);
    /* An enterprise-specific OID without the 0: enterprise is the prefix. */
    vbs[1].value.v.oid.ids = (uint32_t *)mine;
    vbs[1].value.v.oid.len = 8;
    assert_int_equal(ows_trap_v2_to_v1(&in, addr, &out), 0);
    assert_int_equal(out.generic_trap, 6);
    assert_int_equal(out.specific_trap, 7);
    assert_int_equal(out.enterprise.len, 7);
    ows_free(out.vbl.arena);
}

static void test_rejects_and_alloc(void **state)
{
    static const uint8_t addr[4] = { 0, 0, 0, 0 };
    ows_varbind vb;
    ows_pdu in, out;
    v1trap(&in, 6, 1, &vb);
    in.type = OWS_PDU_GET;
    assert_int_equal(ows_trap_v1_to_v2(&in, &out), OWS_E_PDU_INVALID);
    assert_int_equal(ows_trap_v2_to_v1(&in, addr, &out), OWS_E_PDU_INVALID);
    in.type = OWS_PDU_TRAP;   /* first varbind is not sysUpTime.0 */
    assert_int_equal(ows_trap_v2_to_v1(&in, addr, &out), OWS_E_PDU_INVALID);
    v1trap(&in, 6, 1, &vb);
    ows_alloc_fail_after(0);
    assert_int_equal(ows_trap_v1_to_v2(&in, &out), OWS_E_ALLOC);
    ows_alloc_fail_after(-1);
}

/* The captured snmptrap -v 1 message, decoded and converted. */
static void test_captured_v1_trap(void **state)
{
    static const uint8_t msg[] = {
        0x30, 0x3f, 0x02, 0x01, 0x00, 0x04, 0x06, 'p', 'u', 'b', 'l', 'i', 'c', 0xa4, 0x32,
        0x06, 0x09, 0x2b, 0x06, 0x01, 0x04, 0x01, 0xbf, 0x08, 0x02, 0x03,
        0x40, 0x04, 0x7f, 0x00, 0x00, 0x01, 0x02, 0x01, 0x06, 0x02, 0x01, 0x11,
        0x43, 0x02, 0x30, 0x39, 0x30, 0x15, 0x30, 0x13, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02,
        0x01, 0x01, 0x06, 0x00, 0x04, 0x07, 't', 'r', 'a', 'p', ' ', 'v', '1' };
    ows_msg m;
    ows_pdu v2;
    assert_int_equal(ows_msg_decode(msg, sizeof msg, &m), 0);
    assert_int_equal(ows_trap_v1_to_v2(&m.pdu, &v2), 0);
    ows_msg_free(&m);    /* the converted PDU owns copies of everything */
    assert_int_equal(v2.vbl.count, 4);
    assert_int_equal(v2.vbl.items[1].value.v.oid.len, 11);
    assert_int_equal(v2.vbl.items[1].value.v.oid.ids[10], 17);
    assert_memory_equal(v2.vbl.items[2].value.v.str.ptr, "trap v1", 7);
    ows_free(v2.vbl.arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_enterprise_specific_both_ways),
        cmocka_unit_test(test_generic_both_ways),
        cmocka_unit_test(test_v2_without_enterprise_and_counter64),
        cmocka_unit_test(test_rejects_and_alloc),
        cmocka_unit_test(test_captured_v1_trap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
