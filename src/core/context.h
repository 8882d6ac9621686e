/* context.h - the context object behind an HSNMP_CONTEXT: for SNMPv1/v2c a
 * community string.
 *
 * Locking: everything here requires the API lock (state.h).
 */
#ifndef OWS_CORE_CONTEXT_H
#define OWS_CORE_CONTEXT_H
#include <stddef.h>
#include <stdint.h>
#include "core/handle.h"
#include "core/handle_get.h"
#include "core/smi.h"

struct ows_context {
    ows_object hdr;               /* first member */
    ows_octets community;         /* the community octets (never NULL; len 0 when empty) */
    ows_octets name;              /* TRANSLATED mode: the friendly name given; else len 0 */
};

/* Creates a context holding a copy of the community bytes (received
 * messages, SnmpDecodeMsg). An empty community (len 0) is legal in a message
 * and makes a context; OWS_E_CONTEXT_INVALID for NULL bytes with len > 0 or
 * a length beyond any message, OWS_E_ALLOC. */
int ows_context_new(struct ows_session *owner, const uint8_t *bytes, size_t len,
                    struct ows_context **out);

/* The same built in storage the caller owns, with the community bytes
 * borrowed from it as well (a received message, see engine.h): `destroy`
 * releases that storage when the handle's last reference goes. Same checks
 * as ows_context_new; nothing is allocated. */
int ows_context_init_in(struct ows_context *c, void (*destroy)(ows_object *),
                        struct ows_session *owner, uint8_t *bytes, size_t len);

/* SnmpStrToContext: len 0 is OWS_E_CONTEXT_INVALID (Microsoft's page: "the
 * len member ... is NULL"). In TRANSLATED mode (mode 0) the octets are first looked
 * up as a friendly name in the database (translate.h); unknown names are
 * taken literally as the community. */
int ows_context_new_str(struct ows_session *owner, const uint8_t *bytes, size_t len,
                        uint32_t mode, struct ows_context **out);

/* Looks up a context handle and takes a reference (ows_object_put).
 * Inline: SnmpSendMsg and the Free exports make one or two per call. */
static inline int ows_context_get(uintptr_t value, struct ows_context **out)
{
    ows_object *o;
    int err = ows_handle_lookup(value, OWS_T_CONTEXT, &o);
    *out = err ? NULL : (struct ows_context *)o;
    return err;
}

#endif
