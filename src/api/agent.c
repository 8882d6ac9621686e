/* agent.c - the undocumented agent-address exports (issue 5).
 *
 * Their behaviour is not publicly documented; until issue 5 defines it they
 * fail cleanly after the usual startup check. */
#include "api/api.h"
#include "api/agent.h"

/* SnmpConveyAgentAddress: undocumented; not supported yet. */
SNMPAPI_STATUS WINAPI SnmpConveyAgentAddress(SNMPAPI_STATUS status)
{
    int err = ows_api_enter();
    if (err) return ows_api_fail(NULL, err);
    OWS_FIXME("SnmpConveyAgentAddress(%lu): not supported", (unsigned long)status);
    return ows_api_fail(NULL, OWS_E_OPERATION_INVALID);
}

/* SnmpSetAgentAddress: undocumented; not supported yet. */
SNMPAPI_STATUS WINAPI SnmpSetAgentAddress(LPSTR address)
{
    int err = ows_api_enter();
    if (err) return ows_api_fail(NULL, err);
    OWS_FIXME("SnmpSetAgentAddress(%p): not supported", (void *)address);
    return ows_api_fail(NULL, OWS_E_OPERATION_INVALID);
}
