/* codec.c - the message codec against net-snmp's library on the same work:
 * encode a v2c GET with 10 varbinds, decode a v2c RESPONSE with 10 varbinds
 * of mixed syntaxes (INTEGER, 20-byte OCTET STRING, Counter32, TimeTicks,
 * OID). Prints ns/op and heap allocations per op for each side.
 *
 *   bench_codec [n]              timing run (15 alternating rounds of n)
 *   bench_codec only <case> <n>  runs one case n times, for callgrind
 *                                (cases: ows-encode ows-decode ns-encode ns-decode)
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include "core/msg_codec.h"

/* A malloc interposer: counts every heap allocation in the process,
 * net-snmp's and ours alike (ows_malloc ends in malloc). */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
static unsigned long n_allocs;
void *malloc(size_t n) { n_allocs++; return __libc_malloc(n); }
void *calloc(size_t a, size_t b) { n_allocs++; return __libc_calloc(a, b); }
void *realloc(void *p, size_t n) { n_allocs++; return __libc_realloc(p, n); }

static uint32_t names[10][11];
static uint32_t oidval[10] = { 1, 3, 6, 1, 4, 1, 8072, 3, 2, 10 };
static uint8_t str20[20] = "abcdefghijklmnopqrst";
static ows_varbind get_vbs[10], rsp_vbs[10];
static ows_msg get_msg, rsp_msg;
static uint8_t rsp_bytes[1500];
static size_t rsp_len;
static uint8_t out[1500];
static volatile size_t sink;

static netsnmp_session ns_sess;
static netsnmp_pdu *ns_get;

static void setup(void)
{
    size_t off;
    for (int i = 0; i < 10; i++) {
        static const uint32_t base[] = { 1, 3, 6, 1, 2, 1, 2, 2, 1, 0, 1 };
        memcpy(names[i], base, sizeof base);
        names[i][9] = (uint32_t)(i + 1);
        get_vbs[i].name.ids = names[i];
        get_vbs[i].name.len = 11;
        get_vbs[i].value.syntax = OWS_SYN_NULL;
        rsp_vbs[i] = get_vbs[i];
        switch (i % 5) {
        case 0: rsp_vbs[i].value.syntax = OWS_SYN_INT; rsp_vbs[i].value.v.i = 100000 + i; break;
        case 1: rsp_vbs[i].value.syntax = OWS_SYN_OCTETS;
                rsp_vbs[i].value.v.str.ptr = str20; rsp_vbs[i].value.v.str.len = 20; break;
        case 2: rsp_vbs[i].value.syntax = OWS_SYN_CNTR32; rsp_vbs[i].value.v.u = 3000000000u; break;
        case 3: rsp_vbs[i].value.syntax = OWS_SYN_TIMETICKS; rsp_vbs[i].value.v.u = 123456789; break;
        case 4: rsp_vbs[i].value.syntax = OWS_SYN_OID;
                rsp_vbs[i].value.v.oid.ids = oidval; rsp_vbs[i].value.v.oid.len = 10; break;
        }
    }
    get_msg.version = OWS_SNMPV2C;
    get_msg.community.ptr = (uint8_t *)"public";
    get_msg.community.len = 6;
    get_msg.pdu.type = OWS_PDU_GET;
    get_msg.pdu.request_id = 0x12345678;
    get_msg.pdu.vbl.items = get_vbs;
    get_msg.pdu.vbl.count = 10;
    rsp_msg = get_msg;
    rsp_msg.pdu.type = OWS_PDU_RESPONSE;
    rsp_msg.pdu.vbl.items = rsp_vbs;
    if (ows_msg_encode(&rsp_msg, rsp_bytes, sizeof rsp_bytes, &off, &rsp_len)) {
        fprintf(stderr, "encode failed\n");
        exit(1);
    }
    memmove(rsp_bytes, rsp_bytes + off, rsp_len);

    setenv("MIBS", "", 1);
    setenv("SNMPCONFPATH", "/nonexistent", 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
    init_snmp("codecbench");
    snmp_sess_init(&ns_sess);
    ns_sess.version = SNMP_VERSION_2c;
    ns_sess.community = (u_char *)"public";
    ns_sess.community_len = 6;
    ns_get = snmp_pdu_create(SNMP_MSG_GET);
    ns_get->reqid = 0x12345678;
    ns_get->version = SNMP_VERSION_2c;
    ns_get->community = (u_char *)strdup("public");
    ns_get->community_len = 6;
    for (int i = 0; i < 10; i++) {
        oid o[11];
        for (int k = 0; k < 11; k++)
            o[k] = names[i][k];
        snmp_add_null_var(ns_get, o, 11);
    }
}

static void ows_encode_once(void)
{
    size_t off, len;
    if (ows_msg_encode(&get_msg, out, sizeof out, &off, &len))
        abort();
    sink += len;
}

static void ows_decode_once(void)
{
    ows_msg m;
    if (ows_msg_decode(rsp_bytes, rsp_len, &m))
        abort();
    sink += m.pdu.vbl.count;
    ows_msg_free(&m);
}

static void ns_encode_once(void)
{
    u_char *pkt = out;
    size_t pkt_len = sizeof out, offset = 0;
    ns_get->reqid = 0x12345678;
    if (snmp_build(&pkt, &pkt_len, &offset, &ns_sess, ns_get))
        abort();
    sink += offset;
}

static void ns_decode_once(void)
{
    netsnmp_pdu *pdu = calloc(1, sizeof *pdu);
    if (!pdu || snmp_parse(NULL, &ns_sess, pdu, rsp_bytes, rsp_len) != 0)
        abort();
    sink += pdu->variables != NULL;
    snmp_free_pdu(pdu);
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* n calls of fn: ns per call; allocations per call in *allocs. */
static double round_ns(void (*fn)(void), long n, double *allocs)
{
    unsigned long a0 = n_allocs;
    double t0 = now_ns();
    for (long i = 0; i < n; i++)
        fn();
    double t = (now_ns() - t0) / (double)n;
    *allocs = (double)(n_allocs - a0) / (double)n;
    return t;
}

/* Ours and theirs in alternating rounds, best round of each: a noisy,
 * shared machine slows both sides alike within a round pair. */
static void compare(const char *what, void (*ours)(void), void (*theirs)(void), long n)
{
    double bo = 1e30, bt = 1e30, ao = 0, at = 0;
    for (int r = 0; r < 15; r++) {
        double t = round_ns(ours, n, &ao);
        if (t < bo)
            bo = t;
        t = round_ns(theirs, n, &at);
        if (t < bt)
            bt = t;
    }
    printf("%-30s ours %7.1f ns/op %5.2f allocs/op | net-snmp %7.1f ns/op %5.2f allocs/op | %.1fx faster\n",
           what, bo, ao, bt, at, bt / bo);
}

static void check_same_encoding(void)
{
    size_t off, len;
    u_char *pkt = out;
    size_t pkt_len = sizeof out, offset = 0;
    uint8_t ours[1500];
    ows_msg_encode(&get_msg, ours, sizeof ours, &off, &len);
    ns_get->reqid = 0x12345678;
    if (snmp_build(&pkt, &pkt_len, &offset, &ns_sess, ns_get)) {
        fprintf(stderr, "snmp_build: %s\n", snmp_api_errstring(ns_sess.s_snmp_errno));
        abort();
    }
    /* The reverse encoder leaves the message at the end of the buffer. */
    {
        const uint8_t *theirs = offset == len && !memcmp(out + pkt_len - offset, ours + off, len)
                                    ? out + pkt_len - offset : out;
        printf("GET encodings byte-identical: %s (%zu bytes)\n",
               offset == len && !memcmp(theirs, ours + off, len) ? "yes" : "NO", len);
    }
}

int main(int argc, char **argv)
{
    static const struct { const char *name; void (*fn)(void); } cases[] = {
        { "ows-encode", ows_encode_once }, { "ows-decode", ows_decode_once },
        { "ns-encode", ns_encode_once }, { "ns-decode", ns_decode_once } };
    setup();
    if (argc == 4 && !strcmp(argv[1], "only")) {
        long n = atol(argv[3]);
        for (size_t c = 0; c < 4; c++)
            if (!strcmp(argv[2], cases[c].name)) {
                for (long i = 0; i < n; i++)
                    cases[c].fn();
                return 0;
            }
        fprintf(stderr, "unknown case\n");
        return 2;
    }
    check_same_encoding();
    {
        long n = argc > 1 ? atol(argv[1]) : 40000;
        compare("encode GET, 10 varbinds:", ows_encode_once, ns_encode_once, n);
        compare("decode RESPONSE, 10 varbinds:", ows_decode_once, ns_decode_once, n);
    }
    return 0;
}
