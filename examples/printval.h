/* printval.h - printing values the way net-snmp's tools do with -On, for
 * every program here: the WinSNMP examples and tools (common.c) and any
 * program on another API. Plain bytes and numbers, no API types.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef OWS_EXAMPLES_PRINTVAL_H
#define OWS_EXAMPLES_PRINTVAL_H

/* "00 1A 2B " (16 per line). */
void print_hex(const unsigned char *p, unsigned long len);
/* STRING: "text" when every byte is printable or white space (a " or \ gets
 * a backslash), Hex-STRING: ... otherwise, "" when empty. */
void print_string(const unsigned char *p, unsigned long len);
/* OPAQUE: 01 02 ..., or net-snmp's decoded Opaque float, double and 64-bit
 * numbers ("Opaque: Float: 1.000000", "Opaque: Int64: -1"). */
void print_opaque(const unsigned char *p, unsigned long len);
/* Timeticks: (4242) 0:00:42.42, with "N day(s), " from one day on. */
void print_ticks(unsigned long t);

#endif
