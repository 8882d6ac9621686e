/* test_msg_api.c - SnmpEncodeMsg / SnmpDecodeMsg: every documented error,
 * the send rules, v1 traps in v2 form, NULL outputs, allocation failure,
 * and SNMPv3 (a v3 destination is ENTITY_INVALID, a v3 message
 * MESSAGE_INVALID: api/codec.c). */
#include "api_helpers.h"
#include <stdlib.h>
#include <unistd.h>
#include "core/v3_codec.h"

#define JUNK ((HANDLE)(uintptr_t)0x7EADBEEFu)

static HSNMP_SESSION sess;
static HSNMP_ENTITY e1, e2;   /* v1 and v2c destinations */
static HSNMP_CONTEXT ctx;
static smiUINT32 n1[] = { 1, 3, 6, 1, 2, 1, 1, 1, 0 };
static smiOID name1 = { 9, n1 };

/* The GET of the conformance vector, v1, community "public". */
static const smiBYTE v1_get[] = {
    0x30, 0x26, 0x02, 0x01, 0x00, 0x04, 0x06, 'p', 'u', 'b', 'l', 'i', 'c',
    0xa0, 0x19, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00,
    0x30, 0x0e, 0x30, 0x0c, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00,
    0x05, 0x00 };

/* The captured snmptrap -v 1 message (tests/vectors/v1-trap.bin). */
static const smiBYTE v1_trap[] = {
    0x30, 0x3f, 0x02, 0x01, 0x00, 0x04, 0x06, 'p', 'u', 'b', 'l', 'i', 'c', 0xa4, 0x32,
    0x06, 0x09, 0x2b, 0x06, 0x01, 0x04, 0x01, 0xbf, 0x08, 0x02, 0x03,
    0x40, 0x04, 0x7f, 0x00, 0x00, 0x01, 0x02, 0x01, 0x06, 0x02, 0x01, 0x11,
    0x43, 0x02, 0x30, 0x39, 0x30, 0x15, 0x30, 0x13, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02,
    0x01, 0x01, 0x06, 0x00, 0x04, 0x07, 't', 'r', 'a', 'p', ' ', 'v', '1' };

static int setup(void **st)
{
    smiOCTETS comm = { 6, (smiLPBYTE)"public" };
    (void)st;
    if (SnmpStartup(NULL, NULL, NULL, NULL, NULL) != SNMPAPI_SUCCESS)
        return -1;
    sess = SnmpCreateSession(NULL, 0, NULL, NULL);
    SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1);
    e1 = SnmpStrToEntity(sess, "127.0.0.1");
    SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2);
    e2 = SnmpStrToEntity(sess, "127.0.0.1");
    SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1);
    ctx = SnmpStrToContext(sess, &comm);
    return sess && e1 && e2 && ctx ? 0 : -1;
}

static int teardown(void **st)
{
    (void)st;
    api_close_session(sess);
    return 0;
}

static HSNMP_PDU mkpdu(smiINT type, smiINT es, smiINT ei)
{
    HSNMP_VBL v = SnmpCreateVbl(sess, &name1, NULL);
    HSNMP_PDU p = SnmpCreatePdu(sess, type, 1, es, ei, v);
    assert_non_null(p);
    SnmpFreeVbl(v);
    return p;
}

static void test_not_initialized(void **st)
{
    smiOCTETS out = { 0, NULL }, in = { sizeof v1_get, (smiLPBYTE)v1_get };
    HSNMP_CONTEXT c = NULL;
    HSNMP_PDU p = NULL;
    (void)st;
    EXPECT_FAIL(SnmpEncodeMsg(JUNK, JUNK, JUNK, JUNK, JUNK, &out), SNMPAPI_NOT_INITIALIZED);
    EXPECT_FAIL(SnmpDecodeMsg(JUNK, NULL, NULL, &c, &p, &in), SNMPAPI_NOT_INITIALIZED);
}

static void test_encode(void **st)
{
    smiOCTETS out = { 0, NULL };
    HSNMP_PDU p = mkpdu(SNMP_PDU_GET, 0, 0);
    (void)st;
    assert_int_equal(SnmpEncodeMsg(sess, e1, e1, ctx, p, &out), sizeof v1_get);
    assert_int_equal(out.len, sizeof v1_get);
    assert_memory_equal(out.ptr, v1_get, sizeof v1_get);
    assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out), SNMPAPI_SUCCESS);
    /* The source entity is optional. */
    assert_int_equal(SnmpEncodeMsg(sess, NULL, e2, ctx, p, &out), sizeof v1_get);
    assert_int_equal(out.ptr[4], 1);
    assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out), SNMPAPI_SUCCESS);
    SnmpFreePdu(p);
}

static void test_encode_errors(void **st)
{
    smiOCTETS out = { 0, NULL };
    HSNMP_PDU p = mkpdu(SNMP_PDU_GET, 0, 0), bad = mkpdu(SNMP_PDU_SET, 0, 1);
    HSNMP_PDU inform = mkpdu(SNMP_PDU_INFORM, 0, 0);
    HSNMP_VBL v = SnmpCreateVbl(sess, &name1, NULL);
    (void)st;
    EXPECT_FAIL(SnmpEncodeMsg(NULL, e1, e1, ctx, p, &out), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpEncodeMsg(JUNK, e1, e1, ctx, p, &out), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpEncodeMsg(sess, JUNK, e1, ctx, p, &out), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpEncodeMsg(sess, e1, NULL, ctx, p, &out), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpEncodeMsg(sess, e1, JUNK, ctx, p, &out), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpEncodeMsg(sess, e1, e1, NULL, p, &out), SNMPAPI_CONTEXT_INVALID);
    EXPECT_FAIL(SnmpEncodeMsg(sess, e1, e1, ctx, JUNK, &out), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpEncodeMsg(sess, e1, e1, ctx, (HSNMP_PDU)v, &out), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpEncodeMsg(sess, e1, e1, ctx, bad, &out), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL(SnmpEncodeMsg(sess, e1, e1, ctx, inform, &out), SNMPAPI_OPERATION_INVALID);
    EXPECT_FAIL(SnmpEncodeMsg(sess, e1, e1, ctx, p, NULL), SNMPAPI_OTHER_ERROR);
    assert_null(out.ptr);
    /* The session's own last error is set too. */
    assert_int_equal(SnmpGetLastError(sess), SNMPAPI_OTHER_ERROR);
    SnmpFreePdu(p);
    SnmpFreePdu(bad);
    SnmpFreePdu(inform);
    SnmpFreeVbl(v);
}

/* A well-formed SNMPv3 noAuthNoPriv GET (msgID 1, empty engine id). */
static const smiBYTE v3_get[] = {
    0x30, 0x38, 0x02, 0x01, 0x03,
    0x30, 0x0e, 0x02, 0x01, 0x01, 0x02, 0x03, 0x00, 0xff, 0xe3, 0x04, 0x01, 0x04, 0x02, 0x01, 0x03,
    0x04, 0x10, 0x30, 0x0e, 0x04, 0x00, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00,
    0x04, 0x00,
    0x30, 0x11, 0x04, 0x00, 0x04, 0x00, 0xa0, 0x0b, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00,
    0x02, 0x01, 0x00, 0x30, 0x00 };

/* SnmpEncodeMsg cannot make the message SnmpSendMsg would send to an
 * SNMPv3 agent (engine id, boots and time come from discovery): the v3
 * destination is ENTITY_INVALID, with nothing allocated; a v3 source does
 * not matter. SnmpDecodeMsg refuses a v3 message as MESSAGE_INVALID. */
static void test_v3_entities(void **st)
{
    char db[] = "/tmp/ows-v3codec-XXXXXX";
    smiOCTETS out = { 0, NULL }, in = { sizeof v3_get, (smiLPBYTE)v3_get };
    HSNMP_PDU p = mkpdu(SNMP_PDU_GET, 0, 0), q = NULL;
    HSNMP_CONTEXT c = NULL;
    HSNMP_ENTITY v3;
    ows_v3_msg m;
    FILE *f;
    int fd = mkstemp(db);
    (void)st;
    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    fputs("v3agent 127.0.0.1 v3 user=alice level=authPriv auth=SHA-256 authpass=alice-auth-pw "
          "priv=AES privpass=alice-priv-pw\n", f);
    fclose(f);
    setenv("WSNMP_DATABASE", db, 1);
    assert_int_equal(SnmpSetTranslateMode(SNMPAPI_TRANSLATED), SNMPAPI_SUCCESS);
    v3 = SnmpStrToEntity(sess, "v3agent");
    SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1);
    unsetenv("WSNMP_DATABASE");
    unlink(db);
    assert_non_null(v3);

    EXPECT_FAIL(SnmpEncodeMsg(sess, e1, v3, ctx, p, &out), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL(SnmpEncodeMsg(sess, NULL, v3, ctx, p, &out), SNMPAPI_ENTITY_INVALID);
    assert_int_equal(SnmpGetLastError(sess), SNMPAPI_ENTITY_INVALID);
    assert_null(out.ptr);
    assert_int_equal(SnmpEncodeMsg(sess, v3, e1, ctx, p, &out), sizeof v1_get);
    assert_memory_equal(out.ptr, v1_get, sizeof v1_get);
    assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out), SNMPAPI_SUCCESS);

    /* The message is good SNMPv3, so the refusal is about the version. */
    assert_int_equal(ows_v3_decode(v3_get, sizeof v3_get, &m), 0);
    EXPECT_FAIL(SnmpDecodeMsg(sess, NULL, NULL, &c, &q, &in), SNMPAPI_MESSAGE_INVALID);
    assert_null(c);
    assert_null(q);
    SnmpFreeEntity(v3);
    SnmpFreePdu(p);
}

static void test_encode_v1_translations(void **st)
{
    static smiUINT32 up[] = { 1, 3, 6, 1, 2, 1, 1, 3, 0 }, toid[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 };
    static smiUINT32 cold[] = { 1, 3, 6, 1, 6, 3, 1, 1, 5, 1 };
    smiOID n_up = { 9, up }, n_toid = { 11, toid };
    smiVALUE tt, to;
    smiOCTETS out = { 0, NULL };
    HSNMP_PDU bulk = mkpdu(SNMP_PDU_GETBULK, 0, 10), trap;
    HSNMP_VBL v;
    (void)st;
    /* GETBULK to a v1 entity goes as GETNEXT with zero status/index. */
    assert_true(SnmpEncodeMsg(sess, e1, e1, ctx, bulk, &out) > 0);
    assert_int_equal(out.ptr[13], 0xA1);
    assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out), SNMPAPI_SUCCESS);
    assert_true(SnmpEncodeMsg(sess, e1, e2, ctx, bulk, &out) > 0);
    assert_int_equal(out.ptr[13], 0xA5);
    assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out), SNMPAPI_SUCCESS);
    /* A v2 TRAP to a v1 entity becomes a Trap-PDU (coldStart = generic 0). */
    tt.syntax = SNMP_SYNTAX_TIMETICKS;
    tt.value.uNumber = 4242;
    to.syntax = SNMP_SYNTAX_OID;
    to.value.oid.len = 10;
    to.value.oid.ptr = cold;
    v = SnmpCreateVbl(sess, &n_up, &tt);
    assert_int_equal(SnmpSetVb(v, 0, &n_toid, &to), 2);
    trap = SnmpCreatePdu(sess, SNMP_PDU_TRAP, 0, 0, 0, v);
    assert_true(SnmpEncodeMsg(sess, e1, e1, ctx, trap, &out) > 0);
    assert_int_equal(out.ptr[13], 0xA4);
    assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out), SNMPAPI_SUCCESS);
    SnmpFreeVbl(v);
    SnmpFreePdu(trap);
    SnmpFreePdu(bulk);
}

static void test_decode(void **st)
{
    smiOCTETS in = { sizeof v1_get, (smiLPBYTE)v1_get };
    HSNMP_ENTITY s = JUNK, d = JUNK;
    HSNMP_CONTEXT c = NULL;
    HSNMP_PDU p = NULL;
    size_t pdus = ows_handle_live(OWS_T_PDU), ctxs = ows_handle_live(OWS_T_CONTEXT);
    (void)st;
    assert_int_equal(SnmpDecodeMsg(sess, &s, &d, &c, &p, &in), sizeof v1_get);
    assert_null(s);
    assert_null(d);
    assert_non_null(c);
    assert_non_null(p);
    assert_int_equal(SnmpFreePdu(p), SNMPAPI_SUCCESS);
    assert_int_equal(SnmpFreeContext(c), SNMPAPI_SUCCESS);
    /* NULL outputs: those handles are not created. */
    assert_int_equal(SnmpDecodeMsg(sess, NULL, NULL, NULL, NULL, &in), sizeof v1_get);
    assert_int_equal(ows_handle_live(OWS_T_PDU), pdus);
    assert_int_equal(ows_handle_live(OWS_T_CONTEXT), ctxs);
}

static void test_decode_v1_trap_as_v2(void **st)
{
    smiOCTETS in = { sizeof v1_trap, (smiLPBYTE)v1_trap };
    HSNMP_CONTEXT c = NULL;
    HSNMP_PDU p = NULL;
    HSNMP_VBL v = NULL;
    smiINT type = 0;
    smiOID name = { 0, NULL };
    smiVALUE val;
    (void)st;
    assert_int_equal(SnmpDecodeMsg(sess, NULL, NULL, &c, &p, &in), sizeof v1_trap);
    assert_int_equal(SnmpGetPduData(p, &type, NULL, NULL, NULL, &v), SNMPAPI_SUCCESS);
    assert_int_equal(type, SNMP_PDU_TRAP);
    assert_int_equal(SnmpCountVbl(v), 4);
    assert_int_equal(SnmpGetVb(v, 1, &name, &val), SNMPAPI_SUCCESS);
    assert_int_equal(val.syntax, SNMP_SYNTAX_TIMETICKS);
    assert_int_equal(val.value.uNumber, 12345);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    assert_int_equal(SnmpGetVb(v, 2, &name, &val), SNMPAPI_SUCCESS);
    assert_int_equal(val.syntax, SNMP_SYNTAX_OID);
    assert_int_equal(val.value.oid.len, 11);
    assert_int_equal(val.value.oid.ptr[10], 17);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&val.value.oid);
    SnmpFreeVbl(v);
    SnmpFreePdu(p);
    SnmpFreeContext(c);
    /* Only the PDU: the context is not needed for the conversion. */
    assert_int_equal(SnmpDecodeMsg(sess, NULL, NULL, NULL, &p, &in), sizeof v1_trap);
    SnmpFreePdu(p);
    assert_int_equal(SnmpDecodeMsg(sess, NULL, NULL, &c, NULL, &in), sizeof v1_trap);
    SnmpFreeContext(c);
}

static void test_decode_errors(void **st)
{
    static smiBYTE buf[sizeof v1_get + 1];
    smiOCTETS in = { sizeof v1_get, buf }, garbage = { 3, (smiLPBYTE)"\x30\x01\x00" };
    smiOCTETS null_ptr = { 5, NULL };
    HSNMP_CONTEXT c = NULL;
    HSNMP_PDU p = NULL;
    (void)st;
    memcpy(buf, v1_get, sizeof v1_get);
    EXPECT_FAIL(SnmpDecodeMsg(NULL, NULL, NULL, &c, &p, &in), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpDecodeMsg(JUNK, NULL, NULL, &c, &p, &in), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpDecodeMsg(sess, NULL, NULL, &c, &p, NULL), SNMPAPI_MESSAGE_INVALID);
    EXPECT_FAIL(SnmpDecodeMsg(sess, NULL, NULL, &c, &p, &null_ptr), SNMPAPI_MESSAGE_INVALID);
    EXPECT_FAIL(SnmpDecodeMsg(sess, NULL, NULL, &c, &p, &garbage), SNMPAPI_MESSAGE_INVALID);
    /* Bytes after the message are not the message's: SnmpDecodeMsg returns
     * the bytes it decoded, which may be fewer than len. */
    in.len = sizeof buf;
    assert_int_equal(SnmpDecodeMsg(sess, NULL, NULL, NULL, NULL, &in), sizeof v1_get);
    /* A message whose outer length runs past len is still invalid. */
    in.len = sizeof v1_get - 1;
    EXPECT_FAIL(SnmpDecodeMsg(sess, NULL, NULL, &c, &p, &in), SNMPAPI_MESSAGE_INVALID);
    in.len = sizeof v1_get;
    /* Malformed content is MESSAGE_INVALID and leaves nothing behind: an
     * error-status that is not an INTEGER. */
    {
        size_t pdus = ows_handle_live(OWS_T_PDU), ctxs = ows_handle_live(OWS_T_CONTEXT);
        buf[18] = 0x04;
        c = NULL;
        p = NULL;
        EXPECT_FAIL(SnmpDecodeMsg(sess, NULL, NULL, &c, &p, &in), SNMPAPI_MESSAGE_INVALID);
        assert_null(c);
        assert_null(p);
        assert_int_equal(ows_handle_live(OWS_T_PDU), pdus);
        assert_int_equal(ows_handle_live(OWS_T_CONTEXT), ctxs);
        buf[18] = 0x02;
    }
    /* An empty community is legal BER and SNMP: the message decodes, its
     * context holds the empty string, and it encodes back byte for byte. */
    {
        static const smiBYTE empty_comm[] = { 0x30, 0x12, 0x02, 0x01, 0x01, 0x04, 0x00, 0xa0, 0x0b,
            0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x00 };
        smiOCTETS e = { sizeof empty_comm, (smiLPBYTE)empty_comm }, str, again;
        c = NULL;
        p = NULL;
        assert_int_equal(SnmpDecodeMsg(sess, NULL, NULL, &c, &p, &e), sizeof empty_comm);
        assert_non_null(c);
        assert_non_null(p);
        str.len = 99;
        assert_int_equal(SnmpContextToStr(c, &str), SNMPAPI_SUCCESS);
        assert_int_equal(str.len, 0);
        SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&str);
        assert_int_equal(SnmpEncodeMsg(sess, e2, e2, c, p, &again), sizeof empty_comm);
        assert_memory_equal(again.ptr, empty_comm, sizeof empty_comm);
        SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&again);
        assert_int_equal(SnmpFreeContext(c), SNMPAPI_SUCCESS);
        assert_int_equal(SnmpFreePdu(p), SNMPAPI_SUCCESS);
    }
}

static void test_alloc_torture(void **st)
{
    smiOCTETS out = { 0, NULL }, in = { sizeof v1_get, (smiLPBYTE)v1_get };
    smiOCTETS trap = { sizeof v1_trap, (smiLPBYTE)v1_trap };
    HSNMP_PDU p = mkpdu(SNMP_PDU_GET, 0, 0), q = NULL;
    HSNMP_CONTEXT c = NULL;
    (void)st;
    /* Warm up the descriptor registry: its table is made on first use and
     * kept, which is not a leak. */
    assert_int_equal(SnmpEncodeMsg(sess, e1, e1, ctx, p, &out), sizeof v1_get);
    assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out), SNMPAPI_SUCCESS);
    TORTURE(SnmpEncodeMsg(sess, e1, e1, ctx, p, &out),
            assert_int_equal(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out), SNMPAPI_SUCCESS));
    TORTURE(SnmpDecodeMsg(sess, NULL, NULL, &c, &q, &in),
            (SnmpFreePdu(q), SnmpFreeContext(c)));
    TORTURE(SnmpDecodeMsg(sess, NULL, NULL, &c, &q, &trap),
            (SnmpFreePdu(q), SnmpFreeContext(c)));
    SnmpFreePdu(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_not_initialized),
        cmocka_unit_test_setup_teardown(test_encode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_encode_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_v3_entities, setup, teardown),
        cmocka_unit_test_setup_teardown(test_encode_v1_translations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_decode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_decode_v1_trap_as_v2, setup, teardown),
        cmocka_unit_test_setup_teardown(test_decode_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alloc_torture, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
