/* common.h - the little the three examples share that is not WinSNMP itself:
 * printing a variable binding the way net-snmp's `snmpwalk -On` does, and an
 * event the session callback sets while main() waits for it.
 *
 * The examples are written only against winsnmp.h, as a Windows developer
 * would write them; the same sources build natively on Linux against
 * libwsnmp32.so (there, winsnmp.h supplies the few Windows types it uses).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef OWS_EXAMPLES_COMMON_H
#define OWS_EXAMPLES_COMMON_H
#include <stdio.h>
#include "winsnmp.h"

/* Prints "<.oid> = <TYPE>: <value>" and a newline, e.g.
 *   .1.3.6.1.2.1.1.5.0 = STRING: "router1"
 *   .1.3.6.1.2.1.1.3.0 = Timeticks: (4242) 0:00:42.42                      */
void print_varbind(const char *indent, const smiOID *name, const smiVALUE *value);

/* Prints every variable binding of a list (SnmpCountVbl / SnmpGetVb);
 * returns how many. */
int print_vbl(const char *indent, HSNMP_VBL vbl);

/* Takes every message queued for a receiver's session (SnmpRecvMsg) and
 * prints each notification: "TRAP from ADDRESS, community "..."" (INFORMs:
 * the library has acknowledged them already), then its variables, each line
 * after `indent`. Returns how many it printed. Used by examples/traprecv.c
 * and tools/wsnmptrapd.c. */
int print_notifications(HSNMP_SESSION session, const char *indent);

/* Releases the memory the library allocated inside a value returned by
 * SnmpGetVb: strings, IP addresses and OIDs are descriptors
 * (SnmpFreeDescriptor); numbers need nothing. */
void free_value(smiVALUE *value);

/* The name of a request PDU type ("GETNEXT"); NULL for any other PDU. */
const char *pdu_type_name(smiINT type);

/* Names of the SNMP error-status values ("noAccess") and of the WinSNMP
 * error codes ("SNMPAPI_TL_TIMEOUT"). */
const char *snmp_error_name(smiINT error_status);
const char *api_error_name(smiUINT32 error);

/* An auto-reset event: set by the session callback (which runs on the
 * library's thread), waited for by main(). wait returns 1 when set, 0 when
 * `ms` milliseconds passed first. */
typedef struct event event_t;
event_t *event_create(void);
void event_set(event_t *e);
int event_wait(event_t *e, unsigned ms);
void event_free(event_t *e);

/* A manager's one request at a time. WinSNMP requests are asynchronous:
 * SnmpSendMsg returns at once and the library notifies the session when the
 * response (or a timeout) arrives; requester_notify, the session's callback
 * (SnmpCreateSession(NULL, 0, requester_notify, &requester)), hands the
 * awaited response or error to the thread waiting in requester_send. */
struct requester {
    HSNMP_SESSION session;
    event_t *done;          /* set when the awaited response or error arrived */
    smiINT32 awaited_id;    /* request id of the one request in flight */
    HSNMP_PDU response;     /* its response ... */
    smiUINT32 error;        /* ... or its failure, e.g. SNMPAPI_TL_TIMEOUT */
};
SNMPAPI_STATUS CALLBACK requester_notify(HSNMP_SESSION session, HWND hWnd, UINT wMsg,
                                         WPARAM wParam, LPARAM lParam, LPVOID clientData);
/* Sends one request to `agent` (SnmpCreatePdu with the next id; for GETBULK
 * non_repeaters and max_repetitions, else 0s; SnmpSendMsg from source 0, so
 * the library picks the local address) and waits at most wait_ms for its
 * outcome. Returns the response, which the caller frees, or 0: then r->error
 * is why (an SNMPAPI_* code; 0 when nothing came within wait_ms, as for a
 * trap, which gets no answer). */
HSNMP_PDU requester_send(struct requester *r, HSNMP_ENTITY agent, HSNMP_CONTEXT context,
                         smiINT type, HSNMP_VBL vbl, smiINT non_repeaters,
                         smiINT max_repetitions, unsigned wait_ms);

/* Milliseconds from a monotonic clock, and sleeping. */
unsigned long now_ms(void);
void sleep_ms(unsigned ms);

#endif
