/* agent.c - a WinSNMP agent: listens on ADDRESS:PORT (SnmpListen) and
 * answers GET, GETNEXT and GETBULK requests for a few objects of the system
 * group from a small table; a SET is answered with notWritable. Only the
 * community "public" is answered; requests with any other are dropped, as
 * snmpd drops them.
 *
 * usage: example_agent ADDRESS:PORT [IDLE-SECONDS [MAX-SECONDS]]   (defaults: 3, 60)
 *        stops IDLE-SECONDS after the last request it answered, or after
 *        MAX-SECONDS in all
 *
 * The agent role in WinSNMP: SnmpListen(entity, SNMPAPI_ON) binds the
 * entity's address; requests are queued to the session that created the
 * entity and come out of SnmpRecvMsg like any message; the application
 * answers with SnmpSendMsg of a RESPONSE with source and destination swapped,
 * and the library sends it from the listening socket in the request's SNMP
 * version and community.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>
#include "common.h"

#define MAX_VARBINDS 64   /* cap on the variables of one response */

/* The agent's MIB: (name, value) in lexicographic order of the names. */
static struct object {
    const char *oid_text;
    smiUINT32 syntax;
    const char *text;   /* SNMP_SYNTAX_OCTETS */
    smiINT number;      /* SNMP_SYNTAX_INT; TIMETICKS: sysUpTime, computed */
    smiOID oid;         /* oid_text, parsed at startup */
} mib[] = {
    { "1.3.6.1.2.1.1.1.0", SNMP_SYNTAX_OCTETS, "OpenWinSNMP example agent (SnmpListen)", 0, {0, 0} },
    { "1.3.6.1.2.1.1.3.0", SNMP_SYNTAX_TIMETICKS, NULL, 0, {0, 0} },
    { "1.3.6.1.2.1.1.4.0", SNMP_SYNTAX_OCTETS, "demo@openwinsnmp.invalid", 0, {0, 0} },
    { "1.3.6.1.2.1.1.5.0", SNMP_SYNTAX_OCTETS, "ows-example-agent", 0, {0, 0} },
    { "1.3.6.1.2.1.1.6.0", SNMP_SYNTAX_OCTETS, "loopback", 0, {0, 0} },
    { "1.3.6.1.2.1.1.7.0", SNMP_SYNTAX_INT, NULL, 72, {0, 0} },
};
#define MIB_SIZE (int)(sizeof mib / sizeof mib[0])

static unsigned long started_ms;
static event_t *answered;   /* set after each answered request */

/* The value of mib[k], in a smiVALUE that points into the table. */
static smiVALUE value_of(int k)
{
    smiVALUE v;
    v.syntax = mib[k].syntax;
    if (v.syntax == SNMP_SYNTAX_OCTETS) {
        v.value.string.len = (smiUINT32)strlen(mib[k].text);
        v.value.string.ptr = (smiLPBYTE)mib[k].text;
    } else if (v.syntax == SNMP_SYNTAX_TIMETICKS) {
        v.value.uNumber = (smiUINT32)((now_ms() - started_ms) / 10);   /* centiseconds */
    } else {
        v.value.sNumber = mib[k].number;
    }
    return v;
}

/* Index of the object named `name`, or of the first one after it (next != 0);
 * MIB_SIZE when there is none. */
static int lookup(const smiOID *name, int next)
{
    int k;
    for (k = 0; k < MIB_SIZE; k++) {
        smiINT order = 0;
        SnmpOidCompare(&mib[k].oid, name, 0, &order);
        if (next ? order > 0 : order == 0)
            return k;
        if (!next && order > 0)
            break;
    }
    return MIB_SIZE;
}

/* Appends mib[k] to `out`, or `name` with the exception `none` if k is past the table. */
static void append(HSNMP_VBL out, int k, const smiOID *name, smiUINT32 none)
{
    smiVALUE v;
    if (k < MIB_SIZE) {
        v = value_of(k);
        SnmpSetVb(out, 0, &mib[k].oid, &v);
    } else {
        v.syntax = none;   /* noSuchObject or endOfMibView: no value */
        v.value.uNumber = 0;
        SnmpSetVb(out, 0, name, &v);
    }
}

/* Builds the response's variable bindings for one request. */
static HSNMP_VBL answer(HSNMP_SESSION session, smiINT type, HSNMP_VBL request,
                        smiINT non_repeaters, smiINT max_repetitions)
{
    HSNMP_VBL out = SnmpCreateVbl(session, NULL, NULL);
    smiUINT32 i, n = SnmpCountVbl(request);
    int cursor[MAX_VARBINDS], r;

    if (type == SNMP_PDU_GET || type == SNMP_PDU_GETNEXT)
        non_repeaters = (smiINT)n;   /* one answer per variable */
    if (non_repeaters < 0)
        non_repeaters = 0;
    if (n > MAX_VARBINDS)
        n = MAX_VARBINDS;
    for (i = 1; i <= n; i++) {
        smiOID name;
        smiVALUE ignored;
        if (SnmpGetVb(request, i, &name, &ignored) == SNMPAPI_FAILURE)
            continue;
        if (type == SNMP_PDU_GET)
            append(out, lookup(&name, 0), &name, SNMP_SYNTAX_NOSUCHOBJECT);
        else if ((smiINT)i <= non_repeaters)
            append(out, lookup(&name, 1), &name, SNMP_SYNTAX_ENDOFMIBVIEW);
        else
            cursor[i - 1] = lookup(&name, 1);   /* GETBULK repeaters: below */
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
        free_value(&ignored);
    }
    /* GETBULK: the repeaters row by row, max-repetitions rows (RFC 3416),
     * fewer when the table ends or the response would get too long. */
    if (type == SNMP_PDU_GETBULK && non_repeaters < (smiINT)n) {
        for (r = 0; r < max_repetitions; r++) {
            int more = 0;
            for (i = (smiUINT32)non_repeaters + 1; i <= n; i++) {
                if (SnmpCountVbl(out) >= MAX_VARBINDS)
                    return out;
                if (cursor[i - 1] < MIB_SIZE) {
                    append(out, cursor[i - 1]++, NULL, 0);
                    more = 1;
                } else {
                    append(out, MIB_SIZE, &mib[MIB_SIZE - 1].oid, SNMP_SYNTAX_ENDOFMIBVIEW);
                }
            }
            if (!more)
                break;
        }
    }
    return out;
}

static SNMPAPI_STATUS CALLBACK on_notify(HSNMP_SESSION session, HWND hWnd, UINT wMsg,
                                         WPARAM wParam, LPARAM lParam, LPVOID clientData)
{
    HSNMP_ENTITY manager, me;
    HSNMP_CONTEXT context;
    HSNMP_PDU pdu;
    (void)hWnd; (void)wMsg; (void)lParam; (void)clientData;

    if (wParam != 0)
        return SNMPAPI_SUCCESS;
    /* A request's source is the manager, its destination is us. */
    while (SnmpRecvMsg(session, &manager, &me, &context, &pdu) == SNMPAPI_SUCCESS) {
        smiOCTETS community = { 0, NULL };
        smiINT type = 0, non_repeaters = 0, max_repetitions = 0, error = 0, index = 0;
        smiINT32 id = 0;
        HSNMP_VBL request = 0, vbl;
        HSNMP_PDU response;
        char from[256] = "?";
        const char *kind;

        SnmpEntityToStr(manager, sizeof from, from);
        SnmpContextToStr(context, &community);
        /* For a GETBULK the error-status/index fields are non-repeaters and max-repetitions. */
        SnmpGetPduData(pdu, &type, &id, &non_repeaters, &max_repetitions, &request);
        kind = pdu_type_name(type) ? pdu_type_name(type) : "other PDU";
        if (community.len != 6 || memcmp(community.ptr, "public", 6) != 0) {
            printf("%s from %s: community \"%.*s\" is not ours, dropped\n", kind,
                   from, (int)community.len, (const char *)community.ptr);
        } else if (type == SNMP_PDU_GET || type == SNMP_PDU_GETNEXT ||
                   type == SNMP_PDU_GETBULK || type == SNMP_PDU_SET) {
            if (type == SNMP_PDU_SET) {
                vbl = request;   /* echo the request's variables with the error */
                error = SNMP_ERROR_NOTWRITABLE;
                index = 1;
            } else {
                vbl = answer(session, type, request, non_repeaters, max_repetitions);
            }
            response = SnmpCreatePdu(session, SNMP_PDU_RESPONSE, id, error, index, vbl);
            /* Source and destination swapped: from us back to the manager. */
            if (response && SnmpSendMsg(session, me, manager, context, response) == SNMPAPI_SUCCESS)
                printf("%s from %s: %lu variable(s) asked, %lu answered%s\n", kind,
                       from, (unsigned long)SnmpCountVbl(request), (unsigned long)SnmpCountVbl(vbl),
                       error ? " (notWritable)" : "");
            else
                printf("answering failed: %s\n", api_error_name(SnmpGetLastError(session)));
            if (vbl != request)
                SnmpFreeVbl(vbl);
            SnmpFreePdu(response);
            event_set(answered);
        }
        fflush(stdout);
        SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&community);
        SnmpFreeVbl(request);
        SnmpFreePdu(pdu);
        SnmpFreeContext(context);
        SnmpFreeEntity(manager);
        SnmpFreeEntity(me);
    }
    return SNMPAPI_SUCCESS;
}

int main(int argc, char **argv)
{
    const char *address = argc > 1 ? argv[1] : "127.0.0.1";
    unsigned idle_ms = (argc > 2 ? (unsigned)atoi(argv[2]) : 3u) * 1000u;
    unsigned long max_ms = (argc > 3 ? (unsigned long)atoi(argv[3]) : 60ul) * 1000ul;
    HSNMP_SESSION session;
    HSNMP_ENTITY me;
    int k, served = 0;

    started_ms = now_ms();
    answered = event_create();
    if (!answered || SnmpStartup(NULL, NULL, NULL, NULL, NULL) == SNMPAPI_FAILURE) {
        printf("SnmpStartup failed: %s\n", api_error_name(SnmpGetLastError(NULL)));
        return 1;
    }
    for (k = 0; k < MIB_SIZE; k++)
        SnmpStrToOid(mib[k].oid_text, &mib[k].oid);
    SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2);   /* entity strings are addresses */
    session = SnmpCreateSession(NULL, 0, on_notify, NULL);
    me = session ? SnmpStrToEntity(session, address) : 0;
    if (!me || SnmpListen(me, SNMPAPI_ON) == SNMPAPI_FAILURE) {
        printf("SnmpListen failed: %s\n", api_error_name(SnmpGetLastError(session)));
        SnmpCleanup();
        return 1;
    }
    printf("agent listening on %s (community \"public\")\n", address);
    fflush(stdout);

    /* Serve: wait for the first request, then until IDLE-SECONDS pass without one. */
    while (now_ms() - started_ms < max_ms &&
           event_wait(answered, served ? idle_ms : (unsigned)(max_ms - (now_ms() - started_ms))))
        served = 1;

    SnmpListen(me, SNMPAPI_OFF);
    for (k = 0; k < MIB_SIZE; k++)
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&mib[k].oid);
    SnmpClose(session);
    SnmpCleanup();
    event_free(answered);
    if (served)
        printf("agent: stopped, %u s without a request\n", idle_ms / 1000u);
    else
        printf("agent: FAILED, no request in %lu s\n", max_ms / 1000ul);
    fflush(stdout);
    return served ? 0 : 1;
}
