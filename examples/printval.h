/* printval.h - printing values the way net-snmp's `snmpwalk -On` does, for
 * both example families: the WinSNMP ones (common.c) and the Management API
 * one (snmputil.c). Plain bytes and numbers, no API types.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef OWS_EXAMPLES_PRINTVAL_H
#define OWS_EXAMPLES_PRINTVAL_H

/* "00 1A 2B " (16 per line). */
void print_hex(const unsigned char *p, unsigned long len);
/* STRING: "text" for printable text, Hex-STRING: ... otherwise, "" when empty. */
void print_string(const unsigned char *p, unsigned long len);
/* Timeticks: (4242) 0:00:42.42 */
void print_ticks(unsigned long t);

#endif
