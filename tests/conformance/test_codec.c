/*
 * test_codec.c - conformance: SnmpEncodeMsg and SnmpDecodeMsg through the
 * public ABI: a known BER vector (RFC 1157 layout), round trips in v1 and
 * v2c, and the documented errors.
 *
 * SPDX-License-Identifier: MIT
 */
#include "conf.h"

#define JUNK ((HANDLE)(uintptr_t)0xc0dec0deu)

/* GetRequest, SNMPv1, community "public", request-id 1, one varbind
 * 1.3.6.1.2.1.1.1.0 = NULL. Hand-assembled from RFC 1157 / X.690. */
static const smiBYTE v1_get[] = {
    0x30, 0x26,
    0x02, 0x01, 0x00,                                   /* version 0 (v1) */
    0x04, 0x06, 'p', 'u', 'b', 'l', 'i', 'c',           /* community */
    0xa0, 0x19,                                         /* GetRequest-PDU */
    0x02, 0x01, 0x01,                                   /* request-id 1 */
    0x02, 0x01, 0x00,                                   /* error-status 0 */
    0x02, 0x01, 0x00,                                   /* error-index 0 */
    0x30, 0x0e,                                         /* varbind list */
    0x30, 0x0c,
    0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00,
    0x05, 0x00,
};

static smiUINT32 sysdescr_ids[9] = {1, 3, 6, 1, 2, 1, 1, 1, 0};

struct codec_fx {
    HSNMP_SESSION s;
    HSNMP_ENTITY e;
    HSNMP_CONTEXT c;
    HSNMP_PDU p;
    HSNMP_VBL v;
};

/* Entities take their SNMP version from the translate mode in force when
 * they are created (spec section 4). */
static void make(HSNMP_SESSION s, smiUINT32 mode, struct codec_fx *f)
{
    smiOCTETS comm = {6, (smiLPBYTE)"public"};
    smiOID name = {9, sysdescr_ids};
    EXPECT_OK(SnmpSetTranslateMode(mode));
    f->s = s;
    f->e = (HSNMP_ENTITY)EXPECT_OK(SnmpStrToEntity(s, "127.0.0.1"));
    f->c = (HSNMP_CONTEXT)EXPECT_OK(SnmpStrToContext(s, &comm));
    f->v = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(s, &name, NULL));
    f->p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(s, SNMP_PDU_GET, 1, 0, 0, f->v));
    EXPECT_OK(SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1));
}

static void encode_known_vector(void **state)
{
    struct codec_fx f;
    smiOCTETS out = {0, NULL};
    make(FX(state), SNMPAPI_UNTRANSLATED_V1, &f);
    /* Returns the encoded length (documented). */
    EXPECT_RET(SnmpEncodeMsg(f.s, f.e, f.e, f.c, f.p, &out), sizeof v1_get);
    assert_int_equal(out.len, sizeof v1_get);
    assert_memory_equal(out.ptr, v1_get, sizeof v1_get);
    EXPECT_RET(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out), SNMPAPI_SUCCESS);
}

/* The same PDU to a v2c entity differs only in the version byte. */
static void encode_v2c_version(void **state)
{
    struct codec_fx f;
    smiOCTETS out = {0, NULL};
    make(FX(state), SNMPAPI_UNTRANSLATED_V2, &f);
    EXPECT_OK(SnmpEncodeMsg(f.s, f.e, f.e, f.c, f.p, &out));
    assert_int_equal(out.len, sizeof v1_get);
    assert_int_equal(out.ptr[4], 0x01);
    assert_memory_equal(out.ptr, v1_get, 4);
    assert_memory_equal(out.ptr + 5, v1_get + 5, sizeof v1_get - 5);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out));
}

/* Decodes a whole community message: its length back, no entities, a
 * context holding `community` (len bytes) and a PDU. */
static void decode_community_msg(HSNMP_SESSION s, const smiBYTE *msg, smiUINT32 msg_len,
                                 const char *community, smiUINT32 len,
                                 HSNMP_CONTEXT *c, HSNMP_PDU *p)
{
    smiOCTETS in = {msg_len, (smiLPBYTE)msg}, comm = {99, NULL};
    HSNMP_ENTITY src = JUNK, dst = JUNK;
    *c = NULL;
    *p = NULL;
    /* Returns the number of bytes decoded (spec section 7). */
    EXPECT_RET(SnmpDecodeMsg(s, &src, &dst, c, p, &in), msg_len);
    /* Community messages carry no entities. */
    assert_null(src);
    assert_null(dst);
    assert_non_null(*c);
    assert_non_null(*p);
    EXPECT_OK(SnmpContextToStr(*c, &comm));
    assert_int_equal(comm.len, len);
    if (len)
        assert_memory_equal(comm.ptr, community, len);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &comm));
}

static void decode_known_vector(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_CONTEXT c = NULL;
    HSNMP_PDU p = NULL;
    HSNMP_VBL v = NULL;
    smiINT t = 0, es = -1, ei = -1;
    smiINT32 rid = 0;
    smiOID name = {0, NULL};
    smiVALUE val;
    decode_community_msg(s, v1_get, sizeof v1_get, "public", 6, &c, &p);
    EXPECT_OK(SnmpGetPduData(p, &t, &rid, &es, &ei, &v));
    assert_int_equal(t, SNMP_PDU_GET);
    assert_int_equal(rid, 1);
    assert_int_equal(es, 0);
    assert_int_equal(ei, 0);
    EXPECT_RET(SnmpCountVbl(v), 1);
    memset(&val, 0x55, sizeof val);
    EXPECT_OK(SnmpGetVb(v, 1, &name, &val));
    assert_int_equal(name.len, 9);
    assert_memory_equal(name.ptr, sysdescr_ids, sizeof sysdescr_ids);
    assert_int_equal(val.syntax, SNMP_SYNTAX_NULL);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name));
    EXPECT_OK(SnmpFreeVbl(v));
    EXPECT_OK(SnmpFreePdu(p));
    EXPECT_OK(SnmpFreeContext(c));
}

/* Encode then decode: every value syntax survives, in v2c. */
static void round_trip_v2c(void **state)
{
    struct codec_fx f;
    smiOCTETS out = {0, NULL};
    smiUINT32 oid_ids[4] = {1, 3, 6, 1};
    smiBYTE ip[4] = {127, 0, 0, 1};
    smiVALUE val;
    HSNMP_CONTEXT c = NULL;
    HSNMP_PDU p = NULL;
    HSNMP_VBL v = NULL;
    HSNMP_ENTITY e1 = NULL, e2 = NULL;
    smiOID name = {9, sysdescr_ids};
    smiUINT32 n, i;
    smiINT t = 0, es = 0, ei = 0;
    smiINT32 rid = 0;
    make(FX(state), SNMPAPI_UNTRANSLATED_V2, &f);
    memset(&val, 0, sizeof val);
    val.syntax = SNMP_SYNTAX_CNTR64;
    val.value.hNumber.hipart = 0x80000000u;
    val.value.hNumber.lopart = 1;
    EXPECT_RET(SnmpSetVb(f.v, 0, &name, &val), 2);
    val.syntax = SNMP_SYNTAX_OID;
    val.value.oid.len = 4;
    val.value.oid.ptr = oid_ids;
    EXPECT_RET(SnmpSetVb(f.v, 0, &name, &val), 3);
    val.syntax = SNMP_SYNTAX_IPADDR;
    val.value.string.len = 4;
    val.value.string.ptr = ip;
    EXPECT_RET(SnmpSetVb(f.v, 0, &name, &val), 4);
    val.syntax = SNMP_SYNTAX_INT;
    val.value.sNumber = -1;
    EXPECT_RET(SnmpSetVb(f.v, 0, &name, &val), 5);
    val.syntax = SNMP_SYNTAX_ENDOFMIBVIEW;
    EXPECT_RET(SnmpSetVb(f.v, 0, &name, &val), 6);
    EXPECT_OK(SnmpFreePdu(f.p));
    f.p = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(f.s, SNMP_PDU_RESPONSE, 0x7fffffff, 0, 0, f.v));
    EXPECT_OK(SnmpEncodeMsg(f.s, f.e, f.e, f.c, f.p, &out));
    n = (smiUINT32)EXPECT_OK(SnmpDecodeMsg(f.s, &e1, &e2, &c, &p, &out));
    assert_int_equal(n, out.len);
    EXPECT_OK(SnmpGetPduData(p, &t, &rid, &es, &ei, &v));
    assert_int_equal(t, SNMP_PDU_RESPONSE);
    assert_int_equal(rid, 0x7fffffff);
    EXPECT_RET(SnmpCountVbl(v), 6);
    for (i = 2; i <= 6; i++) {
        smiVALUE got;
        memset(&got, 0, sizeof got);
        EXPECT_OK(SnmpGetVb(v, i, NULL, &got));
        switch (i) {
        case 2:
            assert_int_equal(got.syntax, SNMP_SYNTAX_CNTR64);
            assert_int_equal(got.value.hNumber.hipart, 0x80000000u);
            assert_int_equal(got.value.hNumber.lopart, 1);
            break;
        case 3:
            assert_int_equal(got.syntax, SNMP_SYNTAX_OID);
            assert_int_equal(got.value.oid.len, 4);
            assert_memory_equal(got.value.oid.ptr, oid_ids, sizeof oid_ids);
            EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&got.value.oid));
            break;
        case 4:
            assert_int_equal(got.syntax, SNMP_SYNTAX_IPADDR);
            assert_int_equal(got.value.string.len, 4);
            assert_memory_equal(got.value.string.ptr, ip, 4);
            EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_IPADDR, &got.value.string));
            break;
        case 5:
            assert_int_equal(got.syntax, SNMP_SYNTAX_INT);
            assert_int_equal(got.value.sNumber, -1);
            break;
        default:
            assert_int_equal(got.syntax, SNMP_SYNTAX_ENDOFMIBVIEW);
            break;
        }
    }
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out));
    EXPECT_OK(SnmpFreeVbl(v));
    EXPECT_OK(SnmpFreePdu(p));
    EXPECT_OK(SnmpFreeContext(c));
}

static void encode_errors(void **state)
{
    struct codec_fx f;
    smiOCTETS out = {0, NULL};
    HSNMP_PDU bad;
    make(FX(state), SNMPAPI_UNTRANSLATED_V1, &f);
    EXPECT_FAIL(SnmpEncodeMsg(NULL, f.e, f.e, f.c, f.p, &out), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpEncodeMsg(JUNK, f.e, f.e, f.c, f.p, &out), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL_S(f.s, SnmpEncodeMsg(f.s, JUNK, f.e, f.c, f.p, &out), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL_S(f.s, SnmpEncodeMsg(f.s, f.e, JUNK, f.c, f.p, &out), SNMPAPI_ENTITY_INVALID);
    EXPECT_FAIL_S(f.s, SnmpEncodeMsg(f.s, f.e, f.e, JUNK, f.p, &out), SNMPAPI_CONTEXT_INVALID);
    EXPECT_FAIL_S(f.s, SnmpEncodeMsg(f.s, f.e, f.e, f.c, JUNK, &out), SNMPAPI_PDU_INVALID);
    EXPECT_FAIL_S(f.s, SnmpEncodeMsg(f.s, f.e, f.e, f.c, (HSNMP_PDU)f.v, &out), SNMPAPI_PDU_INVALID);
    /* A GET with a non-zero error status is not a valid PDU to encode. */
    bad = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(f.s, SNMP_PDU_GET, 1, 2, 1, f.v));
    EXPECT_FAIL_S(f.s, SnmpEncodeMsg(f.s, f.e, f.e, f.c, bad, &out), SNMPAPI_PDU_INVALID);
    assert_null(out.ptr);
    EXPECT_OK(SnmpFreePdu(bad));
}

/* INFORM cannot be sent to an SNMPv1 entity (spec section 5). */
static void encode_inform_v1_operation_invalid(void **state)
{
    struct codec_fx f;
    smiOCTETS out = {0, NULL};
    HSNMP_PDU inform;
    make(FX(state), SNMPAPI_UNTRANSLATED_V1, &f);
    inform = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(f.s, SNMP_PDU_INFORM, 1, 0, 0, f.v));
    EXPECT_FAIL_S(f.s, SnmpEncodeMsg(f.s, f.e, f.e, f.c, inform, &out), SNMPAPI_OPERATION_INVALID);
    assert_null(out.ptr);
}

static void decode_errors(void **state)
{
    HSNMP_SESSION s = FX(state);
    HSNMP_ENTITY e1 = NULL, e2 = NULL;
    HSNMP_CONTEXT c = NULL;
    HSNMP_PDU p = NULL;
    smiBYTE trunc[sizeof v1_get - 1];
    smiOCTETS good = {sizeof v1_get, (smiLPBYTE)v1_get};
    smiOCTETS garbage = {5, (smiLPBYTE)"\x01\x02\x03\x04\x05"};
    smiOCTETS truncated = {sizeof trunc, trunc};
    smiOCTETS empty = {0, (smiLPBYTE)v1_get};
    smiBYTE indefinite[sizeof v1_get];
    smiOCTETS indef = {sizeof indefinite, indefinite};
    memcpy(trunc, v1_get, sizeof trunc);
    memcpy(indefinite, v1_get, sizeof indefinite);
    indefinite[1] = 0x80;   /* indefinite length: not allowed in SNMP */
    EXPECT_FAIL(SnmpDecodeMsg(NULL, &e1, &e2, &c, &p, &good), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL(SnmpDecodeMsg(JUNK, &e1, &e2, &c, &p, &good), SNMPAPI_SESSION_INVALID);
    EXPECT_FAIL_S(s, SnmpDecodeMsg(s, &e1, &e2, &c, &p, &garbage), SNMPAPI_MESSAGE_INVALID);
    EXPECT_FAIL_S(s, SnmpDecodeMsg(s, &e1, &e2, &c, &p, &truncated), SNMPAPI_MESSAGE_INVALID);
    EXPECT_FAIL_S(s, SnmpDecodeMsg(s, &e1, &e2, &c, &p, &empty), SNMPAPI_MESSAGE_INVALID);
    EXPECT_FAIL_S(s, SnmpDecodeMsg(s, &e1, &e2, &c, &p, &indef), SNMPAPI_MESSAGE_INVALID);
    /* Failures hand out no handles. */
    assert_null(c);
    assert_null(p);
}

/* SnmpDecodeMsg's page gives PDU_INVALID for an invalid pdu parameter only
 * and MESSAGE_INVALID for a message whose format is invalid. OpenWinSNMP
 * decision (owsdecision): a well-formed message whose fields hold odd values
 * (a GET or SET with error fields, a response whose error-index is beyond its
 * varbinds or whose error-status nobody defined, negative values) decodes as
 * it is, so the application sees what the sender sent. The v1 GET vector
 * with its PDU tag, error-status and error-index octets replaced. */
static void decode_odd_fields_owsdecision(void **state)
{
    static const struct {
        smiBYTE tag, es, ei;
        smiINT type, want_es, want_ei;
    } cases[] = {
        {0xa0, 5, 0, SNMP_PDU_GET, 5, 0},
        {0xa3, 0, 1, SNMP_PDU_SET, 0, 1},
        {0xa3, 4, 9, SNMP_PDU_SET, 4, 9},
        {0xa1, 0xff, 0x80, SNMP_PDU_GETNEXT, -1, -128},
        {0xa2, 5, 7, SNMP_PDU_RESPONSE, 5, 7},
        {0xa2, 99, 0, SNMP_PDU_RESPONSE, 99, 0},
        {0xa2, 0, 3, SNMP_PDU_RESPONSE, 0, 3},
    };
    HSNMP_SESSION s = FX(state);
    smiBYTE buf[sizeof v1_get];
    smiOCTETS in = {sizeof buf, buf};
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        HSNMP_ENTITY e1 = NULL, e2 = NULL;
        HSNMP_CONTEXT c = NULL;
        HSNMP_PDU p = NULL;
        HSNMP_VBL v = NULL;
        smiINT t = 0, es = 0, ei = 0;
        smiINT32 rid = 0;
        memcpy(buf, v1_get, sizeof buf);
        buf[13] = cases[i].tag;
        buf[20] = cases[i].es;
        buf[23] = cases[i].ei;
        EXPECT_RET(SnmpDecodeMsg(s, &e1, &e2, &c, &p, &in), sizeof v1_get);
        EXPECT_OK(SnmpGetPduData(p, &t, &rid, &es, &ei, &v));
        assert_int_equal(t, cases[i].type);
        assert_int_equal(rid, 1);
        assert_int_equal(es, cases[i].want_es);
        assert_int_equal(ei, cases[i].want_ei);
        EXPECT_RET(SnmpCountVbl(v), 1);
        EXPECT_OK(SnmpFreeVbl(v));
        EXPECT_OK(SnmpFreePdu(p));
        EXPECT_OK(SnmpFreeContext(c));
    }
    /* Sending keeps its rules (spec section 5): such a SET decodes, but is
     * not encoded again. */
    {
        struct codec_fx f;
        HSNMP_PDU p = NULL;
        smiOCTETS out = {0, NULL};
        make(s, SNMPAPI_UNTRANSLATED_V1, &f);
        memcpy(buf, v1_get, sizeof buf);
        buf[13] = 0xa3;
        buf[23] = 1;
        EXPECT_RET(SnmpDecodeMsg(s, NULL, NULL, NULL, &p, &in), sizeof v1_get);
        EXPECT_FAIL_S(s, SnmpEncodeMsg(s, f.e, f.e, f.c, p, &out), SNMPAPI_PDU_INVALID);
        assert_null(out.ptr);
        EXPECT_OK(SnmpFreePdu(p));
    }
    /* Malformed stays MESSAGE_INVALID: an error-status that is not an
     * INTEGER, and one that is not minimally encoded (X.690 8.3.2). */
    {
        HSNMP_ENTITY e1 = NULL, e2 = NULL;
        HSNMP_CONTEXT c = NULL;
        HSNMP_PDU p = NULL;
        smiBYTE longer[sizeof v1_get + 1];
        smiOCTETS lin = {sizeof longer, longer};
        memcpy(buf, v1_get, sizeof buf);
        buf[18] = 0x04;
        EXPECT_FAIL_S(s, SnmpDecodeMsg(s, &e1, &e2, &c, &p, &in), SNMPAPI_MESSAGE_INVALID);
        /* 02 02 00 05 in place of 02 01 00; the lengths around it grow by one. */
        memcpy(longer, v1_get, 19);
        longer[1] = (smiBYTE)(v1_get[1] + 1);
        longer[14] = (smiBYTE)(v1_get[14] + 1);
        longer[19] = 0x02;
        longer[20] = 0x00;
        longer[21] = 0x05;
        memcpy(longer + 22, v1_get + 21, sizeof v1_get - 21);
        EXPECT_FAIL_S(s, SnmpDecodeMsg(s, &e1, &e2, &c, &p, &lin), SNMPAPI_MESSAGE_INVALID);
        assert_null(c);
        assert_null(p);
        /* The same frame with a minimal two-octet value (02 02 00 80 = 128)
         * decodes: only the encoding was wrong above. */
        longer[21] = 0x80;
        {
            smiINT es = 0;
            EXPECT_RET(SnmpDecodeMsg(s, &e1, &e2, &c, &p, &lin), sizeof longer);
            EXPECT_OK(SnmpGetPduData(p, NULL, NULL, &es, NULL, NULL));
            assert_int_equal(es, 128);
            EXPECT_OK(SnmpFreePdu(p));
            EXPECT_OK(SnmpFreeContext(c));
        }
    }
}

/* A zero-length community is a legal OCTET STRING (X.690 8.7) and a legal
 * SNMP community: the message decodes like any other (the page gives
 * MESSAGE_INVALID only for an invalid format), into a context whose string
 * is empty, and that context encodes the same message again. The v1 GET
 * vector with "public" taken out. */
static void decode_empty_community(void **state)
{
    struct codec_fx f;
    HSNMP_SESSION s = FX(state);
    smiBYTE buf[sizeof v1_get - 6];
    smiOCTETS out = {0, NULL};
    HSNMP_CONTEXT c = NULL;
    HSNMP_PDU p = NULL;
    smiINT t = 0;
    smiINT32 rid = 0;
    memcpy(buf, v1_get, 6);
    buf[1] = (smiBYTE)(v1_get[1] - 6);
    buf[6] = 0x00;
    memcpy(buf + 7, v1_get + 13, sizeof v1_get - 13);
    decode_community_msg(s, buf, sizeof buf, "", 0, &c, &p);
    EXPECT_OK(SnmpGetPduData(p, &t, &rid, NULL, NULL, NULL));
    assert_int_equal(t, SNMP_PDU_GET);
    assert_int_equal(rid, 1);
    make(s, SNMPAPI_UNTRANSLATED_V1, &f);
    EXPECT_RET(SnmpEncodeMsg(s, f.e, f.e, c, p, &out), sizeof buf);
    assert_memory_equal(out.ptr, buf, sizeof buf);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out));
    EXPECT_OK(SnmpFreePdu(p));
    EXPECT_OK(SnmpFreeContext(c));
}

/* SNMPv1 Trap-PDU: enterprise 1.3.6.1.4.1.8072, agent 127.0.0.1, coldStart,
 * time-stamp 100, no varbinds. Hand-assembled from RFC 1157. */
static const smiBYTE v1_trap[] = {
    0x30, 0x27,
    0x02, 0x01, 0x00,
    0x04, 0x06, 'p', 'u', 'b', 'l', 'i', 'c',
    0xa4, 0x1a,
    0x06, 0x07, 0x2b, 0x06, 0x01, 0x04, 0x01, 0xbf, 0x08,   /* enterprise */
    0x40, 0x04, 0x7f, 0x00, 0x00, 0x01,                     /* agent-addr */
    0x02, 0x01, 0x00,                                       /* generic: coldStart */
    0x02, 0x01, 0x00,                                       /* specific */
    0x43, 0x01, 0x64,                                       /* time-stamp 100 */
    0x30, 0x00,
};

static void expect_vb_name(HSNMP_VBL v, smiUINT32 i, const char *want, smiVALUE *val)
{
    smiOID name = {0, NULL};
    char buf[MAXOBJIDSTRSIZE];
    EXPECT_OK(SnmpGetVb(v, i, &name, val));
    EXPECT_OK(SnmpOidToStr(&name, sizeof buf, buf));
    assert_string_equal(buf, want);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name));
}

/* Spec section 6 / RFC 3584 section 3.1: a decoded SNMPv1 trap comes out in
 * SNMPv2 form: sysUpTime.0, snmpTrapOID.0, the varbinds, snmpTrapEnterprise.0
 * last. */
static void decode_v1_trap_as_v2(void **state)
{
    HSNMP_SESSION s = FX(state);
    smiOCTETS in = {sizeof v1_trap, (smiLPBYTE)v1_trap};
    HSNMP_ENTITY e1 = NULL, e2 = NULL;
    HSNMP_CONTEXT c = NULL;
    HSNMP_PDU p = NULL;
    HSNMP_VBL v = NULL;
    smiINT t = 0;
    smiUINT32 n;
    smiVALUE val;
    char buf[MAXOBJIDSTRSIZE];
    EXPECT_RET(SnmpDecodeMsg(s, &e1, &e2, &c, &p, &in), sizeof v1_trap);
    EXPECT_OK(SnmpGetPduData(p, &t, NULL, NULL, NULL, &v));
    assert_int_equal(t, SNMP_PDU_TRAP);
    n = (smiUINT32)EXPECT_OK(SnmpCountVbl(v));
    assert_true(n >= 3);
    memset(&val, 0, sizeof val);
    expect_vb_name(v, 1, "1.3.6.1.2.1.1.3.0", &val);            /* sysUpTime.0 */
    assert_int_equal(val.syntax, SNMP_SYNTAX_TIMETICKS);
    assert_int_equal(val.value.uNumber, 100);
    expect_vb_name(v, 2, "1.3.6.1.6.3.1.1.4.1.0", &val);        /* snmpTrapOID.0 */
    assert_int_equal(val.syntax, SNMP_SYNTAX_OID);
    EXPECT_OK(SnmpOidToStr(&val.value.oid, sizeof buf, buf));
    assert_string_equal(buf, "1.3.6.1.6.3.1.1.5.1");            /* coldStart */
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&val.value.oid));
    expect_vb_name(v, n, "1.3.6.1.6.3.1.1.4.3.0", &val);        /* snmpTrapEnterprise.0 */
    assert_int_equal(val.syntax, SNMP_SYNTAX_OID);
    EXPECT_OK(SnmpOidToStr(&val.value.oid, sizeof buf, buf));
    assert_string_equal(buf, "1.3.6.1.4.1.8072");
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&val.value.oid));
    EXPECT_OK(SnmpFreeVbl(v));
    EXPECT_OK(SnmpFreePdu(p));
    EXPECT_OK(SnmpFreeContext(c));
}

/* Spec section 5 / RFC 3584: GETBULK to an SNMPv1 entity becomes GETNEXT
 * (with error-status and error-index 0). */
static void encode_getbulk_to_v1_is_getnext(void **state)
{
    struct codec_fx f;
    smiOCTETS out = {0, NULL};
    smiBYTE want[sizeof v1_get];
    HSNMP_PDU bulk;
    make(FX(state), SNMPAPI_UNTRANSLATED_V1, &f);
    bulk = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(f.s, SNMP_PDU_GETBULK, 1, 1, 5, f.v));
    memcpy(want, v1_get, sizeof want);
    want[13] = 0xa1;
    EXPECT_RET(SnmpEncodeMsg(f.s, f.e, f.e, f.c, bulk, &out), sizeof want);
    assert_memory_equal(out.ptr, want, sizeof want);
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out));
}

/* Spec section 5: an SNMPv2 TRAP to an SNMPv1 entity becomes a v1 Trap-PDU,
 * which decodes back to the same sysUpTime.0 and snmpTrapOID.0. */
static void encode_v2_trap_to_v1(void **state)
{
    struct codec_fx f;
    smiOCTETS out = {0, NULL};
    smiUINT32 up_ids[9] = {1, 3, 6, 1, 2, 1, 1, 3, 0};
    smiUINT32 to_ids[11] = {1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0};
    smiUINT32 cold_ids[10] = {1, 3, 6, 1, 6, 3, 1, 1, 5, 1};
    smiOID up = {9, up_ids}, to = {11, to_ids};
    smiVALUE val;
    HSNMP_VBL tv;
    HSNMP_PDU trap, p = NULL;
    HSNMP_VBL v = NULL;
    HSNMP_ENTITY e1 = NULL, e2 = NULL;
    HSNMP_CONTEXT c = NULL;
    smiINT t = 0;
    char buf[MAXOBJIDSTRSIZE];
    make(FX(state), SNMPAPI_UNTRANSLATED_V1, &f);
    memset(&val, 0, sizeof val);
    val.syntax = SNMP_SYNTAX_TIMETICKS;
    val.value.uNumber = 4242;
    tv = (HSNMP_VBL)EXPECT_OK(SnmpCreateVbl(f.s, &up, &val));
    val.syntax = SNMP_SYNTAX_OID;
    val.value.oid.len = 10;
    val.value.oid.ptr = cold_ids;
    EXPECT_RET(SnmpSetVb(tv, 0, &to, &val), 2);
    trap = (HSNMP_PDU)EXPECT_OK(SnmpCreatePdu(f.s, SNMP_PDU_TRAP, 9, 0, 0, tv));
    EXPECT_OK(SnmpEncodeMsg(f.s, f.e, f.e, f.c, trap, &out));
    assert_true(out.len > 14 && out.len < 128);
    assert_int_equal(out.ptr[4], 0x00);     /* version: SNMPv1 */
    assert_int_equal(out.ptr[13], 0xa4);    /* Trap-PDU */
    EXPECT_OK(SnmpDecodeMsg(f.s, &e1, &e2, &c, &p, &out));
    EXPECT_OK(SnmpGetPduData(p, &t, NULL, NULL, NULL, &v));
    assert_int_equal(t, SNMP_PDU_TRAP);
    memset(&val, 0, sizeof val);
    expect_vb_name(v, 1, "1.3.6.1.2.1.1.3.0", &val);
    assert_int_equal(val.syntax, SNMP_SYNTAX_TIMETICKS);
    assert_int_equal(val.value.uNumber, 4242);
    expect_vb_name(v, 2, "1.3.6.1.6.3.1.1.4.1.0", &val);
    assert_int_equal(val.syntax, SNMP_SYNTAX_OID);
    EXPECT_OK(SnmpOidToStr(&val.value.oid, sizeof buf, buf));
    assert_string_equal(buf, "1.3.6.1.6.3.1.1.5.1");
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&val.value.oid));
    EXPECT_OK(SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out));
    EXPECT_OK(SnmpFreeVbl(v));
    EXPECT_OK(SnmpFreePdu(p));
    EXPECT_OK(SnmpFreeContext(c));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        CONF_TEST(encode_known_vector),
        CONF_TEST(encode_v2c_version),
        CONF_TEST(decode_known_vector),
        CONF_TEST(round_trip_v2c),
        CONF_TEST(encode_errors),
        CONF_TEST(encode_inform_v1_operation_invalid),
        CONF_TEST(decode_errors),
        CONF_TEST(decode_odd_fields_owsdecision),
        CONF_TEST(decode_empty_community),
        CONF_TEST(decode_v1_trap_as_v2),
        CONF_TEST(encode_getbulk_to_v1_is_getnext),
        CONF_TEST(encode_v2_trap_to_v1),
    };
    return CONF_RUN("conformance.codec", tests);
}
