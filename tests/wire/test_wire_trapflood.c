/* test_wire_trapflood.c - a flood of 100,000 SNMPv1 traps, sent as fast as
 * a raw socket can, into one registered session that does not read: the
 * session's queue stops at its bound (4,096), memory stays bounded, every
 * trap the engine read is either queued or counted as dropped, the library
 * stays responsive during the flood, and the queued traps are all intact. */
#include "wire.h"
#include "sink.h"
#ifndef _WIN32
#  include <malloc.h>
#  include "core/engine.h"
#endif

#define FLOOD 100000

int main(void)
{
    static const unsigned char v1cold[] = {
        0x30, 0x27, 0x02, 0x01, 0x00, 0x04, 0x06, 'p', 'u', 'b', 'l', 'i', 'c',
        0xA4, 0x1a, 0x06, 0x07, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x63, 0x01,
        0x40, 0x04, 0x7f, 0x00, 0x00, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00,
        0x43, 0x01, 0x07, 0x30, 0x00 };
    HSNMP_SESSION r;
    HSNMP_ENTITY trap_e;
    struct sockaddr_in to4;
    sink_t raw = sink_open(wire_port(8));
    double t0, worst = 0, el;
    int i, queued = 0;
#ifndef _WIN32
    struct mallinfo2 m0, m1;
    unsigned long read_by_engine, dropped;
#endif

    wire_startup(SNMPAPI_UNTRANSLATED_V2);
    r = SnmpCreateSession(NULL, 0, NULL, NULL);
    trap_e = SnmpStrToEntity(r, wire_addr(9));
    CHECK(SnmpRegister(r, NULL, trap_e, NULL, NULL, SNMPAPI_ON) == SNMPAPI_SUCCESS);
#ifndef _WIN32
    m0 = mallinfo2();
#endif
    memset(&to4, 0, sizeof to4);
    to4.sin_family = AF_INET;
    to4.sin_port = htons(wire_port(9));
    to4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    t0 = wire_now();
    for (i = 0; i < FLOOD; i++) {
        sink_send_to(raw, v1cold, sizeof v1cold, &to4);
        if (i % 5000 == 0) {
            /* Responsive: an API call that takes the library lock. */
            double a = wire_now();
            smiUINT32 mode;
            CHECK(SnmpGetRetransmitMode(&mode) == SNMPAPI_SUCCESS);
            el = wire_now() - a;
            if (el > worst) worst = el;
        }
    }
    fprintf(stderr, "  %d traps sent in %.2f s; slowest API call meanwhile %.0f us\n", FLOOD,
            wire_now() - t0, worst * 1e6);
    CHECK(worst < 0.1);
    wire_sleep_ms(500);
#ifndef _WIN32
    m1 = mallinfo2();
    /* Sanitizer builds replace malloc and report zeros here: checked only in
     * plain builds. */
    if (m0.uordblks) {
        fprintf(stderr, "  heap growth during the flood: %.1f MB\n",
                ((double)m1.uordblks - (double)m0.uordblks) / 1e6);
        CHECK(m1.uordblks < m0.uordblks + 16u * 1000 * 1000);
    }
    ows_lock();
    read_by_engine = ows_eng->n_traps;
    dropped = ows_eng->n_traps_dropped;
    ows_unlock();
#endif
    for (;;) {
        HSNMP_PDU pdu = 0;
        HSNMP_VBL vbl = 0;
        smiINT type = 0;
        if (SnmpRecvMsg(r, NULL, NULL, NULL, &pdu) == SNMPAPI_FAILURE)
            break;
        SnmpGetPduData(pdu, &type, NULL, NULL, NULL, &vbl);
        if (type != SNMP_PDU_TRAP || SnmpCountVbl(vbl) != 3) {
            CHECK(type == SNMP_PDU_TRAP);
            break;
        }
        SnmpFreeVbl(vbl);
        SnmpFreePdu(pdu);
        queued++;
    }
    fprintf(stderr, "  queued (bounded) %d\n", queued);
    CHECK(queued <= 4096);
    CHECK(queued > 0);
#ifndef _WIN32
    fprintf(stderr, "  engine read %lu, queued %d, dropped (counted) %lu; the kernel dropped "
            "the other %lu\n", read_by_engine, queued, dropped,
            (unsigned long)FLOOD - read_by_engine);
    CHECK_EQ(read_by_engine, (unsigned long)queued + dropped);
#endif
    SnmpClose(r);
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    sink_close(raw);
    {
        long live = wire_live_handles();
        CHECK(live == 0 || live == -1);
    }
    return wire_done("test_wire_trapflood");
}
