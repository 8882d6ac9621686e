/* usm_cache.c - password-derived users shared by entities (usm_cache.h). */
#include <string.h>
#include "core/usm_cache.h"
#include "core/translate.h"
#include "core/error.h"
#include "crypto.h"
#include "platform.h"

#define KEY_LEN 32    /* SHA-256 */

struct slot {
    int used;
    unsigned long last;           /* use stamp: the smallest goes first */
    uint8_t key[KEY_LEN];
    struct ows_usm_user user;
};

static ows_mutex cache_mutex = OWS_MUTEX_INIT;
static struct slot slots[OWS_USM_CACHE_SLOTS];
static unsigned long stamp, derivations;

/* The slot key of e: everything the derived record depends on, each
 * string after its length so that no two entries hash the same bytes. */
static int entry_key(const struct ows_v3_entry *e, uint8_t *key)
{
    uint32_t n[6];
    struct ows_iov iov[4];
    n[0] = (uint32_t)strlen(e->user);
    n[1] = (uint32_t)e->level;
    n[2] = (uint32_t)e->auth;
    n[3] = (uint32_t)e->priv;
    n[4] = e->level >= OWS_USM_AUTHNOPRIV ? (uint32_t)strlen(e->auth_pass) : 0;
    n[5] = e->level == OWS_USM_AUTHPRIV ? (uint32_t)strlen(e->priv_pass) : 0;
    iov[0].p = n;
    iov[0].n = sizeof n;
    iov[1].p = e->user;
    iov[1].n = n[0];
    iov[2].p = e->auth_pass;
    iov[2].n = n[4];
    iov[3].p = e->priv_pass;
    iov[3].n = n[5];
    return ows_hash(OWS_HASH_SHA256, iov, 4, key);
}

static struct slot *find(const uint8_t *key)
{
    for (int i = 0; i < OWS_USM_CACHE_SLOTS; i++)
        if (slots[i].used && memcmp(slots[i].key, key, KEY_LEN) == 0)
            return &slots[i];
    return NULL;
}

int ows_usm_cache_user(const struct ows_v3_entry *e, struct ows_usm_user *u)
{
    uint8_t key[KEY_LEN];
    struct slot *s;
    int keyed = entry_key(e, key) == 0, err;

    if (keyed) {
        ows_mutex_lock(&cache_mutex);
        s = find(key);
        if (s) {
            s->last = ++stamp;
            *u = s->user;
        }
        ows_mutex_unlock(&cache_mutex);
        if (s) {
            ows_wipe(key, sizeof key);
            return OWS_OK;
        }
    }
    /* Derived outside the lock: it takes milliseconds. Without a key (no
     * memory for the digest) the user is derived and not kept. */
    err = ows_usm_user_from_entry(e, u);
    ows_mutex_lock(&cache_mutex);
    derivations++;
    if (!err && keyed && !find(key)) {
        s = &slots[0];
        for (int i = 1; i < OWS_USM_CACHE_SLOTS && s->used; i++)
            if (!slots[i].used || slots[i].last < s->last)
                s = &slots[i];
        ows_wipe(s, sizeof *s);
        s->used = 1;
        s->last = ++stamp;
        memcpy(s->key, key, KEY_LEN);
        s->user = *u;
    }
    ows_mutex_unlock(&cache_mutex);
    ows_wipe(key, sizeof key);
    return err;
}

void ows_usm_cache_clear(void)
{
    ows_mutex_lock(&cache_mutex);
    ows_wipe(slots, sizeof slots);
    ows_mutex_unlock(&cache_mutex);
}

unsigned long ows_usm_cache_derivations(void)
{
    unsigned long n;
    ows_mutex_lock(&cache_mutex);
    n = derivations;
    ows_mutex_unlock(&cache_mutex);
    return n;
}
