/* diff_usm.c - USM keys and MACs against net-snmp's library.
 *
 * For N generated (password, engine ID) pairs and every auth protocol:
 * net-snmp's generate_Ku/generate_kul and ours give the same Ku and Kul;
 * sc_generate_keyed_hash and our ows_usm_auth_sign give the same MAC over a
 * random message. RFC 7860 gives no SHA-2 vectors, so this is their
 * cross-check. Usage: diff_usm [count] [seed]. Exit 0 only if all agree.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/library/keytools.h>
#include <net-snmp/library/scapi.h>
#include <net-snmp/library/transform_oids.h>
#include "core/usm.h"
#include "xorshift.h"


static void fill(uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)rnd();
}

int main(int argc, char **argv)
{
    const struct { int ours; const oid *theirs; const char *name; } protos[] = {
        { OWS_USM_AUTH_MD5, usmHMACMD5AuthProtocol, "HMAC-MD5-96" },
        { OWS_USM_AUTH_SHA1, usmHMACSHA1AuthProtocol, "HMAC-SHA-96" },
        { OWS_USM_AUTH_SHA224, usmHMAC128SHA224AuthProtocol, "HMAC-128-SHA-224" },
        { OWS_USM_AUTH_SHA256, usmHMAC192SHA256AuthProtocol, "HMAC-192-SHA-256" },
        { OWS_USM_AUTH_SHA384, usmHMAC256SHA384AuthProtocol, "HMAC-256-SHA-384" },
        { OWS_USM_AUTH_SHA512, usmHMAC384SHA512AuthProtocol, "HMAC-384-SHA-512" },
    };
    int count = argc > 1 ? atoi(argv[1]) : 20, bad = 0, checks = 0;
    rnd_seed(argc > 2 ? argv[2] : NULL, 20261206);

    for (int i = 0; i < count; i++) {
        uint8_t pw[64], eid[32], msg[600];
        size_t pwlen = 8 + rnd() % 50, elen = 5 + rnd() % 28, mlen = 30 + rnd() % 500;
        fill(pw, pwlen);
        fill(eid, elen);
        fill(msg, mlen);
        for (size_t p = 0; p < sizeof protos / sizeof protos[0]; p++) {
            uint8_t ku[64], kul[64], our_ku[64], our_kul[64], mac[64], signed_msg[600];
            size_t kulen = sizeof ku, kullen = sizeof kul, maclen = sizeof mac;
            size_t n = ows_usm_auth_key_len(protos[p].ours);
            size_t m = ows_usm_auth_mac_len(protos[p].ours), at = rnd() % (mlen - m);
            if (generate_Ku(protos[p].theirs, 10, pw, pwlen, ku, &kulen) != SNMPERR_SUCCESS ||
                generate_kul(protos[p].theirs, 10, eid, elen, ku, kulen, kul, &kullen) !=
                    SNMPERR_SUCCESS) {
                printf("net-snmp failed for %s\n", protos[p].name);
                bad++;
                continue;
            }
            checks++;
            if (ows_usm_password_to_key(protos[p].ours, pw, pwlen, our_ku) || kulen != n ||
                memcmp(ku, our_ku, n)) {
                printf("case %d %s: Ku differs\n", i, protos[p].name);
                bad++;
            }
            if (ows_usm_localize_key(protos[p].ours, our_ku, eid, elen, our_kul) || kullen != n ||
                memcmp(kul, our_kul, n)) {
                printf("case %d %s: Kul differs\n", i, protos[p].name);
                bad++;
            }
            /* The MAC of the message with its MAC field zeroed. */
            memcpy(signed_msg, msg, mlen);
            memset(signed_msg + at, 0, m);
            /* net-snmp gives the whole HMAC; USM sends its first m bytes. */
            if (sc_generate_keyed_hash(protos[p].theirs, 10, kul, (u_int)kullen, signed_msg,
                                       (u_int)mlen, mac, &maclen) != SNMPERR_SUCCESS ||
                maclen < m) {
                printf("case %d %s: net-snmp's MAC failed (len %zu)\n", i, protos[p].name, maclen);
                bad++;
                continue;
            }
            if (ows_usm_auth_sign(protos[p].ours, our_kul, signed_msg, mlen, at) ||
                memcmp(signed_msg + at, mac, m) ||
                ows_usm_auth_check(protos[p].ours, our_kul, signed_msg, mlen, at)) {
                printf("case %d %s: MAC differs\n", i, protos[p].name);
                bad++;
            }
        }
    }
    printf("%d key/MAC comparisons, %d differences\n", checks, bad);
    return bad || !checks ? 1 : 0;
}
