/* entity.c - SnmpStrToEntity, SnmpEntityToStr, SnmpFreeEntity, SnmpSetPort.
 *
 * Accepted entity text: IPv4 ("10.0.0.1"), IPv6 ("::1", "fe80::1%eth0"),
 * host names, and as an extension an explicit port ("10.0.0.1:16161",
 * "[::1]:16161", "host:16161"); the default port is 161. */
#include "api/api.h"
#include "core/entity.h"
#include "core/session.h"
#include "core/v3_manager.h"

/* SnmpStrToEntity: makes an entity handle from an address, host name or (in
 * TRANSLATED mode) a database name. Name resolution may block, so it runs
 * without the API lock while a reference keeps the session alive. */
HSNMP_ENTITY WINAPI SnmpStrToEntity(HSNMP_SESSION session, LPCSTR string)
{
    struct ows_session *s;
    struct ows_entity *e = NULL;
    struct ows_v3_target *v3 = NULL;
    struct ows_addr addr;
    uint32_t mode, version;
    int from_db, port_explicit, err;

    err = ows_api_enter();
    if (err)
        return OWS_V2H(ows_api_fail(NULL, err));
    err = ows_session_get(OWS_H2V(session), &s);
    if (err)
        return OWS_V2H(ows_api_fail(NULL, err));
    if (!string) {
        ows_object_put(&s->hdr);
        return OWS_V2H(ows_api_fail(s, OWS_E_ENTITY_UNKNOWN));
    }
    mode = ows_state.translate_mode;
    OWS_API_TRACE("SnmpStrToEntity(%p, \"%s\")", (void *)session, string);
    ows_unlock();
    /* A v3 entry's keys are derived here too: a megabyte of hashing. */
    err = ows_entity_resolve_v3(string, mode, &addr, &version, &from_db, &port_explicit, &v3);
    ows_lock();
    /* The session (or the whole library) may have gone while unlocked. */
    if (!ows_initialized())
        err = OWS_E_NOT_INITIALIZED;
    else if (s->closing)
        err = OWS_E_SESSION_INVALID;
    if (!err) {
        err = ows_entity_new_addr(s, &addr, version, string, &e);
        if (!err) {
            e->from_db = from_db;
            e->port_explicit = port_explicit;
            e->v3 = v3;
            v3 = NULL;
        }
    }
    ows_v3_target_put(v3);
    if (err) {
        /* Only a live session may still record its last error. */
        struct ows_session *rec = (err == OWS_E_SESSION_INVALID ||
                                   err == OWS_E_NOT_INITIALIZED) ? NULL : s;
        ows_object_put(&s->hdr);
        return OWS_V2H(ows_api_fail(rec, err));
    }
    ows_object_put(&s->hdr);
    return OWS_V2H(ows_api_return(NULL, OWS_OK, e->hdr.handle));
}

/* SnmpEntityToStr: writes an entity's address (or database name) text. */
SNMPAPI_STATUS WINAPI SnmpEntityToStr(HSNMP_ENTITY entity, smiUINT32 size, LPSTR string)
{
    struct ows_entity *e;
    struct ows_session *owner;
    int n, err = ows_api_enter_entity(entity, &e);
    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpEntityToStr(%p, %lu, %p)", (void *)entity, (unsigned long)size,
                  (void *)string);
    owner = e->hdr.owner;
    n = ows_entity_to_str(e, ows_state.translate_mode, string, size);
    ows_object_put(&e->hdr);
    if (n < 0)
        return ows_api_fail(owner, n);
    return ows_api_return(owner, OWS_OK, (SNMPAPI_STATUS)n + 1);
}

/* SnmpFreeEntity: releases an entity handle. */
SNMPAPI_STATUS WINAPI SnmpFreeEntity(HSNMP_ENTITY entity)
{
    struct ows_entity *e;
    int err = ows_api_enter_entity(entity, &e);
    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpFreeEntity(%p)", (void *)entity);
    /* The handle goes with the last of the application's holds (handle.h). */
    ows_handle_release(&e->hdr);
    ows_object_put(&e->hdr);
    return ows_api_return(NULL, OWS_OK, SNMPAPI_SUCCESS);
}

/* SnmpSetPort: changes the UDP port of an entity that is not listening. */
SNMPAPI_STATUS WINAPI SnmpSetPort(HSNMP_ENTITY entity, UINT port)
{
    struct ows_entity *e;
    int err = ows_api_enter_entity(entity, &e);
    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpSetPort(%p, %u)", (void *)entity, port);
    if (e->listening)
        err = OWS_E_OPERATION_INVALID;
    else if (port == 0 || port > 65535)
        err = OWS_E_OTHER;      /* no UDP port; the docs' catch-all */
    else {
        e->addr.port = (uint16_t)port;
        e->port_explicit = 1;   /* SnmpRegister listens for traps there (transport.c) */
    }
    ows_object_put(&e->hdr);
    return ows_api_return(NULL, err, SNMPAPI_SUCCESS);
}
