/*
 * mconf.h - helpers of the Management API conformance suite.
 *
 * The suite uses ONLY the public headers (mgmtapi.h, snmp.h) and the
 * exported ABI of mgmtapi.dll and snmpapi.dll, so the same executables run
 * against any mgmtapi.dll (run-against.sh). Every failing call is checked
 * for its return value and its last error, with a sentinel last error set
 * before the call so that a stale code cannot make a test pass.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef OWS_MCONF_H
#define OWS_MCONF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mgmtapi.h"
#include "conf_main.h"

#define MCONF_SENTINEL 0x5EED5EEDu

/* Sets the sentinel, evaluates expr into `ret`. */
#define MCALL(ret, expr) do { SetLastError(MCONF_SENTINEL); (ret) = (expr); } while (0)

/* The call failed with `code` as its last error. */
#define MFAILS(expr, code) do {                                                   \
        long long r_;                                                             \
        SetLastError(MCONF_SENTINEL);                                             \
        r_ = (long long)(intptr_t)(expr);                                         \
        if (r_ != 0 || GetLastError() != (DWORD)(code)) {                         \
            fprintf(stderr, "%s:%d: %s: returned %lld, last error %lu, want 0 and %lu\n", \
                    __FILE__, __LINE__, #expr, r_, (unsigned long)GetLastError(), \
                    (unsigned long)(code));                                       \
            fail();                                                               \
        }                                                                         \
    } while (0)

/* The call succeeded (non-zero). */
#define MOK(expr) do {                                                            \
        long long r_;                                                             \
        SetLastError(MCONF_SENTINEL);                                             \
        r_ = (long long)(intptr_t)(expr);                                         \
        if (r_ == 0) {                                                            \
            fprintf(stderr, "%s:%d: %s failed, last error %lu\n", __FILE__, __LINE__, \
                    #expr, (unsigned long)GetLastError());                        \
            fail();                                                               \
        }                                                                         \
    } while (0)

/* The test agent (net-snmp's snmpd, started by the wire fixture) as
 * "127.0.0.1:<port>", from OWS_AGENT_PORT. */
static inline char *mconf_agent(void)
{
    static char buf[64];
    const char *p = getenv("OWS_AGENT_PORT");
    snprintf(buf, sizeof(buf), "127.0.0.1:%s", p && *p ? p : "16161");
    return buf;
}

/* A one-entry list naming oid (numeric text without the leading dot),
 * value NULL, in snmpapi memory so that SnmpMgrRequest may free it. */
static inline void mconf_list1(SnmpVarBindList *l, const UINT *ids, UINT n)
{
    l->list = (SnmpVarBind *)SnmpUtilMemAlloc(sizeof(SnmpVarBind));
    assert_non_null(l->list);
    l->len = 1;
    l->list[0].name.ids = (UINT *)SnmpUtilMemAlloc(n * sizeof(UINT));
    assert_non_null(l->list[0].name.ids);
    memcpy(l->list[0].name.ids, ids, n * sizeof(UINT));
    l->list[0].name.idLength = n;
    l->list[0].value.asnType = ASN_NULL;
}

#endif
