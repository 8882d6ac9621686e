/* session.c - SnmpMgrOpen, SnmpMgrCtl and SnmpMgrClose.
 *
 * Decisions where the documentation is silent:
 * - NULL agent or community: SNMP_MGMTAPI_INVALID_BUFFER; an agent that does
 *   not resolve: WSAHOST_NOT_FOUND (the documented "Windows Sockets error").
 * - nTimeOut below 1 ms waits 1 ms; negative nRetries means none.
 * - The layer's WinSNMP instance starts with the first SnmpMgrOpen (or
 *   SnmpMgrTrapListen) and stays up until the process ends: its one engine
 *   thread is reused, so Open/Close pairs create no thread and Close only
 *   releases the session (ows_session_release, through SnmpClose).
 * - SNMP version: SNMPv1, as Windows' mgmtapi speaks; the OpenWinSNMP
 *   control code MGMCTL_OWS_SETVERSION (mgmtapi.h) switches a session to
 *   SNMPv2c.
 * - The agent's name is resolved once, by SnmpMgrOpen (as SnmpStrToEntity
 *   reads it: host name, IPv4, IPv6, "[v6]:port", "host:port").
 */
#include <stdlib.h>
#include <string.h>
#include "core/entity.h"
#include "core/smi.h"
#include "mgmtapi/mgmt.h"

static ows_mutex start_lock = OWS_MUTEX_INIT;
static int started;
/* Entities take their SNMP version from the process-wide translate mode
 * when they are made: this lock keeps mode and creation together. */
static ows_mutex mode_lock = OWS_MUTEX_INIT;

int ows_mgr_startup(void)
{
    int err = 0;
    ows_mutex_lock(&start_lock);
    if (!started) {
        smiUINT32 maj, min, lvl, tm, rm;
        if (!SnmpStartup(&maj, &min, &lvl, &tm, &rm))
            err = (int)SnmpGetLastError(NULL);
        else
            started = 1;
    }
    ows_mutex_unlock(&start_lock);
    return err;
}

HSNMP_ENTITY ows_mgr_make_entity(HSNMP_SESSION hs, const char *text, int v2)
{
    HSNMP_ENTITY e;
    ows_mutex_lock(&mode_lock);
    SnmpSetTranslateMode(v2 ? SNMPAPI_UNTRANSLATED_V2 : SNMPAPI_UNTRANSLATED_V1);
    e = SnmpStrToEntity(hs, text);
    ows_mutex_unlock(&mode_lock);
    return e;
}

/* The last reference is gone: no request uses the session any more, so its
 * WinSNMP session can go, and with it (ows_session_release) its socket. */
void ows_mgr_destroy(struct ows_mgr *m)
{
    if (m->hs)
        SnmpClose(m->hs);
    free(m->community);
    free(m->buf);
    free(m);
}

/* SnmpMgrOpen: opens a session with one agent. */
LPSNMP_MGR_SESSION SNMP_FUNC_TYPE SnmpMgrOpen(LPSTR lpAgentAddress, LPSTR lpAgentCommunity,
                                              INT nTimeOut, INT nRetries)
{
    struct ows_mgr *m;
    void *value;
    uint32_t version;
    int from_db, port_explicit, err;
    if (!lpAgentAddress || !lpAgentCommunity)
        return ows_mgr_fail_ptr(SNMP_MGMTAPI_INVALID_BUFFER);
    err = ows_mgr_startup();
    if (err)
        return ows_mgr_fail_ptr(err == SNMPAPI_ALLOC_ERROR ? SNMP_MEM_ALLOC_ERROR
                                                           : SNMP_MGMTAPI_SELECT_FDERRORS);
    m = calloc(1, sizeof(*m));
    if (!m)
        return ows_mgr_fail_ptr(SNMP_MEM_ALLOC_ERROR);
    /* The agent's address, as SnmpStrToEntity reads it (core/entity.h). */
    if (ows_entity_resolve(lpAgentAddress, SNMPAPI_UNTRANSLATED_V1, &m->agent, &version,
                           &from_db, &port_explicit)) {
        free(m);
        return ows_mgr_fail_ptr(OWS_WSAHOST_NOT_FOUND);
    }
    m->version = OWS_SNMPV1;
    m->fd[0] = m->fd[1] = OWS_SOCK_INVALID;
    m->timeout_ms = nTimeOut < 1 ? 1u : (uint32_t)nTimeOut;
    m->retries = nRetries < 0 ? 0u : (uint32_t)nRetries;
    m->community_len = (uint32_t)strlen(lpAgentCommunity);
    m->community = malloc(m->community_len + 1);
    if (m->community)
        memcpy(m->community, lpAgentCommunity, m->community_len + 1);
    /* A polling WinSNMP session: its socket is read by SnmpMgrRequest itself. */
    m->hs = m->community ? SnmpCreateSession(NULL, 0, NULL, NULL) : NULL;
    value = m->hs ? ows_mgr_publish(m) : NULL;
    if (!value) {
        ows_mgr_destroy(m);
        return ows_mgr_fail_ptr(SNMP_MEM_ALLOC_ERROR);
    }
    return value;
}

/* SnmpMgrCtl: sets an operating parameter of a session. */
OWS_SNMP_BOOL_T SNMP_FUNC_TYPE SnmpMgrCtl(LPSNMP_MGR_SESSION session, DWORD dwCtlCode,
                                          LPVOID lpvInBuffer, DWORD cbInBuffer,
                                          LPVOID lpvOUTBuffer, DWORD cbOUTBuffer,
                                          LPDWORD lpcbBytesReturned)
{
    struct ows_mgr *m = ows_mgr_get(session);
    uint32_t code = 0;
    UINT arg;
    (void)lpvOUTBuffer; (void)cbOUTBuffer;
    if (!m)
        return ows_mgr_fail(SNMP_MGMTAPI_INVALID_SESSION, FALSE);
    if (dwCtlCode != MGMCTL_SETAGENTPORT && dwCtlCode != MGMCTL_OWS_SETVERSION) {
        code = SNMP_MGMTAPI_INVALID_CTL;
    } else if (!lpvInBuffer || cbInBuffer < sizeof(UINT)) {
        code = SNMP_MGMTAPI_INVALID_BUFFER;
    } else {
        memcpy(&arg, lpvInBuffer, sizeof(arg));
        if (dwCtlCode == MGMCTL_SETAGENTPORT) {
            if (arg == 0 || arg > 65535)
                code = SNMP_MGMTAPI_INVALID_BUFFER;
            else
                m->agent.port = (uint16_t)arg;
        } else if (arg > 1) {
            code = SNMP_MGMTAPI_INVALID_BUFFER;
        } else {
            m->version = arg ? OWS_SNMPV2C : OWS_SNMPV1;
        }
    }
    if (!code && lpcbBytesReturned)
        *lpcbBytesReturned = 0;
    ows_mgr_put(m);
    return code ? ows_mgr_fail(code, FALSE) : TRUE;
}

/* SnmpMgrClose: closes a session; NULL releases SnmpMgrTrapListen's set-up. */
OWS_SNMP_BOOL_T SNMP_FUNC_TYPE SnmpMgrClose(LPSNMP_MGR_SESSION session)
{
    struct ows_mgr *m;
    if (!session)
        return ows_mgr_trap_release() ? TRUE : ows_mgr_fail(SNMP_MGMTAPI_INVALID_SESSION, FALSE);
    m = ows_mgr_unpublish(session);
    if (!m)
        return ows_mgr_fail(SNMP_MGMTAPI_INVALID_SESSION, FALSE);
    /* The value is dead from now on. The session itself goes with its last
     * reference (ows_mgr_destroy: SnmpClose, i.e. ows_session_release), at
     * once unless a request of another thread is still running. */
    ows_mgr_put(m);
    return TRUE;
}
