/* core.c - throughput of the foundation: handle table operations, the export
 * glue (API lock + last error), and the local objects' create/free paths.
 * Every loop has a fixed count; prints ns per operation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "winsnmp.h"
#include "core/alloc.h"
#include "core/handle.h"
#include "core/state.h"
#include "platform.h"

static double ns_per(uint64_t t0, uint64_t t1, unsigned long n)
{
    return (double)(t1 - t0) / (double)n;
}

static void destroy_obj(ows_object *o) { ows_free(o); }

static void bench_handles(void)
{
    enum { LIVE = 10000, N = 1000000 };
    ows_object **live = malloc(sizeof(*live) * LIVE);
    ows_object *o, *got;
    unsigned long i;
    uint64_t t0, t1;
    ows_lock();
    for (i = 0; i < LIVE; i++) {
        live[i] = ows_calloc(1, sizeof(ows_object));
        live[i]->destroy = destroy_obj;
        ows_handle_new(live[i], OWS_T_PDU, NULL);
    }
    t0 = ows_clock_ns();
    for (i = 0; i < N; i++) {
        o = ows_calloc(1, sizeof(ows_object));
        o->destroy = destroy_obj;
        ows_handle_new(o, OWS_T_VBL, NULL);
        ows_handle_get(o->handle, OWS_T_VBL, &got);
        ows_object_put(got);
        ows_handle_delete(o);
    }
    t1 = ows_clock_ns();
    printf("handle new+get+delete (10k live):   %7.1f ns/op\n", ns_per(t0, t1, N));
    t0 = ows_clock_ns();
    for (i = 0; i < N; i++) {
        ows_handle_get(live[i % LIVE]->handle, OWS_T_PDU, &got);
        ows_object_put(got);
    }
    t1 = ows_clock_ns();
    printf("handle lookup (10k live):           %7.1f ns/op\n", ns_per(t0, t1, N));
    for (i = 0; i < LIVE; i++)
        ows_handle_delete(live[i]);
    ows_unlock();
    free(live);
}

static void bench_exports(void)
{
    enum { N = 200000 };
    HSNMP_SESSION s;
    smiOCTETS comm = { 6, (smiLPBYTE) "public" }, out;
    smiUINT32 mode;
    unsigned long i;
    uint64_t t0, t1;

    SnmpStartup(NULL, NULL, NULL, NULL, NULL);
    s = SnmpCreateSession(NULL, 0, NULL, NULL);
    t0 = ows_clock_ns();
    for (i = 0; i < N * 5; i++)
        SnmpGetTranslateMode(&mode);
    t1 = ows_clock_ns();
    printf("SnmpGetTranslateMode (lock+glue):   %7.1f ns/op\n", ns_per(t0, t1, N * 5));
    t0 = ows_clock_ns();
    for (i = 0; i < N; i++)
        SnmpFreeEntity(SnmpStrToEntity(s, "127.0.0.1:16161"));
    t1 = ows_clock_ns();
    printf("SnmpStrToEntity+SnmpFreeEntity:     %7.1f ns/op\n", ns_per(t0, t1, N));
    t0 = ows_clock_ns();
    for (i = 0; i < N; i++) {
        HSNMP_CONTEXT c = SnmpStrToContext(s, &comm);
        SnmpContextToStr(c, &out);
        SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, &out);
        SnmpFreeContext(c);
    }
    t1 = ows_clock_ns();
    printf("StrToContext+ContextToStr+frees:    %7.1f ns/op\n", ns_per(t0, t1, N));
    SnmpClose(s);
    t0 = ows_clock_ns();
    for (i = 0; i < N / 4; i++)
        SnmpClose(SnmpCreateSession(NULL, 0, NULL, NULL));
    t1 = ows_clock_ns();
    printf("SnmpCreateSession+SnmpClose:        %7.1f ns/op\n", ns_per(t0, t1, N / 4));
    SnmpCleanup();
}

static void contend(void *arg)
{
    unsigned long i, n = *(unsigned long *)arg;
    smiUINT32 mode;
    for (i = 0; i < n; i++)
        SnmpGetTranslateMode(&mode);
}

static void bench_contention(void)
{
    unsigned long n = 500000;
    ows_thread t[2];
    uint64_t t0, t1;
    SnmpStartup(NULL, NULL, NULL, NULL, NULL);
    t0 = ows_clock_ns();
    ows_thread_create(&t[0], contend, &n);
    ows_thread_create(&t[1], contend, &n);
    ows_thread_join(t[0]);
    ows_thread_join(t[1]);
    t1 = ows_clock_ns();
    printf("SnmpGetTranslateMode, 2 threads:    %7.1f ns/op (wall, per call)\n",
           ns_per(t0, t1, 2 * n));
    SnmpCleanup();
}

int main(void)
{
    bench_handles();
    bench_exports();
    bench_contention();
    return 0;
}
