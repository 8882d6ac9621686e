/* file.c - Win32 file permission check (platform.h). "Others" are the
 * broad groups a secret file must not grant anything to: Everyone,
 * Authenticated Users, Users, Guests and Anonymous. The file's DACL is read
 * in order, as Windows' access check reads it, so a deny entry placed before
 * an allow entry of the same group takes those rights away. Wine maps a Unix
 * file's mode to such a DACL (the world bits become an Everyone entry), so
 * the same answer comes out under Wine as from chmod natively. */
#include <windows.h>
#include <aclapi.h>
#include "platform.h"

enum { N_OTHERS = 5 };

/* Rights that let a group read or change the file's contents. */
#define SECRET_RIGHTS (FILE_READ_DATA | FILE_WRITE_DATA | FILE_APPEND_DATA | GENERIC_READ | \
                       GENERIC_WRITE | GENERIC_ALL)

/* Which of the broad groups a SID is, or -1. */
static int other_index(PSID sid)
{
    static const WELL_KNOWN_SID_TYPE others[N_OTHERS] = {
        WinWorldSid, WinAuthenticatedUserSid, WinBuiltinUsersSid, WinBuiltinGuestsSid,
        WinAnonymousSid
    };
    BYTE buf[SECURITY_MAX_SID_SIZE];
    for (int i = 0; i < N_OTHERS; i++) {
        DWORD size = sizeof buf;
        if (CreateWellKnownSid(others[i], NULL, buf, &size) && EqualSid(sid, buf))
            return i;
    }
    return -1;
}

int ows_plat_file_private(const char *path)
{
    PACL dacl = NULL;
    PSECURITY_DESCRIPTOR sd = NULL;
    ACL_SIZE_INFORMATION info;
    DWORD denied[N_OTHERS] = { 0 };
    int result = 1;
    if (!path || GetNamedSecurityInfoA(path, SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, NULL,
                                       NULL, &dacl, NULL, &sd) != ERROR_SUCCESS)
        return -1;
    /* No DACL at all grants everyone everything. */
    if (!dacl) {
        LocalFree(sd);
        return 0;
    }
    if (!GetAclInformation(dacl, &info, sizeof info, AclSizeInformation)) {
        LocalFree(sd);
        return -1;
    }
    for (DWORD i = 0; i < info.AceCount && result == 1; i++) {
        ACE_HEADER *ace;
        int who;
        if (!GetAce(dacl, i, (void **)&ace) || (ace->AceFlags & INHERIT_ONLY_ACE))
            continue;
        if (ace->AceType == ACCESS_ALLOWED_ACE_TYPE) {
            ACCESS_ALLOWED_ACE *a = (ACCESS_ALLOWED_ACE *)ace;
            who = other_index((PSID)&a->SidStart);
            /* A deny of Everyone covers every group; a group's own deny only it. */
            if (who >= 0 && (a->Mask & SECRET_RIGHTS & ~(denied[who] | denied[0])))
                result = 0;
        } else if (ace->AceType == ACCESS_DENIED_ACE_TYPE) {
            ACCESS_DENIED_ACE *d = (ACCESS_DENIED_ACE *)ace;
            who = other_index((PSID)&d->SidStart);
            if (who >= 0)
                denied[who] |= d->Mask;
        }
    }
    LocalFree(sd);
    return result;
}
