/* mgmt.h - the Management API layer (mgmtapi.dll) on top of this project's
 * core: its WinSNMP exports, and for requests its codec, entity resolution
 * and synchronous session sockets (core/sync.h). One mgmtapi session is one
 * WinSNMP session, so an mgmtapi session is released by SnmpClose, i.e. by
 * ows_session_release, like any other session.
 *
 * Files: registry.c (validated session values), session.c (Open/Ctl/Close),
 * request.c (SnmpMgrRequest), convert.c (snmp.h types <-> the core's and
 * WinSNMP's, and the caller's memory), oidstr.c + mibnames.c (names),
 * trap.c (traps), lasterror.c (the one place errors become last errors).
 */
#ifndef OWS_MGMTAPI_MGMT_H
#define OWS_MGMTAPI_MGMT_H
#include <stdatomic.h>
#include <stdint.h>
#include "winsnmp.h"
#include "mgmtapi.h"
#include "platform.h"

/* The Win32 error code the layer reports besides the SNMP_* ones (the layer
 * includes no Windows header). */
#define OWS_WSAHOST_NOT_FOUND 11001u

/* An open mgmtapi session. Its requests are synchronous exchanges on its
 * WinSNMP session's own socket (core/sync.h), in the caller's thread. */
struct ows_mgr {
    HSNMP_SESSION hs;             /* its WinSNMP session */
    struct ows_addr agent;        /* resolved when opened (core/entity.h) */
    uint32_t version;             /* enum ows_version */
    uint8_t *community;
    uint32_t community_len;
    uint32_t timeout_ms;          /* first try; doubled on each retry (documented) */
    uint32_t retries;
    uint8_t *buf;                 /* OWS_NET_MAX_DGRAM + 1 bytes, made on first use */
    ows_sock fd[2];               /* its IPv4/IPv6 socket once opened (valid until
                                   * ows_mgr_destroy; OWS_SOCK_INVALID before) */
    int32_t next_id;              /* request ids: this session's socket is its own */
    long rcv_timeout;             /* the sockets' receive timeout now (0: none set) */
    uint32_t refs;                /* registry.c: the registry's + each caller's */
    _Atomic int closing;          /* set by SnmpMgrClose; read by requests */
};

/* registry.c: sessions are handed out as values that encode a slot and a
 * generation, never as raw pointers, so garbage, stale and double-closed
 * values are recognised without touching memory. */
void *ows_mgr_publish(struct ows_mgr *m);
/* The session behind a value with a reference taken (ows_mgr_put), or NULL. */
struct ows_mgr *ows_mgr_get(void *value);
void ows_mgr_put(struct ows_mgr *m);
/* Unpublishes a value; returns its session (holding the registry's
 * reference, for the caller to put) or NULL when the value is not live. */
struct ows_mgr *ows_mgr_unpublish(void *value);
/* Frees a session (last reference): session.c. */
void ows_mgr_destroy(struct ows_mgr *m);

/* session.c: starts this layer's WinSNMP instance once (it then stays up;
 * the engine thread is one per process). 0 or an SNMPAPI_* code. */
int ows_mgr_startup(void);
/* An entity from text in SNMPv1 (v2 == 0) or SNMPv2c terms: the
 * translate mode is process-wide, so mode and creation go together here. */
HSNMP_ENTITY ows_mgr_make_entity(HSNMP_SESSION hs, const char *text, int v2);

/* lasterror.c: sets the thread's last error and returns `ret`. */
int ows_mgr_fail(uint32_t code, int ret);
void *ows_mgr_fail_ptr(uint32_t code);

/* convert.c */
/* Copies a WinSNMP VBL into a caller-owned list (snmpapi memory).
 * 0 or SNMP_MEM_ALLOC_ERROR (nothing left allocated then). */
uint32_t ows_mgr_vbl_to_list(HSNMP_VBL vbl, SnmpVarBindList *out);
/* Copies into snmpapi memory: an OID, octets (dynamic = TRUE). */
uint32_t ows_mgr_oid_out(const smiOID *in, AsnObjectIdentifier *out);
uint32_t ows_mgr_octets_out(const smiOCTETS *in, AsnOctetString *out);
uint32_t ows_mgr_value_out(const smiVALUE *in, AsnAny *out);
/* The same from the core's types (synchronous requests). */
struct ows_value;
struct ows_vbl;
uint32_t ows_mgr_core_value_out(const struct ows_value *in, AsnAny *out);
uint32_t ows_mgr_core_vbl_to_list(const struct ows_vbl *in, SnmpVarBindList *out);
/* A core value viewing an AsnAny (no copy). SNMP_MGMTAPI_INVALID_BUFFER on
 * a type SNMP cannot carry. */
uint32_t ows_mgr_any_to_core(const AsnAny *a, struct ows_value *v);
/* Frees what the caller hands in or what we built, with snmpapi memory
 * rules (octet strings only when `dynamic`). */
void ows_mgr_list_free(SnmpVarBindList *l);
void ows_mgr_any_free(AsnAny *a);
void ows_mgr_oid_free(AsnObjectIdentifier *o);
/* A WinSNMP OID view of a caller's AsnObjectIdentifier (same 32-bit ids). */
static inline smiOID ows_mgr_oid_view(const AsnObjectIdentifier *o)
{
    smiOID v;
    v.len = o->idLength;
    v.ptr = (smiLPUINT32)(void *)o->ids;
    return v;
}

/* trap.c: releases what SnmpMgrTrapListen set up (SnmpMgrClose(NULL)). */
int ows_mgr_trap_release(void);

/* trap.c: mgmtapi.dll's undocumented x86 export (def/mgmtapi-x86.def). */
DWORD SNMP_FUNC_TYPE serverTrapThread(LPVOID param);

#endif
