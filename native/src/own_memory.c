/*
 * own_memory.c: recognises a descriptor on the recorded program's own memory opened for writing
 * (see own_memory.h). The name comes from /proc/PID/fd/N of the tracee, so every route to the file
 * is seen: "/proc/self/mem", "/proc/thread-self/mem", a relative openat from a /proc directory, a
 * reopen through /proc/self/fd/N.
 */
#include "own_memory.h"
#include "tracee.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The open flags of an open-like syscall, or -1 for any other syscall. */
static int64_t open_flags(struct tracee *t, long nr, const uint64_t a[6])
{
    uint64_t how_flags;
    switch (nr) {
    case SYS_open: return (int64_t)(uint32_t)a[1];
    case SYS_creat: return O_WRONLY;
    case SYS_openat: return (int64_t)(uint32_t)a[2];
    case SYS_openat2: /* struct open_how: the u64 flags come first */
        return tracee_read(t, a[2], &how_flags, sizeof how_flags) == 0 ? (int64_t)(uint32_t)how_flags : O_RDWR;
    case SYS_open_by_handle_at: return (int64_t)(uint32_t)a[2];
    default: return -1;
    }
}

/* Whether name is /proc/<pid>/mem or /proc/<pid>/task/<tid>/mem. */
static bool names_memory_of(const char *name, int pid)
{
    int who = 0, tid = 0, end = 0;
    if (sscanf(name, "/proc/%d/mem%n", &who, &end) == 1 && name[end] == 0)
        return who == pid;
    end = 0;
    if (sscanf(name, "/proc/%d/task/%d/mem%n", &who, &tid, &end) == 2 && name[end] == 0)
        return who == pid;
    return false;
}

bool opened_own_memory_for_writing(struct tracee *t, long nr, const uint64_t args[6], int64_t result,
                                   char *path, size_t size)
{
    int64_t flags = open_flags(t, nr, args);
    if (flags < 0 || result < 0 || (flags & O_PATH) || (flags & O_ACCMODE) == O_RDONLY)
        return false;
    char link[64];
    snprintf(link, sizeof link, "/proc/%d/fd/%d", t->pid, (int)result);
    ssize_t n = readlink(link, path, size - 1);
    if (n <= 0)
        return false;
    path[n] = 0;
    return names_memory_of(path, t->pid);
}
