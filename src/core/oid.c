/* oid.c - object identifiers: dotted text <-> sub-ids, comparison, copy. */
#include <string.h>
#include "core/oid.h"
#include "core/alloc.h"
#include "core/error.h"

int ows_oid_check(const ows_oid *oid)
{
    if (!oid || oid->len > OWS_MAX_OID_LEN || (oid->len > 0 && !oid->ids))
        return OWS_E_OID_INVALID;
    return OWS_OK;
}

int ows_oid_parse(const char *text, uint32_t *ids, uint32_t *len)
{
    uint32_t n = 0;
    size_t pos = 0;

    if (!text || !ids || !len)
        return OWS_E_OID_INVALID;
    for (;;) {
        uint64_t v = 0;
        size_t digits = 0;

        /* A part is one or more decimal digits; anything else (empty part,
         * sign, space, trailing dot) makes the whole text invalid. */
        while (text[pos] >= '0' && text[pos] <= '9') {
            v = v * 10 + (uint64_t)(text[pos] - '0');
            if (v > UINT32_MAX || pos >= OWS_MAX_OID_STR)
                return OWS_E_OID_INVALID;
            pos++;
            digits++;
        }
        if (digits == 0 || n == OWS_MAX_OID_LEN)
            return OWS_E_OID_INVALID;
        ids[n++] = (uint32_t)v;
        if (text[pos] == '\0')
            break;
        if (text[pos] != '.')
            return OWS_E_OID_INVALID;
        pos++;
        if (pos >= OWS_MAX_OID_STR)
            return OWS_E_OID_INVALID;
    }
    if (n < 2)
        return OWS_E_OID_INVALID;
    *len = n;
    return OWS_OK;
}

/* Writes the decimal digits of v at out (no NUL); returns their count. */
static size_t put_u32(char *out, uint32_t v)
{
    char tmp[10];
    size_t n = 0, i;

    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

int ows_oid_format(const ows_oid *oid, char *buf, size_t size, size_t *written)
{
    size_t pos = 0;
    uint32_t i;
    int err = ows_oid_check(oid);

    if (err)
        return err;
    if (!buf || size == 0)
        return OWS_E_SIZE_INVALID;
    for (i = 0; i < oid->len; i++) {
        char part[11];
        size_t n = put_u32(part, oid->ids[i]);

        /* Room for the dot (after the first part), the digits and the NUL. */
        if (pos + (i ? 1 : 0) + n + 1 > size) {
            buf[0] = '\0';
            return OWS_E_OUTPUT_TRUNCATED;
        }
        if (i)
            buf[pos++] = '.';
        memcpy(buf + pos, part, n);
        pos += n;
    }
    buf[pos++] = '\0';
    if (written)
        *written = pos;
    return OWS_OK;
}

int ows_oid_compare(const ows_oid *a, const ows_oid *b, uint32_t maxlen, int *result)
{
    uint32_t n, i;

    if (maxlen > OWS_MAX_OID_LEN)
        return OWS_E_SIZE_INVALID;
    if (ows_oid_check(a) || ows_oid_check(b))
        return OWS_E_OID_INVALID;
    n = a->len < b->len ? a->len : b->len;
    if (maxlen && maxlen < n)
        n = maxlen;
    for (i = 0; i < n; i++) {
        if (a->ids[i] != b->ids[i]) {
            *result = a->ids[i] < b->ids[i] ? -1 : 1;
            return OWS_OK;
        }
    }
    /* Equal so far: equal when maxlen sub-ids were compared, otherwise the
     * shorter one (a strict prefix) sorts first. */
    if (maxlen && n == maxlen)
        *result = 0;
    else
        *result = a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
    return OWS_OK;
}

int ows_oid_dup(ows_oid *dst, const ows_oid *src)
{
    uint32_t *ids = NULL;
    int err = ows_oid_check(src);

    if (err)
        return err;
    if (src->len) {
        ids = ows_malloc(src->len * sizeof(uint32_t));
        if (!ids)
            return OWS_E_ALLOC;
        memcpy(ids, src->ids, src->len * sizeof(uint32_t));
    }
    dst->len = src->len;
    dst->ids = ids;
    return OWS_OK;
}
