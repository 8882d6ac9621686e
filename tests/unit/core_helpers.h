/* core_helpers.h - small helpers shared by the core's unit tests (core
 * engineer's files): cmocka includes and the alloc-torture loop. */
#ifndef OWS_TEST_CORE_HELPERS_H
#define OWS_TEST_CORE_HELPERS_H
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "winsnmp.h"
#include "core/alloc.h"
#include "core/error.h"
#include "core/handle.h"
#include "core/state.h"

/* Starts the library (plain startup) and checks it worked. */
static inline void core_startup(void)
{
    assert_int_equal(SnmpStartup(NULL, NULL, NULL, NULL, NULL), SNMPAPI_SUCCESS);
}

/* Final cleanup, and proof that nothing is left behind. */
static inline void core_cleanup(void)
{
    while (SnmpCleanupEx() == SNMPAPI_SUCCESS)
        ;
    /* SnmpCleanupEx with nothing left started documents OTHER_ERROR. */
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_OTHER_ERROR);
    assert_int_equal(SnmpGetTranslateMode(NULL), SNMPAPI_FAILURE);
    assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_NOT_INITIALIZED);
    assert_int_equal(ows_handle_live(0), 0);
}

/* Fixture of the tests that work in one session: starts the library and
 * opens it; 0 on success. */
static inline int core_open_session(HSNMP_SESSION *sess)
{
    core_startup();
    *sess = SnmpCreateSession(NULL, 0, NULL, NULL);
    return *sess ? 0 : -1;
}

/* Fixture: closes the session, then the final cleanup and its proof. */
static inline void core_close_session(HSNMP_SESSION sess)
{
    SnmpClose(sess);
    core_cleanup();
}

/* Alloc torture (curl's idea): runs `call` with the k-th allocation failing,
 * k = 0, 1, 2, ..., until it succeeds. Every failing run must report
 * ALLOC_ERROR through SnmpGetLastError(NULL) and leave the number of live
 * allocations and live handles unchanged. `call` returns non-zero on success
 * and undoes its own success (frees what it created) before returning.
 * Returns how many failing runs there were. */
#define CORE_ALLOC_TORTURE(call, max_k) do {                                    \
    long k_;                                                                    \
    int ok_ = 0;                                                                \
    for (k_ = 0; k_ <= (max_k) && !ok_; k_++) {                                 \
        long live_ = ows_alloc_live();                                          \
        size_t handles_ = ows_handle_live(0);                                   \
        ows_alloc_fail_after(k_);                                               \
        ok_ = (call);                                                           \
        ows_alloc_fail_after(-1);                                               \
        if (!ok_) {                                                             \
            assert_int_equal(SnmpGetLastError(NULL), SNMPAPI_ALLOC_ERROR);      \
            assert_int_equal(ows_alloc_live(), live_);                          \
            assert_int_equal(ows_handle_live(0), handles_);                     \
        }                                                                       \
    }                                                                           \
    assert_true(ok_);                                                           \
} while (0)

#endif
