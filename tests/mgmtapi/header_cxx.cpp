// header_cxx.cpp - mgmtapi.h and snmp.h compile as C++ and name the same
// C functions (linked into the layout test, which calls this).
#include "mgmtapi.h"

extern "C" int header_cxx_sizeof_varbind(void);
extern "C" int header_cxx_sizeof_varbind(void)
{
    // Take the exports' addresses: they must have C linkage to link.
    LPSNMP_MGR_SESSION (SNMP_FUNC_TYPE *open)(LPSTR, LPSTR, INT, INT) = SnmpMgrOpen;
    return open ? (int)sizeof(SnmpVarBind) : 0;
}
