/* layout_sdk.c - mingw-w64's own snmp.h/mgmtapi.h (this file is compiled
 * without our include folder) against the layout table of layout.h. */
#include <windows.h>
#include <snmp.h>
#include <mgmtapi.h>
#include "layout.h"

LAYOUT_ASSERTS("mingw-w64 snmp.h");

int layout_sdk_checked(void);
int layout_sdk_checked(void)
{
    return (int)sizeof(SnmpVarBind);
}
