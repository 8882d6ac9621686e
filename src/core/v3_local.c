/* v3_local.c - the local SNMPv3 engine: identity, clock, users and
 * counters of the agent and notification-receiver roles (v3_local.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "core/alloc.h"
#include "core/error.h"
#include "core/trace.h"
#include "core/translate.h"
#include "core/usm_cache.h"
#include "core/v3_local.h"
#include "platform.h"

/* 2024-01-01 00:00:00 UTC in seconds since 1970: snmpEngineBoots counts
 * from there (v3_local.h). */
#define BOOTS_EPOCH 1704067200
/* RFC 3414 2.2.3: 150 seconds either side. */
#define TIME_WINDOW 150

struct local_user {
    struct local_user *next;
    struct ows_usm_user u;
    uint8_t engine[OWS_USM_ENGINE_ID_MAX];
    uint32_t engine_len;
    int remote;
    ows_v3_keys keys;
    /* A remote engine's clock as last seen (RFC 3414 2.3). */
    int synced;
    int32_t boots, time;
    uint64_t seen_ns;
};

static ows_mutex lock = OWS_MUTEX_INIT;
static int ready;
static uint8_t engine_id[OWS_USM_ENGINE_ID_MAX];
static uint32_t engine_len;
static int32_t boots;
static uint64_t started_ns;
static uint64_t salt;
static struct local_user *users;
/* Database entities we sent notifications to (ows_v3_local_sender). */
struct sender {
    struct sender *next;
    char *entity;
    struct ows_v3_sender s;
};
static struct sender *senders;
static uint32_t msg_ids;
static int loaded;               /* the database was read once (its @engine) */
static uint32_t stats[OWS_V3S_COUNT_];

/* With the lock held: the default identity and the clock, once. */
static void init_locked(void)
{
    time_t now = time(NULL);
    uint8_t r[8];
    if (ready)
        return;
    ready = 1;
    engine_id[0] = 0x80;
    engine_id[1] = engine_id[2] = engine_id[3] = 0;
    engine_id[4] = 5;
    if (ows_random(r, sizeof r))
        memset(r, 0x5a, sizeof r);   /* no generator: still a valid ID */
    memcpy(engine_id + 5, r, 8);
    engine_len = 13;
    boots = now > BOOTS_EPOCH ? (int32_t)((now - BOOTS_EPOCH) & 0x7ffffffe) : 0;
    if (boots < 1)
        boots = 1;
    started_ns = ows_clock_ns();
    if (ows_random(&salt, sizeof salt))
        salt = (uint64_t)started_ns;
    msg_ids = (uint32_t)(salt >> 32);
}

static int32_t time_locked(void)
{
    uint64_t s = (ows_clock_ns() - started_ns) / 1000000000ull;
    return s > 0x7fffffff ? 0x7fffffff : (int32_t)s;
}

static void free_users(struct local_user *u)
{
    while (u) {
        struct local_user *next = u->next;
        ows_wipe(u, sizeof *u);
        ows_free(u);
        u = next;
    }
}

static void free_senders(struct sender *s)
{
    while (s) {
        struct sender *next = s->next;
        ows_free(s->entity);
        ows_wipe(s, sizeof *s);
        ows_free(s);
        s = next;
    }
}

struct load_ctx {
    struct local_user *head;
    uint8_t engine[OWS_USM_ENGINE_ID_MAX];
    uint32_t engine_len;
    struct ows_v3_entry *pending;    /* @user entries until the engine ID is known */
    size_t npending, cap;
    int failed;
};

/* Collects the lines; keys are made once every line is read, because an
 * @engine line may come after the users it localises. */
static void on_line(void *ctx, int kind, const struct ows_v3_entry *e)
{
    struct load_ctx *l = ctx;
    if (kind == OWS_LOCAL_ENGINE) {
        memcpy(l->engine, e->engine, e->engine_len);
        l->engine_len = e->engine_len;
        return;
    }
    if (l->npending == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        struct ows_v3_entry *p = ows_malloc(cap * sizeof *p);
        if (!p) {
            l->failed = 1;
            return;
        }
        if (l->npending)
            memcpy(p, l->pending, l->npending * sizeof *p);
        ows_wipe(l->pending, l->npending * sizeof *p);
        ows_free(l->pending);
        l->pending = p;
        l->cap = cap;
    }
    l->pending[l->npending++] = *e;
}

static int make_user(const struct ows_v3_entry *e, const uint8_t *local, uint32_t local_len,
                     struct local_user **out)
{
    struct local_user *u = ows_calloc(1, sizeof *u);
    int err;
    if (!u)
        return OWS_E_ALLOC;
    err = ows_usm_user_from_entry(e, &u->u);
    u->remote = e->engine_len != 0;
    if (u->remote) {
        memcpy(u->engine, e->engine, e->engine_len);
        u->engine_len = e->engine_len;
    } else {
        memcpy(u->engine, local, local_len);
        u->engine_len = local_len;
    }
    if (!err)
        err = ows_usm_user_keys(&u->u, u->engine, u->engine_len, &u->keys);
    if (err) {
        ows_wipe(u, sizeof *u);
        ows_free(u);
        return err;
    }
    *out = u;
    return OWS_OK;
}

int ows_v3_local_load(const char *path)
{
    struct load_ctx l;
    struct local_user *old;
    struct sender *old_senders;
    int n = 0;
    size_t i;

    memset(&l, 0, sizeof l);
    if (!path)
        path = ows_plat_getenv("WSNMP_DATABASE");
    if (path && *path) {
        FILE *fp = fopen(path, "r");
        if (fp) {
            fclose(fp);
            ows_translate_local(path, on_line, &l, ows_translate_to_trace, (void *)path);
        }
    }
    ows_mutex_lock(&lock);
    init_locked();
    loaded = 1;
    if (l.engine_len) {
        memcpy(engine_id, l.engine, l.engine_len);
        engine_len = l.engine_len;
    }
    memcpy(l.engine, engine_id, engine_len);
    l.engine_len = engine_len;
    ows_mutex_unlock(&lock);
    /* Keys cost a megabyte of hashing each: made without the lock. */
    for (i = 0; i < l.npending; i++) {
        struct local_user *u;
        int err = make_user(&l.pending[i], l.engine, l.engine_len, &u);
        if (err) {
            OWS_WARN("SNMPv3 user %s not usable: %s", l.pending[i].user, ows_strerror(err));
            continue;
        }
        u->next = l.head;
        l.head = u;
        n++;
    }
    ows_wipe(l.pending, l.cap * sizeof *l.pending);
    ows_free(l.pending);
    if (l.failed)
        OWS_WARN("SNMPv3 users: out of memory reading %s", path);
    ows_mutex_lock(&lock);
    old = users;
    users = l.head;
    old_senders = senders;
    senders = NULL;
    ows_mutex_unlock(&lock);
    free_users(old);
    free_senders(old_senders);
    OWS_TRACE("local SNMPv3 engine: %d user(s)", n);
    return n;
}

void ows_v3_local_clear(void)
{
    struct local_user *old;
    struct sender *old_senders;
    ows_mutex_lock(&lock);
    old = users;
    users = NULL;
    old_senders = senders;
    senders = NULL;
    ows_mutex_unlock(&lock);
    free_users(old);
    free_senders(old_senders);
}

static int find_sender_locked(const char *entity, struct ows_v3_sender *out)
{
    struct sender *s;
    for (s = senders; s; s = s->next)
        if (!strcmp(s->entity, entity)) {
            *out = s->s;
            return 1;
        }
    return 0;
}

int ows_v3_local_sender(const char *entity, struct ows_v3_sender *out)
{
    struct ows_v3_entry e;
    struct ows_usm_user u;
    struct sender *s;
    uint8_t id[OWS_USM_ENGINE_ID_MAX];
    uint32_t id_len;
    size_t n = strlen(entity);
    int err;

    ows_mutex_lock(&lock);
    init_locked();
    err = loaded;
    ows_mutex_unlock(&lock);
    /* A program that only sends has not read the @engine line yet. */
    if (!err)
        ows_v3_local_load(NULL);
    ows_mutex_lock(&lock);
    err = find_sender_locked(entity, out);
    memcpy(id, engine_id, engine_len);
    id_len = engine_len;
    ows_mutex_unlock(&lock);
    if (err)
        return OWS_OK;
    if (ows_translate_v3(entity, &e) != 1)
        return OWS_E_ENTITY_UNKNOWN;
    s = ows_calloc(1, sizeof *s);
    if (s)
        s->entity = ows_malloc(n + 1);
    /* The password-derived keys come from the cache the manager role
     * shares, so a user seen before is not derived again. */
    err = !s || !s->entity ? OWS_E_ALLOC : ows_usm_cache_user(&e, &u);
    if (!err) {
        err = ows_usm_user_keys(&u, id, id_len, &s->s.keys);
        s->s.level = u.level;
        memcpy(s->s.user, u.name, u.name_len);
        s->s.user_len = u.name_len;
        s->s.context_len = (uint32_t)strlen(e.context);
        memcpy(s->s.context, e.context, s->s.context_len);
        memcpy(s->s.context_engine, e.context_engine, e.context_engine_len);
        s->s.context_engine_len = e.context_engine_len;
        memcpy(s->entity, entity, n + 1);
        ows_usm_user_clear(&u);
    }
    ows_wipe(&e, sizeof e);
    if (err) {
        if (s)
            s->next = NULL;
        free_senders(s);
        return err;
    }
    *out = s->s;
    ows_mutex_lock(&lock);
    s->next = senders;
    senders = s;
    ows_mutex_unlock(&lock);
    return OWS_OK;
}

int32_t ows_v3_local_msg_id(void)
{
    uint32_t v;
    ows_mutex_lock(&lock);
    init_locked();
    v = msg_ids++;
    ows_mutex_unlock(&lock);
    return (int32_t)(v & 0x7fffffff);
}

void ows_v3_local_id(uint8_t *id, uint32_t *len)
{
    ows_mutex_lock(&lock);
    init_locked();
    memcpy(id, engine_id, engine_len);
    *len = engine_len;
    ows_mutex_unlock(&lock);
}

void ows_v3_local_clock(int32_t *b, int32_t *t)
{
    ows_mutex_lock(&lock);
    init_locked();
    *b = boots;
    *t = time_locked();
    ows_mutex_unlock(&lock);
}

static struct local_user *find_locked(const uint8_t *engine, size_t elen, const uint8_t *name,
                                      size_t nlen, int *engine_known)
{
    struct local_user *u;
    *engine_known = elen == engine_len && !memcmp(engine, engine_id, elen);
    for (u = users; u; u = u->next) {
        if (u->engine_len != elen || memcmp(u->engine, engine, elen))
            continue;
        *engine_known = 1;
        if (u->u.name_len == nlen && !memcmp(u->u.name, name, nlen))
            return u;
    }
    return NULL;
}

int ows_v3_local_find(const uint8_t *engine, size_t engine_len_in, const uint8_t *user,
                      size_t user_len, struct ows_v3_user_keys *out, int *unknown_engine)
{
    struct local_user *u;
    int known;
    ows_mutex_lock(&lock);
    init_locked();
    u = find_locked(engine, engine_len_in, user, user_len, &known);
    if (u) {
        out->level = u->u.level;
        out->remote = u->remote;
        out->keys = u->keys;
    }
    ows_mutex_unlock(&lock);
    *unknown_engine = !known;
    return u ? OWS_OK : OWS_E_USM_PARAMS;
}

int ows_v3_local_remote_time(const uint8_t *engine, size_t elen, const uint8_t *user,
                             size_t ulen, int32_t b, int32_t t)
{
    struct local_user *u;
    int known, err = OWS_OK;
    ows_mutex_lock(&lock);
    u = find_locked(engine, elen, user, ulen, &known);
    if (!u) {
        err = OWS_E_USM_PARAMS;
    } else {
        uint64_t now = ows_clock_ns();
        /* What the sender's clock should read now, from what it read last. */
        int64_t expect = u->synced ? u->time + (int64_t)((now - u->seen_ns) / 1000000000ull) : 0;
        if (b == 0x7fffffff || (u->synced && (b < u->boots ||
                                              (b == u->boots && t < expect - TIME_WINDOW))))
            err = OWS_E_USM_PARAMS;
        else if (!u->synced || b > u->boots || t > expect) {
            u->synced = 1;
            u->boots = b;
            u->time = t;
            u->seen_ns = now;
        }
    }
    ows_mutex_unlock(&lock);
    return err;
}

void ows_v3_local_salt(uint8_t out[OWS_USM_SALT_LEN])
{
    uint64_t v;
    int i;
    ows_mutex_lock(&lock);
    init_locked();
    v = salt++;
    ows_mutex_unlock(&lock);
    for (i = 0; i < OWS_USM_SALT_LEN; i++)
        out[i] = (uint8_t)(v >> (56 - 8 * i));
}

uint32_t ows_v3_stat_bump(int which)
{
    uint32_t v;
    if (which < 0 || which >= OWS_V3S_COUNT_)
        return 0;
    ows_mutex_lock(&lock);
    v = ++stats[which];
    ows_mutex_unlock(&lock);
    return v;
}

uint32_t ows_v3_stat(int which)
{
    uint32_t v;
    if (which < 0 || which >= OWS_V3S_COUNT_)
        return 0;
    ows_mutex_lock(&lock);
    v = stats[which];
    ows_mutex_unlock(&lock);
    return v;
}
