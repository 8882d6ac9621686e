/* wtool.c - see wtool.h. The command line and the output follow net-snmp's
 * tools (5.9) so closely that a script can compare them byte for byte; the
 * rest is the WinSNMP way of sending one request and waiting for its answer.
 *
 * SPDX-License-Identifier: MIT
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "wtool.h"

/* ---- the command line ---- */

static void usage(const struct wtool *t, FILE *f)
{
    fprintf(f, "USAGE: %s [OPTIONS] AGENT %s\n\n", t->prog, t->synopsis);
    fprintf(f, "  OpenWinSNMP tools, on the WinSNMP API (wsnmp32.dll)\n\n");
    fprintf(f, "  AGENT: ADDRESS[:PORT] (default port %s), e.g. 127.0.0.1:1161, [::1]:1161,\n"
               "         udp:host:port or udp6:[addr]:port\n\n", t->default_port);
    fprintf(f, "OPTIONS:\n"
               "  -h\t\t\tdisplay this help message\n"
               "  -v 1|2c\t\tspecifies SNMP version to use (default 2c)\n"
               "  -c COMMUNITY\t\tset the community string (default public)\n"
               "  -r RETRIES\t\tset the number of retries (default 5)\n"
               "  -t TIMEOUT\t\tset the request timeout (in seconds, default 1)\n"
               "  -On\t\t\tprint OIDs numerically (always on)\n"
               "  -IR\t\t\tlook names up anywhere in MIB-II (always on)\n");
    if (t->app_options)
        fputs(t->app_options, f);
    fprintf(f, "\nExit status: 0 success, 1 SNMP error from the agent, 2 usage, "
               "3 timeout or transport error.\n");
}

void wt_fail(const struct wtool *t, int code, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", t->prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(code);
}

/* The value of an option: the rest of this argument ("-v2c") or the next one
 * ("-v 2c"). */
static const char *option_value(const struct wtool *t, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (a[2])
        return a + 2;
    if (*i + 1 >= argc)
        wt_fail(t, WT_USAGE, "option -%c needs a value (see -h)", a[1]);
    return argv[++*i];
}

void wt_parse_args(struct wtool *t, int argc, char **argv)
{
    int i;
    t->version = 2;
    t->community = "public";
    t->timeout_cs = 100;   /* net-snmp's defaults: 1 s, 5 retries */
    t->retries = 5;
    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *v;
        char *end, letter;
        double d;
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        switch (argv[i][1]) {
        case 'h':
            usage(t, stdout);
            exit(WT_OK);
        case 'v':
            v = option_value(t, argc, argv, &i);
            if (!strcmp(v, "1"))
                t->version = 1;
            else if (!strcmp(v, "2c") || !strcmp(v, "2"))
                t->version = 2;
            else
                wt_fail(t, WT_USAGE, "invalid version '%s' (1 or 2c)", v);
            break;
        case 'c':
            t->community = option_value(t, argc, argv, &i);
            break;
        case 't':
            v = option_value(t, argc, argv, &i);
            d = strtod(v, &end);
            if (*end || d <= 0 || d > 3600)
                wt_fail(t, WT_USAGE, "invalid timeout '%s' (seconds)", v);
            t->timeout_cs = (unsigned)(d * 100 + 0.5) ? (unsigned)(d * 100 + 0.5) : 1;
            break;
        case 'r':
            v = option_value(t, argc, argv, &i);
            t->retries = (unsigned)strtoul(v, &end, 10);
            if (*end || !*v || t->retries > 100)
                wt_fail(t, WT_USAGE, "invalid retries '%s'", v);
            break;
        case 'O':   /* output options: numeric OIDs is what the tools print */
            v = option_value(t, argc, argv, &i);
            if (strspn(v, "n") != strlen(v))
                wt_fail(t, WT_USAGE, "only -On is supported");
            break;
        case 'I':   /* receivers and the agent: stop after this many seconds */
            v = option_value(t, argc, argv, &i);
            if (!strcmp(v, "R"))
                break;   /* net-snmp's random access to names: ours always look names up so */
            t->wait_seconds = (int)strtol(v, &end, 10);
            if (*end || t->wait_seconds < 0)
                wt_fail(t, WT_USAGE, "invalid seconds '%s'", v);
            break;
        case 'C':
            v = option_value(t, argc, argv, &i);
            if (!t->app_option || !t->app_option(t, v[0], v[0] ? v + 1 : v))
                wt_fail(t, WT_USAGE, "unknown flag passed to -C: %s", v);
            break;
        default:
            /* The tool's own options, each with a value (wsnmpagent -w -f). */
            letter = argv[i][1];
            if (t->own_letters && strchr(t->own_letters, letter) &&
                t->own_option(t, letter, option_value(t, argc, argv, &i)))
                break;
            wt_fail(t, WT_USAGE, "invalid option -%s (see -h)", argv[i] + 1);
        }
    }
    if (i >= argc)
        wt_fail(t, WT_USAGE, "no agent specified (see -h)");
    t->peer = argv[i++];
    t->args = argv + i;
    t->nargs = argc - i;
    if (t->nargs < t->min_args)
        wt_fail(t, WT_USAGE, "missing %s (see -h)", t->synopsis);
}

/* ---- the session ---- */

/* AGENT in the form SnmpStrToEntity takes, "address:port" or "[v6]:port":
 * net-snmp's transport prefix dropped, the default port added. */
static void entity_text(const struct wtool *t, char *out, size_t size)
{
    const char *p = t->peer, *colon;
    if (!strncmp(p, "udp:", 4))
        p += 4;
    else if (!strncmp(p, "udp6:", 5))
        p += 5;
    colon = strchr(p, ':');
    if (p[0] == '[')
        snprintf(out, size, strstr(p, "]:") ? "%s" : "%s:%s", p, t->default_port);
    else if (colon && strchr(colon + 1, ':'))   /* a bare IPv6 address */
        snprintf(out, size, "[%s]:%s", p, t->default_port);
    else
        snprintf(out, size, colon ? "%s" : "%s:%s", p, t->default_port);
}

static const char *api_error(struct wtool *t)
{
    return api_error_name(SnmpGetLastError(t->session));
}

void wt_open(struct wtool *t)
{
    char text[300];
    smiOCTETS community;

    t->req.done = event_create();
    if (!t->req.done || SnmpStartup(NULL, NULL, NULL, NULL, NULL) == SNMPAPI_FAILURE)
        wt_fail(t, WT_TRANSPORT, "SnmpStartup failed: %s", api_error_name(SnmpGetLastError(NULL)));
    /* Entity strings are addresses and context strings communities; the
     * entities created next speak the version asked for. */
    SnmpSetTranslateMode(t->version == 1 ? SNMPAPI_UNTRANSLATED_V1 : SNMPAPI_UNTRANSLATED_V2);
    /* The request tools' callback is examples/common.c's requester_notify. */
    t->session = t->callback ? SnmpCreateSession(NULL, 0, t->callback, t->tool)
                             : SnmpCreateSession(NULL, 0, requester_notify, &t->req);
    t->req.session = t->session;
    if (!t->session)
        wt_fail(t, WT_TRANSPORT, "SnmpCreateSession failed: %s", api_error(t));
    entity_text(t, text, sizeof text);
    t->agent = SnmpStrToEntity(t->session, text);
    if (!t->agent)
        wt_fail(t, WT_TRANSPORT, "unknown host %s (%s)", t->peer, api_error(t));
    SnmpSetTimeout(t->agent, t->timeout_cs);   /* per try, centiseconds */
    SnmpSetRetry(t->agent, t->retries);
    community.len = (smiUINT32)strlen(t->community);
    community.ptr = (smiLPBYTE)t->community;
    t->context = SnmpStrToContext(t->session, &community);
    if (!t->context)
        wt_fail(t, WT_TRANSPORT, "SnmpStrToContext failed: %s", api_error(t));
}

void wt_close(struct wtool *t)
{
    /* SnmpClose frees every handle the session still holds. */
    if (t->session)
        SnmpClose(t->session);
    SnmpCleanup();
    if (t->req.done)
        event_free(t->req.done);
    fflush(stdout);
}

int wt_request(struct wtool *t, smiINT type, HSNMP_VBL vbl, HSNMP_PDU *response,
               const char *timeout_suffix)
{
    /* Past the library's own timeout and retries: a safety margin only. */
    unsigned limit = t->timeout_cs * 10u * (t->retries + 1u) + 5000u;
    int getbulk = type == SNMP_PDU_GETBULK;
    HSNMP_PDU got = requester_send(&t->req, t->agent, t->context, type, vbl,
                                   getbulk ? t->non_repeaters : 0,
                                   getbulk ? t->max_repetitions : 0, response ? limit : 0);
    if (got) {
        *response = got;
        return WT_OK;
    }
    if (!response && !t->req.error)   /* a trap, sent: nothing comes back */
        return WT_OK;
    if (!t->req.error || t->req.error == SNMPAPI_TL_TIMEOUT)
        fprintf(stderr, "Timeout: No Response from %s%s\n", t->peer, timeout_suffix);
    else
        fprintf(stderr, "%s: %s\n", t->prog, api_error_name(t->req.error));
    return WT_TRANSPORT;
}

/* ---- OIDs and values ---- */

HSNMP_VBL wt_oid_list(struct wtool *t, char **oids, int count)
{
    HSNMP_VBL vbl = SnmpCreateVbl(t->session, NULL, NULL);   /* an empty list */
    int i;
    if (!vbl)
        wt_fail(t, WT_TRANSPORT, "SnmpCreateVbl failed: %s", api_error(t));
    for (i = 0; i < count; i++) {
        smiOID name;
        if (!wt_parse_oid(oids[i], &name))
            wt_unknown_oid(oids[i]);
        SnmpSetVb(vbl, 0, &name, NULL);   /* index 0 appends; no value: NULL */
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    }
    return vbl;
}

static int hex_digit(int c)
{
    return isdigit(c) ? c - '0' : isxdigit(c) ? (tolower(c) - 'a' + 10) : -1;
}

/* An octet string from text (s), hex digits with optional spaces (x) or
 * dotted decimal bytes (d). */
static int parse_octets(char type, const char *text, smiOCTETS *out)
{
    size_t n = strlen(text), k = 0;
    unsigned char *b = malloc(n + 1);
    if (!b)
        return 0;
    if (type == 's') {
        memcpy(b, text, n);
        k = n;
    } else if (type == 'x') {
        while (*text) {
            int hi, lo;
            if (isspace((unsigned char)*text) || *text == ':') {
                text++;
                continue;
            }
            hi = hex_digit((unsigned char)text[0]);
            lo = hi < 0 ? -1 : hex_digit((unsigned char)text[1]);
            if (lo < 0) {
                free(b);
                return 0;
            }
            b[k++] = (unsigned char)(hi * 16 + lo);
            text += 2;
        }
    } else {   /* 'd' and IpAddress: numbers separated by dots */
        char *end;
        while (*text) {
            unsigned long v = strtoul(text, &end, 10);
            if (end == text || v > 255 || (*end && *end != '.')) {
                free(b);
                return 0;
            }
            b[k++] = (unsigned char)v;
            text = *end ? end + 1 : end;
        }
    }
    out->ptr = b;
    out->len = (smiUINT32)k;
    return 1;
}

static int parse_number(const char *text, int is_signed, unsigned long long max,
                        unsigned long long *out)
{
    char *end;
    if (!*text)
        return 0;
    if (is_signed) {
        long long v = strtoll(text, &end, 10);
        if (*end || v < -2147483648LL || v > 2147483647LL)
            return 0;
        *out = (unsigned long long)v;
    } else {
        if (text[0] == '-')
            return 0;
        *out = strtoull(text, &end, 10);
        if (*end || *out > max)
            return 0;
    }
    return 1;
}

int wt_parse_value(char type, const char *text, smiVALUE *v)
{
    unsigned long long n = 0;
    memset(v, 0, sizeof *v);
    switch (type) {
    case 'i':
        v->syntax = SNMP_SYNTAX_INT;
        if (!parse_number(text, 1, 0, &n))
            return 0;
        v->value.sNumber = (smiINT32)(long long)n;
        return 1;
    case 'u': case 'c': case 't':
        v->syntax = type == 'u' ? SNMP_SYNTAX_GAUGE32 : type == 'c' ? SNMP_SYNTAX_CNTR32
                                                                   : SNMP_SYNTAX_TIMETICKS;
        if (!parse_number(text, 0, 0xFFFFFFFFULL, &n))
            return 0;
        v->value.uNumber = (smiUINT32)n;
        return 1;
    case 'C':
        v->syntax = SNMP_SYNTAX_CNTR64;
        if (!parse_number(text, 0, ~0ULL, &n))
            return 0;
        v->value.hNumber.hipart = (smiUINT32)(n >> 32);
        v->value.hNumber.lopart = (smiUINT32)n;
        return 1;
    case 'a':
        v->syntax = SNMP_SYNTAX_IPADDR;
        if (!parse_octets('d', text, &v->value.string))
            return 0;
        if (v->value.string.len != 4) {
            wt_free_value(v);
            return 0;
        }
        return 1;
    case 'o':
        v->syntax = SNMP_SYNTAX_OID;
        return wt_parse_oid(text, &v->value.oid);
    case 's': case 'x': case 'd':
        v->syntax = SNMP_SYNTAX_OCTETS;
        return parse_octets(type, text, &v->value.string);
    case 'b':   /* BITS: the numbers of the bits that are set */
        v->syntax = SNMP_SYNTAX_BITS;
        {
            unsigned char *b = calloc(1, 64);
            char *end;
            size_t len = 0;
            if (!b)
                return 0;
            while (*text) {
                unsigned long bit = strtoul(text, &end, 10);
                if (end == text || bit >= 512) {
                    free(b);
                    return 0;
                }
                b[bit / 8] |= (unsigned char)(0x80 >> (bit % 8));
                len = bit / 8 + 1 > len ? bit / 8 + 1 : len;
                text = end + strspn(end, " ,");
            }
            v->value.string.ptr = b;
            v->value.string.len = (smiUINT32)len;
        }
        return 1;
    case 'n':
        v->syntax = SNMP_SYNTAX_NULL;
        return 1;
    default:
        return 0;
    }
}

void wt_free_value(smiVALUE *v)
{
    if (v->syntax == SNMP_SYNTAX_OID)
        SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&v->value.oid);
    else if (v->syntax == SNMP_SYNTAX_OCTETS || v->syntax == SNMP_SYNTAX_IPADDR ||
             v->syntax == SNMP_SYNTAX_BITS || v->syntax == SNMP_SYNTAX_OPAQUE)
        free(v->value.string.ptr);   /* ours, from parse_octets */
    memset(v, 0, sizeof *v);
}

void wt_append_value(struct wtool *t, HSNMP_VBL vbl, const char *oid, const char *type,
                     const char *text)
{
    smiOID name;
    smiVALUE value;
    if (!wt_parse_oid(oid, &name))
        wt_unknown_oid(oid);
    if (strlen(type) != 1 || !wt_parse_value(type[0], text, &value))
        wt_fail(t, WT_USAGE, "%s: bad value '%s' for type '%s' (i u c C t a o s x d b n)", oid,
                text, type);
    SnmpSetVb(vbl, 0, &name, &value);   /* the list keeps its own copy */
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
    wt_free_value(&value);
}

/* ---- net-snmp's error messages (the values: print_varbind, examples/common.c) ---- */

void wt_oid_text(const smiOID *oid, char *out, size_t size)
{
    size_t used = 0;
    smiUINT32 i;
    out[0] = 0;
    for (i = 0; i < oid->len && used + 12 < size; i++)
        used += (size_t)snprintf(out + used, size - used, ".%lu", (unsigned long)oid->ptr[i]);
}

/* net-snmp's text of each error-status (snmp_errstring). */
static const char *error_text(smiINT e)
{
    static const char *const text[] = {
        "(noError) No Error",
        "(tooBig) Response message would have been too large.",
        "(noSuchName) There is no such variable name in this MIB.",
        "(badValue) The value given has the wrong type or length.",
        "(readOnly) The two parties used do not have access to use the specified SNMP PDU.",
        "(genError) A general failure occured",
        "noAccess",
        "wrongType (The set datatype does not match the data type the agent expects)",
        "wrongLength (The set value has an illegal length from what the agent expects)",
        "wrongEncoding",
        "wrongValue (The set value is illegal or unsupported in some way)",
        "noCreation (That table does not support row creation or that object can not ever be created)",
        "inconsistentValue (The set value is illegal or unsupported in some way)",
        "resourceUnavailable (This is likely a out-of-memory failure within the agent)",
        "commitFailed",
        "undoFailed",
        "authorizationError (access denied to that object)",
        "notWritable (That object does not support modification)",
        "inconsistentName (That object can not currently be created)" };
    return e >= 0 && e < (smiINT)(sizeof text / sizeof text[0]) ? text[e] : "Unknown Error";
}

smiINT wt_check_error(HSNMP_PDU response, const char *dot)
{
    smiINT status = 0, index = 0;
    HSNMP_VBL vbl = 0;
    smiOID name;
    smiVALUE value;

    SnmpGetPduData(response, NULL, NULL, &status, &index, &vbl);
    if (status != SNMP_ERROR_NOERROR) {
        fprintf(stderr, "Error in packet%s\nReason: %s\n", dot, error_text(status));
        if (index > 0 && SnmpGetVb(vbl, (smiUINT32)index, &name, &value) == SNMPAPI_SUCCESS) {
            char text[MAXOBJIDSTRSIZE * 2];
            wt_oid_text(&name, text, sizeof text);
            fprintf(stderr, "Failed object: %s\n\n", text);
            SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&name);
            free_value(&value);
        }
    }
    SnmpFreeVbl(vbl);
    return status;
}

int wt_get_and_print(struct wtool *t, smiINT type, const char *dot)
{
    HSNMP_VBL vbl = wt_oid_list(t, t->args, t->nargs);
    int rc = WT_OK;

    for (;;) {
        HSNMP_PDU response = 0;
        HSNMP_VBL got = 0;
        smiINT status, index = 0;
        int sent = wt_request(t, type, vbl, &response, ".");
        if (sent != WT_OK)
            return sent;
        status = wt_check_error(response, dot);
        SnmpGetPduData(response, NULL, NULL, NULL, &index, &got);
        if (status == SNMP_ERROR_NOERROR)
            print_vbl("", got);
        SnmpFreeVbl(got);
        SnmpFreePdu(response);
        if (status == SNMP_ERROR_NOERROR)
            break;
        /* As net-snmp does: leave out the variable the agent named and ask
         * again for the others, if any are left. */
        rc = WT_AGENT_ERROR;
        if (index < 1 || (smiUINT32)index > SnmpCountVbl(vbl) ||
            SnmpDeleteVb(vbl, (smiUINT32)index) == SNMPAPI_FAILURE || SnmpCountVbl(vbl) == 0)
            break;
    }
    SnmpFreeVbl(vbl);
    return rc;
}

int wt_print_response(HSNMP_PDU response, const char *dot)
{
    HSNMP_VBL got = 0;
    int rc = WT_AGENT_ERROR;
    if (wt_check_error(response, dot) == SNMP_ERROR_NOERROR &&
        SnmpGetPduData(response, NULL, NULL, NULL, NULL, &got) == SNMPAPI_SUCCESS) {
        print_vbl("", got);
        SnmpFreeVbl(got);   /* SnmpGetPduData hands out a new list handle */
        rc = WT_OK;
    }
    SnmpFreePdu(response);
    return rc;
}
