/* trap.c - SnmpMgrTrapListen, SnmpMgrGetTrap and SnmpMgrGetTrapEx.
 *
 * Windows needs its SNMPTRAP service for these; here one WinSNMP session of
 * this layer registers for every notification (SnmpRegister) and traps
 * arrive in-process through the project's trap transport. The port is 162,
 * or the one in the environment variable OWS_MGMTAPI_TRAP_PORT (tests and
 * unprivileged users). Received traps wait in that session's queue, which
 * the core bounds (4096 messages; what arrives beyond is dropped and counted
 * in the engine's trap-drop counter, shown by the WSNMP_DEBUG trace).
 *
 * The core hands every trap over in SNMPv2 form (an SNMPv1 Trap-PDU is
 * converted as RFC 3584 3.1 says); SnmpMgrGetTrap presents it in SNMPv1
 * terms as RFC 3584 3.2 converts back: time-stamp = sysUpTime.0; for
 * snmpTraps.1-6 generic = last sub-id - 1, specific 0, enterprise =
 * snmpTrapEnterprise.0 when present, else snmpTraps; otherwise generic 6
 * (enterpriseSpecific), specific = the last sub-id, enterprise = the trap OID
 * without it (and without a 0 before it). The varbinds are the rest. For a
 * trap that arrived as an SNMPv1 Trap-PDU the core keeps what that form
 * loses (core/engine.h, ows_rxitem_v1_trap): agent address, generic and
 * specific code and time-stamp are the PDU's own, and its varbinds are left
 * as sent. For an SNMPv2 trap the agent address is snmpTrapAddress.0 when
 * the trap carries it (taken out of the varbinds), else the sender's.
 *
 * The event SnmpMgrTrapListen hands out is set by each trap's notification
 * and cleared when SnmpMgrGetTrap finds the queue empty (get_trap); natively,
 * where no Win32 event exists, it is an eventfd in the HANDLE
 * (include/mgmtapi.h, OWS_MGMT_TRAP_FD), so poll() waits on it.
 *
 * Decisions where the documentation is silent: SnmpMgrTrapListen(NULL)
 * gives SNMP_MGMTAPI_INVALID_BUFFER; SnmpMgrGetTrap before
 * SnmpMgrTrapListen gives SNMP_MGMTAPI_TRAP_ERRORS, with NULL output
 * pointers SNMP_MGMTAPI_INVALID_BUFFER (no trap is consumed); a port that
 * cannot be bound gives SNMP_MGMTAPI_TRAP_ERRORS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/engine.h"
#include "core/state.h"
#include "mgmtapi/mgmt.h"

static ows_mutex trap_lock = OWS_MUTEX_INIT;
static HSNMP_SESSION trap_hs;
static void *trap_event;

static const UINT sysUpTime0[] = { 1, 3, 6, 1, 2, 1, 1, 3, 0 };
static const UINT snmpTrapOID0[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 };
static const UINT snmpTrapEnterprise0[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 3, 0 };
static const UINT snmpTraps[] = { 1, 3, 6, 1, 6, 3, 1, 1, 5 };
static const UINT snmpTrapAddress0[] = { 1, 3, 6, 1, 6, 3, 18, 1, 3, 0 };


static SNMPAPI_STATUS CALLBACK on_trap(HSNMP_SESSION hs, HWND hwnd, UINT msg, WPARAM wp,
                                       LPARAM lp, LPVOID data)
{
    (void)hs; (void)hwnd; (void)msg; (void)wp; (void)lp; (void)data;
    ows_mutex_lock(&trap_lock);
    ows_plat_event_set(trap_event);
    ows_mutex_unlock(&trap_lock);
    return SNMPAPI_SUCCESS;
}

/* The trap port: OWS_MGMTAPI_TRAP_PORT or 162. */
static unsigned trap_port(void)
{
    const char *v = ows_plat_getenv("OWS_MGMTAPI_TRAP_PORT");
    long p = v ? strtol(v, NULL, 10) : 0;
    return p > 0 && p < 65536 ? (unsigned)p : DEFAULT_SNMPTRAP_PORT_UDP;
}

/* Opens the trap socket on the port and registers for every trap: a first
 * registration whose destination entity names the port opens the socket
 * there (core/transport.c's rule), a catch-all one shares it, and the
 * first, which would filter by that address, is dropped again. */
static int listen_on(HSNMP_SESSION hs, unsigned port)
{
    HSNMP_ENTITY where;
    int ok;
    where = ows_mgr_make_entity(hs, "127.0.0.1", 1);
    if (!where)
        return 0;
    ok = SnmpSetPort(where, port) && SnmpRegister(hs, NULL, where, NULL, NULL, SNMPAPI_ON);
    if (ok) {
        ok = SnmpRegister(hs, NULL, NULL, NULL, NULL, SNMPAPI_ON);
        SnmpRegister(hs, NULL, where, NULL, NULL, SNMPAPI_OFF);
    }
    SnmpFreeEntity(where);
    return ok;
}

/* SnmpMgrTrapListen: starts receiving traps. */
OWS_SNMP_BOOL_T SNMP_FUNC_TYPE SnmpMgrTrapListen(HANDLE *phTrapAvailable)
{
    uint32_t code = 0;
    if (!phTrapAvailable)
        return ows_mgr_fail(SNMP_MGMTAPI_INVALID_BUFFER, FALSE);
    if (ows_mgr_startup())
        return ows_mgr_fail(SNMP_MGMTAPI_TRAP_ERRORS, FALSE);
    ows_mutex_lock(&trap_lock);
    if (trap_hs) {
        code = SNMP_MGMTAPI_TRAP_DUPINIT;
    } else if (!(trap_event = ows_plat_event_new())) {
        code = SNMP_MEM_ALLOC_ERROR;
    } else {
        /* The callback takes trap_lock: create the session without it. */
        HSNMP_SESSION hs;
        ows_mutex_unlock(&trap_lock);
        hs = SnmpCreateSession(NULL, 0, on_trap, NULL);
        if (hs && !listen_on(hs, trap_port())) {
            SnmpClose(hs);
            hs = NULL;
            code = SNMP_MGMTAPI_TRAP_ERRORS;
        } else if (!hs) {
            code = SNMP_MEM_ALLOC_ERROR;
        }
        ows_mutex_lock(&trap_lock);
        if (code) {
            ows_plat_event_free(trap_event);
            trap_event = NULL;
        } else {
            trap_hs = hs;
            *phTrapAvailable = trap_event;
        }
    }
    ows_mutex_unlock(&trap_lock);
    return code ? ows_mgr_fail(code, FALSE) : TRUE;
}

/* serverTrapThread: the x86 DLL's undocumented trap-service thread entry.
 * Microsoft does not document it; mingw-w64's x86 import library lists it
 * (stdcall, 4 bytes of arguments: one pointer), its x64 one does not, so
 * only def/mgmtapi-x86.def exports it, for programs linked against that
 * library. Here no separate service runs traps in: SnmpMgrTrapListen
 * receives them in-process. So it ignores its argument and returns at once
 * (0, so that it is a valid thread start routine too) rather than serving
 * or waiting for anything. */
DWORD SNMP_FUNC_TYPE serverTrapThread(LPVOID param)
{
    (void)param;
    return 0;
}

int ows_mgr_trap_release(void)
{
    HSNMP_SESSION hs;
    void *ev;
    ows_mutex_lock(&trap_lock);
    hs = trap_hs;
    ev = trap_event;
    trap_hs = NULL;
    ows_mutex_unlock(&trap_lock);
    if (!hs)
        return 0;
    /* After SnmpClose no callback runs: the event can go. */
    SnmpClose(hs);
    ows_mutex_lock(&trap_lock);
    trap_event = NULL;
    ows_mutex_unlock(&trap_lock);
    ows_plat_event_free(ev);
    return 1;
}

static int oid_is(const AsnObjectIdentifier *o, const UINT *ids, size_t n)
{
    return o->idLength == n && !memcmp(o->ids, ids, n * sizeof(UINT));
}

/* Removes entry i of a list (freeing it). */
static void list_drop(SnmpVarBindList *l, UINT i)
{
    ows_mgr_oid_free(&l->list[i].name);
    ows_mgr_any_free(&l->list[i].value);
    memmove(&l->list[i], &l->list[i + 1], (l->len - i - 1) * sizeof(SnmpVarBind));
    l->len--;
}

/* The agent address a trap names itself (snmpTrapAddress.0, RFC 3584 3.1:
 * what a proxy puts there for an SNMPv1 agent-addr): taken out of the list
 * into *out (4 bytes, snmpapi memory). 0 when there is none. */
static int trap_address(SnmpVarBindList *l, AsnNetworkAddress *out)
{
    UINT i;
    for (i = 0; i < l->len; i++) {
        AsnAny *v = &l->list[i].value;
        if (l->list[i].name.idLength == 10 &&
            !memcmp(l->list[i].name.ids, snmpTrapAddress0, sizeof(snmpTrapAddress0)) &&
            v->asnType == ASN_IPADDRESS && v->asnValue.address.length == 4) {
            *out = v->asnValue.address;
            v->asnType = ASN_NULL;      /* *out owns the bytes now */
            list_drop(l, i);
            return 1;
        }
    }
    return 0;
}

/* An address as AsnNetworkAddress (4 or 16 bytes, snmpapi memory). */
static uint32_t addr_out(HSNMP_ENTITY e, AsnNetworkAddress *out)
{
    char text[80];
    struct ows_addr a;
    smiOCTETS o;
    memset(out, 0, sizeof(*out));
    if (!e || !SnmpEntityToStr(e, sizeof(text), text) || ows_resolve(text, 0, &a))
        return 0;
    o.len = a.family == OWS_AF_INET ? 4 : 16;
    o.ptr = a.bytes;
    return ows_mgr_octets_out(&o, out);
}

/* The trap's SNMPv1 fields from its SNMPv2 varbinds (header comment). */
static uint32_t v1_fields(SnmpVarBindList *l, AsnObjectIdentifier *ent, AsnInteger *gen,
                          AsnInteger *spec, AsnTimeticks *ts)
{
    AsnObjectIdentifier toid = { 0, NULL };
    AsnObjectIdentifier e = { 0, NULL };
    uint32_t err = 0;
    *ts = 0;
    if (l->len && oid_is(&l->list[0].name, sysUpTime0, 9)) {
        *ts = l->list[0].value.asnValue.ticks;
        list_drop(l, 0);
    }
    if (l->len && oid_is(&l->list[0].name, snmpTrapOID0, 11) &&
        l->list[0].value.asnType == ASN_OBJECTIDENTIFIER) {
        toid = l->list[0].value.asnValue.object;
        l->list[0].value.asnType = ASN_NULL;     /* toid now owns the ids */
        list_drop(l, 0);
    }
    if (l->len && oid_is(&l->list[l->len - 1].name, snmpTrapEnterprise0, 11) &&
        l->list[l->len - 1].value.asnType == ASN_OBJECTIDENTIFIER) {
        e = l->list[l->len - 1].value.asnValue.object;
        l->list[l->len - 1].value.asnType = ASN_NULL;
        list_drop(l, l->len - 1);
    }
    if (toid.idLength == 10 && !memcmp(toid.ids, snmpTraps, sizeof(snmpTraps)) &&
        toid.ids[9] >= 1 && toid.ids[9] <= 6) {
        *gen = (AsnInteger)toid.ids[9] - 1;
        *spec = 0;
        if (!e.idLength) {
            smiOID v = { 9, (smiLPUINT32)(void *)snmpTraps };
            err = ows_mgr_oid_out(&v, &e);
        }
        ows_mgr_oid_free(&toid);
    } else {
        *gen = SNMP_GENERICTRAP_ENTERSPECIFIC;
        *spec = toid.idLength ? (AsnInteger)toid.ids[toid.idLength - 1] : 0;
        ows_mgr_oid_free(&e);
        e = toid;
        if (e.idLength)
            e.idLength--;
        if (e.idLength && e.ids[e.idLength - 1] == 0)
            e.idLength--;
    }
    *ent = e;
    return err;
}

/* The shared body of SnmpMgrGetTrap and SnmpMgrGetTrapEx. */
static OWS_SNMP_BOOL_T get_trap(AsnObjectIdentifier *enterprise, AsnNetworkAddress *agentAddress,
                                AsnNetworkAddress *sourceAddress, AsnInteger *genericTrap,
                                AsnInteger *specificTrap, AsnOctetString *community,
                                AsnTimeticks *timeStamp, RFC1157VarBindList *variableBindings)
{
    HSNMP_SESSION hs;
    HSNMP_ENTITY src = NULL, dst = NULL;
    HSNMP_CONTEXT ctx = NULL;
    HSNMP_PDU pdu = NULL;
    HSNMP_VBL vbl = NULL;
    smiINT type, rid, es, ei;
    SnmpVarBindList l = { NULL, 0 };
    AsnObjectIdentifier ent = { 0, NULL };
    AsnNetworkAddress addr = { NULL, 0, FALSE }, addr2 = { NULL, 0, FALSE };
    AsnOctetString comm = { NULL, 0, FALSE };
    AsnInteger gen = 0, spec = 0;
    AsnTimeticks ts = 0;
    struct ows_v1_trap_hdr v1;
    int is_v1, cleared = 0;
    uint32_t code = 0;

    if (!enterprise || !agentAddress || !genericTrap || !specificTrap || !timeStamp ||
        !variableBindings)
        return ows_mgr_fail(SNMP_MGMTAPI_INVALID_BUFFER, FALSE);
    ows_mutex_lock(&trap_lock);
    hs = trap_hs;
    ows_mutex_unlock(&trap_lock);
    if (!hs)
        return ows_mgr_fail(SNMP_MGMTAPI_TRAP_ERRORS, FALSE);
    for (;;) {
        if (!SnmpRecvMsg(hs, &src, &dst, &ctx, &pdu)) {
            if (SnmpGetLastError(hs) != SNMPAPI_NOOP)
                return ows_mgr_fail(SNMP_MGMTAPI_TRAP_ERRORS, FALSE);
            if (cleared)
                return ows_mgr_fail(SNMP_MGMTAPI_NOTRAPS, FALSE);
            /* The queue is empty: clear the event, then look once more. A
             * trap queued after that look sets the event through its own
             * notification, which comes after it is queued; but one queued
             * before the reset may have had its notification wiped by it,
             * and the second look finds it. */
            ows_mutex_lock(&trap_lock);
            ows_plat_event_reset(trap_event);
            ows_mutex_unlock(&trap_lock);
            cleared = 1;
            continue;
        }
        if (cleared) {
            /* More may wait behind this one, their notifications wiped by
             * the reset: the event says so until a call finds none. */
            ows_mutex_lock(&trap_lock);
            ows_plat_event_set(trap_event);
            ows_mutex_unlock(&trap_lock);
            cleared = 0;
        }
        if (SnmpGetPduData(pdu, &type, &rid, &es, &ei, &vbl) &&
            (type == SNMP_PDU_TRAP || type == SNMP_PDU_V1TRAP))
            break;
        /* An INFORM: the core has acknowledged it; it is no trap. */
        if (vbl)
            SnmpFreeVbl(vbl);
        SnmpFreePdu(pdu);
        SnmpFreeEntity(src);
        SnmpFreeEntity(dst);
        SnmpFreeContext(ctx);
        vbl = NULL;
    }
    ows_lock();
    is_v1 = ows_rxitem_v1_trap(OWS_H2V(pdu), &v1);
    ows_unlock();
    code = ows_mgr_vbl_to_list(vbl, &l);
    if (!code)
        code = v1_fields(&l, &ent, &gen, &spec, &ts);
    if (!code && is_v1) {
        smiOCTETS a;
        a.len = 4;
        a.ptr = v1.agent_addr;
        gen = v1.generic_trap;
        spec = v1.specific_trap;
        ts = v1.time_stamp;
        code = ows_mgr_octets_out(&a, &addr);
    } else if (!code && !trap_address(&l, &addr)) {
        code = addr_out(src, &addr);
    }
    if (!code && sourceAddress)
        code = addr_out(src, &addr2);
    if (!code && community) {
        smiOCTETS c = { 0, NULL };
        if (SnmpContextToStr(ctx, &c)) {
            code = ows_mgr_octets_out(&c, &comm);
            SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&c);
        }
    }
    SnmpFreeVbl(vbl);
    SnmpFreePdu(pdu);
    SnmpFreeEntity(src);
    SnmpFreeEntity(dst);
    SnmpFreeContext(ctx);
    if (code) {
        ows_mgr_list_free(&l);
        ows_mgr_oid_free(&ent);
        ows_plat_snmp_free(addr.stream);
        ows_plat_snmp_free(addr2.stream);
        ows_plat_snmp_free(comm.stream);
        return ows_mgr_fail(code, FALSE);
    }
    *enterprise = ent;
    *agentAddress = addr;
    if (sourceAddress)
        *sourceAddress = addr2;
    if (community)
        *community = comm;
    *genericTrap = gen;
    *specificTrap = spec;
    *timeStamp = ts;
    *variableBindings = l;
    return TRUE;
}

/* SnmpMgrGetTrap: returns the next received trap. */
OWS_SNMP_BOOL_T SNMP_FUNC_TYPE SnmpMgrGetTrap(AsnObjectIdentifier *enterprise,
                                              AsnNetworkAddress *IPAddress,
                                              AsnInteger *genericTrap, AsnInteger *specificTrap,
                                              AsnTimeticks *timeStamp,
                                              RFC1157VarBindList *variableBindings)
{
    return get_trap(enterprise, IPAddress, NULL, genericTrap, specificTrap, NULL, timeStamp,
                    variableBindings);
}

/* SnmpMgrGetTrapEx: the next received trap with its source and community. */
OWS_SNMP_BOOL_T SNMP_FUNC_TYPE SnmpMgrGetTrapEx(AsnObjectIdentifier *enterprise,
                                                AsnNetworkAddress *agentAddress,
                                                AsnNetworkAddress *sourceAddress,
                                                AsnInteger *genericTrap, AsnInteger *specificTrap,
                                                AsnOctetString *community, AsnTimeticks *timeStamp,
                                                RFC1157VarBindList *variableBindings)
{
    if (!sourceAddress || !community)
        return ows_mgr_fail(SNMP_MGMTAPI_INVALID_BUFFER, FALSE);
    return get_trap(enterprise, agentAddress, sourceAddress, genericTrap, specificTrap, community,
                    timeStamp, variableBindings);
}
