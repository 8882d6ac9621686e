/* wtool.h - what the command-line tools share: net-snmp's command line
 * (-v -c -t -r -C, HOST[:PORT], OID TYPE VALUE), net-snmp's messages (errors
 * and timeouts), and the session every tool opens.
 *
 * Each tool is a short worked example of the WinSNMP API: it opens a session
 * with wt_open, builds a variable-binding list, sends it with wt_request and
 * prints the answer with print_vbl. Everything here uses only winsnmp.h and
 * examples/common.h, which the examples share too: printing values as
 * net-snmp does, one synchronous request on top of WinSNMP's asynchronous
 * one (requester_send), the receive loop of trap receivers, an event and a
 * clock.
 *
 * Exit codes (the same for every tool): 0 success, 1 an SNMP error from the
 * agent, 2 a usage error, 3 a timeout or transport error.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef OWS_TOOLS_WTOOL_H
#define OWS_TOOLS_WTOOL_H
#include <stdio.h>
#include "winsnmp.h"
#include "../examples/common.h"

enum { WT_OK = 0, WT_AGENT_ERROR = 1, WT_USAGE = 2, WT_TRANSPORT = 3 };

/* The command line and the session of one tool run. */
struct wtool {
    /* Filled in by the tool before wt_parse_args. */
    const char *prog;          /* "wsnmpget", for messages */
    const char *synopsis;      /* "OID [OID]...": printed after "[OPTIONS] AGENT" */
    const char *app_options;   /* usage lines of the tool's own -C options, or NULL */
    const char *default_port;  /* "161", or "162" for notifications */
    int min_args;              /* arguments after AGENT the tool needs */
    /* The tool's -C letters: wt_parse_args calls this for each; returns 0 if
     * the letter is unknown. `arg` is the text after the letter ("10" of -Cr10). */
    int (*app_option)(struct wtool *t, char letter, const char *arg);
    /* The tool's own options with a value ("wf": -w COMMUNITY, -f FILE). */
    const char *own_letters;
    int (*own_option)(struct wtool *t, char letter, const char *value);
    void *tool;                /* the tool's own state, for those callbacks */
    /* Receivers and the agent: their own session callback (clientData: tool). */
    SNMPAPI_CALLBACK callback;

    /* From the command line. */
    int version;               /* 1 or 2 (2c) */
    const char *community;
    unsigned timeout_cs;       /* -t, in centiseconds */
    unsigned retries;          /* -r */
    const char *peer;          /* AGENT as typed (net-snmp's messages repeat it) */
    char **args;               /* what follows AGENT */
    int nargs;
    int non_repeaters, max_repetitions, inform;   /* -Cn, -Cr, -Ci */
    int wait_seconds;          /* -I: for receivers and the agent, 0 = forever */

    /* The session (wt_open) and its one request at a time (common.h). */
    HSNMP_SESSION session;
    HSNMP_ENTITY agent;
    HSNMP_CONTEXT context;
    struct requester req;
};

/* Parses net-snmp's common options and AGENT; exits 0 after -h and 2 (with
 * one line on stderr) on a usage error. */
void wt_parse_args(struct wtool *t, int argc, char **argv);

/* Prints one line "PROG: message" on stderr and exits with `code`. */
void wt_fail(const struct wtool *t, int code, const char *fmt, ...);

/* SnmpStartup, a session with a callback (the tools' request callback, or
 * t->callback), the entity of AGENT (with the default port added, timeout and
 * retries set; the address to listen on for receivers and the agent) and the
 * community context. Exits 3 when that fails. */
void wt_open(struct wtool *t);
/* SnmpClose and SnmpCleanup. */
void wt_close(struct wtool *t);

/* An OID, numeric or with MIB-II names in net-snmp's forms (oidname.c), into
 * library memory (free it with SnmpFreeDescriptor). Returns 0 when the text
 * is not one. */
int wt_parse_oid(const char *text, smiOID *out);

/* Prints net-snmp's one-line message for text that wt_parse_oid refused and
 * exits 2. */
void wt_unknown_oid(const char *text);

/* A list of the given OIDs with NULL values (GET, GETNEXT, GETBULK); exits 2
 * with net-snmp's message when one is not an OID. */
HSNMP_VBL wt_oid_list(struct wtool *t, char **oids, int count);

/* Appends "OID TYPE VALUE" (net-snmp's type letters: i u c C t a o s x d n
 * b) to `vbl`; exits 2 with a message when it cannot be parsed. */
void wt_append_value(struct wtool *t, HSNMP_VBL vbl, const char *oid, const char *type,
                     const char *value);
/* The value part alone; returns 0 when `type`/`text` cannot be parsed.
 * Strings and OIDs are allocated (free with wt_free_value). */
int wt_parse_value(char type, const char *text, smiVALUE *out);
void wt_free_value(smiVALUE *value);

/* Sends one request to the agent and waits for its response, which
 * *response receives (the caller frees it). Returns WT_OK, or WT_TRANSPORT
 * after printing net-snmp's timeout message ("Timeout: No Response from
 * AGENT" and `timeout_suffix`, "." for some tools) or the library's error. */
int wt_request(struct wtool *t, smiINT type, HSNMP_VBL vbl, HSNMP_PDU *response,
               const char *timeout_suffix);

/* A response's error-status; when it is not noError, prints net-snmp's
 * report on stderr ("Error in packet" + `dot`, "Reason: ...", "Failed
 * object: OID", a blank line) and returns it. */
smiINT wt_check_error(HSNMP_PDU response, const char *dot);

/* A response's variables (print_vbl) or its error (wt_check_error);
 * frees the response and returns WT_OK or WT_AGENT_ERROR. */
int wt_print_response(HSNMP_PDU response, const char *dot);

/* GET or GETNEXT of the OIDs of the command line, printing the answer;
 * after an error the variable the agent named is left out and the request
 * repeated with the others, as net-snmp's snmpget/snmpgetnext do. `dot` is
 * "" (snmpget) or "." (snmpgetnext), whose "Error in packet" lines differ by it. Returns
 * an exit code. */
int wt_get_and_print(struct wtool *t, smiINT type, const char *dot);

/* Printing a variable (print_varbind) or a list (print_vbl), as net-snmp
 * does: examples/common.h. */
/* The OID as net-snmp prints it: ".1.3.6.1.2.1.1.5.0", into `out`. */
void wt_oid_text(const smiOID *oid, char *out, size_t size);

#endif
