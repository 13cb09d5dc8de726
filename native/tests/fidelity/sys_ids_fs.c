/* sys_ids_fs: setfsuid/setfsgid return the previous filesystem id (and with an invalid id change
 * nothing, so they read it); it equals the effective id; setreuid/setregid to the current ids
 * succeed; setuid to our own uid succeeds; getresuid with a bad pointer is EFAULT. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/fsuid.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    int fsuid = setfsuid(-1), fsgid = setfsgid(-1);
    OK(fsuid == (int)geteuid() && fsgid == (int)getegid(), "fs ids equal the effective ids");
    OK(setfsuid(geteuid()) == fsuid && setfsuid(-1) == fsuid, "setfsuid to the same id, read back");
    OK(setreuid(getuid(), geteuid()) == 0 && setregid(getgid(), getegid()) == 0, "setreuid/setregid to the same");
    OK(setuid(getuid()) == 0 && setgid(getgid()) == 0, "setuid/setgid to our own");
    uid_t r, e;
    errno = 0;
    OK(syscall(SYS_getresuid, &r, &e, (void *)8) == -1 && errno == EFAULT, "getresuid with a bad pointer: EFAULT");
    SHOW("fsuid %d fsgid %d", fsuid, fsgid);
    return FIDELITY_END();
}
