/* entity.h - the entity object behind an HSNMP_ENTITY: a resolved UDP
 * transport address plus the per-entity SNMP version, timeout and retry
 * policy.
 *
 * Locking: everything here requires the API lock (state.h).
 */
#ifndef OWS_CORE_ENTITY_H
#define OWS_CORE_ENTITY_H
#include <stdint.h>
#include "core/handle.h"
#include "core/handle_get.h"
#include "platform.h"

#define OWS_DEFAULT_PORT 161
/* Implementation defaults for SnmpSetTimeout(e, 0) / SnmpSetRetry(e, 0):
 * 5 seconds per try (in centiseconds, the API's unit) and 3 retries, so an
 * unanswered request fails after about 20 s, in line with common managers. */
#define OWS_DEFAULT_TIMEOUT_CS 500u
#define OWS_DEFAULT_RETRIES 3u

struct ows_entity {
    ows_object hdr;               /* first member */
    struct ows_addr addr;         /* resolved address; addr.port is the UDP port */
    char *name;                   /* the string it was created from (NUL-terminated), or NULL */
    int from_db;                  /* name is a TRANSLATED-mode database name */
    int port_explicit;            /* the application chose the port: "addr:port" or SnmpSetPort */
    uint32_t version;             /* enum ows_version (smi.h), fixed at creation */
    uint32_t timeout_cs;          /* policy timeout in centiseconds; 0 = OWS_DEFAULT_TIMEOUT_CS */
    uint32_t retries;             /* policy retry count; 0 = OWS_DEFAULT_RETRIES */
    int listening;                /* set by the engine while SnmpListen is on */
    void *net;                    /* engine state (listening socket), owned by the engine */
    /* SNMPv3 (version OWS_SNMPV3, from a v3 database entry): the user and
     * scoped-PDU options (core/v3_manager.h); one reference; else NULL. */
    struct ows_v3_target *v3;

    /* ---- SNMPv3, inbound (agent and notification-receiver roles) ---- */
    /* The sender of a received SNMPv3 message (made by SnmpRecvMsg inside
     * the message's item): the security state a reply must carry, which
     * lives as long as this entity (core/v3_inbound.h). NULL otherwise. */
    const struct ows_v3_in *v3_in;
};

/* Creates an entity for a known address (decoded/received messages, the
 * engine). `name` may be NULL; it is copied. */
int ows_entity_new_addr(struct ows_session *owner, const struct ows_addr *addr,
                        uint32_t version, const char *name, struct ows_entity **out);

/* The same without a name, built in storage the caller owns (a received
 * message's own allocation, see engine.h): `destroy` runs when the handle's
 * last reference goes and releases that storage. Nothing is allocated. */
int ows_entity_init_in(struct ows_entity *e, void (*destroy)(ows_object *),
                       struct ows_session *owner, const struct ows_addr *addr, uint32_t version);

/* Creates an entity from text as SnmpStrToEntity does, under translate mode
 * `mode` (0 TRANSLATED, 1 UNTRANSLATED_V1, 2 UNTRANSLATED_V2):
 *   "10.1.2.3", "::1", "host.name", each with an optional port suffix
 *   ("10.1.2.3:16161", "[::1]:16161", "host:16161"), default port 161.
 * In TRANSLATED mode the name is first looked up in the database
 * (translate.h); an unknown name is taken literally, as SNMPv1.
 * OWS_E_ENTITY_UNKNOWN when it does not resolve, OWS_E_ALLOC. */
int ows_entity_new_str(struct ows_session *owner, const char *text, uint32_t mode,
                       struct ows_entity **out);

/* The lock-free half of ows_entity_new_str: parses, translates and resolves
 * text (may block in DNS, so exports call it without the API lock).
 * *port_explicit tells whether the text (or its database entry) named a port. */
int ows_entity_resolve(const char *text, uint32_t mode, struct ows_addr *addr,
                       uint32_t *version, int *from_db, int *port_explicit);
/* The same with the target of an SNMPv3 database entry (SnmpStrToEntity):
 * in TRANSLATED mode a v3 entry gives version OWS_SNMPV3 and, when v3 is
 * not NULL, *v3 (the user's keys derived here, so without the lock; the
 * caller owns the reference); a v3 entry with problems is
 * OWS_E_ENTITY_UNKNOWN. */
int ows_entity_resolve_v3(const char *text, uint32_t mode, struct ows_addr *addr,
                          uint32_t *version, int *from_db, int *port_explicit,
                          struct ows_v3_target **v3);

/* Looks up an entity handle and takes a reference (ows_object_put).
 * Inline: SnmpSendMsg and the Free exports make one or two per call. */
static inline int ows_entity_get(uintptr_t value, struct ows_entity **out)
{
    ows_object *o;
    int err = ows_handle_lookup(value, OWS_T_ENTITY, &o);
    *out = err ? NULL : (struct ows_entity *)o;
    return err;
}

/* SnmpEntityToStr's text: in TRANSLATED mode (mode 0) the database name the
 * entity was created from, otherwise the numeric address without port (what
 * applications feed to inet_addr). Returns the length without NUL;
 * OWS_E_OUTPUT_TRUNCATED if it does not fit `size` with its NUL. */
int ows_entity_to_str(const struct ows_entity *e, uint32_t mode, char *buf, size_t size);

/* Effective timeout (centiseconds) and retries, defaults applied. */
uint32_t ows_entity_timeout_cs(const struct ows_entity *e);
uint32_t ows_entity_retries(const struct ows_entity *e);

/* Parses "addr", "addr:port", "[v6]:port" into host text and port (0 when
 * absent). Exposed for tests. OWS_E_ENTITY_UNKNOWN on malformed text. */
int ows_entity_split(const char *text, char *host, size_t host_size, uint16_t *port);

#endif
