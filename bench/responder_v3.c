/* responder_v3.c - an SNMPv3 GET responder for the v3 client benchmark
 * (issue 13): one user, "bench" (SHA-256, AES-128, passwords below), at
 * whatever level a request asks; answers discovery (RFC 3414 4) with a
 * usmStatsUnknownEngineIDs Report carrying its engine ID, boots and time,
 * and every other GET with sysName.0 = "bench-responder" at the request's
 * level (digest checked, scopedPDU decrypted, response encrypted and
 * signed). snmpd would hold both clients to its own rate; this one, built
 * on the project's codec, keeps the client the bottleneck (one core each).
 * The time window is not enforced: the benchmark measures clients.
 *
 * usage: responder_v3 [port] [seconds]   (defaults 16300, 60)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "core/msg_codec.h"
#include "core/translate.h"
#include "core/usm_user.h"
#include "core/v3_codec.h"

static const uint8_t engine_id[] = { 0x80, 0x00, 0x1f, 0x88, 0x04, 'o', 'w', 's', '-', 'b', 'e',
                                     'n', 'c', 'h' };

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 16300;
    double seconds = argc > 2 ? atof(argv[2]) : 60.0, t0 = now();
    struct ows_v3_entry ent;
    struct ows_usm_user user;
    ows_v3_keys keys[3];          /* by level: none, auth, auth+priv */
    static const uint32_t usm_unknown[] = { 1, 3, 6, 1, 6, 3, 15, 1, 1, 4, 0 };
    static const uint32_t sysname[] = { 1, 3, 6, 1, 2, 1, 1, 5, 0 };
    uint8_t in[65536], out[4096], plain[65536];
    uint64_t salt = 1;
    unsigned long answered = 0, dropped = 0;
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_DGRAM, 0), big = 4 << 20;

    memset(&ent, 0, sizeof ent);
    strcpy(ent.user, "bench");
    ent.level = OWS_USM_AUTHPRIV;
    ent.auth = OWS_USM_AUTH_SHA256;
    ent.priv = OWS_USM_PRIV_AES128;
    strcpy(ent.auth_pass, "bench-auth-pass");
    strcpy(ent.priv_pass, "bench-priv-pass");
    if (ows_usm_user_from_entry(&ent, &user) ||
        ows_usm_user_keys(&user, engine_id, sizeof engine_id, &keys[2])) {
        fprintf(stderr, "responder_v3: keys\n");
        return 1;
    }
    memset(&keys[0], 0, sizeof keys[0]);
    keys[1] = keys[2];
    keys[1].priv = OWS_USM_PRIV_NONE;

    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa)) {
        perror("responder_v3: bind");
        return 1;
    }
    while (now() - t0 < seconds) {
        struct pollfd p = { fd, POLLIN, 0 };
        struct sockaddr_in from;
        socklen_t fl = sizeof from;
        ows_v3_msg m;
        ows_msg req;
        ows_v3_head h;
        ows_v3_usm u;
        ows_v3_scoped sc;
        ows_varbind vb;
        ows_pdu resp;
        uint8_t ceid[32];
        uint32_t ceid_len;
        size_t off, len;
        ssize_t n;
        int level, boots = 1, etime = (int)(now() - t0) + 1;

        if (poll(&p, 1, 200) <= 0)
            continue;
        n = recvfrom(fd, in, sizeof in, 0, (struct sockaddr *)&from, &fl);
        if (n <= 0 || ows_v3_decode(in, (size_t)n, &m)) {
            dropped++;
            continue;
        }
        level = m.head.flags & OWS_V3_FLAG_PRIV ? 2 : m.head.flags & OWS_V3_FLAG_AUTH ? 1 : 0;
        memset(&u, 0, sizeof u);
        memset(&sc, 0, sizeof sc);
        memset(&vb, 0, sizeof vb);
        memset(&resp, 0, sizeof resp);
        h.msg_id = m.head.msg_id;
        h.max_size = 65507;
        h.security_model = OWS_V3_MODEL_USM;
        memcpy(u.engine_id, engine_id, sizeof engine_id);
        u.engine_id_len = sizeof engine_id;
        u.engine_boots = boots;
        u.engine_time = etime;
        sc.context_engine_id = engine_id;
        sc.context_engine_id_len = sizeof engine_id;
        sc.pdu = &resp;
        resp.vbl.items = &vb;
        resp.vbl.count = 1;
        if (m.usm.engine_id_len == 0) {
            /* Discovery: a Report, noAuthNoPriv, with the request's id. */
            if (ows_v3_open_scoped(&m, NULL, NULL, 0, &req, ceid, &ceid_len)) {
                dropped++;
                continue;
            }
            resp.type = OWS_PDU_REPORT;
            resp.request_id = req.pdu.request_id;
            ows_msg_free(&req);
            vb.name.ids = (uint32_t *)usm_unknown;
            vb.name.len = 11;
            vb.value.syntax = OWS_SYN_CNTR32;
            vb.value.v.u = 1;
            h.flags = 0;
            level = 0;
        } else {
            if (m.usm.user_len != 5 || memcmp(m.usm.user, "bench", 5) ||
                (level && ows_usm_auth_check(keys[level].auth, keys[level].auth_key, in,
                                             (size_t)n, m.usm.auth_at)) ||
                ows_v3_open_scoped(&m, &keys[level], plain, sizeof plain, &req, ceid,
                                   &ceid_len)) {
                dropped++;
                continue;
            }
            resp.type = OWS_PDU_RESPONSE;
            resp.request_id = req.pdu.request_id;
            ows_msg_free(&req);
            vb.name.ids = (uint32_t *)sysname;
            vb.name.len = 9;
            vb.value.syntax = OWS_SYN_OCTETS;
            vb.value.v.str.ptr = (uint8_t *)"bench-responder";
            vb.value.v.str.len = 15;
            memcpy(u.user, "bench", 5);
            u.user_len = 5;
            h.flags = m.head.flags & (OWS_V3_FLAG_AUTH | OWS_V3_FLAG_PRIV);
            if (level == 2) {
                for (int i = 0; i < 8; i++)
                    u.priv[i] = (uint8_t)(salt >> (56 - 8 * i));
                u.priv_len = 8;
                salt++;
            }
        }
        if (ows_v3_encode(&h, &u, &sc, level ? &keys[level] : NULL, out, sizeof out, &off,
                          &len)) {
            dropped++;
            continue;
        }
        sendto(fd, out + off, len, 0, (struct sockaddr *)&from, fl);
        answered++;
    }
    fprintf(stderr, "responder_v3: answered %lu, dropped %lu\n", answered, dropped);
    ows_usm_user_clear(&user);
    return 0;
}
