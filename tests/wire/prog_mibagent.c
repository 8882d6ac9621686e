/* prog_mibagent.c - a small SNMP agent written on the WinSNMP API, for
 * net-snmp's command-line tools to query (tests/wire/netsnmp-agent.sh).
 *
 *   prog_mibagent <seconds> <address> [<address>...]
 *
 * Listens (SnmpListen) on every address ("127.0.0.1:16410", "[::1]:16410"),
 * prints "ready" once it does, and serves until <seconds> pass or a manager
 * sets the stop object (1.3.6.1.4.1.99999.9.0) to 1. Its MIB: the system
 * group's scalars (sysContact, sysName and sysLocation writable) and a
 * three-row table under 1.3.6.1.4.1.99999.2.1 (index, name, Counter32,
 * writable INTEGER). It answers in SNMPv2 terms (noSuchObject,
 * noSuchInstance, endOfMibView, SNMPv2 error codes); the library translates
 * responses to SNMPv1 requests (RFC 3584 4.4). SET needs community
 * "private" (else noAccess). */
#include <stdatomic.h>
#include "wire.h"

#define MAX_OBJS 32
#define MAX_STR 64

struct obj {
    const char *text;
    smiUINT32 syntax;
    int writable;
    smiUINT32 ids[MAXOBJIDSIZE];
    smiUINT32 len;          /* sub-ids of the instance */
    smiUINT32 type_len;     /* sub-ids of its object type (without the index) */
    smiINT32 num;           /* INT, CNTR32, TIMETICKS, GAUGE32 */
    char str[MAX_STR + 1];  /* OCTETS, or the OID value's text */
};

static struct obj mib[] = {
    { "1.3.6.1.2.1.1.1.0", SNMP_SYNTAX_OCTETS, 0, {0}, 0, 0, 0, "OpenWinSNMP test agent" },
    { "1.3.6.1.2.1.1.2.0", SNMP_SYNTAX_OID, 0, {0}, 0, 0, 0, "1.3.6.1.4.1.99999.1" },
    { "1.3.6.1.2.1.1.3.0", SNMP_SYNTAX_TIMETICKS, 0, {0}, 0, 0, 4242, "" },
    { "1.3.6.1.2.1.1.4.0", SNMP_SYNTAX_OCTETS, 1, {0}, 0, 0, 0, "ops@example.org" },
    { "1.3.6.1.2.1.1.5.0", SNMP_SYNTAX_OCTETS, 1, {0}, 0, 0, 0, "ows-agent" },
    { "1.3.6.1.2.1.1.6.0", SNMP_SYNTAX_OCTETS, 1, {0}, 0, 0, 0, "rack 7" },
    { "1.3.6.1.2.1.1.7.0", SNMP_SYNTAX_INT, 0, {0}, 0, 0, 72, "" },
    { "1.3.6.1.4.1.99999.2.1.1.1", SNMP_SYNTAX_INT, 0, {0}, 0, 0, 1, "" },
    { "1.3.6.1.4.1.99999.2.1.1.2", SNMP_SYNTAX_INT, 0, {0}, 0, 0, 2, "" },
    { "1.3.6.1.4.1.99999.2.1.1.3", SNMP_SYNTAX_INT, 0, {0}, 0, 0, 3, "" },
    { "1.3.6.1.4.1.99999.2.1.2.1", SNMP_SYNTAX_OCTETS, 0, {0}, 0, 0, 0, "alpha" },
    { "1.3.6.1.4.1.99999.2.1.2.2", SNMP_SYNTAX_OCTETS, 0, {0}, 0, 0, 0, "beta" },
    { "1.3.6.1.4.1.99999.2.1.2.3", SNMP_SYNTAX_OCTETS, 0, {0}, 0, 0, 0, "gamma" },
    { "1.3.6.1.4.1.99999.2.1.3.1", SNMP_SYNTAX_CNTR32, 0, {0}, 0, 0, 1000, "" },
    { "1.3.6.1.4.1.99999.2.1.3.2", SNMP_SYNTAX_CNTR32, 0, {0}, 0, 0, 2000, "" },
    { "1.3.6.1.4.1.99999.2.1.3.3", SNMP_SYNTAX_CNTR32, 0, {0}, 0, 0, 3000, "" },
    { "1.3.6.1.4.1.99999.2.1.4.1", SNMP_SYNTAX_INT, 1, {0}, 0, 0, 10, "" },
    { "1.3.6.1.4.1.99999.2.1.4.2", SNMP_SYNTAX_INT, 1, {0}, 0, 0, 20, "" },
    { "1.3.6.1.4.1.99999.2.1.4.3", SNMP_SYNTAX_INT, 1, {0}, 0, 0, 30, "" },
    { "1.3.6.1.4.1.99999.9.0", SNMP_SYNTAX_INT, 1, {0}, 0, 0, 0, "" },   /* stop */
};
#define NOBJS ((int)(sizeof(mib) / sizeof(mib[0])))
#define STOP_OBJ (NOBJS - 1)

/* Set on the engine's callback thread, read by main. */
static atomic_int stop_requested;
static atomic_long served;

static int cmp_ids(const smiUINT32 *a, smiUINT32 alen, const smiUINT32 *b, smiUINT32 blen)
{
    smiUINT32 i, n = alen < blen ? alen : blen;
    for (i = 0; i < n; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return alen < blen ? -1 : alen > blen;
}

static int find_exact(const smiOID *o)
{
    int i;
    for (i = 0; i < NOBJS; i++)
        if (cmp_ids(mib[i].ids, mib[i].len, o->ptr, o->len) == 0)
            return i;
    return -1;
}

/* The first object after `o` (the MIB is in lexicographic order), or -1. */
static int find_next(const smiOID *o)
{
    int i;
    for (i = 0; i < NOBJS; i++)
        if (cmp_ids(mib[i].ids, mib[i].len, o->ptr, o->len) > 0)
            return i;
    return -1;
}

/* Whether `o` lies under an object type the MIB has (then a missing
 * instance is noSuchInstance rather than noSuchObject). */
static int known_type(const smiOID *o)
{
    int i;
    for (i = 0; i < NOBJS; i++)
        if (o->len > mib[i].type_len &&
            cmp_ids(mib[i].ids, mib[i].type_len, o->ptr, mib[i].type_len) == 0)
            return 1;
    return 0;
}

/* Fills `v` with object i's value; OID values are allocated (free_value). */
static void get_value(int i, smiVALUE *v)
{
    memset(v, 0, sizeof(*v));
    v->syntax = mib[i].syntax;
    switch (mib[i].syntax) {
    case SNMP_SYNTAX_OCTETS:
        v->value.string.len = (smiUINT32)strlen(mib[i].str);
        v->value.string.ptr = (smiLPBYTE)mib[i].str;
        break;
    case SNMP_SYNTAX_OID:
        SnmpStrToOid(mib[i].str, &v->value.oid);
        break;
    case SNMP_SYNTAX_INT:
        v->value.sNumber = mib[i].num;
        break;
    default:
        v->value.uNumber = (smiUINT32)mib[i].num;
        break;
    }
}

static void free_value(smiVALUE *v)
{
    if (v->syntax == SNMP_SYNTAX_OID)
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&v->value.oid);
}

static void put(HSNMP_VBL out, int index, const smiOID *name, int obj, smiUINT32 exception)
{
    smiVALUE v;
    smiOID n;
    if (obj >= 0) {
        get_value(obj, &v);
        n.len = mib[obj].len;
        n.ptr = mib[obj].ids;
    } else {
        memset(&v, 0, sizeof(v));
        v.syntax = exception;
        n = *name;
    }
    SnmpSetVb(out, (smiUINT32)index, &n, &v);
    free_value(&v);
}

/* GETBULK (RFC 3416 4.2.3): non-repeaters, then max-repetitions rounds. */
static void bulk(HSNMP_VBL in, HSNMP_VBL out, smiINT nonrep, smiINT maxrep)
{
    smiUINT32 n = SnmpCountVbl(in), i;
    smiOID cur[16];
    int r, total = 0, live;
    if (nonrep < 0) nonrep = 0;
    if (maxrep < 0) maxrep = 0;
    if (n > 16) n = 16;
    for (i = 1; i <= n; i++) {
        smiVALUE dummy;
        SnmpGetVb(in, i, &cur[i - 1], &dummy);
        if (dummy.syntax == SNMP_SYNTAX_OID)
            SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&dummy.value.oid);
        else if (dummy.syntax == SNMP_SYNTAX_OCTETS && dummy.value.string.ptr)
            SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&dummy.value.string);
    }
    for (i = 0; i < n && (smiINT)i < nonrep; i++) {
        int k = find_next(&cur[i]);
        put(out, 0, &cur[i], k, SNMP_SYNTAX_ENDOFMIBVIEW);
        total++;
    }
    for (r = 0; r < maxrep && total < 60; r++) {
        live = 0;
        for (i = (smiUINT32)nonrep; i < n; i++) {
            int k = find_next(&cur[i]);
            put(out, 0, &cur[i], k, SNMP_SYNTAX_ENDOFMIBVIEW);
            total++;
            if (k >= 0) {
                /* The next round continues from here. */
                SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&cur[i]);
                {
                    smiOID o = { mib[k].len, mib[k].ids };
                    SnmpOidCopy(&o, &cur[i]);
                }
                live = 1;
            }
        }
        if (!live)
            break;
    }
    for (i = 0; i < n; i++)
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&cur[i]);
}

/* SET: checks every varbind first (RFC 3416 4.2.5), then applies them all.
 * Returns the SNMPv2 error status and sets *index. */
static smiINT set(HSNMP_VBL in, int rw, smiINT *index)
{
    smiUINT32 n = SnmpCountVbl(in), i;
    smiINT status = 0;
    *index = 0;
    for (i = 1; i <= n && !status; i++) {
        smiOID name;
        smiVALUE v;
        int k;
        if (SnmpGetVb(in, i, &name, &v) != SNMPAPI_SUCCESS)
            return 5;   /* genErr */
        k = find_exact(&name);
        if (!rw)
            status = 6;                               /* noAccess */
        else if (k < 0)
            status = 11;                              /* noCreation */
        else if (!mib[k].writable)
            status = 17;                              /* notWritable */
        else if (v.syntax != mib[k].syntax)
            status = 7;                               /* wrongType */
        else if (v.syntax == SNMP_SYNTAX_OCTETS && v.value.string.len > MAX_STR)
            status = 8;                               /* wrongLength */
        if (status)
            *index = (smiINT)i;
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
        if (v.syntax == SNMP_SYNTAX_OCTETS && v.value.string.ptr)
            SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&v.value.string);
        else if (v.syntax == SNMP_SYNTAX_OID)
            SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&v.value.oid);
    }
    for (i = 1; i <= n && !status; i++) {
        smiOID name;
        smiVALUE v;
        int k;
        SnmpGetVb(in, i, &name, &v);
        k = find_exact(&name);
        if (v.syntax == SNMP_SYNTAX_OCTETS) {
            memcpy(mib[k].str, v.value.string.ptr, v.value.string.len);
            mib[k].str[v.value.string.len] = 0;
            SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&v.value.string);
        } else {
            mib[k].num = v.value.sNumber;
        }
        if (k == STOP_OBJ && mib[k].num == 1)
            stop_requested = 1;
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    }
    return status;
}

static void answer(HSNMP_SESSION s, HSNMP_ENTITY src, HSNMP_ENTITY dst, HSNMP_CONTEXT ctx,
                   HSNMP_PDU pdu)
{
    smiINT type, id, es, ei, rtype = SNMP_PDU_RESPONSE, status = 0, index = 0;
    HSNMP_VBL in = 0, out;
    HSNMP_PDU resp;
    smiOCTETS com = { 0, NULL };
    smiUINT32 i, n;
    int rw;

    SnmpGetPduData(pdu, &type, &id, &es, &ei, &in);
    SnmpContextToStr(ctx, &com);
    rw = com.len == 7 && memcmp(com.ptr, "private", 7) == 0;
    if (com.ptr)
        SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&com);
    out = SnmpCreateVbl(s, NULL, NULL);
    n = SnmpCountVbl(in);
    if (type == SNMP_PDU_GETBULK) {
        bulk(in, out, es, ei);
    } else if (type == SNMP_PDU_SET) {
        status = set(in, rw, &index);
        SnmpFreeVbl(out);
        out = SnmpDuplicateVbl(s, in);
    } else {
        for (i = 1; i <= n; i++) {
            smiOID name;
            smiVALUE v;
            int k;
            SnmpGetVb(in, i, &name, &v);
            if (type == SNMP_PDU_GET) {
                k = find_exact(&name);
                put(out, 0, &name, k,
                    known_type(&name) ? SNMP_SYNTAX_NOSUCHINSTANCE : SNMP_SYNTAX_NOSUCHOBJECT);
            } else {
                k = find_next(&name);
                put(out, 0, &name, k, SNMP_SYNTAX_ENDOFMIBVIEW);
            }
            SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
        }
    }
    /* A new RESPONSE PDU: SnmpSetPduData sets the error fields only of a
     * GETBULK (its documentation), SnmpCreatePdu sets them for any type. */
    resp = SnmpCreatePdu(s, rtype, id, status, index, out);
    /* Source and destination swapped: from our address to the manager. */
    if (!resp || SnmpSendMsg(s, dst, src, ctx, resp) != SNMPAPI_SUCCESS)
        fprintf(stderr, "prog_mibagent: SnmpSendMsg failed: %lu\n",
                (unsigned long)SnmpGetLastError(s));
    if (resp)
        SnmpFreePdu(resp);
    served++;
    SnmpFreeVbl(in);
    SnmpFreeVbl(out);
}

static SNMPAPI_STATUS CALLBACK agent_cb(HSNMP_SESSION s, HWND hwnd, UINT msg, WPARAM wp,
                                        LPARAM lp, LPVOID data)
{
    (void)hwnd; (void)msg; (void)lp; (void)data;
    return wire_serve(s, wp, answer);
}

int main(int argc, char **argv)
{
    HSNMP_SESSION s;
    HSNMP_ENTITY me[4];
    int i, nme = 0;
    double end;

    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc < 3) {
        fprintf(stderr, "usage: prog_mibagent <seconds> <address>...\n");
        return 2;
    }
    wire_startup(SNMPAPI_UNTRANSLATED_V2);
    for (i = 0; i < NOBJS; i++) {
        smiOID o;
        CHECK(SnmpStrToOid(mib[i].text, &o) != SNMPAPI_FAILURE);
        memcpy(mib[i].ids, o.ptr, o.len * sizeof(smiUINT32));
        mib[i].len = o.len;
        mib[i].type_len = o.len - 1;
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o);
    }
    s = SnmpCreateSession(NULL, 0, agent_cb, NULL);
    CHECK(s != 0);
    for (i = 2; i < argc && nme < 4; i++) {
        me[nme] = SnmpStrToEntity(s, argv[i]);
        CHECK(me[nme] != 0);
        if (SnmpListen(me[nme], SNMPAPI_ON) != SNMPAPI_SUCCESS) {
            fprintf(stderr, "prog_mibagent: cannot listen on %s: %lu\n", argv[i],
                    (unsigned long)SnmpGetLastError(s));
            return 1;
        }
        nme++;
    }
    printf("ready\n");
    end = wire_now() + atof(argv[1]);
    while (!stop_requested && wire_now() < end)
        wire_sleep_ms(20);
    if (!stop_requested)
        fprintf(stderr, "prog_mibagent: lifetime over before the stop object was set\n");
    wire_sleep_ms(100);   /* let the stop request's response go out */
    for (i = 0; i < nme; i++)
        CHECK(SnmpListen(me[i], SNMPAPI_OFF) == SNMPAPI_SUCCESS);
    CHECK(SnmpClose(s) == SNMPAPI_SUCCESS);
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    {
        long live = wire_live_handles();
        CHECK(live == 0 || live == -1);
    }
    printf("served %ld requests\n", (long)atomic_load(&served));
    return stop_requested ? wire_done("prog_mibagent") : 1;
}
