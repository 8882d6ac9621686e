/* agent.h - the two undocumented one-argument exports of the agent role
 * (ordinals 108 and 109). They are not in winsnmp.h; the export list and the
 * tests declare them from here. */
#ifndef OWS_API_AGENT_H
#define OWS_API_AGENT_H
#include "winsnmp.h"

SNMPAPI_STATUS WINAPI SnmpConveyAgentAddress(SNMPAPI_STATUS status);
SNMPAPI_STATUS WINAPI SnmpSetAgentAddress(LPSTR address);

#endif
