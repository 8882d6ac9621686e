/* data.c - micro-benchmarks for the data layer: OID text conversion, the
 * descriptor registry (empty and with 100,000 live descriptors), varbind-list
 * building and copying, and the VBL exports end to end (lock included). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "winsnmp.h"
#include "core/oid.h"
#include "core/descriptor.h"
#include "core/vbl.h"
#include "core/state.h"
#include "bench_clock.h"

static void report(const char *what, double secs, double ops)
{
    printf("%-48s %10.1f ns/op  %12.0f ops/s\n", what, secs * 1e9 / ops, ops / secs);
}

static volatile uint32_t sink;

int main(void)
{
    enum { N = 1000000, LIVE = 100000, VBS = 20, LISTS = 50000, API = 100000 };
    static void *live[LIVE];
    uint32_t ids[OWS_MAX_OID_LEN], len, i, j;
    char buf[OWS_MAX_OID_STR];
    ows_oid o;
    double t;

    /* OID text */
    t = now();
    for (i = 0; i < N; i++) {
        ows_oid_parse("1.3.6.1.2.1.2.2.1.10.12345", ids, &len);
        sink += ids[len - 1];
    }
    report("oid parse (11 sub-ids)", now() - t, N);
    o.len = len;
    o.ids = ids;
    t = now();
    for (i = 0; i < N; i++) {
        size_t n;
        ows_oid_format(&o, buf, sizeof buf, &n);
        sink += (uint32_t)n;
    }
    report("oid format (11 sub-ids)", now() - t, N);

    /* Descriptor registry */
    ows_lock();
    t = now();
    for (i = 0; i < N; i++) {
        void *p = ows_desc_alloc(16);
        ows_desc_free(OWS_SYN_OCTETS, p);
    }
    report("descriptor alloc+free, registry empty", now() - t, N);
    for (i = 0; i < LIVE; i++)
        live[i] = ows_desc_alloc(16);
    t = now();
    for (i = 0; i < N; i++) {
        void *p = ows_desc_alloc(16);
        ows_desc_free(OWS_SYN_OCTETS, p);
    }
    report("descriptor alloc+free, 100,000 live", now() - t, N);
    t = now();
    for (i = 0; i < N; i++)
        sink += (uint32_t)ows_desc_free(OWS_SYN_OCTETS, &i);   /* foreign: refused */
    report("descriptor free of a foreign pointer (refused)", now() - t, N);
    for (i = 0; i < LIVE; i++)
        ows_desc_free(OWS_SYN_OCTETS, live[i]);
    ows_unlock();

    /* Varbind lists */
    {
        ows_value v;
        ows_vbl l, c;
        memset(&v, 0, sizeof v);
        v.syntax = OWS_SYN_OCTETS;
        v.v.str.len = 12;
        v.v.str.ptr = (uint8_t *)"ifDescr eth0";
        t = now();
        for (i = 0; i < LISTS; i++) {
            ows_vbl_init(&l);
            for (j = 0; j < VBS; j++)
                ows_vbl_append(&l, &o, &v);
            ows_vbl_copy(&c, &l);
            sink += c.count;
            ows_vbl_clear(&c);
            ows_vbl_clear(&l);
        }
        report("vbl append + copy + 2x clear, per varbind", now() - t, (double)LISTS * VBS);
    }

    /* Exports */
    {
        HSNMP_SESSION s;
        smiOID name;
        smiVALUE val, out;
        smiOID got;
        SnmpStartup(NULL, NULL, NULL, NULL, NULL);
        s = SnmpCreateSession(NULL, 0, NULL, NULL);
        name.len = o.len;
        name.ptr = (smiLPUINT32)ids;
        memset(&val, 0, sizeof val);
        val.syntax = SNMP_SYNTAX_INT;
        val.value.sNumber = 7;
        t = now();
        for (i = 0; i < API / 10; i++) {
            HSNMP_VBL vbl = SnmpCreateVbl(s, NULL, NULL);
            for (j = 0; j < 10; j++)
                SnmpSetVb(vbl, 0, &name, &val);
            for (j = 1; j <= 10; j++) {
                SnmpGetVb(vbl, j, &got, &out);
                SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&got);
            }
            SnmpFreeVbl(vbl);
        }
        report("SnmpSetVb + SnmpGetVb + SnmpFreeDescriptor", now() - t, API);
        SnmpClose(s);
        SnmpCleanup();
    }
    return sink == 0xdeadbeef;
}
