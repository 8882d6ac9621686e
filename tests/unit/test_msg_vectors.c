/* test_msg_vectors.c - decodes the messages captured from net-snmp on
 * loopback (tests/vectors/), checks known fields, and re-encodes each one to
 * the identical bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "core/msg_codec.h"

static uint8_t data[4096];
static size_t data_len;

static void load(const char *name, ows_msg *m)
{
    char path[1024];
    const char *here = __FILE__;
    const char *slash = strrchr(here, '/');
    FILE *f;
    snprintf(path, sizeof path, "%.*s/../vectors/%s", (int)(slash ? slash - here : 1),
             slash ? here : ".", name);
    f = fopen(path, "rb");
    assert_non_null(f);
    data_len = fread(data, 1, sizeof data, f);
    fclose(f);
    assert_true(data_len > 0);
    assert_int_equal(ows_msg_decode(data, data_len, m), 0);
}

/* Re-encoding gives net-snmp's bytes: both use minimal lengths. */
static void reencode_same(const ows_msg *m)
{
    uint8_t out[4096];
    size_t off, len;
    assert_int_equal(ows_msg_encode(m, out, sizeof out, &off, &len), 0);
    assert_int_equal(len, data_len);
    assert_memory_equal(out + off, data, len);
}

static int oid_is(const ows_oid *o, const uint32_t *ids, uint32_t n)
{
    return o->len == n && !memcmp(o->ids, ids, n * sizeof *ids);
}

static const uint32_t sysDescr0[] = { 1, 3, 6, 1, 2, 1, 1, 1, 0 };
static const uint32_t sysUpTime0[] = { 1, 3, 6, 1, 2, 1, 1, 3, 0 };
static const uint32_t trapOID0[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 };

static void test_v1_get(void **state)
{
    ows_msg m;
    load("v1-get-request.bin", &m);
    assert_int_equal(m.version, OWS_SNMPV1);
    assert_int_equal(m.community.len, 6);
    assert_memory_equal(m.community.ptr, "public", 6);
    assert_int_equal(m.pdu.type, OWS_PDU_GET);
    assert_int_equal(m.pdu.vbl.count, 2);
    assert_true(oid_is(&m.pdu.vbl.items[0].name, sysDescr0, 9));
    assert_int_equal(m.pdu.vbl.items[1].value.syntax, OWS_SYN_NULL);
    reencode_same(&m);
    ows_msg_free(&m);
    load("v1-get-response.bin", &m);
    assert_int_equal(m.pdu.type, OWS_PDU_RESPONSE);
    assert_int_equal(m.pdu.vbl.items[0].value.syntax, OWS_SYN_OCTETS);
    assert_int_equal(m.pdu.vbl.items[0].value.v.str.len, 57);
    assert_memory_equal(m.pdu.vbl.items[0].value.v.str.ptr, "Linux vm", 8);
    assert_true(oid_is(&m.pdu.vbl.items[1].name, sysUpTime0, 9));
    assert_int_equal(m.pdu.vbl.items[1].value.syntax, OWS_SYN_TIMETICKS);
    assert_int_equal(m.pdu.vbl.items[1].value.v.u, 199);
    reencode_same(&m);
    ows_msg_free(&m);
}

static void test_v1_getnext_and_error(void **state)
{
    ows_msg m;
    load("v1-getnext-request.bin", &m);
    assert_int_equal(m.pdu.type, OWS_PDU_GETNEXT);
    assert_int_equal(m.pdu.vbl.items[0].name.len, 7);
    reencode_same(&m);
    ows_msg_free(&m);
    load("v1-getnext-response.bin", &m);
    assert_true(oid_is(&m.pdu.vbl.items[0].name, sysDescr0, 9));
    reencode_same(&m);
    ows_msg_free(&m);
    load("v1-nosuchname-response.bin", &m);
    assert_int_equal(m.pdu.error_status, 2);
    assert_int_equal(m.pdu.error_index, 1);
    reencode_same(&m);
    ows_msg_free(&m);
}

static void test_v2c_get(void **state)
{
    static const uint32_t netsnmpAgent[] = { 1, 3, 6, 1, 4, 1, 8072, 3, 2, 10 };
    ows_msg m;
    load("v2c-get-request.bin", &m);
    assert_int_equal(m.version, OWS_SNMPV2C);
    assert_int_equal(m.pdu.vbl.count, 4);
    reencode_same(&m);
    ows_msg_free(&m);
    load("v2c-get-response.bin", &m);
    assert_int_equal(m.pdu.vbl.count, 4);
    assert_int_equal(m.pdu.vbl.items[1].value.syntax, OWS_SYN_OID);
    assert_true(oid_is(&m.pdu.vbl.items[1].value.v.oid, netsnmpAgent, 10));
    assert_int_equal(m.pdu.vbl.items[3].value.syntax, OWS_SYN_INT);
    assert_int_equal(m.pdu.vbl.items[3].value.v.i, 4);
    reencode_same(&m);
    ows_msg_free(&m);
}

static void test_v2c_bulk(void **state)
{
    ows_msg m;
    load("v2c-getbulk-request.bin", &m);
    assert_int_equal(m.pdu.type, OWS_PDU_GETBULK);
    assert_int_equal(m.pdu.error_status, 0);   /* non-repeaters */
    assert_int_equal(m.pdu.error_index, 5);    /* max-repetitions */
    reencode_same(&m);
    ows_msg_free(&m);
    load("v2c-getbulk-response.bin", &m);
    assert_int_equal(m.pdu.vbl.count, 5);
    assert_int_equal(m.pdu.vbl.items[3].value.v.str.len, 17);
    assert_memory_equal(m.pdu.vbl.items[3].value.v.str.ptr, "codec@example.org", 17);
    reencode_same(&m);
    ows_msg_free(&m);
}

static void test_v2c_counter64_exception_ipaddr(void **state)
{
    ows_msg m;
    load("v2c-get-counter64-request.bin", &m);
    reencode_same(&m);
    ows_msg_free(&m);
    load("v2c-get-counter64-nosuchobject-response.bin", &m);
    assert_int_equal(m.pdu.vbl.items[0].value.syntax, OWS_SYN_CNTR64);
    assert_true(m.pdu.vbl.items[0].value.v.u64 == 104007196u);
    assert_int_equal(m.pdu.vbl.items[1].value.syntax, OWS_SYN_NOSUCHOBJECT);
    reencode_same(&m);
    ows_msg_free(&m);
    load("v2c-getnext-ipaddress-response.bin", &m);
    assert_int_equal(m.pdu.vbl.items[0].value.syntax, OWS_SYN_IPADDR);
    assert_memory_equal(m.pdu.vbl.items[0].value.v.str.ptr, "\x7f\x00\x00\x01", 4);
    reencode_same(&m);
    ows_msg_free(&m);
}

static void test_v2c_set(void **state)
{
    ows_msg m;
    load("v2c-set-request.bin", &m);
    assert_int_equal(m.pdu.type, OWS_PDU_SET);
    assert_memory_equal(m.community.ptr, "private", 7);
    assert_memory_equal(m.pdu.vbl.items[0].value.v.str.ptr, "codec-test-lab2", 15);
    reencode_same(&m);
    ows_msg_free(&m);
    load("v2c-set-notwritable-response.bin", &m);
    assert_int_equal(m.pdu.error_status, 17);
    assert_int_equal(m.pdu.error_index, 1);
    reencode_same(&m);
    ows_msg_free(&m);
}

static void test_traps(void **state)
{
    static const uint32_t ent[] = { 1, 3, 6, 1, 4, 1, 8072, 2, 3 };
    static const uint32_t linkDown[] = { 1, 3, 6, 1, 6, 3, 1, 1, 5, 3 };
    ows_msg m;
    load("v1-trap.bin", &m);
    assert_int_equal(m.pdu.type, OWS_PDU_V1TRAP);
    assert_true(oid_is(&m.pdu.enterprise, ent, 9));
    assert_memory_equal(m.pdu.agent_addr, "\x7f\x00\x00\x01", 4);
    assert_int_equal(m.pdu.generic_trap, 6);
    assert_int_equal(m.pdu.specific_trap, 17);
    assert_int_equal(m.pdu.time_stamp, 12345);
    assert_int_equal(m.pdu.vbl.count, 1);
    reencode_same(&m);
    ows_msg_free(&m);
    load("v2c-trap.bin", &m);
    assert_int_equal(m.pdu.type, OWS_PDU_TRAP);
    assert_int_equal(m.pdu.vbl.count, 3);
    assert_int_equal(m.pdu.vbl.items[0].value.v.u, 54321);
    assert_true(oid_is(&m.pdu.vbl.items[1].name, trapOID0, 11));
    assert_true(oid_is(&m.pdu.vbl.items[1].value.v.oid, linkDown, 10));
    reencode_same(&m);
    ows_msg_free(&m);
    load("v2c-inform.bin", &m);
    assert_int_equal(m.pdu.type, OWS_PDU_INFORM);
    assert_int_equal(m.pdu.vbl.items[0].value.v.u, 777);
    reencode_same(&m);
    ows_msg_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_v1_get),
        cmocka_unit_test(test_v1_getnext_and_error),
        cmocka_unit_test(test_v2c_get),
        cmocka_unit_test(test_v2c_bulk),
        cmocka_unit_test(test_v2c_counter64_exception_ipaddr),
        cmocka_unit_test(test_v2c_set),
        cmocka_unit_test(test_traps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
