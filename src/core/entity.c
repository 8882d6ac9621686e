/* entity.c - entity objects: parsing "address[:port]" text, TRANSLATED-mode
 * names, and the per-entity version, timeout and retry policy. */
#include <string.h>
#include "core/alloc.h"
#include "core/entity.h"
#include "core/error.h"
#include "core/session.h"
#include "core/smi.h"
#include "core/translate.h"
#include "core/v3_manager.h"

#define MAX_TEXT 1024

static void entity_destroy(ows_object *obj)
{
    struct ows_entity *e = (struct ows_entity *)obj;
    ows_v3_target_put(e->v3);
    ows_free(e->name);
    ows_free(e);
}

static int parse_port(const char *p, uint16_t *port)
{
    unsigned long v = 0;
    int digits = 0;
    for (; *p; p++, digits++) {
        if (*p < '0' || *p > '9' || digits > 5)
            return OWS_E_ENTITY_UNKNOWN;
        v = v * 10 + (unsigned long)(*p - '0');
    }
    if (!digits || v == 0 || v > 65535)
        return OWS_E_ENTITY_UNKNOWN;
    *port = (uint16_t)v;
    return OWS_OK;
}

static int copy_host(const char *b, size_t n, char *host, size_t host_size)
{
    if (n == 0 || n + 1 > host_size)
        return OWS_E_ENTITY_UNKNOWN;
    memcpy(host, b, n);
    host[n] = '\0';
    return OWS_OK;
}

int ows_entity_split(const char *text, char *host, size_t host_size, uint16_t *port)
{
    const char *c;
    *port = 0;
    if (!text || !*text)
        return OWS_E_ENTITY_UNKNOWN;
    if (text[0] == '[') {
        const char *end = strchr(text, ']');
        int err;
        if (!end)
            return OWS_E_ENTITY_UNKNOWN;
        err = copy_host(text + 1, (size_t)(end - text - 1), host, host_size);
        if (err)
            return err;
        if (end[1] == '\0')
            return OWS_OK;
        if (end[1] != ':')
            return OWS_E_ENTITY_UNKNOWN;
        return parse_port(end + 2, port);
    }
    c = strchr(text, ':');
    /* Exactly one colon: "host:port". Two or more: a bare IPv6 literal. */
    if (c && !strchr(c + 1, ':')) {
        int err = copy_host(text, (size_t)(c - text), host, host_size);
        return err ? err : parse_port(c + 1, port);
    }
    return copy_host(text, strlen(text), host, host_size);
}

int ows_entity_resolve(const char *text, uint32_t mode, struct ows_addr *addr,
                       uint32_t *version, int *from_db, int *port_explicit)
{
    return ows_entity_resolve_v3(text, mode, addr, version, from_db, port_explicit, NULL);
}

/* A v3 database entry (a bad line is never used): its address and, when
 * v3 is not NULL, its target (1); none (0); or an error. */
static int resolve_v3_entry(const char *text, char *dbaddr, size_t size,
                            struct ows_v3_target **v3)
{
    struct ows_v3_entry *ent = ows_malloc(sizeof *ent);
    int found, err = OWS_OK;
    if (!ent)
        return OWS_E_ALLOC;
    found = ows_translate_v3(text, ent);
    if (found == 1) {
        size_t n = strlen(ent->addr);
        if (n + 1 > size)
            err = OWS_E_ENTITY_UNKNOWN;
        else
            memcpy(dbaddr, ent->addr, n + 1);
        if (!err && v3)
            err = ows_v3_target_new(ent, v3);
    } else if (found < 0) {
        err = OWS_E_ENTITY_UNKNOWN;
    }
    /* The entry held the passwords. */
    ows_wipe(ent, sizeof *ent);
    ows_free(ent);
    return err ? err : found;
}

int ows_entity_resolve_v3(const char *text, uint32_t mode, struct ows_addr *addr,
                          uint32_t *version, int *from_db, int *port_explicit,
                          struct ows_v3_target **v3)
{
    char dbaddr[MAX_TEXT];
    char host[MAX_TEXT];
    const char *lit = text;
    uint16_t port;
    int err;

    *from_db = 0;
    *port_explicit = 0;
    if (v3)
        *v3 = NULL;
    if (!text || !*text || strlen(text) >= MAX_TEXT)
        return OWS_E_ENTITY_UNKNOWN;
    /* UNTRANSLATED_V2 makes SNMPv2c entities; V1 and unknown TRANSLATED names
     * make SNMPv1 ones. */
    *version = mode == 2 ? OWS_SNMPV2C : OWS_SNMPV1;
    if (mode == 0 && (err = resolve_v3_entry(text, dbaddr, sizeof(dbaddr), v3)) != 0) {
        if (err < 0)
            return err;
        lit = dbaddr;
        *from_db = 1;
        *version = OWS_SNMPV3;
    } else if (mode == 0 && ows_translate_entity(text, dbaddr, sizeof(dbaddr), version)) {
        lit = dbaddr;
        *from_db = 1;
    }
    err = ows_entity_split(lit, host, sizeof(host), &port);
    if (!err)
        err = ows_resolve(host, 0, addr);
    if (err) {
        if (v3) {
            ows_v3_target_put(*v3);
            *v3 = NULL;
        }
        return err;
    }
    addr->port = port ? port : OWS_DEFAULT_PORT;
    *port_explicit = port != 0;
    return OWS_OK;
}

int ows_entity_new_addr(struct ows_session *owner, const struct ows_addr *addr,
                        uint32_t version, const char *name, struct ows_entity **out)
{
    struct ows_entity *e;
    int err;

    *out = NULL;
    if (!addr || (addr->family != OWS_AF_INET && addr->family != OWS_AF_INET6))
        return OWS_E_ENTITY_UNKNOWN;
    e = ows_calloc(1, sizeof(*e));
    if (!e)
        return OWS_E_ALLOC;
    e->addr = *addr;
    /* OWS_SNMPV3 only with a target, which the caller attaches. */
    e->version = version == OWS_SNMPV2C || version == OWS_SNMPV3 ? version : OWS_SNMPV1;
    if (name) {
        size_t n = strlen(name);
        e->name = ows_malloc(n + 1);
        if (!e->name) {
            ows_free(e);
            return OWS_E_ALLOC;
        }
        memcpy(e->name, name, n + 1);
    }
    e->hdr.destroy = entity_destroy;
    err = ows_handle_new(&e->hdr, OWS_T_ENTITY, owner);
    if (err) {
        entity_destroy(&e->hdr);
        return err;
    }
    *out = e;
    return OWS_OK;
}

int ows_entity_init_in(struct ows_entity *e, void (*destroy)(ows_object *),
                       struct ows_session *owner, const struct ows_addr *addr, uint32_t version)
{
    if (!addr || (addr->family != OWS_AF_INET && addr->family != OWS_AF_INET6))
        return OWS_E_ENTITY_UNKNOWN;
    /* Field by field rather than a memset of the whole entity: one per
     * received message side, and ows_handle_new sets the rest of hdr. A
     * handle of 0 marks the entity unpublished should that fail. */
    e->hdr.handle = 0;
    e->hdr.destroy = destroy;
    e->addr = *addr;
    e->name = NULL;
    e->from_db = 0;
    e->port_explicit = 0;
    e->version = version == OWS_SNMPV2C || version == OWS_SNMPV3 ? version : OWS_SNMPV1;
    e->timeout_cs = 0;
    e->retries = 0;
    e->listening = 0;
    e->net = NULL;
    e->v3 = NULL;
    e->v3_in = NULL;
    return ows_handle_new(&e->hdr, OWS_T_ENTITY, owner);
}

int ows_entity_new_str(struct ows_session *owner, const char *text, uint32_t mode,
                       struct ows_entity **out)
{
    struct ows_addr addr;
    uint32_t version;
    int from_db, port_explicit, err;

    struct ows_v3_target *v3;

    *out = NULL;
    err = ows_entity_resolve_v3(text, mode, &addr, &version, &from_db, &port_explicit, &v3);
    if (err)
        return err;
    err = ows_entity_new_addr(owner, &addr, version, text, out);
    if (!err) {
        (*out)->from_db = from_db;
        (*out)->port_explicit = port_explicit;
        (*out)->v3 = v3;
    } else {
        ows_v3_target_put(v3);
    }
    return err;
}

int ows_entity_to_str(const struct ows_entity *e, uint32_t mode, char *buf, size_t size)
{
    char tmp[OWS_ADDR_STRLEN];
    const char *s = tmp;
    size_t n;
    int err;

    if (mode == 0 && e->from_db && e->name) {
        s = e->name;
    } else {
        err = ows_addr_to_str(&e->addr, tmp, sizeof(tmp));
        if (err)
            return err;
    }
    n = strlen(s);
    if (!buf || n + 1 > size)
        return OWS_E_OUTPUT_TRUNCATED;
    memcpy(buf, s, n + 1);
    return (int)n;
}

uint32_t ows_entity_timeout_cs(const struct ows_entity *e)
{
    return e->timeout_cs ? e->timeout_cs : OWS_DEFAULT_TIMEOUT_CS;
}

uint32_t ows_entity_retries(const struct ows_entity *e)
{
    return e->retries ? e->retries : OWS_DEFAULT_RETRIES;
}
