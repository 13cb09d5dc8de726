/* program_paths.c: see program_paths.h. */
#include "program_paths.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>

#define PAGE 4096

bool program_read_path(pid_t pid, uint64_t addr, char *out, size_t n)
{
    size_t got = 0;
    while (got + 1 < n) {
        size_t chunk = PAGE - ((addr + got) % PAGE); /* never cross into an unreadable page */
        if (chunk > n - 1 - got)
            chunk = n - 1 - got;
        struct iovec local = {out + got, chunk}, remote = {(void *)(uintptr_t)(addr + got), chunk};
        if (process_vm_readv(pid, &local, 1, &remote, 1, 0) != (ssize_t)chunk)
            return false;
        if (memchr(out + got, 0, chunk))
            return true;
        got += chunk;
    }
    return false;
}

int program_path_open(pid_t pid, int dirfd, const char *path)
{
    char full[PATH_MAX + 64];
    if (path[0] == '/')
        snprintf(full, sizeof full, "%s", path);
    else if (dirfd == AT_FDCWD)
        snprintf(full, sizeof full, "/proc/%d/cwd/%s", pid, path);
    else
        snprintf(full, sizeof full, "/proc/%d/fd/%d/%s", pid, dirfd, path);
    return open(full, O_PATH | O_CLOEXEC);
}
