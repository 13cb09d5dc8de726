/* sys_rlimit_fsize: with RLIMIT_FSIZE at 100 bytes, a write that would cross it is cut at the
 * limit (a short count), a write starting at the limit raises SIGXFSZ and fails with EFBIG
 * (SIGXFSZ caught here), ftruncate past it is EFBIG too; the file holds exactly 100 bytes. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static volatile int xfsz;
static void on_xfsz(int sig) { xfsz++; }

int main(void)
{
    signal(SIGXFSZ, on_xfsz);
    char path[] = "/tmp/rewind-fid-XXXXXX";
    int fd = mkstemp(path);
    OK(fd >= 0, "a temporary file");
    struct rlimit old, lim = {100, 100};
    getrlimit(RLIMIT_FSIZE, &old);
    lim.rlim_max = old.rlim_max;
    OK(setrlimit(RLIMIT_FSIZE, &lim) == 0, "RLIMIT_FSIZE 100");
    char buf[150];
    memset(buf, 'f', sizeof buf);
    OK(write(fd, buf, 60) == 60, "60 bytes");
    OK(write(fd, buf, 60) == 40, "the next 60 are cut at 100: 40");
    OK(xfsz == 0, "no signal yet");
    errno = 0;
    OK(write(fd, buf, 1) == -1 && errno == EFBIG && xfsz == 1, "at the limit: SIGXFSZ and EFBIG");
    errno = 0;
    OK(ftruncate(fd, 200) == -1 && errno == EFBIG, "ftruncate past it: EFBIG");
    struct stat st;
    OK(fstat(fd, &st) == 0 && st.st_size == 100, "the file has 100 bytes");
    setrlimit(RLIMIT_FSIZE, &old);
    SHOW("inode %lu signals %d", (unsigned long)st.st_ino, xfsz);
    close(fd);
    unlink(path);
    return FIDELITY_END();
}
