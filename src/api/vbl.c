/* vbl.c - the variable-binding list exports: SnmpCreateVbl, SnmpDuplicateVbl,
 * SnmpFreeVbl, SnmpCountVbl, SnmpGetVb, SnmpSetVb, SnmpDeleteVb.
 *
 * Decisions where the documentation is silent: SnmpGetVb fills only the
 * outputs that are not NULL; SnmpDuplicateVbl accepts a list of any session
 * (the copy belongs to `session`); errors on a list are also recorded as its
 * owner session's last error.
 */
#include <string.h>
#include "api/api.h"
#include "core/vbl.h"
#include "core/descriptor.h"
#include "core/session.h"

/* Application smiVALUE -> internal value (the pointers are borrowed). */
static void value_in(ows_value *out, smiLPCVALUE v)
{
    memset(out, 0, sizeof *out);
    out->syntax = (uint32_t)v->syntax;
    switch (out->syntax) {
    case OWS_SYN_INT:
        out->v.i = (int32_t)v->value.sNumber;
        break;
    case OWS_SYN_CNTR32: case OWS_SYN_GAUGE32: case OWS_SYN_TIMETICKS: case OWS_SYN_UINT32:
        out->v.u = (uint32_t)v->value.uNumber;
        break;
    case OWS_SYN_CNTR64:
        out->v.u64 = ((uint64_t)v->value.hNumber.hipart << 32) | (uint32_t)v->value.hNumber.lopart;
        break;
    case OWS_SYN_OCTETS: case OWS_SYN_BITS: case OWS_SYN_OPAQUE:
    case OWS_SYN_IPADDR: case OWS_SYN_NSAPADDR:
        out->v.str.len = (uint32_t)v->value.string.len;
        out->v.str.ptr = v->value.string.ptr;
        break;
    case OWS_SYN_OID:
        out->v.oid.len = (uint32_t)v->value.oid.len;
        out->v.oid.ids = (uint32_t *)v->value.oid.ptr;
        break;
    default:
        break;   /* NULL, the exceptions and unknown syntaxes carry nothing */
    }
}

static ows_oid name_in(smiLPCOID o)
{
    ows_oid r;

    r.len = (uint32_t)o->len;
    r.ids = (uint32_t *)o->ptr;
    return r;
}

/* Internal value -> application smiVALUE; strings and OIDs become
 * registered descriptors. OWS_E_ALLOC (nothing left allocated). */
static int value_out(smiLPVALUE out, const ows_value *v)
{
    ows_octets s;
    ows_oid o;
    int err = OWS_OK;

    memset(out, 0, sizeof *out);
    out->syntax = v->syntax;
    switch (v->syntax) {
    case OWS_SYN_INT:
        out->value.sNumber = v->v.i;
        break;
    case OWS_SYN_CNTR32: case OWS_SYN_GAUGE32: case OWS_SYN_TIMETICKS: case OWS_SYN_UINT32:
        out->value.uNumber = v->v.u;
        break;
    case OWS_SYN_CNTR64:
        out->value.hNumber.hipart = (smiUINT32)(v->v.u64 >> 32);
        out->value.hNumber.lopart = (smiUINT32)(v->v.u64 & 0xffffffffu);
        break;
    case OWS_SYN_OCTETS: case OWS_SYN_BITS: case OWS_SYN_OPAQUE:
    case OWS_SYN_IPADDR: case OWS_SYN_NSAPADDR:
        err = ows_desc_octets(&s, v->v.str.ptr, v->v.str.len);
        if (!err) {
            out->value.string.len = s.len;
            out->value.string.ptr = s.ptr;
        }
        break;
    case OWS_SYN_OID:
        err = ows_desc_oid(&o, v->v.oid.ids, v->v.oid.len);
        if (!err) {
            out->value.oid.len = o.len;
            out->value.oid.ptr = (smiLPUINT32)o.ids;
        }
        break;
    default:
        break;
    }
    return err;
}

/* SnmpCreateVbl: creates a list, empty or holding one name/value pair. */
HSNMP_VBL SNMPAPI_CALL SnmpCreateVbl(HSNMP_SESSION session, smiLPCOID name, smiLPCVALUE value)
{
    struct ows_session *s = NULL;
    ows_vbl list;
    ows_vbl_obj *obj = NULL;
    ows_value val;
    ows_oid nm;
    int err = ows_api_enter();

    if (err)
        return (HSNMP_VBL)(uintptr_t)ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpCreateVbl(%p, %p, %p)", session, (void *)name, (void *)value);
    err = ows_session_get(OWS_H2V(session), &s);
    if (err)
        return (HSNMP_VBL)(uintptr_t)ows_api_fail(NULL, err);
    ows_vbl_init(&list);
    /* A NULL name means an empty list; the value is then ignored. */
    if (name) {
        nm = name_in(name);
        if (value)
            value_in(&val, value);
        err = ows_vbl_append(&list, &nm, value ? &val : NULL);
    }
    if (!err)
        err = ows_vbl_obj_new(s, &list, &obj);
    ows_vbl_clear(&list);
    ows_object_put(&s->hdr);
    return (HSNMP_VBL)(uintptr_t)ows_api_return(s, err, err ? 0 : obj->obj.handle);
}

/* SnmpDuplicateVbl: deep-copies a list into a new handle owned by session. */
HSNMP_VBL SNMPAPI_CALL SnmpDuplicateVbl(HSNMP_SESSION session, HSNMP_VBL vbl)
{
    struct ows_session *s = NULL;
    ows_object *o = NULL;
    ows_vbl_obj *obj = NULL;
    ows_vbl copy;
    int err = ows_api_enter();

    if (err)
        return (HSNMP_VBL)(uintptr_t)ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpDuplicateVbl(%p, %p)", session, vbl);
    err = ows_session_get(OWS_H2V(session), &s);
    if (err)
        return (HSNMP_VBL)(uintptr_t)ows_api_fail(NULL, err);
    err = ows_handle_lookup(OWS_H2V(vbl), OWS_T_VBL, &o);
    if (!err) {
        err = ows_vbl_copy(&copy, &((ows_vbl_obj *)o)->vbl);
        if (!err) {
            err = ows_vbl_obj_new(s, &copy, &obj);
            ows_vbl_clear(&copy);
        }
        ows_object_put(o);
    }
    ows_object_put(&s->hdr);
    return (HSNMP_VBL)(uintptr_t)ows_api_return(s, err, err ? 0 : obj->obj.handle);
}

/* SnmpFreeVbl: releases a variable-binding list and its handle. */
SNMPAPI_STATUS SNMPAPI_CALL SnmpFreeVbl(HSNMP_VBL vbl)
{
    struct ows_session *owner = NULL;
    ows_object *o = NULL;
    int err = ows_api_enter();

    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpFreeVbl(%p)", vbl);
    err = ows_handle_lookup(OWS_H2V(vbl), OWS_T_VBL, &o);
    if (!err) {
        owner = o->owner;
        ows_handle_delete(o);
        ows_object_put(o);
    }
    return ows_api_return(owner, err, SNMPAPI_SUCCESS);
}

/* SnmpCountVbl: number of entries; 0 with NOOP for an empty list. */
SNMPAPI_STATUS SNMPAPI_CALL SnmpCountVbl(HSNMP_VBL vbl)
{
    struct ows_session *owner = NULL;
    ows_object *o = NULL;
    uint32_t n = 0;
    int err = ows_api_enter();

    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpCountVbl(%p)", vbl);
    err = ows_handle_lookup(OWS_H2V(vbl), OWS_T_VBL, &o);
    if (!err) {
        owner = o->owner;
        n = ((ows_vbl_obj *)o)->vbl.count;
        if (n == 0)
            err = OWS_E_NOOP;
        ows_object_put(o);
    }
    return ows_api_return(owner, err, n);
}

/* SnmpGetVb: copies out entry `index` (1-based) as library descriptors. */
SNMPAPI_STATUS SNMPAPI_CALL SnmpGetVb(HSNMP_VBL vbl, smiUINT32 index, smiLPOID name,
    smiLPVALUE value)
{
    struct ows_session *owner = NULL;
    ows_object *o = NULL;
    int err = ows_api_enter();

    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpGetVb(%p, %lu, %p, %p)", vbl, (unsigned long)index, (void *)name, (void *)value);
    err = ows_handle_lookup(OWS_H2V(vbl), OWS_T_VBL, &o);
    if (!err) {
        const ows_vbl *l = &((ows_vbl_obj *)o)->vbl;

        owner = o->owner;
        if (index == 0 || index > l->count) {
            err = OWS_E_INDEX_INVALID;
        } else {
            const ows_varbind *vb = &l->items[index - 1];
            ows_oid nm = { 0, NULL };
            smiVALUE val;

            /* Build both outputs before writing either, so a failure
             * leaves the caller's structures and the registry untouched. */
            if (name)
                err = ows_desc_oid(&nm, vb->name.ids, vb->name.len);
            if (!err && value) {
                err = value_out(&val, &vb->value);
                if (err && name)
                    ows_desc_discard(nm.ids);
            }
            if (!err && name) {
                name->len = nm.len;
                name->ptr = (smiLPUINT32)nm.ids;
            }
            if (!err && value)
                *value = val;
        }
        ows_object_put(o);
    }
    return ows_api_return(owner, err, SNMPAPI_SUCCESS);
}

/* SnmpSetVb: appends (index 0) or replaces entry `index`; returns its index. */
SNMPAPI_STATUS SNMPAPI_CALL SnmpSetVb(HSNMP_VBL vbl, smiUINT32 index, smiLPCOID name,
    smiLPCVALUE value)
{
    struct ows_session *owner = NULL;
    ows_object *o = NULL;
    SNMPAPI_STATUS pos = 0;
    int err = ows_api_enter();

    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpSetVb(%p, %lu, %p, %p)", vbl, (unsigned long)index, (void *)name, (void *)value);
    err = ows_handle_lookup(OWS_H2V(vbl), OWS_T_VBL, &o);
    if (!err) {
        ows_vbl *l = &((ows_vbl_obj *)o)->vbl;
        ows_value val;
        ows_oid nm;

        owner = o->owner;
        if (value)
            value_in(&val, value);
        if (name)
            nm = name_in(name);
        if (index == 0) {
            /* Appending needs a name. */
            err = ows_vbl_append(l, name ? &nm : NULL, value ? &val : NULL);
            pos = l->count;
        } else {
            err = ows_vbl_set(l, (uint32_t)index, name ? &nm : NULL, value ? &val : NULL);
            pos = index;
        }
        ows_object_put(o);
    }
    return ows_api_return(owner, err, pos);
}

/* SnmpDeleteVb: removes entry `index`, shifting later entries down. */
SNMPAPI_STATUS SNMPAPI_CALL SnmpDeleteVb(HSNMP_VBL vbl, smiUINT32 index)
{
    struct ows_session *owner = NULL;
    ows_object *o = NULL;
    int err = ows_api_enter();

    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpDeleteVb(%p, %lu)", vbl, (unsigned long)index);
    err = ows_handle_lookup(OWS_H2V(vbl), OWS_T_VBL, &o);
    if (!err) {
        owner = o->owner;
        err = ows_vbl_delete(&((ows_vbl_obj *)o)->vbl, (uint32_t)index);
        ows_object_put(o);
    }
    return ows_api_return(owner, err, SNMPAPI_SUCCESS);
}
