/* manager.c - a WinSNMP manager: how a Windows application talks to an SNMP
 * agent through wsnmp32.dll.
 *
 *   1. GET sysDescr.0, sysName.0 and sysUpTime.0 in one request;
 *   2. walk the system subtree (1.3.6.1.2.1.1) with GETBULK;
 *   3. SET ifAdminStatus.1 to up(1): refused with the read-only community,
 *      accepted with the read-write one; then GET it back.
 *
 * Values are printed the way net-snmp's `snmpwalk -On` prints them, so the
 * walk can be compared with snmpwalk's output line for line.
 *
 * usage: example_manager AGENT [READ-COMMUNITY [WRITE-COMMUNITY]]
 *        AGENT is an address with an optional port: 127.0.0.1:16161, [::1]:16161,
 *        or a name of the WinSNMP database (WSNMP_DATABASE), which may make
 *        it an SNMPv3 agent with its user and keys: the program is the same
 *        the communities default to "public" and "private"
 *
 * WinSNMP requests are asynchronous: SnmpSendMsg returns at once, and the
 * library notifies the session when the response (or a timeout) arrives. A
 * GUI program would pass a window and a message to SnmpCreateSession and get
 * the notification in its window procedure; this console program passes a
 * callback, which runs on the library's thread and hands the response to
 * main() through an event.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>
#include "common.h"

#define OID_SYSTEM        "1.3.6.1.2.1.1"
#define OID_SYSDESCR      "1.3.6.1.2.1.1.1.0"
#define OID_SYSUPTIME     "1.3.6.1.2.1.1.3.0"
#define OID_SYSNAME       "1.3.6.1.2.1.1.5.0"
#define OID_IFADMINSTATUS "1.3.6.1.2.1.2.2.1.7.1"   /* ifAdminStatus of interface 1 */
#define MAX_REPETITIONS   10

/* The session and the one request in flight (common.h's requester: its
 * callback hands the response to main()), and the agent. */
struct manager {
    struct requester req;
    HSNMP_ENTITY agent;
};

/* Sends one request and waits for its outcome (requester_send: SnmpCreatePdu,
 * SnmpSendMsg, then the callback's SnmpRecvMsg). Returns the response PDU
 * (the caller frees it) or 0 after printing why there is none. */
static HSNMP_PDU request(struct manager *m, HSNMP_CONTEXT community, smiINT type,
                         HSNMP_VBL vbl, smiINT non_repeaters, smiINT max_repetitions)
{
    HSNMP_PDU response = requester_send(&m->req, m->agent, community, type, vbl,
                                        non_repeaters, max_repetitions, 30000);
    if (!response && !m->req.error)
        printf("request %ld: no notification in 30 s\n", (long)m->req.awaited_id);
    else if (!response)
        printf("request %ld failed: %s\n", (long)m->req.awaited_id, api_error_name(m->req.error));
    return response;
}

/* A list of OIDs with NULL values: what GET and GETNEXT send. */
static HSNMP_VBL oid_list(HSNMP_SESSION session, const char *const *oids, int count)
{
    HSNMP_VBL vbl = SnmpCreateVbl(session, NULL, NULL);   /* an empty list */
    int i;
    for (i = 0; vbl && i < count; i++) {
        smiOID name;
        if (SnmpStrToOid(oids[i], &name) == SNMPAPI_FAILURE)
            continue;
        SnmpSetVb(vbl, 0, &name, NULL);   /* index 0 appends; no value = NULL */
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    }
    return vbl;
}

/* Prints a response's variable bindings, or the agent's error. Returns the
 * error-status (0: noError); frees the response. */
static smiINT print_response(HSNMP_PDU response, const char *indent)
{
    smiINT error_status = 0, error_index = 0;
    HSNMP_VBL vbl = 0;
    SnmpGetPduData(response, NULL, NULL, &error_status, &error_index, &vbl);
    if (error_status != SNMP_ERROR_NOERROR)
        printf("%srefused by the agent: %s (error-index %d)\n", indent,
               snmp_error_name(error_status), (int)error_index);
    else
        print_vbl(indent, vbl);
    SnmpFreeVbl(vbl);   /* SnmpGetPduData hands out a new list handle */
    SnmpFreePdu(response);
    return error_status;
}

/* GETBULK from the root on, each request continuing after the last name
 * received, until a name leaves the subtree or the agent's view ends.
 * Returns the number of variables printed, -1 on failure. */
static int walk(struct manager *m, HSNMP_CONTEXT community, const char *root_text, int *requests)
{
    smiOID root, last;
    int count = 0, done = 0, failed = 0;

    if (SnmpStrToOid(root_text, &root) == SNMPAPI_FAILURE)
        return -1;
    SnmpOidCopy(&root, &last);
    while (!done && !failed) {
        HSNMP_VBL vbl = SnmpCreateVbl(m->req.session, &last, NULL);
        HSNMP_PDU response = request(m, community, SNMP_PDU_GETBULK, vbl, 0, MAX_REPETITIONS);
        smiINT error_status = 0;
        smiUINT32 i, n;
        SnmpFreeVbl(vbl);
        (*requests)++;
        if (!response)
            break;
        SnmpGetPduData(response, NULL, NULL, &error_status, NULL, &vbl);
        n = error_status ? 0 : SnmpCountVbl(vbl);
        if (error_status)
            printf("walk refused by the agent: %s\n", snmp_error_name(error_status));
        failed = error_status != 0;
        done = n == 0;
        for (i = 1; i <= n && !done; i++) {
            smiOID name;
            smiVALUE value;
            smiINT in_subtree = 1, order = 1;
            if (SnmpGetVb(vbl, i, &name, &value) == SNMPAPI_FAILURE)
                break;
            /* In the subtree: the first root.len sub-identifiers are the root's. */
            SnmpOidCompare(&root, &name, root.len, &in_subtree);
            SnmpOidCompare(&name, &last, 0, &order);
            if (value.syntax == SNMP_SYNTAX_ENDOFMIBVIEW || in_subtree != 0 ||
                name.len <= root.len) {
                done = 1;
            } else if (order <= 0) {
                printf("the agent returned %lu names out of order\n", (unsigned long)i);
                failed = 1;
            } else {
                print_varbind("", &name, &value);
                SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&last);
                SnmpOidCopy(&name, &last);
                count++;
            }
            SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
            free_value(&value);
        }
        SnmpFreeVbl(vbl);
        SnmpFreePdu(response);
    }
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&last);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&root);
    return done && !failed ? count : -1;
}

/* SnmpStrToContext takes the community as octets. */
static HSNMP_CONTEXT community(HSNMP_SESSION session, const char *text)
{
    smiOCTETS octets;
    octets.len = (smiUINT32)strlen(text);
    octets.ptr = (smiLPBYTE)text;
    return SnmpStrToContext(session, &octets);
}

int main(int argc, char **argv)
{
    static const char *const sys_oids[] = { OID_SYSDESCR, OID_SYSNAME, OID_SYSUPTIME };
    const char *agent_text = argc > 1 ? argv[1] : "127.0.0.1";
    const char *read_text = argc > 2 ? argv[2] : "public";
    const char *write_text = argc > 3 ? argv[3] : "private";
    struct manager m;
    smiUINT32 major, minor, level, translate, retransmit;
    smiVENDORINFO vendor;
    HSNMP_CONTEXT read_ctx, write_ctx;
    HSNMP_VBL vbl;
    HSNMP_PDU response;
    smiOID name;
    smiVALUE up;
    int failures = 0, count, requests = 0, translated = 0;

    if (SnmpStartup(&major, &minor, &level, &translate, &retransmit) == SNMPAPI_FAILURE) {
        printf("SnmpStartup failed: %s\n", api_error_name(SnmpGetLastError(NULL)));
        return 1;
    }
    SnmpGetVendorInfo(&vendor);
    printf("WinSNMP %lu.%lu, %s; implementation: %s %s\n", (unsigned long)major,
           (unsigned long)minor, level >= SNMPAPI_V2_SUPPORT ? "SNMPv1 and SNMPv2c" : "SNMPv1",
           vendor.vendorName, vendor.vendorVersionId);
    /* Entity strings are addresses, context strings are communities, and
     * entities created from now on speak SNMPv2c (GETBULK needs it). */
    SnmpSetTranslateMode(SNMPAPI_UNTRANSLATED_V2);

    memset(&m, 0, sizeof m);
    m.req.done = event_create();
    m.req.session = SnmpCreateSession(NULL, 0, requester_notify, &m.req);
    m.agent = m.req.session ? SnmpStrToEntity(m.req.session, agent_text) : 0;
    if (m.req.session && !m.agent) {
        /* Not an address: a friendly name, which TRANSLATED mode looks up
         * in the implementation's database (its version, SNMPv3 included,
         * comes from there; names it does not know are taken as SNMPv1). */
        SnmpSetTranslateMode(SNMPAPI_TRANSLATED);
        translated = 1;
        m.agent = SnmpStrToEntity(m.req.session, agent_text);
    }
    read_ctx = m.req.session ? community(m.req.session, read_text) : 0;
    write_ctx = m.req.session ? community(m.req.session, write_text) : 0;
    if (!m.req.done || !m.req.session || !m.agent || !read_ctx || !write_ctx) {
        printf("setting up the session failed: %s\n", api_error_name(SnmpGetLastError(m.req.session)));
        SnmpCleanup();
        return 1;
    }
    SnmpSetTimeout(m.agent, 200);   /* centiseconds: 2 s per try */
    SnmpSetRetry(m.agent, 2);       /* then 2 retransmissions */
    printf("agent %s, %s, communities \"%s\" (read) and \"%s\" (write)\n", agent_text,
           translated ? "from the database" : "SNMPv2c", read_text, write_text);

    /* 1. Three variables in one GET. */
    printf("\n-- GET sysDescr.0 sysName.0 sysUpTime.0\n");
    vbl = oid_list(m.req.session, sys_oids, 3);
    response = request(&m, read_ctx, SNMP_PDU_GET, vbl, 0, 0);
    SnmpFreeVbl(vbl);
    if (!response || print_response(response, "") != SNMP_ERROR_NOERROR)
        failures++;

    /* 2. The system subtree, as snmpwalk would show it. */
    printf("\n-- GETBULK walk of system (" OID_SYSTEM "), max-repetitions %d\n", MAX_REPETITIONS);
    count = walk(&m, read_ctx, OID_SYSTEM, &requests);
    if (count > 0) {
        printf("-- end of walk: %d variables in %d GETBULK requests\n", count, requests);
    } else {
        printf("-- walk FAILED\n");
        failures++;
    }

    /* 3. A SET with each community, then read the value back. */
    printf("\n-- SET ifAdminStatus.1 (" OID_IFADMINSTATUS ") = INTEGER: 1 (up)\n");
    SnmpStrToOid(OID_IFADMINSTATUS, &name);
    up.syntax = SNMP_SYNTAX_INT;
    up.value.sNumber = 1;
    vbl = SnmpCreateVbl(m.req.session, &name, &up);
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    printf("with \"%s\": ", read_text);
    response = request(&m, read_ctx, SNMP_PDU_SET, vbl, 0, 0);
    if (response && print_response(response, "") == SNMP_ERROR_NOERROR)
        printf("(accepted: \"%s\" may write on this agent)\n", read_text);
    printf("with \"%s\":\n", write_text);
    response = request(&m, write_ctx, SNMP_PDU_SET, vbl, 0, 0);
    if (!response || print_response(response, "") != SNMP_ERROR_NOERROR)
        failures++;
    SnmpFreeVbl(vbl);

    printf("\n-- GET ifAdminStatus.1 (read back)\n");
    {
        static const char *const admin_oid[] = { OID_IFADMINSTATUS };
        vbl = oid_list(m.req.session, admin_oid, 1);
    }
    response = request(&m, read_ctx, SNMP_PDU_GET, vbl, 0, 0);
    SnmpFreeVbl(vbl);
    if (response) {
        smiVALUE value;
        HSNMP_VBL got = 0;
        SnmpGetPduData(response, NULL, NULL, NULL, NULL, &got);
        if (SnmpGetVb(got, 1, &name, &value) == SNMPAPI_SUCCESS) {
            print_varbind("", &name, &value);
            if (value.syntax != SNMP_SYNTAX_INT || value.value.sNumber != 1) {
                printf("read back a different value\n");
                failures++;
            }
            SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
            free_value(&value);
        } else {
            failures++;
        }
        SnmpFreeVbl(got);
        SnmpFreePdu(response);
    } else {
        failures++;
    }

    /* SnmpClose frees every handle the session created (entities, contexts,
     * PDUs, lists); SnmpCleanup would do it too. Freeing what one no longer
     * needs as one goes, as above, keeps a long-running program small. */
    SnmpClose(m.req.session);
    SnmpCleanup();
    event_free(m.req.done);
    printf("\n%s\n", failures ? "manager: FAILED" : "manager: done");
    fflush(stdout);
    return failures ? 1 : 0;
}
