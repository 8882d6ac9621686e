/* link_msvc.c - the MSVC-style import library (wsnmp32.lib) as an MSVC-style
 * linker consumes it: this object is linked by lld-link (link.exe semantics,
 * short-import members) with no C runtime, then run under Wine.
 * The exit code carries one bit per failed check, so it needs no CRT.
 *
 * SPDX-License-Identifier: MIT
 */
#include <windows.h>
#include "winsnmp.h"

SNMPAPI_STATUS WINAPI SnmpConveyAgentAddress(DWORD);

#ifdef _WIN64
#define IMP(name, bytes) "__imp_" #name
#define CONVEY_EXPORT "SnmpConveyAgentAddress"
#else
#define IMP(name, bytes) "__imp__" #name "@" #bytes
#define CONVEY_EXPORT "_SnmpConveyAgentAddress@4"
#endif
extern FARPROC imp_convey __asm__(IMP(SnmpConveyAgentAddress, 4));
extern FARPROC imp_close __asm__(IMP(SnmpClose, 4));

void WINAPI entry(void)
{
    smiUINT32 major = 0, minor = 0, level = 0, tmode = 0, rmode = 0;
    smiVENDORINFO vi;
    UINT rc = 0;
    HMODULE dll = GetModuleHandleA("wsnmp32.dll");

    if (!dll) ExitProcess(0x80);
    if (imp_convey != GetProcAddress(dll, CONVEY_EXPORT)) rc |= 0x01;
    if (imp_close != GetProcAddress(dll, "SnmpClose")) rc |= 0x02;
    if (SnmpStartup(&major, &minor, &level, &tmode, &rmode) != SNMPAPI_SUCCESS || major != 2)
        rc |= 0x04;
    vi.vendorName[0] = 0;
    if (SnmpGetVendorInfo(&vi) != SNMPAPI_SUCCESS || !vi.vendorName[0]) rc |= 0x08;
    (void)SnmpConveyAgentAddress(0);
    if (SnmpCleanup() != SNMPAPI_SUCCESS) rc |= 0x10;
    ExitProcess(rc);
}
