/* api_helpers.h - what the export-level unit tests (test_*_api.c) share: the
 * last-error check, the allocation torture loop and the session fixture.
 * Include it first: it sets _POSIX_C_SOURCE. */
#ifndef OWS_TEST_API_HELPERS_H
#define OWS_TEST_API_HELPERS_H
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "winsnmp.h"
#include "core/alloc.h"
#include "core/handle.h"
#include "core/state.h"

#define SENTINEL 0x5A5A

/* `call` fails (returns 0 or a NULL handle) and sets exactly `code` as the
 * last error; the sentinel proves the call wrote it. */
#define EXPECT_FAIL(call, code) do { \
        ows_set_last_error(SENTINEL); \
        assert_int_equal((uintptr_t)(call), 0); \
        assert_int_equal(SnmpGetLastError(NULL), (code)); } while (0)

/* Runs `expr` with the k-th allocation failing, k = 0, 1, ... until it
 * succeeds (at least one failing run, fewer than 50); each failure must
 * report ALLOC_ERROR and leak nothing. `okexpr` then checks the success. */
#define TORTURE(expr, okexpr) do { \
        long k_, base_; SNMPAPI_STATUS r_; \
        for (k_ = 0; k_ < 50; k_++) { \
            base_ = ows_alloc_live(); \
            ows_alloc_fail_after(k_); \
            ows_set_last_error(SENTINEL); \
            r_ = (SNMPAPI_STATUS)(uintptr_t)(expr); \
            ows_alloc_fail_after(-1); \
            if (r_) break; \
            assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ALLOC_ERROR); \
            if (ows_alloc_live() != base_) \
                fprintf(stderr, "k=%ld delta=%ld\n", k_, ows_alloc_live() - base_); \
            assert_int_equal(ows_alloc_live(), base_); \
        } \
        assert_true(k_ > 0 && k_ < 50); \
        okexpr; \
    } while (0)

/* Fixture: starts the library and opens one session; 0 on success. */
static inline int api_open_session(HSNMP_SESSION *sess)
{
    if (SnmpStartup(NULL, NULL, NULL, NULL, NULL) != SNMPAPI_SUCCESS)
        return -1;
    *sess = SnmpCreateSession(NULL, 0, NULL, NULL);
    return *sess ? 0 : -1;
}

/* Fixture: closes the session and stops the library. */
static inline void api_close_session(HSNMP_SESSION sess)
{
    SnmpClose(sess);
    SnmpCleanup();
}

#endif
