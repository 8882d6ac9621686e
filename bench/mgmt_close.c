/* mgmt_close.c - SnmpMgrOpen + SnmpMgrClose pairs with no other session
 * open: the median (and 99th percentile) time of SnmpMgrClose, and the
 * process's handles/descriptors and threads before and after, which must
 * not grow. Builds natively and for Windows (run under Wine by
 * bench/run-mgmt.sh).
 *
 * usage: mgmt_close [pairs] [port]   (default 10000; with a port, each
 * session first GETs sysName.0 from bench/responder there, so the close
 * also releases a socket)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mgmt_bench.h"
#ifdef _WIN32
#  include <tlhelp32.h>
#else
#  include <dirent.h>
#  include <time.h>
#endif

#ifdef _WIN32
static long handles(void)
{
    DWORD n = 0;
    GetProcessHandleCount(GetCurrentProcess(), &n);
    return (long)n;
}

static long threads(void)
{
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    THREADENTRY32 te;
    long n = 0;
    te.dwSize = sizeof te;
    if (snap == INVALID_HANDLE_VALUE)
        return -1;
    if (Thread32First(snap, &te)) {
        do {
            if (te.th32OwnerProcessID == GetCurrentProcessId())
                n++;
        } while (Thread32Next(snap, &te));
    }
    CloseHandle(snap);
    return n;
}
#else
static long handles(void)
{
    DIR *d = opendir("/proc/self/fd");
    long n = 0;
    if (!d)
        return -1;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

static long threads(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long n = -1;
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "Threads:", 8))
            n = atol(line + 8);
    if (f)
        fclose(f);
    return n;
}
#endif

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int pairs = argc > 1 ? atoi(argv[1]) : 10000, i, failed = 0;
    char agent[64];
    double *t = malloc(sizeof(double) * (size_t)(pairs > 0 ? pairs : 1));
    long h0, th0, h1, th1;
    LPSNMP_MGR_SESSION s;
    if (!t || pairs <= 0)
        return 2;
    snprintf(agent, sizeof agent, "127.0.0.1:%s", argc > 2 ? argv[2] : "161");
    /* The first pair starts the library (its one engine thread). */
    s = SnmpMgrOpen(agent, (LPSTR)"public", 1000, 1);
    if (!s || !SnmpMgrClose(s)) {
        fprintf(stderr, "mgmt_close: open/close failed (%lu)\n", (unsigned long)GetLastError());
        return 1;
    }
    h0 = handles();
    th0 = threads();
    for (i = 0; i < pairs; i++) {
        double a;
        s = SnmpMgrOpen(agent, (LPSTR)"public", 1000, 1);
        if (argc > 2)
            failed += !get_one(s);
        a = now_us();
        if (!SnmpMgrClose(s))
            failed++;
        t[i] = now_us() - a;
    }
    /* The engine thread closes a released socket right after the close
     * returns (sockets are closed only between its polls): let it. */
#ifdef _WIN32
    Sleep(100);
#else
    {
        struct timespec ts = { 0, 100000000L };
        nanosleep(&ts, NULL);
    }
#endif
    h1 = handles();
    th1 = threads();
    qsort(t, (size_t)pairs, sizeof(double), cmp);
    printf("SnmpMgrOpen+%sSnmpMgrClose x %d: close median %.2f us, p99 %.2f us, max %.1f us; "
           "%d failed; handles %ld -> %ld, threads %ld -> %ld\n",
           argc > 2 ? "GET+" : "", pairs, t[pairs / 2], t[pairs * 99 / 100], t[pairs - 1], failed, h0, h1, th0, th1);
    free(t);
    return failed || h1 > h0 || th1 > th0;
}
