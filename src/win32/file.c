/* file.c - Win32 file permission check (platform.h). Whether others can
 * read a file is a question for its ACL (GetNamedSecurityInfo and an access
 * check per trustee), which this layer does not ask yet: "unknown". */
#include "platform.h"

int ows_plat_file_private(const char *path)
{
    (void)path;
    return -1;
}
