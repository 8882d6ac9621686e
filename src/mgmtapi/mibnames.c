/* mibnames.c - the names SnmpMgrStrToOid and SnmpMgrOidToStr know without a
 * mib.bin file: the path from the root to mib-2 and enterprises, and every
 * object of RFC 1213 (MIB-II). Names in MIB-II are unique, so each group is
 * written as its parent's name, the first sub-identifier and the children in
 * order ("-" marks a sub-identifier RFC 1213 leaves unused). */
#include <string.h>
#include "mgmtapi/mibnames.h"

static const struct group {
    const char *parent;   /* "" for the root */
    unsigned first;
    const char *children;
} groups[] = {
    { "", 1, "iso" },
    { "iso", 3, "org" },
    { "org", 6, "dod" },
    { "dod", 1, "internet" },
    { "internet", 1, "directory mgmt experimental private" },
    { "mgmt", 1, "mib-2" },
    { "private", 1, "enterprises" },
    { "mib-2", 1, "system interfaces at ip icmp tcp udp egp - transmission snmp" },
    { "system", 1, "sysDescr sysObjectID sysUpTime sysContact sysName sysLocation sysServices" },
    { "interfaces", 1, "ifNumber ifTable" },
    { "ifTable", 1, "ifEntry" },
    { "ifEntry", 1, "ifIndex ifDescr ifType ifMtu ifSpeed ifPhysAddress ifAdminStatus "
                    "ifOperStatus ifLastChange ifInOctets ifInUcastPkts ifInNUcastPkts "
                    "ifInDiscards ifInErrors ifInUnknownProtos ifOutOctets ifOutUcastPkts "
                    "ifOutNUcastPkts ifOutDiscards ifOutErrors ifOutQLen ifSpecific" },
    { "at", 1, "atTable" },
    { "atTable", 1, "atEntry" },
    { "atEntry", 1, "atIfIndex atPhysAddress atNetAddress" },
    { "ip", 1, "ipForwarding ipDefaultTTL ipInReceives ipInHdrErrors ipInAddrErrors "
               "ipForwDatagrams ipInUnknownProtos ipInDiscards ipInDelivers ipOutRequests "
               "ipOutDiscards ipOutNoRoutes ipReasmTimeout ipReasmReqds ipReasmOKs "
               "ipReasmFails ipFragOKs ipFragFails ipFragCreates ipAddrTable ipRouteTable "
               "ipNetToMediaTable ipRoutingDiscards" },
    { "ipAddrTable", 1, "ipAddrEntry" },
    { "ipAddrEntry", 1, "ipAdEntAddr ipAdEntIfIndex ipAdEntNetMask ipAdEntBcastAddr "
                        "ipAdEntReasmMaxSize" },
    { "ipRouteTable", 1, "ipRouteEntry" },
    { "ipRouteEntry", 1, "ipRouteDest ipRouteIfIndex ipRouteMetric1 ipRouteMetric2 "
                         "ipRouteMetric3 ipRouteMetric4 ipRouteNextHop ipRouteType "
                         "ipRouteProto ipRouteAge ipRouteMask ipRouteMetric5 ipRouteInfo" },
    { "ipNetToMediaTable", 1, "ipNetToMediaEntry" },
    { "ipNetToMediaEntry", 1, "ipNetToMediaIfIndex ipNetToMediaPhysAddress "
                              "ipNetToMediaNetAddress ipNetToMediaType" },
    { "icmp", 1, "icmpInMsgs icmpInErrors icmpInDestUnreachs icmpInTimeExcds "
                 "icmpInParmProbs icmpInSrcQuenchs icmpInRedirects icmpInEchos "
                 "icmpInEchoReps icmpInTimestamps icmpInTimestampReps icmpInAddrMasks "
                 "icmpInAddrMaskReps icmpOutMsgs icmpOutErrors icmpOutDestUnreachs "
                 "icmpOutTimeExcds icmpOutParmProbs icmpOutSrcQuenchs icmpOutRedirects "
                 "icmpOutEchos icmpOutEchoReps icmpOutTimestamps icmpOutTimestampReps "
                 "icmpOutAddrMasks icmpOutAddrMaskReps" },
    { "tcp", 1, "tcpRtoAlgorithm tcpRtoMin tcpRtoMax tcpMaxConn tcpActiveOpens "
                "tcpPassiveOpens tcpAttemptFails tcpEstabResets tcpCurrEstab tcpInSegs "
                "tcpOutSegs tcpRetransSegs tcpConnTable tcpInErrs tcpOutRsts" },
    { "tcpConnTable", 1, "tcpConnEntry" },
    { "tcpConnEntry", 1, "tcpConnState tcpConnLocalAddress tcpConnLocalPort "
                         "tcpConnRemAddress tcpConnRemPort" },
    { "udp", 1, "udpInDatagrams udpNoPorts udpInErrors udpOutDatagrams udpTable" },
    { "udpTable", 1, "udpEntry" },
    { "udpEntry", 1, "udpLocalAddress udpLocalPort" },
    { "egp", 1, "egpInMsgs egpInErrors egpOutMsgs egpOutErrors egpNeighTable egpAs" },
    { "egpNeighTable", 1, "egpNeighEntry" },
    { "egpNeighEntry", 1, "egpNeighState egpNeighAddr egpNeighAs egpNeighInMsgs "
                          "egpNeighInErrs egpNeighOutMsgs egpNeighOutErrs egpNeighInErrMsgs "
                          "egpNeighOutErrMsgs egpNeighStateUps egpNeighStateDowns "
                          "egpNeighIntervalHello egpNeighIntervalPoll egpNeighMode "
                          "egpNeighEventTrigger" },
    { "snmp", 1, "snmpInPkts snmpOutPkts snmpInBadVersions snmpInBadCommunityNames "
                 "snmpInBadCommunityUses snmpInASNParseErrs - snmpInTooBigs "
                 "snmpInNoSuchNames snmpInBadValues snmpInReadOnlys snmpInGenErrs "
                 "snmpInTotalReqVars snmpInTotalSetVars snmpInGetRequests snmpInGetNexts "
                 "snmpInSetRequests snmpInGetResponses snmpInTraps snmpOutTooBigs "
                 "snmpOutNoSuchNames snmpOutBadValues - snmpOutGenErrs snmpOutGetRequests "
                 "snmpOutGetNexts snmpOutSetRequests snmpOutGetResponses snmpOutTraps "
                 "snmpEnableAuthenTraps" },
};

/* Walks one group's child list: calls back with each name and sub-id until
 * the callback returns non-zero. */
static int each_child(const struct group *g, int (*fn)(const char *, size_t, unsigned, void *),
                      void *arg)
{
    const char *p = g->children;
    unsigned id = g->first;
    while (*p) {
        size_t n = strcspn(p, " ");
        if (!(n == 1 && *p == '-') && fn(p, n, id, arg))
            return 1;
        id++;
        p += n;
        while (*p == ' ')
            p++;
    }
    return 0;
}

static const struct group *group_of(const char *parent, size_t len)
{
    size_t i;
    for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
        if (strlen(groups[i].parent) == len && !memcmp(groups[i].parent, parent, len))
            return &groups[i];
    return NULL;
}

struct find { const char *name; size_t len; unsigned id; const char *found; size_t flen; };

static int by_name(const char *n, size_t len, unsigned id, void *arg)
{
    struct find *f = arg;
    if (len != f->len || memcmp(n, f->name, len))
        return 0;
    f->id = id;
    f->found = n;
    f->flen = len;
    return 1;
}

static int by_id(const char *n, size_t len, unsigned id, void *arg)
{
    struct find *f = arg;
    if (id != f->id)
        return 0;
    f->found = n;
    f->flen = len;
    return 1;
}

int ows_mib_child_by_name(const struct ows_mib_node *parent, const char *name, size_t len,
                          struct ows_mib_node *child, unsigned *id)
{
    const struct group *g = parent->name ? group_of(parent->name, parent->len) : NULL;
    struct find f = { name, len, 0, NULL, 0 };
    if (!g || !each_child(g, by_name, &f))
        return 0;
    child->name = f.found;
    child->len = f.flen;
    *id = f.id;
    return 1;
}

int ows_mib_child_by_id(const struct ows_mib_node *parent, unsigned id,
                        struct ows_mib_node *child)
{
    const struct group *g = parent->name ? group_of(parent->name, parent->len) : NULL;
    struct find f = { NULL, 0, id, NULL, 0 };
    if (!g || !each_child(g, by_id, &f))
        return 0;
    child->name = f.found;
    child->len = f.flen;
    return 1;
}

size_t ows_mib_path(const char *name, size_t len, unsigned *path, size_t max)
{
    unsigned rev[16];   /* the table is far shallower than this */
    size_t n = 0, i;
    while (len) {
        const struct group *found = NULL;
        struct find f = { name, len, 0, NULL, 0 };
        for (i = 0; i < sizeof(groups) / sizeof(groups[0]) && !found; i++)
            if (each_child(&groups[i], by_name, &f))
                found = &groups[i];
        if (!found || n == sizeof(rev) / sizeof(rev[0]))
            return 0;
        rev[n++] = f.id;
        name = found->parent;
        len = strlen(found->parent);
    }
    if (n > max)
        return 0;
    for (i = 0; i < n; i++)
        path[i] = rev[n - 1 - i];
    return n;
}
