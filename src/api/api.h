/* api.h - the glue every export uses: enter/leave, argument checks and the
 * single place where internal errors become SNMPAPI codes and last errors.
 *
 * Pattern of an export:
 *
 *     SNMPAPI_STATUS WINAPI SnmpFreeVbl(HSNMP_VBL vbl)
 *     {
 *         ows_object *o;
 *         int err = ows_api_enter();
 *         if (err) return ows_api_fail(NULL, err);        // NOT_INITIALIZED
 *         err = ows_handle_get(OWS_H2V(vbl), OWS_T_VBL, &o);
 *         if (!err) { ...; ows_object_put(o); }
 *         return ows_api_return(owner_or_NULL, err, SNMPAPI_SUCCESS);
 *     }
 *
 * ows_api_return/ows_api_fail release the API lock when it is held.
 */
#ifndef OWS_API_API_H
#define OWS_API_API_H
#include "winsnmp.h"
#include "core/error.h"
#include "core/handle.h"
#include "core/handle_get.h"
#include "core/state.h"
#include "core/trace.h"

struct ows_session;
struct ows_entity;
struct ows_context;

/* Takes the API lock. Returns OWS_E_NOT_INITIALIZED, with the lock released,
 * when the library is not started. */
int ows_api_enter(void);

/* ows_api_enter, then a reference on the entity (context) behind a handle:
 * the opening of every export that works on one. On failure the caller
 * returns ows_api_fail(NULL, err), which drops the lock if it is held. */
int ows_api_enter_entity(HSNMP_ENTITY entity, struct ows_entity **out);
int ows_api_enter_context(HSNMP_CONTEXT context, struct ows_context **out);

/* Ends an export: releases the API lock if this thread holds it, and when err
 * is non-zero records the mapped SNMPAPI code as the process-wide last error
 * and as `session`'s (when not NULL), then returns SNMPAPI_FAILURE (0).
 * With err == 0 it returns `ok`. The NOOP error is recorded like any other. */
SNMPAPI_STATUS ows_api_return(struct ows_session *session, int err, SNMPAPI_STATUS ok);
#define ows_api_fail(session, err) ows_api_return((session), (err), SNMPAPI_FAILURE)

/* Ends an export that holds a reference on session s across a call that may
 * drop the API lock (SnmpListen, SnmpRegister wait for the engine): drops
 * that reference, then returns as ows_api_return, recording err on s only
 * if s was not closed meanwhile (a closed session may be gone by then). */
SNMPAPI_STATUS ows_api_leave(struct ows_session *s, int err, SNMPAPI_STATUS ok);

/* Trace line for an export entry, e.g. OWS_API_TRACE("SnmpFreeVbl(%p)", vbl). */
#define OWS_API_TRACE(...) OWS_TRACE(__VA_ARGS__)

#endif
