/* mibnames.h - the built-in name tree (mibnames.c). A node is named by its
 * text; the root is the empty name, and a node outside the table has
 * name == NULL (its children are unknown too). */
#ifndef OWS_MGMTAPI_MIBNAMES_H
#define OWS_MGMTAPI_MIBNAMES_H
#include <stddef.h>

struct ows_mib_node {
    const char *name;     /* not NUL-terminated; NULL: not in the table */
    size_t len;
};

/* 1 and the child (and its sub-identifier) when parent has a child of that
 * name / sub-identifier; 0 otherwise. */
int ows_mib_child_by_name(const struct ows_mib_node *parent, const char *name, size_t len,
                          struct ows_mib_node *child, unsigned *id);
int ows_mib_child_by_id(const struct ows_mib_node *parent, unsigned id,
                        struct ows_mib_node *child);

/* The sub-identifiers from the root to the node called name, wherever it is
 * in the table (its names are unique): their number, or 0 when the name is
 * unknown or its path longer than max. The tools resolve net-snmp-style
 * names ("sysDescr.0") with it. */
size_t ows_mib_path(const char *name, size_t len, unsigned *path, size_t max);

#endif
