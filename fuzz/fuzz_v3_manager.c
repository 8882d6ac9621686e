/* fuzz_v3_manager.c - libFuzzer harness: the v3 manager's judging of what
 * comes back for a request (core/v3_manager.h), on the whole library.
 * Each input makes one request to a fresh agent address and is used twice:
 *  - as raw bytes of a received datagram (nearly always dropped: the
 *    msgID must match);
 *  - as the recipe of up to three agent answers that do match, 8 bytes
 *    each: a level, a Response or one of the Reports, the engine's boots
 *    and time, a byte of the encoded answer to corrupt, and the length of
 *    the value that follows the recipe in the input; each verdict is acted on as the engine would (RESEND encodes
 *    the next try, DELIVER's message is read in full and freed).
 * Nothing may crash, leak or read out of bounds; a FAIL must carry
 * OWS_E_TL_UNDELIVERABLE (else abort). */
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "core/error.h"
#include "core/msg_codec.h"
#include "core/translate.h"
#include "core/usm_user.h"
#include "core/v3_codec.h"
#include "core/v3_manager.h"
#include "fuzz_touch.h"

static const uint8_t E[] = { 0x80, 0x00, 0x1f, 0x88, 0x04, 'f', 'u', 'z', 'z' };
static struct ows_v3_target *target;
static ows_v3_keys agent_keys[3];
static int token;

static void init(void)
{
    struct ows_v3_entry e;
    struct ows_usm_user u;
    memset(&e, 0, sizeof e);
    strcpy(e.user, "fuzzer");
    e.level = OWS_USM_AUTHPRIV;
    e.auth = OWS_USM_AUTH_SHA1;
    e.priv = OWS_USM_PRIV_AES128;
    strcpy(e.auth_pass, "fuzz-auth-pw");
    strcpy(e.priv_pass, "fuzz-priv-pw");
    if (ows_v3_target_new(&e, &target) || ows_usm_user_from_entry(&e, &u) ||
        ows_usm_user_keys(&u, E, sizeof E, &agent_keys[2]))
        abort();
    ows_usm_user_clear(&u);
    agent_keys[1] = agent_keys[2];
    agent_keys[1].priv = OWS_USM_PRIV_NONE;
}

/* The manager's next try, and its msgID. */
static int32_t next_try(struct ows_v3_req *vr)
{
    static const uint32_t name[] = { 1, 3, 6, 1, 2, 1, 1, 5, 0 };
    static uint8_t out[4096];
    ows_varbind vb;
    ows_pdu p;
    ows_v3_msg m;
    size_t off, len;
    memset(&vb, 0, sizeof vb);
    vb.name.ids = (uint32_t *)name;
    vb.name.len = 9;
    vb.value.syntax = OWS_SYN_NULL;
    memset(&p, 0, sizeof p);
    p.type = OWS_PDU_GET;
    p.request_id = 42;
    p.vbl.items = &vb;
    p.vbl.count = 1;
    if (ows_v3_req_encode(vr, &p, out, sizeof out, &off, &len) || ows_v3_decode(out + off, len, &m))
        abort();
    return m.head.msg_id;
}

static int judge(const uint8_t *buf, size_t len, const struct ows_addr *from)
{
    void *owner;
    ows_msg m;
    int err = 0, v = ows_v3_mgr_receive(buf, len, from, 64, &owner, &m, &err);
    if (v != OWS_V3_DROP && owner != &token)
        abort();
    if (v == OWS_V3_FAIL && err != OWS_E_TL_UNDELIVERABLE)
        abort();
    if (v == OWS_V3_DELIVER) {
        touch(&m);
        ows_msg_free(&m);
    }
    return v;
}

/* One agent answer to msgID id from 8 recipe bytes r and a value. */
static size_t answer(const uint8_t *r, const uint8_t *val, size_t vlen, int32_t id,
                     uint8_t *buf, size_t cap)
{
    uint32_t oid[11] = { 1, 3, 6, 1, 6, 3, 15, 1, 1, 0, 0 };
    static const uint32_t name[] = { 1, 3, 6, 1, 2, 1, 1, 5, 0 };
    int level = r[0] % 3, kind = r[1] % 8;
    ows_v3_head h = { id, 65507, (uint8_t)(level == 2 ? 3 : level), OWS_V3_MODEL_USM };
    ows_v3_usm u;
    ows_v3_scoped sc;
    ows_varbind vb;
    ows_pdu p;
    size_t off = 0, len = 0, at;

    memset(&u, 0, sizeof u);
    memset(&vb, 0, sizeof vb);
    memset(&p, 0, sizeof p);
    memcpy(u.engine_id, E, sizeof E);
    u.engine_id_len = (r[0] & 0x80) ? 0 : sizeof E;
    u.engine_boots = r[2];
    u.engine_time = r[3] << 8 | r[4];
    u.user_len = (r[0] & 0x40) ? 0 : 6;
    memcpy(u.user, "fuzzer", 6);
    if (level == 2) {
        memcpy(u.priv, r, 8);
        u.priv_len = 8;
    }
    if (kind) {
        oid[9] = (uint32_t)kind;
        vb.name.ids = oid;
        vb.name.len = 11;
        p.type = OWS_PDU_REPORT;
    } else {
        vb.name.ids = (uint32_t *)name;
        vb.name.len = 9;
        p.type = OWS_PDU_RESPONSE;
    }
    vb.value.syntax = OWS_SYN_OCTETS;
    vb.value.v.str.ptr = (uint8_t *)val;
    vb.value.v.str.len = (uint32_t)vlen;
    p.request_id = (r[0] & 0x20) ? 43 : 42;
    p.vbl.items = &vb;
    p.vbl.count = 1;
    memset(&sc, 0, sizeof sc);
    sc.context_engine_id = E;
    sc.context_engine_id_len = sizeof E;
    sc.pdu = &p;
    if (ows_v3_encode(&h, &u, &sc, level ? &agent_keys[level] : NULL, buf, cap, &off, &len))
        return 0;
    memmove(buf, buf + off, len);
    at = (size_t)(r[5] << 8 | r[6]);
    if (at < len)
        buf[at] ^= (uint8_t)(1u << (r[1] >> 5));
    return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t buf[70000];
    struct ows_addr a;
    struct ows_v3_req *vr;
    int32_t id;

    if (!target)
        init();
    memset(&a, 0, sizeof a);
    a.family = OWS_AF_INET;
    a.port = 161;
    a.bytes[0] = 127;
    a.bytes[3] = 1;
    if (ows_v3_req_new(target, &a, 42, &token, &vr))
        abort();
    id = next_try(vr);
    judge(data, size, &a);
    for (int round = 0; round < 3 && size >= 8; round++) {
        size_t vlen = size - 8 > data[7] ? data[7] : size - 8;
        size_t n = answer(data, data + 8, vlen, id, buf, sizeof buf);
        int v = n ? judge(buf, n, &a) : OWS_V3_DROP;
        data += 8 + vlen;
        size -= 8 + vlen;
        if (v == OWS_V3_FAIL)
            break;
        if (v == OWS_V3_RESEND)
            id = next_try(vr);
    }
    ows_v3_req_free(vr);
    /* Forget the engine: each input starts from discovery. */
    ows_v3_mgr_shutdown();
    return 0;
}
