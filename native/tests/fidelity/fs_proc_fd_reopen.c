/* fs_proc_fd_reopen: reopening a file through /proc/self/fd/N gives a new open file description
 * (its own offset, its own flags: read-only reopen of a read-write fd), an O_PATH fd can be reopened
 * for reading that way, and /proc/self/fdinfo/N shows the offset and flags. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
    char path[] = "/tmp/fid-reopen-XXXXXX";
    int fd = mkstemp(path);
    char stamp[32];
    int len = snprintf(stamp, sizeof stamp, "pid=%d;", getpid());
    OK(fd >= 0 && write(fd, stamp, len) == len, "write a stamp");
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    int again = open(proc, O_RDONLY);
    OK(again >= 0 && lseek(again, 0, SEEK_CUR) == 0 && lseek(fd, 0, SEEK_CUR) == len, "a new description: its own offset");
    OK((fcntl(again, F_GETFL) & O_ACCMODE) == O_RDONLY, "its own access mode");
    char buf[32] = {0};
    OK(read(again, buf, sizeof buf) == len && memcmp(buf, stamp, len) == 0, "reads the stamp");
    int p = open(path, O_PATH);
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", p);
    int r = open(proc, O_RDONLY);
    OK(r >= 0 && pread(r, buf, 4, 0) == 4 && memcmp(buf, "pid=", 4) == 0, "an O_PATH fd reopened for reading");
    char info[64], text[256] = {0};
    snprintf(info, sizeof info, "/proc/self/fdinfo/%d", fd);
    int i = open(info, O_RDONLY);
    char want[32];
    snprintf(want, sizeof want, "pos:\t%d\n", len);
    OK(i >= 0 && read(i, text, sizeof text - 1) > 0 && strncmp(text, want, strlen(want)) == 0 && strstr(text, "flags:\t"),
       "fdinfo: pos and flags");
    SHOW("%s", stamp);
    close(i);
    close(r);
    close(p);
    close(again);
    close(fd);
    OK(unlink(path) == 0, "cleanup");
    return FIDELITY_END();
}
