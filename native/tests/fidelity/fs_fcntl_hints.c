/* fs_fcntl_hints: fcntl commands that write through a pointer: F_SET_RW_HINT/F_GET_RW_HINT (u64
 * hint read back), F_GETOWNER_UIDS on a file without F_SETOWN (EINVAL or two uids), F_GETLK on an
 * unlocked range (l_type becomes F_UNLCK, the rest kept), F_OFD_GETLK likewise. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#ifndef F_GET_RW_HINT
#define F_GET_RW_HINT 1035
#define F_SET_RW_HINT 1036
#endif
#ifndef F_GETOWNER_UIDS
#define F_GETOWNER_UIDS 17
#endif

int main(void)
{
    char path[] = "/tmp/fid-hints-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0, "mkstemp");
    uint64_t hint = 3, got = 99;
    int r = fcntl(fd, F_SET_RW_HINT, &hint);
    OK(r == 0 ? fcntl(fd, F_GET_RW_HINT, &got) == 0 && got == 3 : errno == EINVAL, "F_SET/GET_RW_HINT: 3 back (or EINVAL)");
    uint32_t uids[2] = {0xeeeeeeee, 0xeeeeeeee};
    r = fcntl(fd, F_GETOWNER_UIDS, uids);
    OK(r == 0 || errno == EINVAL, "F_GETOWNER_UIDS answered");
    struct flock l = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 5, .l_len = 7, .l_pid = 1234};
    OK(fcntl(fd, F_GETLK, &l) == 0 && l.l_type == F_UNLCK && l.l_start == 5 && l.l_len == 7, "F_GETLK unlocked: F_UNLCK");
    struct flock o = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    OK(fcntl(fd, F_OFD_GETLK, &o) == 0 && o.l_type == F_UNLCK, "F_OFD_GETLK unlocked: F_UNLCK");
    SHOW("pid %d hint %llu uids %x", getpid(), (unsigned long long)got, uids[0]);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
