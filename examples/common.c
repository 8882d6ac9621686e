/* common.c - see common.h. Nothing WinSNMP-specific happens here except the
 * value printing, which only reads smiOID/smiVALUE and calls SnmpOidToStr.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>
#include "common.h"
#include "printval.h"
#ifdef _WIN32
#  include <windows.h>
#else
#  include <errno.h>
#  include <pthread.h>
#  include <time.h>
#endif

/* ---- printing, byte for byte as net-snmp's tools print with -On and no
 * MIBs loaded (tests/tools/compare.sh checks it against them); the values'
 * bytes and numbers: printval.c ---- */

static void print_oid(const smiOID *oid)
{
    char text[MAXOBJIDSTRSIZE + 1];
    if (SnmpOidToStr(oid, sizeof text, text) == SNMPAPI_FAILURE)
        strcpy(text, "?");
    printf(".%s", text);
}

void print_varbind(const char *indent, const smiOID *name, const smiVALUE *v)
{
    printf("%s", indent ? indent : "");
    print_oid(name);
    printf(" = ");
    switch (v->syntax) {
    case SNMP_SYNTAX_INT:       printf("INTEGER: %ld", (long)v->value.sNumber); break;
    case SNMP_SYNTAX_UINT32:    printf("UInteger32: %lu", (unsigned long)v->value.uNumber); break;
    case SNMP_SYNTAX_CNTR32:    printf("Counter32: %lu", (unsigned long)v->value.uNumber); break;
    case SNMP_SYNTAX_GAUGE32:   printf("Gauge32: %lu", (unsigned long)v->value.uNumber); break;
    case SNMP_SYNTAX_TIMETICKS: print_ticks(v->value.uNumber); break;
    case SNMP_SYNTAX_CNTR64:
        printf("Counter64: %llu", ((unsigned long long)v->value.hNumber.hipart << 32) |
                                   v->value.hNumber.lopart);
        break;
    case SNMP_SYNTAX_OCTETS:    print_string(v->value.string.ptr, v->value.string.len); break;
    case SNMP_SYNTAX_BITS:      printf("BITS: "); print_hex(v->value.string.ptr, v->value.string.len); break;
    case SNMP_SYNTAX_OPAQUE:    print_opaque(v->value.string.ptr, v->value.string.len); break;
    case SNMP_SYNTAX_NSAPADDR:  printf("NsapAddress: "); print_hex(v->value.string.ptr, v->value.string.len); break;
    case SNMP_SYNTAX_IPADDR:
        if (v->value.string.len == 4)
            printf("IpAddress: %u.%u.%u.%u", v->value.string.ptr[0], v->value.string.ptr[1],
                   v->value.string.ptr[2], v->value.string.ptr[3]);
        else
            print_hex(v->value.string.ptr, v->value.string.len);
        break;
    case SNMP_SYNTAX_OID:       printf("OID: "); print_oid(&v->value.oid); break;
    case SNMP_SYNTAX_NULL:      printf("NULL"); break;
    case SNMP_SYNTAX_NOSUCHOBJECT:
        printf("No Such Object available on this agent at this OID"); break;
    case SNMP_SYNTAX_NOSUCHINSTANCE:
        printf("No Such Instance currently exists at this OID"); break;
    case SNMP_SYNTAX_ENDOFMIBVIEW:
        printf("No more variables left in this MIB View (It is past the end of the MIB tree)");
        break;
    default:                    printf("Wrong Type (0x%02lX)", (unsigned long)v->syntax); break;
    }
    putchar('\n');
}

void free_value(smiVALUE *v)
{
    switch (v->syntax) {
    case SNMP_SYNTAX_OCTETS: case SNMP_SYNTAX_BITS: case SNMP_SYNTAX_OPAQUE:
    case SNMP_SYNTAX_IPADDR: case SNMP_SYNTAX_NSAPADDR:
        SnmpFreeDescriptor(v->syntax, (smiLPOPAQUE)&v->value.string);
        break;
    case SNMP_SYNTAX_OID:
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&v->value.oid);
        break;
    default:
        break;
    }
}

int print_vbl(const char *indent, HSNMP_VBL vbl)
{
    smiUINT32 i, n = SnmpCountVbl(vbl);   /* 0 for an empty list */
    int printed = 0;
    for (i = 1; i <= n; i++) {            /* variable bindings count from 1 */
        smiOID name;
        smiVALUE value;
        if (SnmpGetVb(vbl, i, &name, &value) == SNMPAPI_FAILURE)
            continue;
        print_varbind(indent, &name, &value);
        printed++;
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
        free_value(&value);
    }
    return printed;
}

int print_notifications(HSNMP_SESSION session, const char *indent)
{
    HSNMP_ENTITY src, dst;
    HSNMP_CONTEXT context;
    HSNMP_PDU pdu;
    int count = 0;

    /* Every handle SnmpRecvMsg returns is ours to free. */
    while (SnmpRecvMsg(session, &src, &dst, &context, &pdu) == SNMPAPI_SUCCESS) {
        char sender[256] = "?";
        smiOCTETS community = { 0, NULL };
        smiINT type = 0;
        HSNMP_VBL vbl = 0;

        SnmpEntityToStr(src, sizeof sender, sender);   /* the sender's address */
        SnmpContextToStr(context, &community);         /* the community it used */
        SnmpGetPduData(pdu, &type, NULL, NULL, NULL, &vbl);
        printf("%s from %s, community \"%.*s\"%s\n",
               type == SNMP_PDU_INFORM ? "INFORM" : "TRAP", sender, (int)community.len,
               community.ptr ? (const char *)community.ptr : "",
               type == SNMP_PDU_INFORM ? " (the library has acknowledged it)" : "");
        print_vbl(indent, vbl);
        fflush(stdout);
        count++;

        SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&community);
        SnmpFreeVbl(vbl);
        SnmpFreePdu(pdu);
        SnmpFreeContext(context);
        SnmpFreeEntity(src);
        SnmpFreeEntity(dst);
    }
    return count;
}

const char *pdu_type_name(smiINT type)
{
    switch (type) {
    case SNMP_PDU_GET:     return "GET";
    case SNMP_PDU_GETNEXT: return "GETNEXT";
    case SNMP_PDU_GETBULK: return "GETBULK";
    case SNMP_PDU_SET:     return "SET";
    default:               return NULL;
    }
}

const char *snmp_error_name(smiINT e)
{
    static const char *const names[] = {
        "noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess",
        "wrongType", "wrongLength", "wrongEncoding", "wrongValue", "noCreation",
        "inconsistentValue", "resourceUnavailable", "commitFailed", "undoFailed",
        "authorizationError", "notWritable", "inconsistentName" };
    return e >= 0 && e < (smiINT)(sizeof names / sizeof names[0]) ? names[e] : "unknown";
}

const char *api_error_name(smiUINT32 e)
{
    switch (e) {
    case SNMPAPI_ALLOC_ERROR:        return "SNMPAPI_ALLOC_ERROR";
    case SNMPAPI_CONTEXT_INVALID:    return "SNMPAPI_CONTEXT_INVALID";
    case SNMPAPI_ENTITY_INVALID:     return "SNMPAPI_ENTITY_INVALID";
    case SNMPAPI_ENTITY_UNKNOWN:     return "SNMPAPI_ENTITY_UNKNOWN";
    case SNMPAPI_NOOP:               return "SNMPAPI_NOOP";
    case SNMPAPI_OID_INVALID:        return "SNMPAPI_OID_INVALID";
    case SNMPAPI_OPERATION_INVALID:  return "SNMPAPI_OPERATION_INVALID";
    case SNMPAPI_PDU_INVALID:        return "SNMPAPI_PDU_INVALID";
    case SNMPAPI_SESSION_INVALID:    return "SNMPAPI_SESSION_INVALID";
    case SNMPAPI_NOT_INITIALIZED:    return "SNMPAPI_NOT_INITIALIZED";
    case SNMPAPI_TL_NOT_INITIALIZED: return "SNMPAPI_TL_NOT_INITIALIZED";
    case SNMPAPI_TL_RESOURCE_ERROR:  return "SNMPAPI_TL_RESOURCE_ERROR";
    case SNMPAPI_TL_UNDELIVERABLE:   return "SNMPAPI_TL_UNDELIVERABLE";
    case SNMPAPI_TL_IN_USE:          return "SNMPAPI_TL_IN_USE";
    case SNMPAPI_TL_TIMEOUT:         return "SNMPAPI_TL_TIMEOUT";
    case SNMPAPI_TL_PDU_TOO_BIG:     return "SNMPAPI_TL_PDU_TOO_BIG";
    case SNMPAPI_TL_OTHER:           return "SNMPAPI_TL_OTHER";
    default:                         return "error";
    }
}

/* ---- one request at a time (see common.h) ---- */

/* wParam 0: messages are queued for the session, take them with
 * SnmpRecvMsg. wParam != 0: the request whose id is lParam failed with the
 * error wParam (SNMPAPI_TL_TIMEOUT once its retries are spent). */
SNMPAPI_STATUS CALLBACK requester_notify(HSNMP_SESSION session, HWND hWnd, UINT wMsg,
                                         WPARAM wParam, LPARAM lParam, LPVOID clientData)
{
    struct requester *r = (struct requester *)clientData;
    HSNMP_ENTITY src, dst;
    HSNMP_CONTEXT context;
    HSNMP_PDU pdu;
    smiINT32 id;
    (void)hWnd; (void)wMsg;

    if (wParam != 0) {
        if ((smiINT32)lParam == r->awaited_id) {
            r->error = (smiUINT32)wParam;
            event_set(r->done);
        }
        return SNMPAPI_SUCCESS;
    }
    /* Every handle SnmpRecvMsg returns is ours to free. */
    while (SnmpRecvMsg(session, &src, &dst, &context, &pdu) == SNMPAPI_SUCCESS) {
        SnmpFreeEntity(src);
        SnmpFreeEntity(dst);
        SnmpFreeContext(context);
        if (SnmpGetPduData(pdu, NULL, &id, NULL, NULL, NULL) == SNMPAPI_SUCCESS &&
            id == r->awaited_id && !r->response) {
            r->response = pdu;
            event_set(r->done);
        } else {
            SnmpFreePdu(pdu);   /* not the one we wait for: a late answer */
        }
    }
    return SNMPAPI_SUCCESS;   /* anything else would close the session */
}

HSNMP_PDU requester_send(struct requester *r, HSNMP_ENTITY agent, HSNMP_CONTEXT context,
                         smiINT type, HSNMP_VBL vbl, smiINT non_repeaters,
                         smiINT max_repetitions, unsigned wait_ms)
{
    HSNMP_PDU pdu;
    SNMPAPI_STATUS sent;

    r->awaited_id++;   /* our own request ids: 1, 2, 3, ... */
    r->response = 0;
    r->error = 0;
    /* For GETBULK, the error-status and error-index arguments carry
     * non-repeaters and max-repetitions. */
    pdu = SnmpCreatePdu(r->session, type, r->awaited_id, non_repeaters, max_repetitions, vbl);
    if (!pdu) {
        r->error = SnmpGetLastError(r->session);
        return 0;
    }
    sent = SnmpSendMsg(r->session, 0, agent, context, pdu);
    if (sent == SNMPAPI_FAILURE)
        r->error = SnmpGetLastError(r->session);
    SnmpFreePdu(pdu);   /* sent or not, the PDU handle is still ours */
    if (sent == SNMPAPI_FAILURE || !wait_ms || !event_wait(r->done, wait_ms))
        return 0;
    return r->error ? 0 : r->response;
}

/* ---- an auto-reset event and a clock, one small block per platform ---- */

#ifdef _WIN32
struct event { HANDLE h; };

event_t *event_create(void)
{
    event_t *e = malloc(sizeof *e);
    if (e && !(e->h = CreateEventA(NULL, FALSE, FALSE, NULL))) {
        free(e);
        e = NULL;
    }
    return e;
}
void event_set(event_t *e) { SetEvent(e->h); }
int event_wait(event_t *e, unsigned ms) { return WaitForSingleObject(e->h, ms) == WAIT_OBJECT_0; }
void event_free(event_t *e) { CloseHandle(e->h); free(e); }
unsigned long now_ms(void) { return GetTickCount(); }
void sleep_ms(unsigned ms) { Sleep(ms); }
#else
struct event { pthread_mutex_t lock; pthread_cond_t cond; int set; };

event_t *event_create(void)
{
    event_t *e = calloc(1, sizeof *e);
    if (e) {
        pthread_mutex_init(&e->lock, NULL);
        pthread_cond_init(&e->cond, NULL);
    }
    return e;
}
void event_set(event_t *e)
{
    pthread_mutex_lock(&e->lock);
    e->set = 1;
    pthread_cond_signal(&e->cond);
    pthread_mutex_unlock(&e->lock);
}
int event_wait(event_t *e, unsigned ms)
{
    struct timespec until;
    int was_set, rc = 0;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&e->lock);
    while (!e->set && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&e->cond, &e->lock, &until);
    was_set = e->set;
    e->set = 0;
    pthread_mutex_unlock(&e->lock);
    return was_set;
}
void event_free(event_t *e)
{
    pthread_cond_destroy(&e->cond);
    pthread_mutex_destroy(&e->lock);
    free(e);
}
unsigned long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long)ts.tv_sec * 1000UL + (unsigned long)(ts.tv_nsec / 1000000L);
}
void sleep_ms(unsigned ms)
{
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
        ;
}
#endif
