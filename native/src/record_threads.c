/* record_threads.c: see record_threads.h. The thread table, and whether a syscall with its
 * arguments may block (the syscall table's `block` column says how to tell, by row). */
#include "record_threads.h"
#include "program_paths.h"
#include "syscall_table.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

struct rthread *threads_find(struct thread_table *tt, pid_t tid)
{
    for (int i = 0; i < tt->n; i++)
        if (tt->v[i].tid == tid)
            return &tt->v[i];
    return NULL;
}

struct rthread *threads_add(struct thread_table *tt, pid_t tid, enum thread_state st)
{
    struct rthread *known = threads_find(tt, tid);
    if (known)
        return known;
    if (tt->n == tt->cap) {
        int cap = tt->cap ? 2 * tt->cap : 16;
        struct rthread *v = realloc(tt->v, (size_t)cap * sizeof *v);
        if (!v)
            fatal("out of memory");
        tt->v = v;
        tt->cap = cap;
    }
    struct rthread *t = &tt->v[tt->n++];
    memset(t, 0, sizeof *t);
    t->tid = tid;
    t->state = st;
    return t;
}

void threads_remove(struct thread_table *tt, pid_t tid)
{
    for (int i = 0; i < tt->n; i++)
        if (tt->v[i].tid == tid) {
            memmove(&tt->v[i], &tt->v[i + 1], (size_t)(tt->n - i - 1) * sizeof tt->v[0]);
            tt->n--;
            return;
        }
}

struct rthread *threads_pick(struct thread_table *tt, pid_t except)
{
    for (int k = 0; k < tt->n; k++) {
        int i = (tt->next + k) % tt->n;
        struct rthread *t = &tt->v[i];
        if (t->tid != except &&
            (t->state == RT_NEW || t->state == RT_READY || t->state == RT_RETURNED)) {
            tt->next = i + 1;
            return t;
        }
    }
    return NULL;
}

bool threads_runnable(const struct thread_table *tt, pid_t except)
{
    for (int i = 0; i < tt->n; i++)
        if (tt->v[i].tid != except && (tt->v[i].state == RT_NEW || tt->v[i].state == RT_READY ||
                                       tt->v[i].state == RT_RETURNED))
            return true;
    return false;
}

void threads_free(struct thread_table *tt)
{
    free(tt->v);
    memset(tt, 0, sizeof *tt);
}

/* Whether descriptor fd of pid is a regular file or a block device (reads never wait on them). */
static bool fd_is_file(pid_t pid, int fd)
{
    char path[64];
    struct stat st;
    snprintf(path, sizeof path, "/proc/%d/fd/%d", pid, fd);
    return stat(path, &st) == 0 && (S_ISREG(st.st_mode) || S_ISBLK(st.st_mode) || S_ISDIR(st.st_mode));
}

/* Whether descriptor fd of pid is a pipe (or FIFO) or a socket: a write to it waits while the
 * buffer is full, for as long as the reader (maybe another thread of the program) does not read. */
static bool fd_is_pipe_or_socket(pid_t pid, int fd)
{
    char path[64];
    struct stat st;
    snprintf(path, sizeof path, "/proc/%d/fd/%d", pid, fd);
    return stat(path, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
}

static bool futex_op_waits(uint64_t op)
{
    switch (op & FUTEX_CMD_MASK) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
    case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2:
    case FUTEX_WAIT_REQUEUE_PI:
        return true;
    default:
        return false;
    }
}

/* fcntl and flock: whether the call waits for a lock another holds. */
static bool lock_waits(long nr, const uint64_t args[6])
{
    if (nr == SYS_flock)
        return !(args[1] & LOCK_NB);
    return args[1] == F_SETLKW || args[1] == F_OFD_SETLKW;
}

/* open, creat, openat, openat2: whether the call opens a FIFO in a way that waits for the other
 * end (reading only or writing only, without O_NONBLOCK). The path is looked at from the agent
 * through /proc (the thread's cwd or the dirfd); one that cannot be resolved counts as a wait
 * (letting a call into the kernel that returns at once is only slower, never wrong). */
static bool open_waits_for_fifo(pid_t pid, long nr, const uint64_t args[6])
{
    bool at = nr == SYS_openat || nr == SYS_openat2;
    int dirfd = at ? (int)args[0] : AT_FDCWD;
    uint64_t path_addr = at ? args[1] : args[0];
    uint64_t flags = nr == SYS_creat ? O_WRONLY : nr == SYS_open ? args[1] : args[2];
    if (nr == SYS_openat2) {
        struct iovec local = {&flags, sizeof flags}, remote = {(void *)(uintptr_t)args[2], sizeof flags};
        if (process_vm_readv(pid, &local, 1, &remote, 1, 0) != (ssize_t)sizeof flags)
            return true;
    }
    if ((flags & O_NONBLOCK) || (flags & O_ACCMODE) == O_RDWR || (flags & O_PATH))
        return false;
    char path[PATH_MAX];
    if (!program_read_path(pid, path_addr, path, sizeof path))
        return true;
    int fd = program_path_open(pid, dirfd, path);
    if (fd < 0)
        return errno != ENOENT; /* a new file (O_CREAT) or a failing open: no wait */
    struct stat st;
    bool fifo = fstat(fd, &st) != 0 || S_ISFIFO(st.st_mode); /* unknown: counts as a wait */
    close(fd);
    return fifo;
}

/* splice (in args[0], out args[2]), tee (args[0], args[1]), sendfile (out args[0], in args[1]). */
static bool either_end_waits(pid_t pid, long nr, const uint64_t args[6])
{
    int other = (int)(nr == SYS_splice ? args[2] : args[1]);
    return fd_is_pipe_or_socket(pid, (int)args[0]) || fd_is_pipe_or_socket(pid, other);
}

bool syscall_may_block(pid_t pid, long nr, const uint64_t args[6])
{
    switch (syscall_lookup(nr)->block) {
    case SC_BLOCK_YES:
        return true;
    case SC_BLOCK_FUTEX_OP:
        return futex_op_waits(args[1]);
    case SC_BLOCK_UNLESS_FILE:
        return !fd_is_file(pid, (int)args[0]);
    case SC_BLOCK_PIPE_OR_SOCKET:
        return fd_is_pipe_or_socket(pid, (int)args[0]);
    case SC_BLOCK_LOCK_WAIT:
        return lock_waits(nr, args);
    case SC_BLOCK_OPEN_FIFO:
        return open_waits_for_fifo(pid, nr, args);
    case SC_BLOCK_PIPE_EITHER_END:
        return either_end_waits(pid, nr, args);
    default: /* SC_BLOCK_NO, and numbers the table does not know (refused: they never run) */
        return false;
    }
}
