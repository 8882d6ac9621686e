/* pdu.c - the PDU exports: SnmpCreatePdu, SnmpGetPduData, SnmpSetPduData,
 * SnmpDuplicatePdu, SnmpFreePdu.
 *
 * Decisions where the documentation is silent: a VBL handle given to
 * SnmpCreatePdu or SnmpSetPduData must belong to the same session as the PDU
 * (VBL_INVALID otherwise); SnmpSetPduData stores non_repeaters and
 * max_repetitions in the error-status and error-index fields whatever the
 * type (they are the same two fields; SnmpSendMsg/SnmpEncodeMsg validate the
 * combination); a pointer to a 0 VBL handle is VBL_INVALID. SnmpDuplicatePdu
 * accepts a PDU of any session (the copy belongs to `session`).
 */
#include "api/api.h"
#include "core/pdu.h"
#include "core/vbl.h"
#include "core/session.h"

/* Looks up a VBL handle that must belong to `owner`; takes a reference. */
static int get_own_vbl(HSNMP_VBL vbl, struct ows_session *owner, ows_vbl_obj **out)
{
    ows_object *o = NULL;
    int err = ows_handle_lookup(OWS_H2V(vbl), OWS_T_VBL, &o);

    if (err)
        return OWS_E_VBL_INVALID;
    if (o->owner != owner) {
        ows_object_put(o);
        return OWS_E_VBL_INVALID;
    }
    *out = (ows_vbl_obj *)o;
    return OWS_OK;
}

/* SnmpCreatePdu: creates a PDU; 0 arguments mean the documented defaults. */
HSNMP_PDU SNMPAPI_CALL SnmpCreatePdu(HSNMP_SESSION session, smiINT PDU_type, smiINT32 request_id,
    smiINT error_status, smiINT error_index, HSNMP_VBL varbindlist)
{
    struct ows_session *s = NULL;
    ows_vbl_obj *v = NULL;
    ows_pdu_obj *obj = NULL;
    ows_pdu pdu;
    int err = ows_api_enter();

    if (err)
        return (HSNMP_PDU)(uintptr_t)ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpCreatePdu(%p, 0x%lx, %ld, %ld, %ld, %p)", session, (long)PDU_type,
                  (long)request_id, (long)error_status, (long)error_index, varbindlist);
    err = ows_session_get(OWS_H2V(session), &s);
    if (err)
        return (HSNMP_PDU)(uintptr_t)ows_api_fail(NULL, err);
    ows_pdu_init(&pdu);
    pdu.type = PDU_type ? (int32_t)PDU_type : OWS_PDU_GETNEXT;
    /* Only the types an application may send; the v1 Trap-PDU is made by
     * the library alone (from a v2 TRAP sent to a v1 entity). */
    if (!ows_pdu_type_settable(pdu.type))
        err = OWS_E_PDU_INVALID;
    if (!err && varbindlist) {
        err = get_own_vbl(varbindlist, s, &v);
        if (!err) {
            err = ows_vbl_copy(&pdu.vbl, &v->vbl);
            ows_object_put(&v->obj);
        }
    }
    if (!err) {
        pdu.request_id = request_id ? (int32_t)request_id : ows_session_new_request_id(s);
        pdu.error_status = (int32_t)error_status;
        pdu.error_index = (int32_t)error_index;
        err = ows_pdu_obj_new(s, &pdu, &obj);
    }
    ows_pdu_free(&pdu);
    ows_object_put(&s->hdr);
    return (HSNMP_PDU)(uintptr_t)ows_api_return(s, err, err ? 0 : obj->obj.handle);
}

/* SnmpGetPduData: reads selected fields; the list comes back as a new VBL. */
SNMPAPI_STATUS SNMPAPI_CALL SnmpGetPduData(HSNMP_PDU PDU, smiLPINT PDU_type, smiLPINT32 request_id,
    smiLPINT error_status, smiLPINT error_index, LPHSNMP_VBL varbindlist)
{
    struct ows_session *owner = NULL;
    ows_object *o = NULL;
    int err = ows_api_enter();

    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpGetPduData(%p, ...)", PDU);
    err = ows_handle_lookup(OWS_H2V(PDU), OWS_T_PDU, &o);
    if (!err) {
        const ows_pdu *p = &((ows_pdu_obj *)o)->pdu;

        owner = o->owner;
        if (!PDU_type && !request_id && !error_status && !error_index && !varbindlist) {
            err = OWS_E_NOOP;
        } else {
            ows_vbl_obj *v = NULL;
            ows_vbl copy;

            /* The one step that can fail comes first: outputs are written
             * only when the whole call succeeds. */
            if (varbindlist) {
                /* One allocation: the new VBL's list is never a replace's src. */
                err = ows_vbl_copy_packed(&copy, &p->vbl);
                if (!err) {
                    err = ows_vbl_obj_new(owner, &copy, &v);
                    ows_vbl_clear(&copy);
                }
            }
            if (!err) {
                if (PDU_type) *PDU_type = p->type;
                if (request_id) *request_id = p->request_id;
                if (error_status) *error_status = p->error_status;
                if (error_index) *error_index = p->error_index;
                if (varbindlist) *varbindlist = (HSNMP_VBL)OWS_V2H(v->obj.handle);
            }
        }
        ows_object_put(o);
    }
    return ows_api_return(owner, err, SNMPAPI_SUCCESS);
}

/* SnmpSetPduData: updates the fields whose pointers are not NULL. */
SNMPAPI_STATUS SNMPAPI_CALL SnmpSetPduData(HSNMP_PDU PDU, const smiINT *PDU_type,
    const smiINT32 *request_id, const smiINT *non_repeaters, const smiINT *max_repetitions,
    const HSNMP_VBL *varbindlist)
{
    struct ows_session *owner = NULL;
    ows_object *o = NULL;
    int err = ows_api_enter();

    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpSetPduData(%p, ...)", PDU);
    err = ows_handle_lookup(OWS_H2V(PDU), OWS_T_PDU, &o);
    if (!err) {
        ows_pdu *p = &((ows_pdu_obj *)o)->pdu;
        ows_vbl copy;

        owner = o->owner;
        ows_vbl_init(&copy);
        if (!PDU_type && !request_id && !non_repeaters && !max_repetitions && !varbindlist)
            err = OWS_E_NOOP;
        /* Validate and copy everything before changing anything. */
        if (!err && PDU_type && !ows_pdu_type_settable((int32_t)*PDU_type))
            err = OWS_E_PDU_INVALID;
        if (!err && varbindlist) {
            ows_vbl_obj *v = NULL;

            err = get_own_vbl(*varbindlist, owner, &v);
            if (!err) {
                err = ows_vbl_copy(&copy, &v->vbl);
                ows_object_put(&v->obj);
            }
        }
        if (!err) {
            if (PDU_type) p->type = (int32_t)*PDU_type;
            if (request_id) p->request_id = (int32_t)*request_id;
            /* Microsoft's page: these two are ignored unless the PDU (after
             * this call) is a GETBULK, where they live in the error fields. */
            if (p->type == OWS_PDU_GETBULK) {
                if (non_repeaters) p->error_status = (int32_t)*non_repeaters;
                if (max_repetitions) p->error_index = (int32_t)*max_repetitions;
            }
            /* Keeps the old arena: a decoded PDU's enterprise OID lives there. */
            if (varbindlist) ows_vbl_replace(&p->vbl, &copy);
        }
        /* Only a list argument can have filled the copy (a client's request
         * id update, every send, leaves it empty). */
        if (varbindlist)
            ows_vbl_clear(&copy);
        ows_object_put(o);
    }
    return ows_api_return(owner, err, SNMPAPI_SUCCESS);
}

/* SnmpDuplicatePdu: deep-copies a PDU into a new handle owned by session. */
HSNMP_PDU SNMPAPI_CALL SnmpDuplicatePdu(HSNMP_SESSION session, HSNMP_PDU PDU)
{
    struct ows_session *s = NULL;
    ows_object *o = NULL;
    ows_pdu_obj *obj = NULL;
    ows_pdu copy;
    int err = ows_api_enter();

    if (err)
        return (HSNMP_PDU)(uintptr_t)ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpDuplicatePdu(%p, %p)", session, PDU);
    err = ows_session_get(OWS_H2V(session), &s);
    if (err)
        return (HSNMP_PDU)(uintptr_t)ows_api_fail(NULL, err);
    err = ows_handle_lookup(OWS_H2V(PDU), OWS_T_PDU, &o);
    if (!err) {
        err = ows_pdu_copy(&copy, &((ows_pdu_obj *)o)->pdu);
        if (!err) {
            err = ows_pdu_obj_new(s, &copy, &obj);
            ows_pdu_free(&copy);
        }
        ows_object_put(o);
    }
    ows_object_put(&s->hdr);
    return (HSNMP_PDU)(uintptr_t)ows_api_return(s, err, err ? 0 : obj->obj.handle);
}

/* SnmpFreePdu: releases a PDU, its varbind list and its handle. */
SNMPAPI_STATUS SNMPAPI_CALL SnmpFreePdu(HSNMP_PDU PDU)
{
    struct ows_session *owner = NULL;
    ows_object *o = NULL;
    int err = ows_api_enter();

    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpFreePdu(%p)", PDU);
    err = ows_handle_lookup(OWS_H2V(PDU), OWS_T_PDU, &o);
    if (!err) {
        owner = o->owner;
        ows_handle_delete(o);
        ows_object_put(o);
    }
    return ows_api_return(owner, err, SNMPAPI_SUCCESS);
}
