/* proc_exec_failures: execve that fails returns to the program with the documented error and
 * nothing changed: a missing file ENOENT, a directory EACCES, a file without execute permission
 * EACCES, a file of garbage with execute permission ENOEXEC, an empty path ENOENT; the program
 * goes on running its own image. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/rewind-fid-XXXXXX";
    OK(mkdtemp(dir) != NULL, "mkdtemp");
    char plain[128], garbage[128];
    snprintf(plain, sizeof plain, "%s/plain", dir);
    snprintf(garbage, sizeof garbage, "%s/garbage", dir);
    int fd = open(plain, O_CREAT | O_WRONLY, 0644);
    write(fd, "#!/bin/sh\n", 10);
    close(fd);
    fd = open(garbage, O_CREAT | O_WRONLY, 0755);
    write(fd, "\x01\x02\x03 not an executable\n", 23);
    close(fd);
    char *args[] = {"x", NULL}, *env[] = {NULL};
    errno = 0;
    OK(execve("/nonexistent/program", args, env) == -1 && errno == ENOENT, "missing: ENOENT");
    errno = 0;
    OK(execve(dir, args, env) == -1 && errno == EACCES, "a directory: EACCES");
    errno = 0;
    OK(execve(plain, args, env) == -1 && errno == EACCES, "no execute permission: EACCES");
    errno = 0;
    OK(execve(garbage, args, env) == -1 && errno == ENOEXEC, "garbage: ENOEXEC");
    errno = 0;
    OK(execve("", args, env) == -1 && errno == ENOENT, "empty path: ENOENT");
    OK(getpid() > 0 && write(1, "", 0) == 0, "still running");
    SHOW("dir %s", dir);
    unlink(plain);
    unlink(garbage);
    rmdir(dir);
    return FIDELITY_END();
}
