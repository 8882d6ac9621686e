/*
 * conf.h - helpers shared by the conformance suite.
 *
 * The suite uses ONLY the public header and the exported ABI, so the same
 * executables can be pointed at any wsnmp32.dll (ours, Wine's builtin, the
 * native one). Every call is checked Wine's way: a known "sentinel" error is
 * provoked first, then both the return value and SnmpGetLastError are checked,
 * so a stale last error can never make a test pass by accident.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef OWS_CONF_H
#define OWS_CONF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "winsnmp.h"

#ifdef _WIN32
#  define CONF_WINDOWS 1
#else
#  define CONF_WINDOWS 0
#endif

/* Provokes a process-wide error that differs from `avoid` and returns what
 * SnmpGetLastError(NULL) then reports. Two independent sources are used so
 * that a sentinel exists for every expected code: an invalid translate mode
 * (MODE_INVALID) and an over-long compare length (SIZE_INVALID). Before
 * startup both give NOT_INITIALIZED, which is the only error possible then. */
static inline unsigned conf_sentinel(unsigned avoid)
{
    if (avoid != SNMPAPI_MODE_INVALID) {
        SnmpSetTranslateMode(0x7f7fu);
    } else {
        smiUINT32 ids[2] = {1, 3};
        smiOID oid = {2, ids};
        smiINT res = 0;
        SnmpOidCompare(&oid, &oid, MAXOBJIDSIZE + 1, &res);
    }
    return SnmpGetLastError(NULL);
}

static inline const char *conf_errname(unsigned code)
{
    switch (code) {
    case 0: return "0";
    case SNMPAPI_ALLOC_ERROR: return "ALLOC_ERROR";
    case SNMPAPI_CONTEXT_INVALID: return "CONTEXT_INVALID";
    case SNMPAPI_CONTEXT_UNKNOWN: return "CONTEXT_UNKNOWN";
    case SNMPAPI_ENTITY_INVALID: return "ENTITY_INVALID";
    case SNMPAPI_ENTITY_UNKNOWN: return "ENTITY_UNKNOWN";
    case SNMPAPI_INDEX_INVALID: return "INDEX_INVALID";
    case SNMPAPI_NOOP: return "NOOP";
    case SNMPAPI_OID_INVALID: return "OID_INVALID";
    case SNMPAPI_OPERATION_INVALID: return "OPERATION_INVALID";
    case SNMPAPI_OUTPUT_TRUNCATED: return "OUTPUT_TRUNCATED";
    case SNMPAPI_PDU_INVALID: return "PDU_INVALID";
    case SNMPAPI_SESSION_INVALID: return "SESSION_INVALID";
    case SNMPAPI_SYNTAX_INVALID: return "SYNTAX_INVALID";
    case SNMPAPI_VBL_INVALID: return "VBL_INVALID";
    case SNMPAPI_MODE_INVALID: return "MODE_INVALID";
    case SNMPAPI_SIZE_INVALID: return "SIZE_INVALID";
    case SNMPAPI_NOT_INITIALIZED: return "NOT_INITIALIZED";
    case SNMPAPI_MESSAGE_INVALID: return "MESSAGE_INVALID";
    case SNMPAPI_HWND_INVALID: return "HWND_INVALID";
    case SNMPAPI_OTHER_ERROR: return "OTHER_ERROR";
    case SNMPAPI_TL_NOT_INITIALIZED: return "TL_NOT_INITIALIZED";
    case SNMPAPI_TL_NOT_SUPPORTED: return "TL_NOT_SUPPORTED";
    case SNMPAPI_TL_NOT_AVAILABLE: return "TL_NOT_AVAILABLE";
    case SNMPAPI_TL_RESOURCE_ERROR: return "TL_RESOURCE_ERROR";
    case SNMPAPI_TL_UNDELIVERABLE: return "TL_UNDELIVERABLE";
    case SNMPAPI_TL_SRC_INVALID: return "TL_SRC_INVALID";
    case SNMPAPI_TL_INVALID_PARAM: return "TL_INVALID_PARAM";
    case SNMPAPI_TL_IN_USE: return "TL_IN_USE";
    case SNMPAPI_TL_TIMEOUT: return "TL_TIMEOUT";
    case SNMPAPI_TL_PDU_TOO_BIG: return "TL_PDU_TOO_BIG";
    case SNMPAPI_TL_OTHER: return "TL_OTHER";
    default: return "?";
    }
}

/* Set before each checked call; read by the checker after it. Evaluating the
 * sentinel on the left of a comma operator guarantees it runs first. */
static unsigned conf_before_;

static inline void conf_check_fail_(uintptr_t ret, HSNMP_SESSION s, unsigned code,
                             const char *expr, const char *file, int line)
{
    unsigned got = (unsigned)SnmpGetLastError(NULL);
    if (ret != 0 || got != code) {
        print_error("%s:%d: %s\n    returned %lu with last error %u (%s); expected FAILURE with %u (%s) "
                    "[sentinel was %u]\n", file, line, expr, (unsigned long)ret, got,
                    conf_errname(got), code, conf_errname(code), conf_before_);
        _fail(file, line);
    }
    if (s != NULL) {
        /* A failure on a valid session is also that session's last error. */
        unsigned gs = (unsigned)SnmpGetLastError(s);
        if (gs != code) {
            print_error("%s:%d: %s\n    session last error %u (%s), expected %u (%s)\n",
                        file, line, expr, gs, conf_errname(gs), code, conf_errname(code));
            _fail(file, line);
        }
    }
}

/* OpenWinSNMP decision (WinSNMP documents nothing here): a successful call
 * leaves the last error alone, like most Win32 APIs. */
static inline uintptr_t conf_check_ok_(uintptr_t ret, const char *expr, const char *file, int line)
{
    unsigned got = (unsigned)SnmpGetLastError(NULL);
    if (ret == 0) {
        print_error("%s:%d: %s\n    failed with last error %u (%s); expected success\n",
                    file, line, expr, got, conf_errname(got));
        _fail(file, line);
    }
    if (got != conf_before_) {
        print_error("%s:%d: %s\n    succeeded but changed the last error %u (%s) -> %u (%s) "
                    "[OpenWinSNMP decision: success leaves it alone]\n", file, line, expr,
                    conf_before_, conf_errname(conf_before_), got, conf_errname(got));
        _fail(file, line);
    }
    return ret;
}

/* EXPECT_FAIL(call, code): the call returns 0 (FAILURE or a NULL handle) and
 * SnmpGetLastError(NULL) == code, after a sentinel different from code. */
#define EXPECT_FAIL(call, code)                                                \
    ((void)(conf_before_ = conf_sentinel(code)),                               \
     conf_check_fail_((uintptr_t)(call), NULL, (code), #call, __FILE__, __LINE__))

/* The same, and the session's own last error must also be `code`. */
#define EXPECT_FAIL_S(s, call, code)                                           \
    ((void)(conf_before_ = conf_sentinel(code)),                               \
     conf_check_fail_((uintptr_t)(call), (s), (code), #call, __FILE__, __LINE__))

/* EXPECT_OK(call): non-zero result, last error untouched; yields the result. */
#define EXPECT_OK(call)                                                        \
    ((void)(conf_before_ = conf_sentinel(0)),                                  \
     conf_check_ok_((uintptr_t)(call), #call, __FILE__, __LINE__))

/* EXPECT_RET(call, v): succeeds and returns exactly v. */
#define EXPECT_RET(call, v) assert_int_equal((uintptr_t)EXPECT_OK(call), (uintptr_t)(v))

/* ---- fixtures ------------------------------------------------------------ */

static inline SNMPAPI_STATUS CALLBACK conf_callback(HSNMP_SESSION s, HWND w, UINT m, WPARAM wp,
                                            LPARAM lp, LPVOID data)
{
    (void)s; (void)w; (void)m; (void)wp; (void)lp; (void)data;
    return SNMPAPI_SUCCESS;
}

/* Fixture state: a started library and one callback session (the documented
 * kind of session that needs no window, so it works natively too). */
struct conf_fx {
    HSNMP_SESSION s;
};

static inline int conf_setup(void **state)
{
    static struct conf_fx fx;
    smiUINT32 maj = 0, min = 0, lvl = 0, tm = 0, rm = 0;
    if (SnmpStartup(&maj, &min, &lvl, &tm, &rm) != SNMPAPI_SUCCESS)
        return -1;
    /* Each test starts from the documented defaults. */
    SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V1);
    SnmpSetRetransmitMode(SNMPAPI_ON);
    fx.s = SnmpCreateSession(NULL, 0, conf_callback, NULL);
    if (fx.s == NULL) {
        SnmpCleanup();
        return -1;
    }
    *state = &fx;
    return 0;
}

static inline int conf_teardown(void **state)
{
    (void)state;
    /* SnmpCleanup closes the session and frees everything it owns. */
    return SnmpCleanup() == SNMPAPI_SUCCESS ? 0 : -1;
}

#define FX(state) (((struct conf_fx *)*(state))->s)
#define CONF_TEST(f) cmocka_unit_test_setup_teardown(f, conf_setup, conf_teardown)

#include "conf_main.h"

/* ---- small builders -------------------------------------------------------- */

/* Sleeps ms milliseconds (the network tests' bounded waits). */
#ifdef _WIN32
static inline void conf_sleep_ms(unsigned ms) { Sleep(ms); }
#else
#  include <time.h>
static inline void conf_sleep_ms(unsigned ms)
{
    struct timespec ts;
    ts.tv_sec = ms / 1000u;
    ts.tv_nsec = (long)(ms % 1000u) * 1000000L;
    nanosleep(&ts, NULL);
}
#endif

/* Parses "1.3.6..." into a caller-owned buffer (no library call involved). */
static inline smiOID conf_oid(smiUINT32 *buf, size_t cap, const char *text)
{
    smiOID o;
    size_t n = 0;
    const char *p = text;
    while (*p && n < cap) {
        buf[n++] = (smiUINT32)strtoul(p, (char **)&p, 10);
        if (*p == '.')
            p++;
    }
    o.len = (smiUINT32)n;
    o.ptr = buf;
    return o;
}

/* Deterministic PRNG (splitmix64) for the handle-safety tests. */
static uint64_t conf_rng_state = 0x5eed0f0dc0ffee11ull;
static inline uint64_t conf_rand64(void)
{
    uint64_t z = (conf_rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* A random handle value: 32-bit on odd draws, full pointer width on even. */
static inline HANDLE conf_random_handle(void)
{
    uint64_t r = conf_rand64();
    uintptr_t v = (r & 1) ? (uintptr_t)(uint32_t)(r >> 16) : (uintptr_t)r;
    if (v == 0)
        v = 0x1234;
    return (HANDLE)v;
}

#endif
