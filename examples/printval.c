/* printval.c - see printval.h. net-snmp's formats (5.9, apps with -On and
 * no MIB loaded), checked byte for byte by tests/tools/compare.sh.
 *
 * SPDX-License-Identifier: MIT
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "printval.h"

void print_hex(const unsigned char *p, unsigned long len)
{
    unsigned long i;
    for (i = 0; i < len; i++) {
        printf("%02X ", p[i]);
        if (i % 16 == 15 && i + 1 < len)
            putchar('\n');
    }
}

/* Text in quotes when every byte is printable or white space (a " or \ gets
 * a backslash); anything else in hex; nothing at all as "". */
void print_string(const unsigned char *p, unsigned long len)
{
    unsigned long i;
    for (i = 0; i < len; i++)
        if (!isprint(p[i]) && !isspace(p[i]))
            break;
    if (len == 0) {
        printf("\"\"");
    } else if (i < len) {
        printf("Hex-STRING: ");
        print_hex(p, len);
    } else {
        printf("STRING: \"");
        for (i = 0; i < len; i++) {
            int c = p[i];
            if (c == '"' || c == '\\')
                putchar('\\');
            putchar(c);
        }
        putchar('"');
    }
}

/* An Opaque that wraps a float, double or 64-bit number (the net-snmp
 * extension: 9F 78 float, 79 double, 7A Int64, 7B UInt64, 76 Counter64, then
 * a short length) is shown decoded, as net-snmp does; others in hex. */
void print_opaque(const unsigned char *p, unsigned long size)
{
    unsigned long long n = 0;
    unsigned long i, len = size >= 3 ? p[2] : 0;
    int tag = size >= 3 && p[0] == 0x9F && len == size - 3 ? p[1] : 0;

    if ((tag == 0x78 && len == 4) || (tag == 0x79 && len == 8)) {
        for (i = 0; i < len; i++)
            n = n << 8 | p[3 + i];
        if (len == 4) {
            float f;
            unsigned int u = (unsigned int)n;
            memcpy(&f, &u, sizeof f);
            printf("Opaque: Float: %f", (double)f);
        } else {
            double d;
            memcpy(&d, &n, sizeof d);
            printf("Opaque: Float: %f", d);
        }
    } else if ((tag == 0x7A || tag == 0x7B || tag == 0x76) && len >= 1 && len <= 8) {
        for (i = 0; i < len; i++)
            n = n << 8 | p[3 + i];
        if (tag == 0x7A) {   /* two's complement of `len` bytes */
            if (len < 8 && (p[3] & 0x80))
                n |= ~0ULL << (8 * len);
            printf("Opaque: Int64: %lld", (long long)n);
        } else {
            printf("Opaque: %s: %llu", tag == 0x7B ? "UInt64" : "Counter64", n);
        }
    } else {
        printf("OPAQUE: ");
        print_hex(p, size);
    }
}

/* Timeticks are hundredths of a second: "(4242) 0:00:42.42", with days. */
void print_ticks(unsigned long t)
{
    unsigned long days = t / 8640000UL, h = t / 360000UL % 24, m = t / 6000UL % 60,
                  s = t / 100UL % 60, cs = t % 100UL;
    printf("Timeticks: (%lu) ", t);
    if (days)
        printf("%lu day%s, ", days, days == 1 ? "" : "s");
    printf("%lu:%02lu:%02lu.%02lu", h, m, s, cs);
}
