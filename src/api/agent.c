/* agent.c - the undocumented agent-address exports (ordinals 108 and 109).
 *
 * Microsoft does not document them; their names and single argument suggest
 * the agent address of traps. Our reading (issue 5): they set the agent-addr
 * field of SNMPv1 Trap-PDUs that the library builds when an application
 * sends an SNMPv2 TRAP to an SNMPv1 entity (RFC 3584 section 3.2).
 * - SnmpSetAgentAddress("a.b.c.d"): the address to use; NULL or "" resets it
 *   to 0.0.0.0. A text that is not an IPv4 address fails with
 *   ENTITY_UNKNOWN.
 * - SnmpConveyAgentAddress(SNMPAPI_ON) (the default): converted traps carry
 *   snmpTrapAddress.0 when the trap has it, else the address set above;
 *   SNMPAPI_OFF: always 0.0.0.0. Other values fail with MODE_INVALID.
 * Both are process-wide and need SnmpStartup. */
#include "api/api.h"
#include "api/agent.h"
#include "core/engine.h"

/* SnmpConveyAgentAddress: whether converted SNMPv1 traps carry an agent address. */
SNMPAPI_STATUS WINAPI SnmpConveyAgentAddress(SNMPAPI_STATUS status)
{
    int err = ows_api_enter();
    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpConveyAgentAddress(%lu)", (unsigned long)status);
    if (status != SNMPAPI_ON && status != SNMPAPI_OFF)
        return ows_api_fail(NULL, OWS_E_MODE_INVALID);
    ows_net_convey_agent_address(status == SNMPAPI_ON);
    return ows_api_return(NULL, OWS_OK, SNMPAPI_SUCCESS);
}

/* SnmpSetAgentAddress: the agent-addr of converted SNMPv1 traps. */
SNMPAPI_STATUS WINAPI SnmpSetAgentAddress(LPSTR address)
{
    int err = ows_api_enter();
    if (err)
        return ows_api_fail(NULL, err);
    OWS_API_TRACE("SnmpSetAgentAddress(%s)", address ? address : "(null)");
    err = ows_net_set_agent_address(address);
    return ows_api_return(NULL, err, SNMPAPI_SUCCESS);
}
