/* consumer.c - the out-of-tree program of the package test: built against an
 * installed OpenWinSNMP (find_package or pkg-config), it starts the library,
 * checks that the DLL it loaded is ours (vendor information) and converts an
 * OID both ways. Prints one line; exit status 0 when all is well.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>
#include <winsnmp.h>

int main(void)
{
    smiUINT32 major, minor, level, translate, retransmit;
    smiVENDORINFO vendor;
    smiOID oid;
    char text[MAXOBJIDSTRSIZE + 1] = "";
    int ok;

    if (SnmpStartup(&major, &minor, &level, &translate, &retransmit) == SNMPAPI_FAILURE) {
        printf("consumer: SnmpStartup failed\n");
        return 1;
    }
    SnmpGetVendorInfo(&vendor);
    ok = SnmpStrToOid("1.3.6.1.2.1.1.5.0", &oid) != SNMPAPI_FAILURE &&
         SnmpOidToStr(&oid, sizeof text, text) != SNMPAPI_FAILURE &&
         strcmp(text, "1.3.6.1.2.1.1.5.0") == 0 && strstr(vendor.vendorName, "OpenWinSNMP");
    SnmpFreeDescriptor(SNMP_SYNTAX_OID, (smiLPOPAQUE)&oid);
    SnmpCleanup();
    printf("consumer: WinSNMP %lu.%lu from %s %s, OID %s: %s\n", (unsigned long)major,
           (unsigned long)minor, vendor.vendorName, vendor.vendorVersionId, text,
           ok ? "ok" : "WRONG");
    return ok ? 0 : 1;
}
