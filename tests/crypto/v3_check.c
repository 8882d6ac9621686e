/* v3_check.c - net-snmp's SNMPv3 messages (tests/vectors/v3-*.bin) through
 * the whole receive path of this build (envelope, key localisation, digest,
 * decryption, scopedPDU) and back through the sending path (encoding,
 * encryption, MAC) to the same bytes. Natively that is OpenSSL; in the mingw builds it
 * runs under Wine on CNG, where tests/unit/test_v3.c (native only) cannot.
 *
 * Usage: v3_check des|aes VECTOR_DIR [--may-skip]. Group "des" has the
 * vectors without privacy or with DES, "aes" those with AES. Exit status 0
 * passed, 1 failed, 77 skipped (only with --may-skip, when the platform's
 * library lacks an algorithm a vector needs; the reason is printed).
 */
#include <stdio.h>
#include <string.h>
#include "core/v3_codec.h"
#include "core/msg_codec.h"
#include "core/error.h"

struct vec {
    const char *file, *user;
    int auth;
    const char *apw;
    int priv;
    const char *ppw;
};

static const struct vec des_vecs[] = {
    { "v3-noauth.bin", "plainuser", OWS_USM_AUTH_NONE, NULL, OWS_USM_PRIV_NONE, NULL },
    { "v3-md5-authnopriv.bin", "md5user", OWS_USM_AUTH_MD5, "md5password", OWS_USM_PRIV_NONE, NULL },
    { "v3-sha-des.bin", "shauser", OWS_USM_AUTH_SHA1, "shapassword", OWS_USM_PRIV_DES, "despassword" },
    { "v3-sha384-des.bin", "s384user", OWS_USM_AUTH_SHA384, "sha384password", OWS_USM_PRIV_DES, "despassword" },
    { NULL, NULL, 0, NULL, 0, NULL }
};
static const struct vec aes_vecs[] = {
    { "v3-sha-aes.bin", "aesuser", OWS_USM_AUTH_SHA1, "shapassword", OWS_USM_PRIV_AES128, "aespassword" },
    { "v3-sha256-aes.bin", "s256user", OWS_USM_AUTH_SHA256, "sha256password", OWS_USM_PRIV_AES128, "aespassword" },
    { "v3-sha512-aes.bin", "s512user", OWS_USM_AUTH_SHA512, "sha512password", OWS_USM_PRIV_AES128, "aespassword" },
    { "v3-sha224-aes.bin", "s224user", OWS_USM_AUTH_SHA224, "sha224password", OWS_USM_PRIV_AES128, "aespassword" },
    { "v3-sha-aes192.bin", "a192user", OWS_USM_AUTH_SHA1, "shapassword", OWS_USM_PRIV_AES192, "aespassword" },
    { "v3-md5-aes256.bin", "a256user", OWS_USM_AUTH_MD5, "md5password", OWS_USM_PRIV_AES256, "aespassword" },
    { "v3-sha256-aes256.bin", "b256user", OWS_USM_AUTH_SHA256, "sha256password", OWS_USM_PRIV_AES256, "aespassword" },
    { NULL, NULL, 0, NULL, 0, NULL }
};

/* The agent's engine ID in every vector (snmpget -e). */
static const uint8_t engine[13] = { 0x80, 0x00, 0x1f, 0x88, 0x80, 0xe9, 0x63, 0x00, 0x00,
                                    0xd6, 0x1f, 0xf4, 0x49 };
static int failures, skips;
static const char *skip_why;

#define CHECK(cond) do { if (!(cond)) { \
    printf("FAIL %s: %s:%d: %s\n", v->file, __FILE__, __LINE__, #cond); failures++; return; } } while (0)

static void check(const char *dir, const struct vec *v, int may_skip)
{
    static const uint32_t sysname[] = { 1, 3, 6, 1, 2, 1, 1, 5, 0 };
    static const int ciph[OWS_USM_PRIV_COUNT_] = { -1, OWS_CIPHER_DES_CBC,
        OWS_CIPHER_AES128_CFB, OWS_CIPHER_AES192_CFB, OWS_CIPHER_AES256_CFB };
    uint8_t buf[2048], ku[OWS_USM_KEY_MAX], kul[OWS_USM_KEY_MAX], ctx[32];
    const char *why = NULL;
    char path[1024];
    ows_v3_keys k;
    ows_v3_msg m;
    ows_msg pm;
    uint32_t ctx_len;
    size_t n;
    FILE *f;

    if (v->auth)
        why = ows_crypto_unavailable(0, ows_usm_auth_hash(v->auth));
    if (!why && v->priv)
        why = ows_crypto_unavailable(1, ciph[v->priv]);
    if (why) {
        if (!may_skip) {
            printf("FAIL %s: %s\n", v->file, why);
            failures++;
        } else {
            printf("skip %s: %s\n", v->file, why);
            skips++;
            skip_why = why;
        }
        return;
    }
    snprintf(path, sizeof path, "%s/%s", dir, v->file);
    f = fopen(path, "rb");
    CHECK(f != NULL);
    n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    CHECK(ows_v3_decode(buf, n, &m) == 0);
    CHECK(m.head.flags == (OWS_V3_FLAG_REPORTABLE | (v->auth ? OWS_V3_FLAG_AUTH : 0) |
                           (v->priv ? OWS_V3_FLAG_PRIV : 0)));
    CHECK(m.head.security_model == OWS_V3_MODEL_USM && m.head.max_size == 65507);
    CHECK(m.usm.engine_id_len == sizeof engine && !memcmp(m.usm.engine_id, engine, sizeof engine));
    CHECK(m.usm.user_len == strlen(v->user) && !memcmp(m.usm.user, v->user, m.usm.user_len));
    CHECK(m.usm.auth_len == ows_usm_auth_mac_len(v->auth));
    CHECK(m.usm.priv_len == (v->priv ? 8u : 0u) && m.encrypted == (v->priv != 0));
    memset(&k, 0, sizeof k);
    k.auth = v->auth;
    k.priv = v->priv;
    if (v->auth) {
        CHECK(ows_usm_password_to_key(v->auth, (const uint8_t *)v->apw, strlen(v->apw), ku) == 0);
        CHECK(ows_usm_localize_key(v->auth, ku, m.usm.engine_id, m.usm.engine_id_len,
                                   k.auth_key) == 0);
        CHECK(ows_usm_auth_check(v->auth, k.auth_key, buf, n, m.usm.auth_at) == 0);
        buf[n - 1] ^= 1;
        CHECK(ows_usm_auth_check(v->auth, k.auth_key, buf, n, m.usm.auth_at) ==
              OWS_E_USM_WRONG_DIGEST);
        buf[n - 1] ^= 1;
    }
    if (v->priv) {
        CHECK(ows_usm_password_to_key(v->auth, (const uint8_t *)v->ppw, strlen(v->ppw), ku) == 0);
        CHECK(ows_usm_localize_key(v->auth, ku, m.usm.engine_id, m.usm.engine_id_len, kul) == 0);
        CHECK(ows_usm_priv_key(v->auth, v->priv, kul, k.priv_key, k.preiv) == 0);
    }
    CHECK(ows_v3_open_scoped(&m, &k, NULL, 0, &pm, ctx, &ctx_len) == 0);
    CHECK(ctx_len == sizeof engine && !memcmp(ctx, engine, sizeof engine));
    CHECK(pm.version == OWS_SNMPV3);
    CHECK(pm.community.len == 7 && !memcmp(pm.community.ptr, "ctxname", 7));
    CHECK(pm.pdu.vbl.count == 1 && pm.pdu.vbl.items[0].value.syntax == OWS_SYN_NULL);
    CHECK(pm.pdu.type == OWS_PDU_GET && pm.pdu.vbl.count == 1);
    CHECK(pm.pdu.vbl.items[0].name.len == 9 &&
          !memcmp(pm.pdu.vbl.items[0].name.ids, sysname, sizeof sysname));
    /* Sending side: the same fields encode, sign and encrypt to net-snmp's
     * bytes (DES: its pad bytes are net-snmp's choice, so the message
     * decodes back to the same instead). */
    {
        ows_v3_scoped sc = { ctx, ctx_len, pm.community.ptr, pm.community.len, &pm.pdu };
        ows_v3_msg m2;
        ows_msg pm2;
        uint8_t out[2048];
        size_t off, len;
        int same;
        CHECK(ows_v3_encode(&m.head, &m.usm, &sc, v->auth ? &k : NULL, out, sizeof out, &off,
                            &len) == 0 && len == n);
        if (v->priv != OWS_USM_PRIV_DES) {
            CHECK(!memcmp(out + off, buf, n));
        } else {
            CHECK(ows_v3_decode(out + off, len, &m2) == 0);
            CHECK(ows_usm_auth_check(v->auth, k.auth_key, out + off, len, m2.usm.auth_at) == 0);
            CHECK(ows_v3_open_scoped(&m2, &k, NULL, 0, &pm2, ctx, &ctx_len) == 0);
            same = ows_msg_equal(&pm, &pm2);
            ows_msg_free(&pm2);
            CHECK(same);
        }
    }
    ows_msg_free(&pm);
    printf("ok   %s (received and re-encoded)\n", v->file);
}

int main(int argc, char **argv)
{
    const struct vec *list;
    int may_skip = argc > 3 && !strcmp(argv[3], "--may-skip"), total = 0;
    if (argc < 3 || (strcmp(argv[1], "des") && strcmp(argv[1], "aes"))) {
        printf("usage: v3_check des|aes VECTOR_DIR [--may-skip]\n");
        return 2;
    }
    list = !strcmp(argv[1], "des") ? des_vecs : aes_vecs;
    printf("crypto backend: %s\n", ows_crypto_backend());
    for (; list->file; list++, total++)
        check(argv[2], list, may_skip);
    if (failures) {
        printf("%d of %d vectors FAILED\n", failures, total);
        return 1;
    }
    printf("%d of %d vectors verified, %d skipped\n", total - skips, total, skips);
    if (skips == total) {
        printf("SKIPPED: %s\n", skip_why);
        return 77;
    }
    return 0;
}
