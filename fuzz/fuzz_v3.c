/* fuzz_v3.c - libFuzzer harness: any bytes into the SNMPv3 decoder.
 * Every input goes two ways: as a whole message (ows_v3_decode, then the
 * digest check and ows_v3_open_scoped with fixed keys, decrypting whatever
 * an encrypted message carries), and as a bare scopedPDU with DES padding
 * allowed. What decodes is read in full (ASan checks every pointer) and,
 * for a USM message, encoded again and decoded again: the encoder must
 * accept it and the second decode must equal the first (else abort).
 * Third, as a message received by an agent or receiver (ows_v3_in_take,
 * against a local engine with a noAuthNoPriv and an authPriv user): what
 * opens is answered with ows_v3_in_encode_reply (and, a GET of the
 * engine's objects, ows_v3_mib_answer), and every Report or answer it
 * encodes must decode. */
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "core/v3_codec.h"
#include <stdio.h>
#include <unistd.h>
#include "core/msg_codec.h"
#include "core/v3_inbound.h"
#include "core/v3_local.h"
#include "core/v3_mib.h"
#include "fuzz_touch.h"

/* Fixed keys: SHA-1 authentication; DES for odd msgIDs, AES-128 for even
 * ones, so that both decryptions see fuzzed ciphertext. */
static void keys_for(const ows_v3_msg *m, ows_v3_keys *k)
{
    memset(k, 0x5A, sizeof *k);
    k->keyed = NULL;     /* a real pointer or none: never the pattern */
    k->auth = (m->head.flags & OWS_V3_FLAG_AUTH) ? OWS_USM_AUTH_SHA1 : OWS_USM_AUTH_NONE;
    k->priv = !(m->head.flags & OWS_V3_FLAG_PRIV) ? OWS_USM_PRIV_NONE
              : (m->head.msg_id & 1) ? OWS_USM_PRIV_DES : OWS_USM_PRIV_AES128;
}

static void reencode(const ows_v3_msg *m, const ows_v3_keys *k, const ows_msg *pm,
                     const uint8_t *ctx, uint32_t ctx_len)
{
    static uint8_t out[70000];
    ows_v3_scoped sc = { ctx, ctx_len, pm->community.ptr, pm->community.len, &pm->pdu };
    ows_v3_msg m2;
    ows_msg pm2;
    uint8_t ctx2[32];
    uint32_t ctx2_len;
    size_t off, len;

    if (m->head.security_model != OWS_V3_MODEL_USM || (m->head.flags & ~7))
        return;
    if (ows_v3_encode(&m->head, &m->usm, &sc, k->auth ? k : NULL, out, sizeof out, &off, &len))
        abort();
    if (ows_v3_decode(out + off, len, &m2))
        abort();
    if (k->auth && ows_usm_auth_check(k->auth, k->auth_key, out + off, len, m2.usm.auth_at))
        abort();
    if (ows_v3_open_scoped(&m2, k, NULL, 0, &pm2, ctx2, &ctx2_len))
        abort();
    if (!ows_msg_equal(pm, &pm2) || ctx2_len != ctx_len || memcmp(ctx, ctx2, ctx_len))
        abort();
    ows_msg_free(&pm2);
}

/* The local engine's users, once: engine ID 0x8000000005 0102030405. */
static void load_users(void)
{
    static int loaded;
    char path[64];
    FILE *f;
    if (loaded)
        return;
    loaded = 1;
    snprintf(path, sizeof path, "/tmp/ows-fuzz-v3-%d.db", (int)getpid());
    f = fopen(path, "w");
    if (!f)
        return;
    fputs("@engine engineid=0x80000000050102030405\n"
          "@user user=guest level=noAuthNoPriv\n"
          "@user user=admin level=authPriv auth=SHA authpass=fuzz-password priv=AES "
          "privpass=fuzz-password\n", f);
    fclose(f);
    ows_v3_local_load(path);
    unlink(path);
}

static void inbound(const uint8_t *data, size_t size)
{
    static uint8_t out[70000];
    uint8_t rep[OWS_V3_REPORT_MAX];
    size_t ro, rl, off, len;
    struct ows_v3_in *st;
    ows_v3_msg r;
    ows_msg pm;

    load_users();
    if (!ows_v3_in_take(data, size, &pm, 64, NULL, 0, &st, rep, &ro, &rl)) {
        touch(&pm);
        /* A GET of the engine's own objects: the library's answer must
         * decode (a small buffer: tooBig when it does not fit). */
        if (ows_v3_mib_answer(&pm.pdu, st, out, 600, &off, &len) == 1 &&
            ows_v3_decode(out + off, len, &r))
            abort();
        pm.pdu.type = OWS_PDU_RESPONSE;
        sink += (uint32_t)ows_v3_in_encode_reply(st, &pm.pdu, out, sizeof out, &off, &len);
        ows_msg_free(&pm);
    }
    if (rl && (rl > OWS_V3_REPORT_MAX || ows_v3_decode(rep + ro, rl, &r)))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ows_v3_msg m;
    ows_v3_keys k;
    ows_msg pm;
    const uint8_t *ctx;
    size_t ctx_len;

    if (!ows_v3_decode(data, size, &m)) {
        uint8_t eid[32];
        uint32_t eid_len;
        keys_for(&m, &k);
        if (k.auth && m.usm.auth_len == ows_usm_auth_mac_len(k.auth))
            sink += (uint32_t)ows_usm_auth_check(k.auth, k.auth_key, data, size, m.usm.auth_at);
        if (m.head.security_model == OWS_V3_MODEL_USM &&
            !ows_v3_open_scoped(&m, &k, NULL, 0, &pm, eid, &eid_len)) {
            touch(&pm);
            reencode(&m, &k, &pm, eid, eid_len);
            ows_msg_free(&pm);
        }
    }
    inbound(data, size);
    if (!ows_scoped_decode_in(data, size, 7, &pm, 0, NULL, 0, &ctx, &ctx_len)) {
        for (size_t i = 0; i < ctx_len; i++)
            sink += ctx[i];
        touch(&pm);
        ows_msg_free(&pm);
    }
    return 0;
}
