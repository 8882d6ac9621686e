/* snmputil.c - a small snmputil-style tool on the SNMP Management API
 * (mgmtapi.h) and snmpapi's SnmpUtil* frees, the way the classic Windows
 * SDK sample is used:
 *
 *   snmputil [-v2c] get|getnext|walk AGENT COMMUNITY OID [OID ...]
 *   snmputil trap [COUNT [SECONDS]]
 *
 * OIDs are names or numbers as SnmpMgrStrToOid takes them ("system.sysName.0",
 * ".1.3.6.1.2.1.1"). Values print the way net-snmp's `snmpwalk -On` prints
 * them. `trap` waits for COUNT traps (default 1) for at most SECONDS
 * (default 30) on port 162, or on OWS_MGMTAPI_TRAP_PORT when that is set.
 * -v2c (an OpenWinSNMP control code) talks SNMPv2c instead of SNMPv1.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "mgmtapi.h"
#include "printval.h"

#ifdef _WIN32
static void nap_ms(unsigned ms) { Sleep(ms); }
#else
static void nap_ms(unsigned ms)
{
    struct timespec t = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&t, NULL);
}
#endif

static void print_oid(const AsnObjectIdentifier *o)
{
    UINT i;
    for (i = 0; i < o->idLength; i++)
        printf(".%u", o->ids[i]);
}

static void print_vb(const SnmpVarBind *vb)
{
    const AsnAny *v = &vb->value;
    print_oid(&vb->name);
    printf(" = ");
    switch (v->asnType) {
    case ASN_INTEGER:     printf("INTEGER: %ld", (long)v->asnValue.number); break;
    case ASN_UINTEGER32:  printf("UInteger32: %lu", (unsigned long)v->asnValue.unsigned32); break;
    case ASN_COUNTER32:   printf("Counter32: %lu", (unsigned long)v->asnValue.counter); break;
    case ASN_GAUGE32:     printf("Gauge32: %lu", (unsigned long)v->asnValue.gauge); break;
    case ASN_TIMETICKS:   print_ticks(v->asnValue.ticks); break;
    case ASN_COUNTER64:
        printf("Counter64: %llu", ((unsigned long long)v->asnValue.counter64.u.HighPart << 32) |
                                   v->asnValue.counter64.u.LowPart);
        break;
    case ASN_OCTETSTRING:
        print_string(v->asnValue.string.stream, v->asnValue.string.length);
        break;
    case ASN_BITS:
        printf("BITS: ");
        print_hex(v->asnValue.bits.stream, v->asnValue.bits.length);
        break;
    case ASN_OPAQUE:
        printf("OPAQUE: ");
        print_hex(v->asnValue.arbitrary.stream, v->asnValue.arbitrary.length);
        break;
    case ASN_IPADDRESS:
        if (v->asnValue.address.length == 4)
            printf("IpAddress: %u.%u.%u.%u", v->asnValue.address.stream[0],
                   v->asnValue.address.stream[1], v->asnValue.address.stream[2],
                   v->asnValue.address.stream[3]);
        else
            print_hex(v->asnValue.address.stream, v->asnValue.address.length);
        break;
    case ASN_OBJECTIDENTIFIER: printf("OID: "); print_oid(&v->asnValue.object); break;
    case ASN_NULL: printf("NULL"); break;
    case SNMP_EXCEPTION_NOSUCHOBJECT:
        printf("No Such Object available on this agent at this OID"); break;
    case SNMP_EXCEPTION_NOSUCHINSTANCE:
        printf("No Such Instance currently exists at this OID"); break;
    case SNMP_EXCEPTION_ENDOFMIBVIEW:
        printf("No more variables left in this MIB View (It is past the end of the MIB tree)");
        break;
    default: printf("(type 0x%02X)", v->asnType); break;
    }
    printf("\n");
}

/* A list of the named OIDs with NULL values, in snmpapi memory. */
static int make_list(char **names, int n, SnmpVarBindList *l)
{
    int i;
    l->list = (SnmpVarBind *)SnmpUtilMemAlloc((UINT)(n * sizeof(SnmpVarBind)));
    l->len = 0;
    if (!l->list)
        return 0;
    for (i = 0; i < n; i++) {
        if (!SnmpMgrStrToOid(names[i], &l->list[i].name)) {
            fprintf(stderr, "snmputil: bad OID \"%s\" (error %lu)\n", names[i],
                    (unsigned long)GetLastError());
            SnmpUtilVarBindListFree(l);
            return 0;
        }
        l->list[i].value.asnType = ASN_NULL;
        l->len++;
    }
    return 1;
}

static int request(LPSNMP_MGR_SESSION s, BYTE type, SnmpVarBindList *l)
{
    AsnInteger es = 0, ei = 0;
    if (!SnmpMgrRequest(s, type, l, &es, &ei)) {
        fprintf(stderr, "snmputil: request failed, error %lu%s\n", (unsigned long)GetLastError(),
                GetLastError() == SNMP_MGMTAPI_TIMEOUT ? " (timeout)" : "");
        return -1;
    }
    if (es) {
        fprintf(stderr, "snmputil: agent error %ld at index %ld\n", (long)es, (long)ei);
        return 1;
    }
    return 0;
}

static int walk(LPSNMP_MGR_SESSION s, char *root_text)
{
    AsnObjectIdentifier root;
    SnmpVarBindList l;
    int n = 0, rc = 0;
    if (!SnmpMgrStrToOid(root_text, &root) || !make_list(&root_text, 1, &l))
        return 2;
    /* Bounded: a walk of more than a million objects is a broken agent. */
    while (n < 1000000) {
        int r = request(s, SNMP_PDU_GETNEXT, &l);
        if (r < 0) {
            rc = 1;
            break;
        }
        /* noSuchName (v1), endOfMibView (v2c) or a name outside the root: done. */
        if (r > 0 || l.list[0].value.asnType == SNMP_EXCEPTION_ENDOFMIBVIEW ||
            SnmpUtilOidNCmp(&l.list[0].name, &root, root.idLength))
            break;
        print_vb(&l.list[0]);
        n++;
    }
    SnmpUtilVarBindListFree(&l);
    SnmpUtilOidFree(&root);
    fprintf(stderr, "snmputil: walk done, %d variables\n", n);
    return rc;
}

static int traps(int count, int seconds)
{
    HANDLE ev;
    int got = 0, waited = 0;
    if (!SnmpMgrTrapListen(&ev)) {
        fprintf(stderr, "snmputil: SnmpMgrTrapListen failed, error %lu\n",
                (unsigned long)GetLastError());
        return 1;
    }
    printf("snmputil: listening for traps\n");
    fflush(stdout);
    while (got < count && waited < seconds * 1000) {
        AsnObjectIdentifier ent;
        AsnNetworkAddress agent, src;
        AsnOctetString comm;
        AsnInteger gen, spec;
        AsnTimeticks ts;
        SnmpVarBindList l;
        UINT i;
        if (!SnmpMgrGetTrapEx(&ent, &agent, &src, &gen, &spec, &comm, &ts, &l)) {
            nap_ms(20);
            waited += 20;
            continue;
        }
        got++;
        printf("TRAP from %u.%u.%u.%u, community \"%.*s\", generic %ld, specific %ld, enterprise ",
               agent.length == 4 ? agent.stream[0] : 0, agent.length == 4 ? agent.stream[1] : 0,
               agent.length == 4 ? agent.stream[2] : 0, agent.length == 4 ? agent.stream[3] : 0,
               (int)comm.length, comm.stream ? (char *)comm.stream : "", (long)gen, (long)spec);
        print_oid(&ent);
        printf(", time-stamp %lu\n", (unsigned long)ts);
        for (i = 0; i < l.len; i++) {
            printf("  ");
            print_vb(&l.list[i]);
        }
        fflush(stdout);
        SnmpUtilOidFree(&ent);
        /* The three strings are dynamic (SnmpUtilMemAlloc'd); mingw-w64's
         * x86 snmpapi import library lacks SnmpUtilOctetsFree. */
        SnmpUtilMemFree(agent.stream);
        SnmpUtilMemFree(src.stream);
        SnmpUtilMemFree(comm.stream);
        SnmpUtilVarBindListFree(&l);
    }
    printf("snmputil: %d trap(s) received\n", got);
    SnmpMgrClose(NULL);
    return got == count ? 0 : 1;
}

int main(int argc, char **argv)
{
    LPSNMP_MGR_SESSION s;
    SnmpVarBindList l;
    UINT v2c = 0;
    int rc, i;
    if (argc > 1 && !strcmp(argv[1], "-v2c")) {
        v2c = 1;
        argv++;
        argc--;
    }
    if (argc >= 2 && !strcmp(argv[1], "trap"))
        return traps(argc > 2 ? atoi(argv[2]) : 1, argc > 3 ? atoi(argv[3]) : 30);
    if (argc < 5 || (strcmp(argv[1], "get") && strcmp(argv[1], "getnext") &&
                     strcmp(argv[1], "walk"))) {
        fprintf(stderr, "usage: snmputil [-v2c] get|getnext|walk AGENT COMMUNITY OID [OID ...]\n"
                        "       snmputil trap [COUNT [SECONDS]]\n");
        return 2;
    }
    s = SnmpMgrOpen(argv[2], argv[3], 2000, 2);
    if (!s) {
        fprintf(stderr, "snmputil: cannot open %s, error %lu\n", argv[2],
                (unsigned long)GetLastError());
        return 1;
    }
    if (v2c)
        SnmpMgrCtl(s, MGMCTL_OWS_SETVERSION, &v2c, sizeof(v2c), NULL, 0, NULL);
    if (!strcmp(argv[1], "walk")) {
        rc = walk(s, argv[4]);
    } else if (!make_list(argv + 4, argc - 4, &l)) {
        rc = 2;
    } else {
        rc = request(s, !strcmp(argv[1], "get") ? SNMP_PDU_GET : SNMP_PDU_GETNEXT, &l) ? 1 : 0;
        for (i = 0; !rc && i < (int)l.len; i++)
            print_vb(&l.list[i]);
        SnmpUtilVarBindListFree(&l);
    }
    SnmpMgrClose(s);
    return rc;
}
