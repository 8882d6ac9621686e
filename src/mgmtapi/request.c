/* request.c - SnmpMgrRequest: one synchronous request on the session's
 * WinSNMP session. The core's own retransmission is off for this layer:
 * each try is sent here, and its timeout doubles from try to try, as
 * SnmpMgrOpen documents.
 *
 * Decisions where the documentation is silent:
 * - A bad session value: SNMP_MGMTAPI_INVALID_SESSION; a request type other
 *   than GET/GETNEXT/SET/GETBULK: SNMP_PDUAPI_UNRECOGNIZED_PDU; NULL or
 *   malformed lists and pointers: SNMP_MGMTAPI_INVALID_BUFFER.
 * - GETBULK (SNMPv2c sessions): *errorStatus and *errorIndex carry
 *   non-repeaters and max-repetitions in, as in the PDU.
 * - An agent error (errorStatus != 0) is a successful call: the caller's
 *   list is replaced by the response's, errorStatus/errorIndex tell.
 * - Failure leaves the caller's list as it was.
 */
#include <string.h>
#include "mgmtapi/mgmt.h"

/* Waits for the next notification of m, at most wait_ms. 1 if one came. */
static int wait_note(struct ows_mgr *m, uint32_t wait_ms)
{
    uint64_t until = ows_clock_ns() + (uint64_t)wait_ms * 1000000u;
    int got = 0;
    ows_mutex_lock(&m->lock);
    while (!m->notes && !m->closing) {
        uint64_t now = ows_clock_ns();
        if (now >= until)
            break;
        ows_cond_wait(&m->cond, &m->lock, (long)((until - now) / 1000000u) + 1);
    }
    if (m->notes) {
        m->notes--;
        got = 1;
    }
    ows_mutex_unlock(&m->lock);
    return got;
}

/* Builds the request VBL from the caller's list. */
static uint32_t make_vbl(struct ows_mgr *m, BYTE type, const SnmpVarBindList *in, HSNMP_VBL *out)
{
    HSNMP_VBL vbl = SnmpCreateVbl(m->hs, NULL, NULL);
    UINT i;
    if (!vbl)
        return SNMP_MEM_ALLOC_ERROR;
    for (i = 0; i < in->len; i++) {
        const SnmpVarBind *vb = &in->list[i];
        smiOID name;
        smiVALUE val;
        uint32_t err;
        if (!vb->name.idLength || !vb->name.ids || vb->name.idLength > SNMP_MAX_OID_LEN) {
            SnmpFreeVbl(vbl);
            return SNMP_MGMTAPI_INVALID_BUFFER;
        }
        name = ows_mgr_oid_view(&vb->name);
        if (type == SNMP_PDU_SET) {
            err = ows_mgr_any_to_smi(&vb->value, &val);
        } else {
            /* Reads carry NULL values whatever the caller left there. */
            memset(&val, 0, sizeof(val));
            val.syntax = SNMP_SYNTAX_NULL;
            err = 0;
        }
        if (!err && !SnmpSetVb(vbl, 0, &name, &val))
            err = SnmpGetLastError(NULL) == SNMPAPI_ALLOC_ERROR ? SNMP_MEM_ALLOC_ERROR
                                                                : SNMP_MGMTAPI_INVALID_BUFFER;
        if (err) {
            SnmpFreeVbl(vbl);
            return err;
        }
    }
    *out = vbl;
    return 0;
}

/* Receives what the last notification announced: 0 with the response's
 * PDU, SNMP_MGMTAPI_TIMEOUT for a timeout report, or another code. */
static uint32_t receive(struct ows_mgr *m, HSNMP_PDU *pdu)
{
    HSNMP_ENTITY src = NULL, dst = NULL;
    HSNMP_CONTEXT ctx = NULL;
    uint32_t code = 0;
    *pdu = NULL;
    if (!SnmpRecvMsg(m->hs, &src, &dst, &ctx, pdu)) {
        uint32_t e = SnmpGetLastError(m->hs);
        code = e == SNMPAPI_TL_TIMEOUT ? SNMP_MGMTAPI_TIMEOUT
             : e == SNMPAPI_NOOP       ? SNMP_MGMTAPI_AGAIN
                                       : SNMP_MGMTAPI_SELECT_FDERRORS;
        if (*pdu)
            SnmpFreePdu(*pdu);
        *pdu = NULL;
    }
    if (src)
        SnmpFreeEntity(src);
    if (dst)
        SnmpFreeEntity(dst);
    if (ctx)
        SnmpFreeContext(ctx);
    return code;
}

/* Sends pdu and waits for its answer, retrying with doubled timeouts. */
static uint32_t transact(struct ows_mgr *m, HSNMP_PDU pdu, HSNMP_PDU *resp)
{
    uint32_t timeout = m->timeout_ms, tries = m->retries + 1, code = SNMP_MGMTAPI_TIMEOUT;
    while (tries--) {
        uint32_t cs = (timeout + 9) / 10;
        SnmpSetTimeout(m->agent, cs ? cs : 1);
        if (!SnmpSendMsg(m->hs, NULL, m->agent, m->ctx, pdu))
            return m->closing ? SNMP_MGMTAPI_INVALID_SESSION : SNMP_MGMTAPI_SELECT_FDERRORS;
        /* The core reports the timeout itself; the extra second only bounds
         * the wait should that report be lost (out of memory). */
        for (;;) {
            if (!wait_note(m, timeout + 1000))
                return m->closing ? SNMP_MGMTAPI_INVALID_SESSION : SNMP_MGMTAPI_TIMEOUT;
            code = receive(m, resp);
            if (code != SNMP_MGMTAPI_AGAIN)
                break;
        }
        if (code != SNMP_MGMTAPI_TIMEOUT)
            return code;
        timeout = timeout > 0x7FFFFFFFu / 2 ? 0x7FFFFFFFu : timeout * 2;
    }
    return code;
}

/* SnmpMgrRequest: performs one GET, GETNEXT, SET or GETBULK with the agent. */
SNMPAPI SNMP_FUNC_TYPE SnmpMgrRequest(LPSNMP_MGR_SESSION session, BYTE requestType,
                                      RFC1157VarBindList *variableBindings,
                                      AsnInteger *errorStatus, AsnInteger *errorIndex)
{
    struct ows_mgr *m = ows_mgr_get(session);
    HSNMP_VBL vbl = NULL, rvbl = NULL;
    HSNMP_PDU pdu = NULL, resp = NULL;
    smiINT rtype = 0, rid = 0, es = 0, ei = 0;
    SnmpVarBindList out;
    uint32_t code;
    if (!m)
        return ows_mgr_fail(SNMP_MGMTAPI_INVALID_SESSION, SNMPAPI_ERROR);
    if (requestType != SNMP_PDU_GET && requestType != SNMP_PDU_GETNEXT &&
        requestType != SNMP_PDU_SET && requestType != SNMP_PDU_GETBULK) {
        code = SNMP_PDUAPI_UNRECOGNIZED_PDU;
    } else if (!variableBindings || !errorStatus || !errorIndex ||
               (variableBindings->len && !variableBindings->list)) {
        code = SNMP_MGMTAPI_INVALID_BUFFER;
    } else {
        code = make_vbl(m, requestType, variableBindings, &vbl);
    }
    if (!code) {
        smiINT s0 = requestType == SNMP_PDU_GETBULK ? *errorStatus : 0;
        smiINT i0 = requestType == SNMP_PDU_GETBULK ? *errorIndex : 0;
        pdu = SnmpCreatePdu(m->hs, requestType, 0, s0, i0, vbl);
        code = pdu ? transact(m, pdu, &resp) : SNMP_MEM_ALLOC_ERROR;
    }
    if (!code && !SnmpGetPduData(resp, &rtype, &rid, &es, &ei, &rvbl))
        code = SNMP_MEM_ALLOC_ERROR;
    if (!code)
        code = ows_mgr_vbl_to_list(rvbl, &out);
    if (!code) {
        ows_mgr_list_free(variableBindings);
        *variableBindings = out;
        *errorStatus = es;
        *errorIndex = ei;
    }
    if (rvbl)
        SnmpFreeVbl(rvbl);
    if (resp)
        SnmpFreePdu(resp);
    if (pdu)
        SnmpFreePdu(pdu);
    if (vbl)
        SnmpFreeVbl(vbl);
    ows_mgr_put(m);
    return code ? ows_mgr_fail(code, SNMPAPI_ERROR) : SNMPAPI_NOERROR;
}
