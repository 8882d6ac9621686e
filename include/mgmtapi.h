/*
 * mgmtapi.h - the SNMP Management API (mgmtapi.dll), as implemented by
 * OpenWinSNMP on the same core as its wsnmp32.dll.
 *
 * ABI-identical to the Windows SDK header of the same name. Written from
 * Microsoft's public documentation. Results are freed by the caller with
 * snmpapi.dll's SnmpUtil* functions (snmp.h).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef OPENWINSNMP_MGMTAPI_H
#define OPENWINSNMP_MGMTAPI_H

#include "snmp.h"
#ifdef _WIN32
#  include <winsock.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* GetLastError codes of the Management API. */
#define SNMP_MGMTAPI_TIMEOUT         40
#define SNMP_MGMTAPI_SELECT_FDERRORS 41
#define SNMP_MGMTAPI_TRAP_ERRORS     42
#define SNMP_MGMTAPI_TRAP_DUPINIT    43
#define SNMP_MGMTAPI_NOTRAPS         44
#define SNMP_MGMTAPI_AGAIN           45
#define SNMP_MGMTAPI_INVALID_CTL     46
#define SNMP_MGMTAPI_INVALID_SESSION 47
#define SNMP_MGMTAPI_INVALID_BUFFER  48

/* SnmpMgrCtl control codes. */
#define MGMCTL_SETAGENTPORT 0x01
/* OpenWinSNMP extension: lpvInBuffer points to a UINT SNMP version,
 * 0 (SNMPv1, the default) or 1 (SNMPv2c). Other DLLs answer
 * SNMP_MGMTAPI_INVALID_CTL. */
#define MGMCTL_OWS_SETVERSION 0x4F570001

typedef PVOID LPSNMP_MGR_SESSION;

LPSNMP_MGR_SESSION SNMP_FUNC_TYPE SnmpMgrOpen(LPSTR lpAgentAddress, LPSTR lpAgentCommunity,
                                              INT nTimeOut, INT nRetries);
OWS_SNMP_BOOL_T SNMP_FUNC_TYPE SnmpMgrCtl(LPSNMP_MGR_SESSION session, DWORD dwCtlCode,
                                          LPVOID lpvInBuffer, DWORD cbInBuffer,
                                          LPVOID lpvOUTBuffer, DWORD cbOUTBuffer,
                                          LPDWORD lpcbBytesReturned);
OWS_SNMP_BOOL_T SNMP_FUNC_TYPE SnmpMgrClose(LPSNMP_MGR_SESSION session);
SNMPAPI SNMP_FUNC_TYPE SnmpMgrRequest(LPSNMP_MGR_SESSION session, BYTE requestType,
                                      RFC1157VarBindList *variableBindings,
                                      AsnInteger *errorStatus, AsnInteger *errorIndex);
OWS_SNMP_BOOL_T SNMP_FUNC_TYPE SnmpMgrStrToOid(LPSTR string, AsnObjectIdentifier *oid);
OWS_SNMP_BOOL_T SNMP_FUNC_TYPE SnmpMgrOidToStr(AsnObjectIdentifier *oid, LPSTR *string);
OWS_SNMP_BOOL_T SNMP_FUNC_TYPE SnmpMgrTrapListen(HANDLE *phTrapAvailable);
OWS_SNMP_BOOL_T SNMP_FUNC_TYPE SnmpMgrGetTrap(AsnObjectIdentifier *enterprise,
                                              AsnNetworkAddress *IPAddress,
                                              AsnInteger *genericTrap, AsnInteger *specificTrap,
                                              AsnTimeticks *timeStamp,
                                              RFC1157VarBindList *variableBindings);
OWS_SNMP_BOOL_T SNMP_FUNC_TYPE SnmpMgrGetTrapEx(AsnObjectIdentifier *enterprise,
                                                AsnNetworkAddress *agentAddress,
                                                AsnNetworkAddress *sourceAddress,
                                                AsnInteger *genericTrap, AsnInteger *specificTrap,
                                                AsnOctetString *community, AsnTimeticks *timeStamp,
                                                RFC1157VarBindList *variableBindings);

#ifndef _WIN32
/* The native (non-Windows) build has no Win32 last error: the library keeps
 * one per thread, read and set through these two. */
DWORD GetLastError(void);
void SetLastError(DWORD code);
/* Nor Win32 events: the HANDLE SnmpMgrTrapListen stores in *phTrapAvailable
 * holds a file descriptor, OWS_MGMT_TRAP_FD(h). Like the Windows event it is
 * set (readable: poll() or select() it for POLLIN) when traps arrive and
 * cleared when SnmpMgrGetTrap finds no more. It belongs to the library: do not
 * read, write or close it; SnmpMgrClose(NULL) closes it. */
#define OWS_MGMT_TRAP_FD(h) ((int)(intptr_t)(h))
#endif

#ifdef __cplusplus
}
#endif
#endif
