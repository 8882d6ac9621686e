/* context.c - context objects: SNMPv1/v2c community strings. */
#include <string.h>
#include "core/alloc.h"
#include "core/context.h"
#include "core/error.h"
#include "core/msg_codec.h"
#include "core/session.h"
#include "core/translate.h"

/* A context holds any community a message can carry: SnmpRecvMsg and
 * SnmpDecodeMsg must be able to hand out the community of every message
 * they accept (Microsoft documents no bound; a smaller one of ours once let
 * a single datagram jam a session's receive queue). Longer input is refused
 * rather than allocated. */
#define MAX_COMMUNITY OWS_MSG_MAX_LEN
/* A community from the translation database: one of its lines at most
 * (translate.c reads lines of up to 1024 bytes). */
#define MAX_DB_COMMUNITY 1024

static void context_destroy(ows_object *obj)
{
    struct ows_context *c = (struct ows_context *)obj;
    ows_free(c->community.ptr);
    ows_free(c->name.ptr);
    ows_free(c);
}

static int dup_octets(ows_octets *o, const uint8_t *b, size_t len)
{
    o->ptr = ows_malloc(len ? len : 1);
    if (!o->ptr)
        return OWS_E_ALLOC;
    if (len)
        memcpy(o->ptr, b, len);
    o->len = (uint32_t)len;
    return OWS_OK;
}

/* Builds a context from community bytes and an optional friendly name. */
static int context_make(struct ows_session *owner, const uint8_t *comm, size_t clen,
                        const uint8_t *name, size_t nlen, struct ows_context **out)
{
    struct ows_context *c;
    int err;

    *out = NULL;
    if ((!comm && clen) || clen > MAX_COMMUNITY)
        return OWS_E_CONTEXT_INVALID;
    c = ows_calloc(1, sizeof(*c));
    if (!c)
        return OWS_E_ALLOC;
    c->hdr.destroy = context_destroy;
    err = dup_octets(&c->community, comm, clen);
    if (!err && name)
        err = dup_octets(&c->name, name, nlen);
    if (!err)
        err = ows_handle_new(&c->hdr, OWS_T_CONTEXT, owner);
    if (err) {
        context_destroy(&c->hdr);
        return err;
    }
    *out = c;
    return OWS_OK;
}

int ows_context_new(struct ows_session *owner, const uint8_t *bytes, size_t len,
                    struct ows_context **out)
{
    return context_make(owner, bytes, len, NULL, 0, out);
}

int ows_context_init_in(struct ows_context *c, void (*destroy)(ows_object *),
                        struct ows_session *owner, uint8_t *bytes, size_t len)
{
    static uint8_t empty[1];
    if ((!bytes && len) || len > MAX_COMMUNITY)
        return OWS_E_CONTEXT_INVALID;
    /* A received message's empty community may have no storage at all:
     * the context still points somewhere, so no caller meets a NULL. */
    if (len == 0)
        bytes = empty;
    /* Field by field, as in ows_entity_init_in: ows_handle_new sets the rest
     * of hdr, and a handle of 0 marks the context unpublished until then. */
    c->hdr.handle = 0;
    c->hdr.destroy = destroy;
    c->community.ptr = bytes;
    c->community.len = (uint32_t)len;
    c->name.ptr = NULL;
    c->name.len = 0;
    return ows_handle_new(&c->hdr, OWS_T_CONTEXT, owner);
}

int ows_context_new_str(struct ows_session *owner, const uint8_t *bytes, size_t len,
                        uint32_t mode, struct ows_context **out)
{
    uint8_t comm[MAX_DB_COMMUNITY];
    size_t clen;

    *out = NULL;
    if (!bytes || len == 0 || len > MAX_COMMUNITY)
        return OWS_E_CONTEXT_INVALID;
    if (mode == 0 && ows_translate_context(bytes, len, comm, sizeof(comm), &clen) && clen > 0)
        return context_make(owner, comm, clen, bytes, len, out);
    return context_make(owner, bytes, len, NULL, 0, out);
}
