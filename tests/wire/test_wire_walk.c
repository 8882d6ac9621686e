/* test_wire_walk.c - GETNEXT and GETBULK walks of the system, interfaces, ip,
 * snmp and hrSWInstalled subtrees, SNMPv1 and SNMPv2c, IPv4 and IPv6, in
 * polling, callback and (on Windows) window-message mode, each compared OID
 * by OID with net-snmp's snmpwalk of the same agent (make-refs.sh). */
#include "walk.h"

enum { MODE_POLL, MODE_CALLBACK, MODE_WINDOW };
static const char *mode_name[] = { "polling", "callback", "window" };

static SNMPAPI_STATUS CALLBACK on_notify(HSNMP_SESSION s, HWND hwnd, UINT msg, WPARAM wp,
                                         LPARAM lp, LPVOID data)
{
    struct walk *w = data;
    (void)s; (void)hwnd; (void)msg; (void)lp;
    if (wp != 0) {
        fprintf(stderr, "walk: notification error %lu for request %ld\n", (unsigned long)wp,
                (long)lp);
        w->failed = 1;
        atomic_store(&w->finished, 1);
        return SNMPAPI_SUCCESS;
    }
    walk_drain(w);
    return SNMPAPI_SUCCESS;
}

#ifdef _WIN32
#define WM_SNMP (WM_USER + 7)
static struct walk *window_walk;
static LRESULT CALLBACK wndproc(HWND h, UINT msg, WPARAM wp, LPARAM lp)
{
    if (msg == WM_SNMP) {
        if (wp != 0) {
            window_walk->failed = 1;
            atomic_store(&window_walk->finished, 1);
        } else {
            walk_drain(window_walk);
        }
        return 0;
    }
    return DefWindowProcA(h, msg, wp, lp);
}
#endif

static int run_walk(int mode, const char *agent, int v2, const char *subtree, const char *root,
                    int bulk, const char *refdir, int fam)
{
    struct walk w;
    HSNMP_SESSION s = 0;
    HSNMP_ENTITY dst;
    HSNMP_CONTEXT ctx;
    smiOCTETS com = { 6, (smiLPBYTE)"public" };
    char path[512];
    double t0 = wire_now(), deadline = t0 + 120;
    int ok;
#ifdef _WIN32
    HWND hwnd = NULL;
#endif

    SnmpSetTranslateMode(v2 ? SNMPAPI_UNTRANSLATED_V2 : SNMPAPI_UNTRANSLATED_V1);
    if (mode == MODE_CALLBACK) {
        s = SnmpCreateSession(NULL, 0, on_notify, &w);
    } else if (mode == MODE_POLL) {
        s = SnmpCreateSession(NULL, 0, NULL, NULL);
    }
#ifdef _WIN32
    else {
        hwnd = CreateWindowExA(0, "ows_wire_walk", "", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL,
                               GetModuleHandleA(NULL), NULL);
        s = SnmpOpen(hwnd, WM_SNMP);
        window_walk = &w;
    }
#endif
    CHECK(s != 0);
    if (!s) return 0;
    dst = SnmpStrToEntity(s, agent);
    ctx = SnmpStrToContext(s, &com);
    walk_init(&w, s, dst, ctx, root, bulk);
    walk_send(&w);
    while (!atomic_load(&w.finished) && wire_now() < deadline) {
        if (mode == MODE_POLL) {
            walk_drain(&w);
            if (!atomic_load(&w.finished)) wire_sleep_ms(0);
        }
#ifdef _WIN32
        else if (mode == MODE_WINDOW) {
            MSG m;
            if (MsgWaitForMultipleObjects(0, NULL, FALSE, 100, QS_ALLINPUT) == WAIT_OBJECT_0)
                while (PeekMessageA(&m, NULL, 0, 0, PM_REMOVE)) {
                    TranslateMessage(&m);
                    DispatchMessageA(&m);
                }
        }
#endif
        else {
            wire_sleep_ms(2);
        }
    }
    CHECK(atomic_load(&w.finished));
    CHECK(!w.failed);
    /* Close first: in callback mode no callback runs once SnmpClose returns,
     * so the walk's state is ours again. */
    CHECK(SnmpClose(s) == SNMPAPI_SUCCESS);
#ifdef _WIN32
    if (hwnd) DestroyWindow(hwnd);
#endif
    snprintf(path, sizeof path, "%s/%s-v%s-ip%d.txt", refdir, subtree, v2 ? "2c" : "1", fam);
    ok = walk_compare(&w, path);
    CHECK(ok);
    fprintf(stderr, "  %-8s %-8s v%-2s ip%d %-13s %5lu OIDs %s %.0f ms\n", mode_name[mode],
            bulk ? "GETBULK" : "GETNEXT", v2 ? "2c" : "1", fam, subtree, (unsigned long)w.n,
            ok ? "same as snmpwalk" : "DIFFERENT", (wire_now() - t0) * 1000);
    CHECK(w.n > 0);
    walk_free(&w);
    return ok;
}

int main(int argc, char **argv)
{
    static const char *trees[][2] = {
        { "system", "1.3.6.1.2.1.1" }, { "interfaces", "1.3.6.1.2.1.2" },
        { "ip", "1.3.6.1.2.1.4" }, { "snmp", "1.3.6.1.2.1.11" },
        { "hrSWInstalled", "1.3.6.1.2.1.25.6" },
    };
    const char *refdir = argc > 1 ? argv[1] : "refs";
    int v2, fam, t, bulk;
#ifdef _WIN32
    WNDCLASSA wc;
    memset(&wc, 0, sizeof wc);
    wc.lpfnWndProc = wndproc;
    wc.hInstance = GetModuleHandleA(NULL);
    wc.lpszClassName = "ows_wire_walk";
    RegisterClassA(&wc);
#endif
    wire_startup(SNMPAPI_UNTRANSLATED_V1);
    for (v2 = 0; v2 <= 1; v2++)
        for (fam = 4; fam <= 6; fam += 2)
            for (t = 0; t < 5; t++)
                for (bulk = 0; bulk <= 1; bulk++) {
                    /* Rotate the notification modes over the walks. */
                    int mode = (t + bulk) % 2 ? MODE_CALLBACK : MODE_POLL;
                    run_walk(mode, fam == 4 ? AGENT4 : AGENT6, v2, trees[t][0], trees[t][1],
                             bulk, refdir, fam);
                }
#ifdef _WIN32
    for (t = 0; t < 5; t++)
        run_walk(MODE_WINDOW, AGENT4, 1, trees[t][0], trees[t][1], t % 2, refdir, 4);
#endif
    CHECK(SnmpCleanup() == SNMPAPI_SUCCESS);
    {
        long live = wire_live_handles();
        CHECK(live == 0 || live == -1);
    }
    return wire_done("test_wire_walk");
}
