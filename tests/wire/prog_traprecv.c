/* prog_traprecv.c - a trap receiver on the WinSNMP API for net-snmp's
 * snmptrap and snmpinform (tests/wire/snmptrap-recv.sh sends and compares).
 *
 *   prog_traprecv <port> <messages> <seconds>
 *
 * Sessions registered with different filters (SnmpRegister) print every
 * notification they receive, one line each:
 *   <session> <TRAP|INFORM> from=<source entity> community=<context> <varbinds>
 * and the program ends once <messages> lines were printed (then it checks
 * that nothing more arrives) or <seconds> pass. The trap socket listens on
 * <port>: the first registration's destination entity names it
 * ("127.0.0.1:<port>", the trap-port rule in src/core/transport.c). */
#include "wire.h"

struct reg {
    const char *name;
    const char *src, *dst, *community, *oid;   /* NULL = wildcard */
    HSNMP_SESSION s;
};

static struct reg regs[] = {
    /* The first one opens the trap socket on its destination entity's port. */
    { "by-sender-127.0.0.1", NULL, "127.0.0.1:%d", NULL, NULL, 0 },
    { "all", NULL, NULL, NULL, NULL, 0 },
    { "by-sender-127.0.0.2", NULL, "127.0.0.2", NULL, NULL, 0 },
    { "by-sender-::1", NULL, "::1", NULL, NULL, 0 },
    { "by-context-secret", NULL, NULL, "secret", NULL, 0 },
    { "by-oid-snmpTraps", NULL, NULL, NULL, "1.3.6.1.6.3.1.1.5", 0 },
    { "by-oid-99999.0", NULL, NULL, NULL, "1.3.6.1.4.1.99999.0", 0 },
    /* Documented: the source entity (the registering manager) does not filter. */
    { "by-src-127.0.0.1", "127.0.0.1", NULL, NULL, NULL, 0 },
    { "linkDown-public-127.0.0.1", NULL, "127.0.0.1", "public", "1.3.6.1.6.3.1.1.5.3", 0 },
};
#define NREGS ((int)(sizeof(regs) / sizeof(regs[0])))

static void value_text(const smiVALUE *v, char *out, size_t size)
{
    char oid[1500];
    smiUINT32 i;
    size_t n;
    switch (v->syntax) {
    case SNMP_SYNTAX_INT:
        snprintf(out, size, "INTEGER:%ld", (long)v->value.sNumber);
        break;
    case SNMP_SYNTAX_TIMETICKS:
        snprintf(out, size, "Timeticks:%lu", (unsigned long)v->value.uNumber);
        break;
    case SNMP_SYNTAX_CNTR32: case SNMP_SYNTAX_GAUGE32:
        snprintf(out, size, "Unsigned:%lu", (unsigned long)v->value.uNumber);
        break;
    case SNMP_SYNTAX_OID:
        if (SnmpOidToStr(&v->value.oid, sizeof oid, oid) == SNMPAPI_FAILURE)
            strcpy(oid, "?");
        snprintf(out, size, "OID:%s", oid);
        break;
    case SNMP_SYNTAX_OCTETS:
        n = v->value.string.len < size - 10 ? v->value.string.len : size - 10;
        memcpy(out, "STRING:", 7);
        memcpy(out + 7, v->value.string.ptr, n);
        out[7 + n] = 0;
        break;
    case SNMP_SYNTAX_IPADDR:
        snprintf(out, size, "IpAddress:");
        for (i = 0; i < v->value.string.len && i < 4; i++)
            snprintf(out + strlen(out), size - strlen(out), i ? ".%u" : "%u",
                     (unsigned)v->value.string.ptr[i]);
        break;
    default:
        snprintf(out, size, "syntax-%lu", (unsigned long)v->syntax);
    }
}

static void free_value(smiVALUE *v)
{
    if (v->syntax == SNMP_SYNTAX_OID)
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&v->value.oid);
    else if ((v->syntax == SNMP_SYNTAX_OCTETS || v->syntax == SNMP_SYNTAX_IPADDR ||
              v->syntax == SNMP_SYNTAX_OPAQUE) && v->value.string.ptr)
        SnmpFreeDescriptor(v->syntax, (smiLPOPAQUE)&v->value.string);
}

/* Prints one received notification; returns 1 if there was one. */
static int print_one(struct reg *r)
{
    HSNMP_ENTITY src = 0, dst = 0;
    HSNMP_CONTEXT ctx = 0;
    HSNMP_PDU pdu = 0;
    HSNMP_VBL vbl = 0;
    smiINT type = 0;
    smiOCTETS com = { 0, NULL };
    char from[128] = "?", line[4096], val[1600], name[1500];
    smiUINT32 i, n;

    if (SnmpRecvMsg(r->s, &src, &dst, &ctx, &pdu) != SNMPAPI_SUCCESS)
        return 0;
    SnmpEntityToStr(src, sizeof from, from);
    SnmpContextToStr(ctx, &com);
    SnmpGetPduData(pdu, &type, NULL, NULL, NULL, &vbl);
    snprintf(line, sizeof line, "%s %s from=%s community=%.*s", r->name,
             type == SNMP_PDU_INFORM ? "INFORM" : type == SNMP_PDU_TRAP ? "TRAP" : "OTHER",
             from, (int)com.len, com.ptr ? (const char *)com.ptr : "");
    n = SnmpCountVbl(vbl);
    for (i = 1; i <= n; i++) {
        smiOID o;
        smiVALUE v;
        if (SnmpGetVb(vbl, i, &o, &v) != SNMPAPI_SUCCESS)
            continue;
        SnmpOidToStr(&o, sizeof name, name);
        value_text(&v, val, sizeof val);
        snprintf(line + strlen(line), sizeof line - strlen(line), " %s=%s", name, val);
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o);
        free_value(&v);
    }
    printf("%s\n", line);
    if (com.ptr)
        SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&com);
    SnmpFreeVbl(vbl);
    SnmpFreePdu(pdu);
    SnmpFreeEntity(src);
    SnmpFreeEntity(dst);
    SnmpFreeContext(ctx);
    return 1;
}

int main(int argc, char **argv)
{
    int port, want, got = 0, i;
    double end;

    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc < 4 || (port = atoi(argv[1])) <= 0 || port > 65535) {
        fprintf(stderr, "usage: prog_traprecv <port> <messages> <seconds>\n");
        return 2;
    }
    want = atoi(argv[2]);
    wire_startup(SNMPAPI_UNTRANSLATED_V2);
    for (i = 0; i < NREGS; i++) {
        struct reg *r = &regs[i];
        HSNMP_ENTITY src = 0, dst = 0;
        HSNMP_CONTEXT ctx = 0;
        smiOID oid = { 0, NULL };
        char text[64];
        r->s = SnmpCreateSession(NULL, 0, NULL, NULL);
        CHECK(r->s != 0);
        if (r->src)
            CHECK((src = SnmpStrToEntity(r->s, r->src)) != 0);
        if (r->dst) {
            snprintf(text, sizeof text, r->dst, port);
            CHECK((dst = SnmpStrToEntity(r->s, text)) != 0);
        }
        if (r->community) {
            smiOCTETS c = { (smiUINT32)strlen(r->community), (smiLPBYTE)r->community };
            CHECK((ctx = SnmpStrToContext(r->s, &c)) != 0);
        }
        if (r->oid)
            CHECK(SnmpStrToOid(r->oid, &oid) != SNMPAPI_FAILURE);
        if (SnmpRegister(r->s, src, dst, ctx, r->oid ? &oid : NULL, SNMPAPI_ON) !=
            SNMPAPI_SUCCESS) {
            fprintf(stderr, "prog_traprecv: SnmpRegister(%s) failed: %lu\n", r->name,
                    (unsigned long)SnmpGetLastError(r->s));
            return 1;
        }
        if (r->oid)
            SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&oid);
    }
    printf("ready\n");
    end = wire_now() + atof(argv[3]);
    while (got < want && wire_now() < end) {
        int any = 0;
        for (i = 0; i < NREGS; i++)
            while (print_one(&regs[i])) {
                got++;
                any = 1;
            }
        if (!any)
            wire_sleep_ms(5);
    }
    /* Nothing more than expected. */
    end = wire_now() + 0.5;
    while (wire_now() < end) {
        for (i = 0; i < NREGS; i++)
            while (print_one(&regs[i]))
                got++;
        wire_sleep_ms(10);
    }
    for (i = 0; i < NREGS; i++)
        CHECK(SnmpClose(regs[i].s) == SNMPAPI_SUCCESS);
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    {
        long live = wire_live_handles();
        CHECK(live == 0 || live == -1);
    }
    CHECK_EQ(got, want);
    return wire_failures ? 1 : 0;
}
