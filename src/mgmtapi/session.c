/* session.c - SnmpMgrOpen, SnmpMgrCtl and SnmpMgrClose.
 *
 * Decisions where the documentation is silent:
 * - NULL agent or community: SNMP_MGMTAPI_INVALID_BUFFER; an agent that does
 *   not resolve: WSAHOST_NOT_FOUND (the documented "Windows Sockets error").
 * - nTimeOut below 10 ms waits 10 ms (the core's timer unit is the WinSNMP
 *   centisecond); negative nRetries means none.
 * - The layer's WinSNMP instance starts with the first SnmpMgrOpen (or
 *   SnmpMgrTrapListen) and stays up until the process ends: its one engine
 *   thread is reused, so Open/Close pairs create no thread and Close only
 *   releases the session (ows_session_release, through SnmpClose).
 * - SNMP version: SNMPv1, as Windows' mgmtapi speaks; the OpenWinSNMP
 *   control code MGMCTL_OWS_SETVERSION (mgmtapi.h) switches a session to
 *   SNMPv2c.
 */
#include <stdlib.h>
#include <string.h>
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
        if (!SnmpStartup(&maj, &min, &lvl, &tm, &rm)) {
            err = (int)SnmpGetLastError(NULL);
        } else {
            /* The layer retransmits itself, doubling the timeout each time. */
            SnmpSetRetransmitMode(SNMPAPI_OFF);
            started = 1;
        }
    }
    ows_mutex_unlock(&start_lock);
    return err;
}

/* The session's notifications (responses and timeout reports) wake the
 * thread waiting in SnmpMgrRequest. Runs on the engine thread. */
static SNMPAPI_STATUS CALLBACK on_note(HSNMP_SESSION hs, HWND hwnd, UINT msg, WPARAM wp,
                                       LPARAM lp, LPVOID data)
{
    struct ows_mgr *m = data;
    (void)hs; (void)hwnd; (void)msg; (void)wp; (void)lp;
    ows_mutex_lock(&m->lock);
    m->notes++;
    ows_cond_signal(&m->cond);
    ows_mutex_unlock(&m->lock);
    return SNMPAPI_SUCCESS;
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

void ows_mgr_destroy(struct ows_mgr *m)
{
    ows_cond_destroy(&m->cond);
    ows_mutex_destroy(&m->lock);
    free(m->agent_text);
    free(m);
}

/* SnmpMgrOpen: opens a session with one agent. */
LPSNMP_MGR_SESSION SNMP_FUNC_TYPE SnmpMgrOpen(LPSTR lpAgentAddress, LPSTR lpAgentCommunity,
                                              INT nTimeOut, INT nRetries)
{
    struct ows_mgr *m;
    smiOCTETS comm;
    void *value;
    size_t n;
    int err;
    if (!lpAgentAddress || !lpAgentCommunity)
        return ows_mgr_fail_ptr(SNMP_MGMTAPI_INVALID_BUFFER);
    err = ows_mgr_startup();
    if (err)
        return ows_mgr_fail_ptr(err == SNMPAPI_ALLOC_ERROR ? SNMP_MEM_ALLOC_ERROR
                                                           : SNMP_MGMTAPI_SELECT_FDERRORS);
    m = calloc(1, sizeof(*m));
    if (!m)
        return ows_mgr_fail_ptr(SNMP_MEM_ALLOC_ERROR);
    ows_mutex_init(&m->lock);
    if (ows_cond_init(&m->cond)) {
        ows_mutex_destroy(&m->lock);
        free(m);
        return ows_mgr_fail_ptr(SNMP_MEM_ALLOC_ERROR);
    }
    m->timeout_ms = nTimeOut < 10 ? 10u : (uint32_t)nTimeOut;
    m->retries = nRetries < 0 ? 0u : (uint32_t)nRetries;
    n = strlen(lpAgentAddress) + 1;
    m->agent_text = malloc(n);
    if (m->agent_text)
        memcpy(m->agent_text, lpAgentAddress, n);
    m->hs = m->agent_text ? SnmpCreateSession(NULL, 0, on_note, m) : NULL;
    if (!m->hs) {
        ows_mgr_destroy(m);
        return ows_mgr_fail_ptr(SNMP_MEM_ALLOC_ERROR);
    }
    m->agent = ows_mgr_make_entity(m->hs, lpAgentAddress, 0);
    if (!m->agent) {
        uint32_t code = SnmpGetLastError(m->hs) == SNMPAPI_ALLOC_ERROR ? SNMP_MEM_ALLOC_ERROR
                                                                      : OWS_WSAHOST_NOT_FOUND;
        SnmpClose(m->hs);
        ows_mgr_destroy(m);
        return ows_mgr_fail_ptr(code);
    }
    comm.len = (smiUINT32)strlen(lpAgentCommunity);
    comm.ptr = (smiLPBYTE)lpAgentCommunity;
    m->ctx = SnmpStrToContext(m->hs, &comm);
    value = m->ctx ? ows_mgr_publish(m) : NULL;
    if (!value) {
        SnmpClose(m->hs);
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
            if (arg == 0 || arg > 65535 || !SnmpSetPort(m->agent, arg))
                code = SNMP_MGMTAPI_INVALID_BUFFER;
            else
                m->port = arg;
        } else if (arg > 1) {
            code = SNMP_MGMTAPI_INVALID_BUFFER;
        } else {
            /* The version is fixed when an entity is made: make the agent
             * again from its text, in the new mode, with its port. */
            HSNMP_ENTITY e = ows_mgr_make_entity(m->hs, m->agent_text, (int)arg);
            if (!e || (m->port && !SnmpSetPort(e, m->port))) {
                if (e)
                    SnmpFreeEntity(e);
                code = SNMP_MEM_ALLOC_ERROR;
            } else {
                SnmpFreeEntity(m->agent);
                m->agent = e;
            }
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
    /* SnmpClose is ows_session_release: sockets, requests and queued
     * messages go, and no notification reaches on_note once it returns. */
    SnmpClose(m->hs);
    ows_mutex_lock(&m->lock);
    ows_cond_broadcast(&m->cond);
    ows_mutex_unlock(&m->lock);
    ows_mgr_put(m);
    return TRUE;
}
