/* request.c - SnmpMgrRequest: one synchronous request, sent and answered in
 * the calling thread on the session's own socket (core/sync.h), encoded and
 * decoded by the core's codec. Each try is sent here and its timeout doubles
 * from try to try, as SnmpMgrOpen documents.
 *
 * Decisions where the documentation is silent:
 * - A bad session value: SNMP_MGMTAPI_INVALID_SESSION; a request type other
 *   than GET/GETNEXT/SET/GETBULK: SNMP_PDUAPI_UNRECOGNIZED_PDU; NULL or
 *   malformed lists and pointers: SNMP_MGMTAPI_INVALID_BUFFER.
 * - GETBULK (SNMPv2c sessions): *errorStatus and *errorIndex carry
 *   non-repeaters and max-repetitions in, as in the PDU.
 * - An agent error (errorStatus != 0) is a successful call: the caller's
 *   list is replaced by the response's, errorStatus/errorIndex tell.
 * - Failure leaves the caller's list as it was. Only a RESPONSE from the
 *   agent's address and port with the request's id answers a request;
 *   anything else that arrives is dropped.
 */
#include <stdlib.h>
#include <string.h>
#include "core/engine.h"
#include "core/msg_codec.h"
#include "core/smi.h"
#include "core/sync.h"
#include "mgmtapi/mgmt.h"

/* Varbinds of a request kept on the stack; longer lists are allocated. */
#define STACK_VBS 16
/* Decoded responses that fit this go on the stack. */
#define STACK_RX 2048

/* Releases a decoded response, which may lie in the caller's stack block. */
static void resp_free(ows_msg *r, void *mem)
{
    if (r->pdu.vbl.arena == mem)
        memset(r, 0, sizeof(*r));
    else
        ows_msg_free(r);
}

static int same_peer(const struct ows_addr *a, const struct ows_addr *b)
{
    return a->family == b->family && a->port == b->port &&
           !memcmp(a->bytes, b->bytes, a->family == OWS_AF_INET ? 4 : 16);
}

/* Waits up to wait_ms for the RESPONSE to request `id`: 0 with *resp
 * decoded (free with resp_free), SNMP_MGMTAPI_TIMEOUT, or another code. The
 * socket is blocking with a receive timeout (ows_sock_recv_timeout), so a
 * receive is one system call; the timeout is set again only when something
 * other than the answer arrived. */
static uint32_t receive(struct ows_mgr *m, ows_sock fd, int32_t id, uint32_t wait_ms,
                        ows_msg *resp, void *mem)
{
    uint64_t until = ows_clock_ns() + (uint64_t)wait_ms * 1000000u;
    long left = (long)wait_ms;
    for (;;) {
        struct ows_addr from;
        size_t got;
        uint64_t now;
        int err;
        if (left != m->rcv_timeout) {
            if (ows_sock_recv_timeout(fd, left))
                return SNMP_MGMTAPI_SELECT_FDERRORS;
            m->rcv_timeout = left;
        }
        err = ows_sock_recvfrom(fd, m->buf, OWS_NET_MAX_DGRAM + 1, &got, &from);
        if (err == OWS_E_NOOP)
            return SNMP_MGMTAPI_TIMEOUT;
        if (!err && same_peer(&from, &m->agent) &&
            !ows_msg_decode_in(m->buf, got, resp, 0, mem, STACK_RX)) {
            if (resp->pdu.type == OWS_PDU_RESPONSE && resp->pdu.request_id == id &&
                resp->version == (int32_t)m->version)
                return 0;
            resp_free(resp, mem);
        }
        /* Something else (stale, foreign, malformed): wait for the rest. */
        now = ows_clock_ns();
        if (now >= until)
            return SNMP_MGMTAPI_TIMEOUT;
        left = (long)((until - now + 999999u) / 1000000u);
    }
}

/* Sends the encoded request (bytes, len) and runs the tries. */
static uint32_t tries(struct ows_mgr *m, const uint8_t *bytes, size_t len, int32_t id,
                      ows_msg *resp, void *mem)
{
    uint32_t timeout = m->timeout_ms, left = m->retries + 1, code = SNMP_MGMTAPI_TIMEOUT;
    int fam = m->agent.family == OWS_AF_INET6;
    ows_sock fd = m->fd[fam];
    /* The socket stays the session's until its release, which waits for
     * this request (registry.c): it is looked up once. */
    if (fd == OWS_SOCK_INVALID) {
        int err = ows_sync_socket((uintptr_t)m->hs, m->agent.family, &fd);
        if (err)
            return err == OWS_E_ALLOC ? SNMP_MEM_ALLOC_ERROR : SNMP_MGMTAPI_SELECT_FDERRORS;
        m->fd[fam] = fd;
    }
    while (left-- && code == SNMP_MGMTAPI_TIMEOUT && !m->closing) {
        if (ows_sock_sendto(fd, bytes, len, &m->agent))
            return SNMP_MGMTAPI_SELECT_FDERRORS;
        code = receive(m, fd, id, timeout, resp, mem);
        timeout = timeout > 0x7FFFFFFFu / 2 ? 0x7FFFFFFFu : timeout * 2;
    }
    return code;
}

/* Encodes the request (on the stack when it fits one datagram of an
 * Ethernet, else in an allocation) and runs the tries. */
static uint32_t transact(struct ows_mgr *m, ows_msg *req, ows_msg *resp, void *mem)
{
    uint8_t small[1472], *big;
    size_t off, len;
    uint32_t code;
    if (!m->buf && !(m->buf = malloc(OWS_NET_MAX_DGRAM + 1)))
        return SNMP_MEM_ALLOC_ERROR;
    if (!ows_msg_encode(req, small, sizeof(small), &off, &len))
        return tries(m, small + off, len, req->pdu.request_id, resp, mem);
    /* The receive buffer cannot hold the request while it waits. */
    if (!(big = malloc(OWS_NET_MAX_DGRAM)))
        return SNMP_MEM_ALLOC_ERROR;
    if (ows_msg_encode(req, big, OWS_NET_MAX_DGRAM, &off, &len))
        code = SNMP_MGMTAPI_INVALID_BUFFER;   /* too big, or values the version cannot carry */
    else
        code = tries(m, big + off, len, req->pdu.request_id, resp, mem);
    free(big);
    return code;
}

/* SnmpMgrRequest: performs one GET, GETNEXT, SET or GETBULK with the agent. */
SNMPAPI SNMP_FUNC_TYPE SnmpMgrRequest(LPSNMP_MGR_SESSION session, BYTE requestType,
                                      RFC1157VarBindList *variableBindings,
                                      AsnInteger *errorStatus, AsnInteger *errorIndex)
{
    struct ows_mgr *m = ows_mgr_get(session);
    ows_varbind stack_vbs[STACK_VBS], *vbs = stack_vbs;
    uint64_t rxmem[STACK_RX / 8];
    ows_msg req, resp;
    SnmpVarBindList out;
    uint32_t code = 0;
    UINT i, n;
    if (!m)
        return ows_mgr_fail(SNMP_MGMTAPI_INVALID_SESSION, SNMPAPI_ERROR);
    memset(&req, 0, sizeof(req));
    memset(&resp, 0, sizeof(resp));
    if (requestType != SNMP_PDU_GET && requestType != SNMP_PDU_GETNEXT &&
        requestType != SNMP_PDU_SET && requestType != SNMP_PDU_GETBULK) {
        code = SNMP_PDUAPI_UNRECOGNIZED_PDU;
    } else if (!variableBindings || !errorStatus || !errorIndex ||
               (variableBindings->len && !variableBindings->list)) {
        code = SNMP_MGMTAPI_INVALID_BUFFER;
    } else if ((n = variableBindings->len) > STACK_VBS &&
               (n > OWS_MSG_MAX_VARBINDS || !(vbs = malloc(n * sizeof(*vbs))))) {
        code = n > OWS_MSG_MAX_VARBINDS ? SNMP_MGMTAPI_INVALID_BUFFER : SNMP_MEM_ALLOC_ERROR;
        vbs = stack_vbs;
    } else {
        for (i = 0; i < n && !code; i++) {
            const SnmpVarBind *vb = &variableBindings->list[i];
            memset(&vbs[i], 0, sizeof(vbs[i]));
            if (vb->name.idLength < 2 || !vb->name.ids || vb->name.idLength > SNMP_MAX_OID_LEN) {
                code = SNMP_MGMTAPI_INVALID_BUFFER;
                break;
            }
            vbs[i].name.len = vb->name.idLength;
            vbs[i].name.ids = (uint32_t *)vb->name.ids;
            /* Reads carry NULL values whatever the caller left there. */
            if (requestType == SNMP_PDU_SET)
                code = ows_mgr_any_to_core(&vb->value, &vbs[i].value);
            else
                vbs[i].value.syntax = OWS_SYN_NULL;
        }
    }
    if (!code) {
        req.version = (int32_t)m->version;
        req.community.len = m->community_len;
        req.community.ptr = m->community;
        req.pdu.type = requestType;
        /* Ids only this session's socket sees: positive, wrapping to 1. */
        m->next_id = m->next_id == INT32_MAX ? 1 : m->next_id + 1;
        req.pdu.request_id = m->next_id;
        if (requestType == SNMP_PDU_GETBULK) {
            req.pdu.error_status = *errorStatus;
            req.pdu.error_index = *errorIndex;
        }
        req.pdu.vbl.items = vbs;
        req.pdu.vbl.count = n;
        req.pdu.vbl.cap = n;
        code = transact(m, &req, &resp, rxmem);
    }
    if (!code)
        code = ows_mgr_core_vbl_to_list(&resp.pdu.vbl, &out);
    if (!code) {
        ows_mgr_list_free(variableBindings);
        *variableBindings = out;
        *errorStatus = resp.pdu.error_status;
        *errorIndex = resp.pdu.error_index;
    }
    resp_free(&resp, rxmem);
    if (vbs != stack_vbs)
        free(vbs);
    ows_mgr_put(m);
    return code ? ows_mgr_fail(code, SNMPAPI_ERROR) : SNMPAPI_NOERROR;
}
