/* vbl.c - variable-binding lists and the VBL object behind a handle. */
#include <string.h>
#include "core/vbl.h"
#include "core/alloc.h"
#include "core/error.h"

/* Longest string value an application may set: more than any SNMP message
 * over UDP can carry, and a guard against garbage lengths. */
#define OWS_MAX_VALUE_LEN 65535u
/* Longest list we grow to; far past any message's capacity. */
#define OWS_MAX_VBL_COUNT (1u << 20)

void ows_vbl_init(ows_vbl *l)
{
    l->items = NULL;
    l->count = 0;
    l->cap = 0;
    l->arena = NULL;
}

void ows_vbl_clear(ows_vbl *l)
{
    uint32_t i;

    /* The NULL tests spare a call per varbind of a received list, whose
     * bytes lie in the arena (`own` NULL) until an edit copies them out. */
    for (i = 0; i < l->count; i++)
        if (l->items[i].own)
            ows_free(l->items[i].own);
    if (l->cap)
        ows_free(l->items);
    if (l->arena)
        ows_free(l->arena);
    ows_vbl_init(l);
}

static int is_string_syntax(uint32_t s)
{
    return s == OWS_SYN_OCTETS || s == OWS_SYN_BITS || s == OWS_SYN_OPAQUE ||
           s == OWS_SYN_IPADDR || s == OWS_SYN_NSAPADDR;
}

int ows_value_check(const ows_value *v)
{
    switch (v->syntax) {
    case OWS_SYN_INT: case OWS_SYN_CNTR32: case OWS_SYN_GAUGE32:
    case OWS_SYN_TIMETICKS: case OWS_SYN_UINT32: case OWS_SYN_CNTR64:
    case OWS_SYN_NULL: case OWS_SYN_NOSUCHOBJECT:
    case OWS_SYN_NOSUCHINSTANCE: case OWS_SYN_ENDOFMIBVIEW:
        return OWS_OK;
    case OWS_SYN_OCTETS: case OWS_SYN_BITS: case OWS_SYN_OPAQUE:
        break;
    case OWS_SYN_IPADDR:
        /* IpAddress is OCTET STRING (SIZE(4)) (RFC 2578); anything else
         * could not be encoded, so refuse it when the application sets it. */
        if (v->v.str.len != 4)
            return OWS_E_SYNTAX_INVALID;
        break;
    case OWS_SYN_NSAPADDR:
        if (v->v.str.len > 255)
            return OWS_E_SYNTAX_INVALID;
        break;
    case OWS_SYN_OID:
        if (v->v.oid.len > OWS_MAX_OID_LEN || (v->v.oid.len && !v->v.oid.ids))
            return OWS_E_OID_INVALID;
        return OWS_OK;
    default:
        return OWS_E_SYNTAX_INVALID;
    }
    if (v->v.str.len > OWS_MAX_VALUE_LEN || (v->v.str.len && !v->v.str.ptr))
        return OWS_E_SYNTAX_INVALID;
    return OWS_OK;
}

int ows_vbl_name_check(const ows_oid *name)
{
    if (!name || name->len == 0 || name->len > OWS_MAX_OID_LEN || !name->ids)
        return OWS_E_OID_INVALID;
    return OWS_OK;
}

static const ows_value null_value = { OWS_SYN_NULL, { 0 } };

/* Bytes a varbind's name sub-ids and its value's sub-ids or string bytes
 * take outside the varbind itself. */
static void varbind_sizes(const ows_oid *name, const ows_value *value, size_t *name_sz,
                          size_t *val_sz)
{
    *name_sz = (size_t)name->len * sizeof(uint32_t);
    *val_sz = 0;
    if (value->syntax == OWS_SYN_OID)
        *val_sz = (size_t)value->v.oid.len * sizeof(uint32_t);
    else if (is_string_syntax(value->syntax))
        *val_sz = value->v.str.len;
}

/* Writes a varbind whose name and value bytes are copied to `mem` (sized by
 * varbind_sizes; unused when both sizes are 0). */
static void varbind_place(ows_varbind *out, const ows_oid *name, const ows_value *value,
                          uint8_t *mem, size_t name_sz, size_t val_sz)
{
    ows_varbind vb;

    memset(&vb, 0, sizeof vb);
    vb.name.len = name->len;
    vb.name.ids = name_sz ? (uint32_t *)(void *)mem : NULL;
    if (name_sz)
        memcpy(mem, name->ids, name_sz);
    vb.value = *value;
    if (value->syntax == OWS_SYN_OID) {
        vb.value.v.oid.ids = val_sz ? (uint32_t *)(void *)(mem + name_sz) : NULL;
        if (val_sz)
            memcpy(mem + name_sz, value->v.oid.ids, val_sz);
    } else if (is_string_syntax(value->syntax)) {
        vb.value.v.str.ptr = val_sz ? mem + name_sz : NULL;
        if (val_sz)
            memcpy(mem + name_sz, value->v.str.ptr, val_sz);
    }
    *out = vb;
}

/* Builds a self-contained varbind: one allocation (`own`) holds the name's
 * sub-ids, then an OID value's sub-ids or a string value's bytes. The
 * sources may lie anywhere (the arena, another varbind, the application). */
static int varbind_build(ows_varbind *out, const ows_oid *name, const ows_value *value)
{
    size_t name_sz, val_sz;
    uint8_t *mem;

    if (!value)
        value = &null_value;
    varbind_sizes(name, value, &name_sz, &val_sz);
    mem = (name_sz + val_sz) ? ows_malloc(name_sz + val_sz) : NULL;
    if (!mem && name_sz + val_sz)
        return OWS_E_ALLOC;
    varbind_place(out, name, value, mem, name_sz, val_sz);
    out->own = mem;
    return OWS_OK;
}

/* Makes room for one more entry; copies items out of the arena first. */
static int reserve_one(ows_vbl *l)
{
    uint32_t newcap;
    ows_varbind *items;

    if (l->count < l->cap)
        return OWS_OK;
    if (l->count >= OWS_MAX_VBL_COUNT)
        return OWS_E_ALLOC;
    newcap = l->count < 4 ? 4 : l->count * 2;
    if (l->cap == 0) {
        /* Empty or arena-backed: a fresh array; the varbinds themselves may
         * keep pointing into the arena, which stays alive with the list. */
        items = ows_malloc((size_t)newcap * sizeof(ows_varbind));
        if (!items)
            return OWS_E_ALLOC;
        if (l->count)
            memcpy(items, l->items, (size_t)l->count * sizeof(ows_varbind));
    } else {
        items = ows_realloc(l->items, (size_t)newcap * sizeof(ows_varbind));
        if (!items)
            return OWS_E_ALLOC;
    }
    l->items = items;
    l->cap = newcap;
    return OWS_OK;
}

int ows_vbl_append(ows_vbl *l, const ows_oid *name, const ows_value *value)
{
    ows_varbind vb;
    int err = ows_vbl_name_check(name);

    if (!err && value)
        err = ows_value_check(value);
    /* Build before growing, so a failure leaves even the items as they were
     * (an arena list keeps cap 0). */
    if (!err)
        err = varbind_build(&vb, name, value);
    if (err)
        return err;
    err = reserve_one(l);
    if (err) {
        ows_free(vb.own);
        return err;
    }
    l->items[l->count++] = vb;
    return OWS_OK;
}

int ows_vbl_set(ows_vbl *l, uint32_t index, const ows_oid *name, const ows_value *value)
{
    ows_varbind vb, *old;
    int err;

    if (index == 0 || index > l->count)
        return OWS_E_INDEX_INVALID;
    old = &l->items[index - 1];
    err = name ? ows_vbl_name_check(name) : OWS_OK;
    if (!err && value)
        err = ows_value_check(value);
    if (err)
        return err;
    /* The name kept and a value with no bytes of its own (a number, a NULL,
     * an exception): only the value changes. The old `own` stays, holding the
     * name (an agent answering a GET sets its values this way). */
    if (!name && (!value || (value->syntax != OWS_SYN_OID && !is_string_syntax(value->syntax)))) {
        old->value = value ? *value : null_value;
        return OWS_OK;
    }
    /* Build first, from the old name when it is kept: it may live in the
     * old `own`, which goes only once the new entry exists. */
    err = varbind_build(&vb, name ? name : &old->name, value);
    if (err)
        return err;
    ows_free(old->own);
    *old = vb;
    return OWS_OK;
}

int ows_vbl_delete(ows_vbl *l, uint32_t index)
{
    if (index == 0 || index > l->count)
        return OWS_E_INDEX_INVALID;
    ows_free(l->items[index - 1].own);
    /* Shifting in place is fine even when the items lie in the arena: the
     * arena belongs to this list alone. */
    memmove(&l->items[index - 1], &l->items[index],
            (size_t)(l->count - index) * sizeof(ows_varbind));
    l->count--;
    return OWS_OK;
}

int ows_vbl_copy(ows_vbl *dst, const ows_vbl *src)
{
    ows_vbl tmp;
    uint32_t i;

    ows_vbl_init(&tmp);
    if (src->count) {
        tmp.items = ows_malloc((size_t)src->count * sizeof(ows_varbind));
        if (!tmp.items) {
            ows_vbl_init(dst);
            return OWS_E_ALLOC;
        }
        tmp.cap = src->count;
        for (i = 0; i < src->count; i++) {
            const ows_varbind *s = &src->items[i];

            if (varbind_build(&tmp.items[i], &s->name, &s->value)) {
                ows_vbl_clear(&tmp);
                ows_vbl_init(dst);
                return OWS_E_ALLOC;
            }
            tmp.count++;
        }
    }
    *dst = tmp;
    return OWS_OK;
}

/* Each varbind's bytes start 4-aligned (sub-ids follow), after the items. */
#define PACK_ALIGN(n) (((n) + 3u) & ~(size_t)3u)

int ows_vbl_copy_packed(ows_vbl *dst, const ows_vbl *src)
{
    size_t total, name_sz, val_sz;
    uint8_t *mem, *data;
    ows_varbind *items;
    uint32_t i;

    ows_vbl_init(dst);
    if (!src->count)
        return OWS_OK;
    total = (size_t)src->count * sizeof(ows_varbind);
    for (i = 0; i < src->count; i++) {
        varbind_sizes(&src->items[i].name, &src->items[i].value, &name_sz, &val_sz);
        total += PACK_ALIGN(name_sz + val_sz);
    }
    mem = ows_malloc(total);
    if (!mem)
        return OWS_E_ALLOC;
    items = (ows_varbind *)(void *)mem;
    data = mem + (size_t)src->count * sizeof(ows_varbind);
    for (i = 0; i < src->count; i++) {
        const ows_varbind *s = &src->items[i];

        varbind_sizes(&s->name, &s->value, &name_sz, &val_sz);
        varbind_place(&items[i], &s->name, &s->value, data, name_sz, val_sz);
        data += PACK_ALIGN(name_sz + val_sz);
    }
    dst->items = items;
    dst->count = src->count;
    dst->arena = mem;
    return OWS_OK;
}

void ows_vbl_replace(ows_vbl *dst, ows_vbl *src)
{
    void *arena = dst->arena;
    uint32_t i;

    for (i = 0; i < dst->count; i++)
        ows_free(dst->items[i].own);
    if (dst->cap)
        ows_free(dst->items);
    dst->items = src->items;
    dst->count = src->count;
    dst->cap = src->cap;
    dst->arena = arena;
    ows_vbl_init(src);
}

static void vbl_obj_destroy(ows_object *obj)
{
    ows_vbl_obj *v = (ows_vbl_obj *)obj;

    ows_vbl_clear(&v->vbl);
    ows_free(v);
}

int ows_vbl_obj_new(struct ows_session *owner, ows_vbl *moved, ows_vbl_obj **out)
{
    ows_vbl_obj *v = ows_calloc(1, sizeof *v);
    int err;

    if (!v)
        return OWS_E_ALLOC;
    v->obj.destroy = vbl_obj_destroy;
    if (moved)
        v->vbl = *moved;
    else
        ows_vbl_init(&v->vbl);
    err = ows_handle_new(&v->obj, OWS_T_VBL, owner);
    if (err) {
        /* The list is still the caller's: free only the shell. */
        ows_free(v);
        return err;
    }
    if (moved)
        ows_vbl_init(moved);
    if (out)
        *out = v;
    return OWS_OK;
}
