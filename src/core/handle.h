/* handle.h - the one handle table behind every HSNMP_* value.
 *
 * A handle value packs a slot index, the slot's generation and a type tag,
 * is never 0 and always below 2^31 (so it survives a round trip through a
 * 32-bit integer or a sign-extending cast). Freed slots go to the back of a
 * FIFO free list, so a freed handle's slot is not handed out again soon, and
 * when it is, the generation has moved on: a stale handle never reaches the
 * next object in that slot.
 *
 * Locking: every function here requires the API lock (ows_lock, state.h).
 */
#ifndef OWS_CORE_HANDLE_H
#define OWS_CORE_HANDLE_H
#include <stddef.h>
#include <stdint.h>

enum ows_obj_type {
    OWS_T_SESSION = 1, OWS_T_ENTITY = 2, OWS_T_CONTEXT = 3,
    OWS_T_PDU = 4, OWS_T_VBL = 5
};

struct ows_session;
typedef struct ows_object ows_object;

/* Embedded as the first member of every object that sits behind a handle. */
struct ows_object {
    uint32_t handle;               /* 0 once the handle is deleted */
    uint32_t type;                 /* enum ows_obj_type */
    uint32_t refs;                 /* the table's own ref + lookups in flight */
    uint32_t holds;                /* times the application was given the handle
                                    * and has not freed it yet (handle.c) */
    struct ows_session *owner;     /* the session that created it; NULL for sessions */
    ows_object *owner_prev, *owner_next;   /* in the owner's object list */
    void (*destroy)(ows_object *obj);      /* frees the object; called at refs == 0 */
};

/* Publishes obj under a new handle of `type` owned by `owner` (NULL for a
 * session) and links it into the owner's list. refs becomes 1.
 * OWS_E_ALLOC when the table cannot grow. */
int ows_handle_new(ows_object *obj, uint32_t type, struct ows_session *owner);

/* Looks up a handle value and takes a reference. Fails with the type's
 * *_INVALID error for 0, garbage, stale, foreign-type values, and for objects
 * whose owner session is being closed. Pair with ows_object_put(). */
int ows_handle_get(uintptr_t value, uint32_t type, ows_object **out);

void ows_object_ref(ows_object *obj);
/* Drops a reference; destroys the object when the last one goes. Every
 * export puts a few: the common case (not the last reference) is inline,
 * the rest is ows_object_put_last. */
void ows_object_put_last(ows_object *obj);
static inline void ows_object_put(ows_object *obj)
{
    if (obj && obj->refs > 1)
        obj->refs--;
    else
        ows_object_put_last(obj);
}

/* Unpublishes obj's handle (later lookups fail), unlinks it from its owner
 * and drops the table's reference. Safe to call once per object; a second
 * call is a no-op. */
void ows_handle_delete(ows_object *obj);

/* The application's side of a handle: an export that hands out a handle
 * the application already holds (SnmpRecvMsg giving back a request's own
 * entities and context) counts one more hold; the matching Free export
 * drops one, and the last deletes the handle. SnmpClose and SnmpCleanup
 * delete every handle of a session whatever its count.
 * ows_handle_hold: one more hold of the handle `value` of `type`, returned;
 * 0, and nothing counted, if it is 0 or does not resolve (deleted, its
 * session closing). ows_handle_unhold takes such a hold back (0: nothing).
 * ows_handle_release: the Free exports' side. */
uintptr_t ows_handle_hold(uint32_t value, uint32_t type);
void ows_handle_unhold(uintptr_t value, uint32_t type);
void ows_handle_release(ows_object *obj);

/* Deletes every object a session owns (its PDUs, VBLs, entities, contexts). */
void ows_handle_delete_owned(struct ows_session *owner);

/* Live handles of a type (0 = all types); for tests and the debug trace. */
size_t ows_handle_live(uint32_t type);

/* Frees the table itself; only when no handle is live (final cleanup). */
void ows_handle_table_reset(void);

/* Handle value <-> HANDLE: the export layer casts with these. */
#define OWS_H2V(h) ((uintptr_t)(h))
#define OWS_V2H(v) ((void *)(uintptr_t)(v))

#endif
