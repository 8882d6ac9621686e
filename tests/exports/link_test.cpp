// link_test.cpp - the public header from C++: it must compile cleanly (extern
// "C", no C-only constructs), and a C++ program must link against each import
// library and call into the DLL under Wine.
//
// SPDX-License-Identifier: MIT
#include <windows.h>
#include <cstdio>
#include <cstring>
#include <string>
#include <type_traits>
#include "winsnmp.h"

// The prototypes keep the WinSNMP calling convention and return types.
static_assert(std::is_same<decltype(SnmpStartup(nullptr, nullptr, nullptr, nullptr, nullptr)),
                           SNMPAPI_STATUS>::value, "SnmpStartup returns SNMPAPI_STATUS");
static_assert(std::is_same<decltype(&SnmpOpen),
                           HSNMP_SESSION (WINAPI *)(HWND, UINT)>::value, "SnmpOpen is WINAPI");
static_assert(sizeof(smiVENDORINFO) == 196, "smiVENDORINFO layout");

// A callback with the documented signature converts to SNMPAPI_CALLBACK.
static SNMPAPI_STATUS CALLBACK on_event(HSNMP_SESSION, HWND, UINT, WPARAM, LPARAM, LPVOID)
{
    return SNMPAPI_SUCCESS;
}
static const SNMPAPI_CALLBACK callback = on_event;

int main()
{
    int failures = 0;
    smiUINT32 major = 0, minor = 0, level = 0, tmode = 0, rmode = 0;
    if (SnmpStartup(&major, &minor, &level, &tmode, &rmode) != SNMPAPI_SUCCESS) {
        std::printf("FAIL: SnmpStartup, error %lu\n", (unsigned long)SnmpGetLastError(nullptr));
        return 1;
    }
    smiVENDORINFO vi;
    std::memset(&vi, 0, sizeof vi);
    if (SnmpGetVendorInfo(&vi) != SNMPAPI_SUCCESS) {
        std::printf("FAIL: SnmpGetVendorInfo\n");
        failures++;
    }
    std::string vendor(vi.vendorName, strnlen(vi.vendorName, sizeof vi.vendorName));
    if (vendor.empty()) {
        std::printf("FAIL: empty vendor name\n");
        failures++;
    }
    if (major != 2 || minor != 0) {
        std::printf("FAIL: version %lu.%lu\n", (unsigned long)major, (unsigned long)minor);
        failures++;
    }
    // A session with the callback, then closed: the C++ view of the handle types.
    HSNMP_SESSION s = SnmpCreateSession(nullptr, 0, callback, nullptr);
    if (s == nullptr || SnmpClose(s) != SNMPAPI_SUCCESS) {
        std::printf("FAIL: SnmpCreateSession/SnmpClose, error %lu\n",
                    (unsigned long)SnmpGetLastError(nullptr));
        failures++;
    }
    if (SnmpCleanup() != SNMPAPI_SUCCESS) {
        std::printf("FAIL: SnmpCleanup\n");
        failures++;
    }
    std::printf("C++ client: version %lu.%lu, vendor \"%s\": %s\n", (unsigned long)major,
                (unsigned long)minor, vendor.c_str(), failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
