/* file.c - POSIX file permission check (platform.h). */
#include <sys/stat.h>
#include "platform.h"

int ows_plat_file_private(const char *path)
{
    struct stat st;
    if (!path || stat(path, &st) != 0)
        return -1;
    return (st.st_mode & (S_IRGRP | S_IROTH | S_IWGRP | S_IWOTH)) ? 0 : 1;
}
