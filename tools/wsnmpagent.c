/* wsnmpagent.c - an SNMPv1/v2c agent on the WinSNMP API: serves the MIB-II
 * system group plus the objects of a text file, answers GET, GETNEXT,
 * GETBULK and, with -w, SET (values change in memory only).
 *
 *   wsnmpagent -c public -w private -f values.txt 127.0.0.1:1161
 *
 * values.txt holds one object per line, `OID TYPE VALUE`, TYPE as wsnmpset's
 * letters or as the tools print it (INTEGER, STRING, Hex-STRING, OID,
 * IpAddress, Counter32, Gauge32, Timeticks, Counter64, Opaque, NULL):
 *
 *   # comment
 *   1.3.6.1.2.1.1.5.0 STRING "router1"        (replaces the built-in sysName)
 *   1.3.6.1.4.1.99999.1.1.0 INTEGER 42
 *   1.3.6.1.4.1.99999.1.2.0 Hex-STRING 00 1A 2B
 *
 * Requests with the read community (-c, default public) may read, with the
 * write community (-w) also write; others are dropped, as snmpd does. A SET
 * of an unknown object gets noCreation, of sysDescr/sysObjectID/sysUpTime/
 * sysServices notWritable, of a value of another type wrongType; with the
 * read community noAccess. Each request is logged on stdout. Runs until -I
 * SECONDS pass without a request, or it is stopped.
 *
 * SNMPv3: the library answers SNMPv3 requests of the users that the
 * WSNMP_DATABASE file's @user lines configure (README), and has checked
 * their digests, time and privacy before the program sees a request; a
 * request's context is then its contextName. -n CONTEXT lets requests in
 * that context read and write (-n "" for the usual empty contextName):
 *
 *   WSNMP_DATABASE=users.db wsnmpagent -n "" 127.0.0.1:1161
 *   snmpget -v3 -l authPriv -u admin -a SHA -A pass -x AES -X pass ...
 *
 * A GET of the engine's own objects only (snmpEngine, snmpMPDStats,
 * usmStats: engine ID, boots, time, the counters) is answered by the
 * library and never reaches this program (README, Decisions).
 *
 * WinSNMP's agent role: SnmpListen(entity, SNMPAPI_ON) binds the entity's
 * address; requests are queued to the session and come out of SnmpRecvMsg;
 * the answer is a RESPONSE sent with SnmpSendMsg, source and destination
 * swapped; the library answers in the request's version (an SNMPv1 manager
 * gets SNMPv1 errors, RFC 3584).
 *
 * SPDX-License-Identifier: MIT
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "wtool.h"

#define MAX_VARBINDS 64   /* cap on the variables of one GETBULK response */
#define SYSUPTIME_0 "1.3.6.1.2.1.1.3.0"

struct object { smiOID oid; smiVALUE value; int writable, uptime; };

struct agent {
    struct object *objects;   /* sorted by OID */
    int count, cap;
    const char *read_community, *write_community;
    const char *v3_context;   /* -n: an SNMPv3 contextName that may read and write */
    unsigned long started_ms;
    event_t *served;          /* set after each request answered */
};

/* ---- the objects ---- */

static int find(const struct agent *a, const smiOID *name, int next)
{
    int k;
    for (k = 0; k < a->count; k++) {
        smiINT order = 0;
        SnmpOidCompare(&a->objects[k].oid, name, 0, &order);
        if (next ? order > 0 : order == 0)
            return k;
        if (!next && order > 0)
            break;
    }
    return -1;
}

/* Adds the object or replaces its value; keeps the table sorted. `type` is
 * a wsnmpset letter, or 'q' for Opaque (hex bytes). */
static int put(struct agent *a, const char *oid_text, char type, const char *text, int writable)
{
    struct object o;
    int k, at;
    memset(&o, 0, sizeof o);
    if (!wt_parse_oid(oid_text, &o.oid) || !wt_parse_value(type == 'q' ? 'x' : type, text, &o.value)) {
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o.oid);
        return 0;
    }
    if (type == 'q')
        o.value.syntax = SNMP_SYNTAX_OPAQUE;
    o.writable = writable;
    o.uptime = !strcmp(oid_text, SYSUPTIME_0) || !strcmp(oid_text, "." SYSUPTIME_0);
    if ((k = find(a, &o.oid, 0)) >= 0) {
        wt_free_value(&a->objects[k].value);
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&o.oid);
        a->objects[k].value = o.value;
        a->objects[k].writable = writable;
        return 1;
    }
    if (a->count == a->cap) {
        struct object *grown = realloc(a->objects, (size_t)(a->cap * 2 + 16) * sizeof *grown);
        if (!grown)
            return 0;
        a->objects = grown;
        a->cap = a->cap * 2 + 16;
    }
    k = find(a, &o.oid, 1);
    at = k < 0 ? a->count : k;
    memmove(&a->objects[at + 1], &a->objects[at], (size_t)(a->count - at) * sizeof o);
    a->objects[at] = o;
    a->count++;
    return 1;
}

/* The type words the tools print, and their wsnmpset letters. */
static char type_letter(const char *word)
{
    static const struct { const char *word; char letter; } types[] = {
        { "INTEGER", 'i' }, { "STRING", 's' }, { "Hex-STRING", 'x' }, { "OID", 'o' },
        { "IpAddress", 'a' }, { "Counter32", 'c' }, { "Gauge32", 'u' }, { "Timeticks", 't' },
        { "Counter64", 'C' }, { "Opaque", 'q' }, { "NULL", 'n' }, { "BITS", 'b' } };
    size_t i;
    if (strlen(word) == 1)
        return word[0];
    for (i = 0; i < sizeof types / sizeof types[0]; i++)
        if (!strcmp(word, types[i].word))
            return types[i].letter;
    return 0;
}

static int load(struct agent *a, const char *path)
{
    char line[2048];
    int number = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "wsnmpagent: cannot open %s\n", path);
        return 0;
    }
    while (fgets(line, sizeof line, f)) {
        char oid[512], type[32], *value, *end;
        int used = 0;
        number++;
        line[strcspn(line, "\r\n")] = 0;
        if (sscanf(line, " %511s", oid) != 1 || oid[0] == '#')
            continue;   /* a blank line or a comment */
        if (sscanf(line, " %511s %31s %n", oid, type, &used) < 2) {
            fprintf(stderr, "wsnmpagent: %s:%d: expected OID TYPE VALUE\n", path, number);
            fclose(f);
            return 0;
        }
        value = line + used;
        end = value + strlen(value);
        while (end > value && isspace((unsigned char)end[-1]))
            *--end = 0;
        if (value[0] == '"' && end > value + 1 && end[-1] == '"') {   /* "quoted text" */
            end[-1] = 0;
            value++;
        }
        if (!put(a, oid, type_letter(type), value, 1)) {
            fprintf(stderr, "wsnmpagent: %s:%d: cannot read '%s %s %s'\n", path, number, oid,
                    type, value);
            fclose(f);
            return 0;
        }
    }
    fclose(f);
    return 1;
}

/* ---- answering ---- */

static smiVALUE value_of(const struct agent *a, int k)
{
    smiVALUE v = a->objects[k].value;
    if (a->objects[k].uptime)   /* centiseconds since the agent started */
        v.value.uNumber = (smiUINT32)((now_ms() - a->started_ms) / 10);
    return v;
}

/* Appends object k, or `name` with the exception `none` when k < 0. */
static void append(const struct agent *a, HSNMP_VBL out, int k, const smiOID *name,
                   smiUINT32 none)
{
    smiVALUE v;
    if (k >= 0) {
        v = value_of(a, k);
        SnmpSetVb(out, 0, &a->objects[k].oid, &v);
    } else {
        memset(&v, 0, sizeof v);
        v.syntax = none;   /* noSuchObject or endOfMibView: no value */
        SnmpSetVb(out, 0, name, &v);
    }
}

/* GET, GETNEXT, GETBULK (RFC 3416 4.2.1-4.2.3). */
static HSNMP_VBL read_objects(const struct agent *a, HSNMP_SESSION session, smiINT type,
                              HSNMP_VBL request, smiINT non_repeaters, smiINT max_repetitions)
{
    HSNMP_VBL out = SnmpCreateVbl(session, NULL, NULL);
    smiUINT32 i, n = SnmpCountVbl(request);
    smiOID names[MAX_VARBINDS];
    int cursor[MAX_VARBINDS], r;

    if (type != SNMP_PDU_GETBULK || non_repeaters > (smiINT)n)
        non_repeaters = (smiINT)n;   /* GET, GETNEXT: one answer per variable */
    if (non_repeaters < 0)
        non_repeaters = 0;
    if (n > MAX_VARBINDS)
        n = MAX_VARBINDS;
    for (i = 1; i <= n; i++) {
        smiVALUE ignored;
        if (SnmpGetVb(request, i, &names[i - 1], &ignored) == SNMPAPI_FAILURE) {
            names[i - 1].len = 0;
            names[i - 1].ptr = NULL;
            continue;
        }
        free_value(&ignored);
        if (type == SNMP_PDU_GET) {
            int k = find(a, &names[i - 1], 0);
            /* An instance below an object we have is noSuchInstance. */
            smiUINT32 none = SNMP_SYNTAX_NOSUCHOBJECT;
            int j;
            for (j = 0; k < 0 && j < a->count; j++) {
                smiINT order = 1;
                if (a->objects[j].oid.len > 1 && names[i - 1].len >= a->objects[j].oid.len - 1 &&
                    SnmpOidCompare(&a->objects[j].oid, &names[i - 1], a->objects[j].oid.len - 1,
                                   &order) && order == 0)
                    none = SNMP_SYNTAX_NOSUCHINSTANCE;
            }
            append(a, out, k, &names[i - 1], none);
        } else if ((smiINT)i <= non_repeaters) {
            append(a, out, find(a, &names[i - 1], 1), &names[i - 1], SNMP_SYNTAX_ENDOFMIBVIEW);
        } else {
            cursor[i - 1] = find(a, &names[i - 1], 1);   /* GETBULK repeaters, below */
        }
    }
    /* The repeaters row by row, up to max-repetitions rows; a column that
     * ran out repeats endOfMibView with its last name. */
    for (r = 0; type == SNMP_PDU_GETBULK && r < max_repetitions; r++) {
        int more = 0;
        for (i = (smiUINT32)non_repeaters + 1; i <= n; i++) {
            int k = cursor[i - 1];
            if (SnmpCountVbl(out) >= MAX_VARBINDS)
                break;
            append(a, out, k, &names[i - 1], SNMP_SYNTAX_ENDOFMIBVIEW);
            if (k >= 0) {
                SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&names[i - 1]);
                SnmpOidCopy(&a->objects[k].oid, &names[i - 1]);
                cursor[i - 1] = k + 1 < a->count ? k + 1 : -1;
                more = 1;
            }
        }
        if (!more || SnmpCountVbl(out) >= MAX_VARBINDS)
            break;
    }
    for (i = 1; i <= n; i++)
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&names[i - 1]);
    return out;
}

/* SET: checks every variable first, then changes them all. Returns the
 * error-status and sets *index (from 1) of the variable it concerns. */
static smiINT write_objects(struct agent *a, HSNMP_VBL request, smiINT *index)
{
    smiUINT32 i, n = SnmpCountVbl(request);
    int pass;
    for (pass = 0; pass < 2; pass++) {
        for (i = 1; i <= n; i++) {
            smiOID name;
            smiVALUE v;
            int k;
            smiINT error = SNMP_ERROR_NOERROR;
            if (SnmpGetVb(request, i, &name, &v) == SNMPAPI_FAILURE)
                return SNMP_ERROR_GENERR;
            k = find(a, &name, 0);
            if (k < 0)
                error = SNMP_ERROR_NOCREATION;
            else if (!a->objects[k].writable)
                error = SNMP_ERROR_NOTWRITABLE;
            else if (a->objects[k].value.syntax != v.syntax)
                error = SNMP_ERROR_WRONGTYPE;
            if (!error && pass == 1) {   /* our own copy of the new value */
                smiVALUE mine = v;
                if (v.syntax == SNMP_SYNTAX_OID) {
                    SnmpOidCopy(&v.value.oid, &mine.value.oid);
                } else if (v.syntax == SNMP_SYNTAX_OCTETS || v.syntax == SNMP_SYNTAX_IPADDR ||
                           v.syntax == SNMP_SYNTAX_OPAQUE || v.syntax == SNMP_SYNTAX_BITS) {
                    mine.value.string.ptr = malloc(v.value.string.len + 1);
                    if (mine.value.string.ptr && v.value.string.len)
                        memcpy(mine.value.string.ptr, v.value.string.ptr, v.value.string.len);
                }
                wt_free_value(&a->objects[k].value);
                a->objects[k].value = mine;
            }
            SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
            free_value(&v);
            if (error) {
                *index = (smiINT)i;
                return error;
            }
        }
    }
    return SNMP_ERROR_NOERROR;
}

static int is(const smiOCTETS *community, const char *text)
{
    return text && community->len == strlen(text) &&
           (!community->len || !memcmp(community->ptr, text, community->len));
}

/* Answers one request (the callback's work). */
static void serve(struct agent *a, HSNMP_SESSION session, HSNMP_ENTITY manager, HSNMP_ENTITY me,
                  HSNMP_CONTEXT context, HSNMP_PDU pdu)
{
    smiOCTETS community = { 0, NULL };
    smiINT type = 0, field1 = 0, field2 = 0, error = 0, index = 0;
    smiINT32 id = 0;
    HSNMP_VBL request = 0, vbl;
    HSNMP_PDU response;
    char from[256] = "?";
    int writer, reader;

    SnmpEntityToStr(manager, sizeof from, from);
    SnmpContextToStr(context, &community);
    /* For a GETBULK the error-status/index fields are non-repeaters and max-repetitions. */
    SnmpGetPduData(pdu, &type, &id, &field1, &field2, &request);
    writer = is(&community, a->write_community) || is(&community, a->v3_context);
    reader = writer || is(&community, a->read_community);
    if (!pdu_type_name(type) || !reader) {
        printf("%s from %s: community \"%.*s\" not ours or not a request, dropped\n",
               pdu_type_name(type) ? pdu_type_name(type) : "PDU", from, (int)community.len,
               community.ptr ? (const char *)community.ptr : "");
    } else {
        if (type == SNMP_PDU_SET) {
            vbl = request;   /* a SET's response repeats its variables */
            if (!writer) {
                error = SNMP_ERROR_NOACCESS;
                index = 1;
            } else {
                error = write_objects(a, request, &index);
            }
        } else {
            vbl = read_objects(a, session, type, request, field1, field2);
        }
        response = SnmpCreatePdu(session, SNMP_PDU_RESPONSE, id, error, index, vbl);
        /* Source and destination swapped: from us back to the manager. */
        if (response && SnmpSendMsg(session, me, manager, context, response) == SNMPAPI_SUCCESS)
            printf("%s from %s: %lu variable(s), answered %lu%s%s\n", pdu_type_name(type), from,
                   (unsigned long)SnmpCountVbl(request), (unsigned long)SnmpCountVbl(vbl),
                   error ? ", error " : "", error ? snmp_error_name(error) : "");
        else
            printf("answering %s failed: %s\n", from, api_error_name(SnmpGetLastError(session)));
        if (vbl != request)
            SnmpFreeVbl(vbl);
        SnmpFreePdu(response);
        event_set(a->served);
    }
    fflush(stdout);
    SnmpFreeDescriptor(SNMP_SYNTAX_OCTETS, (smiLPOPAQUE)&community);
    SnmpFreeVbl(request);
}

static SNMPAPI_STATUS CALLBACK on_notify(HSNMP_SESSION session, HWND hWnd, UINT wMsg,
                                         WPARAM wParam, LPARAM lParam, LPVOID clientData)
{
    HSNMP_ENTITY manager, me;
    HSNMP_CONTEXT context;
    HSNMP_PDU pdu;
    (void)hWnd; (void)wMsg; (void)lParam;
    if (wParam != 0)
        return SNMPAPI_SUCCESS;
    /* A request's source is the manager, its destination is us. */
    while (SnmpRecvMsg(session, &manager, &me, &context, &pdu) == SNMPAPI_SUCCESS) {
        serve((struct agent *)clientData, session, manager, me, context, pdu);
        SnmpFreePdu(pdu);
        SnmpFreeContext(context);
        SnmpFreeEntity(manager);
        SnmpFreeEntity(me);
    }
    return SNMPAPI_SUCCESS;
}

/* -c is the read community (wtool's); -w and -f are the agent's own. */
static const char *values_file;
static int agent_option(struct wtool *t, char letter, const char *value)
{
    struct agent *a = (struct agent *)t->tool;
    if (letter == 'w')
        a->write_community = value;
    else if (letter == 'f')
        values_file = value;
    else if (letter == 'n')
        a->v3_context = value;
    else
        return 0;
    return 1;
}

int main(int argc, char **argv)
{
    struct wtool t = { 0 };
    struct agent a;
    unsigned idle;
    int k;

    memset(&a, 0, sizeof a);
    a.started_ms = now_ms();
    t.prog = "wsnmpagent";
    t.synopsis = "(the address to serve on, e.g. 127.0.0.1:1161 or [::1]:1161)";
    t.app_options = "  -w COMMUNITY\t\tthe write community: enables SET (default: none)\n"
                    "  -f FILE\t\tobjects to serve, one `OID TYPE VALUE` a line\n"
                    "  -n CONTEXT\t\tSNMPv3 requests in CONTEXT may read and write\n"
                    "  -I SECONDS\t\tstop after SECONDS without a request\n";
    t.own_letters = "wfn";
    t.own_option = agent_option;
    t.tool = &a;
    t.callback = on_notify;
    t.default_port = "161";
    wt_parse_args(&t, argc, argv);
    if (t.nargs)
        wt_fail(&t, WT_USAGE, "unexpected argument %s (see -h)", t.args[0]);
    a.read_community = t.community;
    a.served = event_create();
    if (SnmpStartup(NULL, NULL, NULL, NULL, NULL) == SNMPAPI_FAILURE)   /* for the OIDs */
        wt_fail(&t, WT_TRANSPORT, "SnmpStartup failed");
    /* MIB-II's system group (RFC 1213); the file may replace any of it. */
    put(&a, "1.3.6.1.2.1.1.1.0", 's', "OpenWinSNMP wsnmpagent (WinSNMP API)", 0);
    put(&a, "1.3.6.1.2.1.1.2.0", 'o', "1.3.6.1.4.1.8072.3.2.10", 0);
    put(&a, SYSUPTIME_0, 't', "0", 0);
    put(&a, "1.3.6.1.2.1.1.4.0", 's', "root@localhost", 1);
    put(&a, "1.3.6.1.2.1.1.5.0", 's', "wsnmpagent", 1);
    put(&a, "1.3.6.1.2.1.1.6.0", 's', "loopback", 1);
    put(&a, "1.3.6.1.2.1.1.7.0", 'i', "72", 0);
    if (values_file && !load(&a, values_file))
        return WT_USAGE;
    wt_open(&t);   /* t.agent: the address to serve on */
    if (SnmpListen(t.agent, SNMPAPI_ON) == SNMPAPI_FAILURE)
        wt_fail(&t, WT_TRANSPORT, "cannot listen on %s: %s", t.peer,
                api_error_name(SnmpGetLastError(t.session)));
    printf("wsnmpagent: serving %d objects on %s (read \"%s\"%s%s%s)\n", a.count, t.peer,
           a.read_community, a.write_community ? ", write \"" : "",
           a.write_community ? a.write_community : "", a.write_community ? "\"" : "");
    fflush(stdout);

    idle = t.wait_seconds ? (unsigned)t.wait_seconds * 1000u : 0xFFFFFFFFu;
    while (event_wait(a.served, idle))
        ;
    SnmpListen(t.agent, SNMPAPI_OFF);
    printf("wsnmpagent: stopped, %d s without a request\n", t.wait_seconds);
    wt_close(&t);
    for (k = 0; k < a.count; k++) {
        wt_free_value(&a.objects[k].value);
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&a.objects[k].oid);
    }
    free(a.objects);
    SnmpCleanup();
    event_free(a.served);
    return WT_OK;
}
