/* record_shared_watch.c: see record_shared_watch.h. */
#include "record_shared_watch.h"
#include "maps.h"

#include "record_other_writers.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096ull

/* The copy of one shared mapping. Invariant: len == end - start bytes, as last looked at. */
struct shared_copy_of {
    uint64_t start, end;
    unsigned long inode;
    uint8_t *bytes;
};

/* One recorded process at a time. Invariant: copies[] are the shared mappings seen at the last
 * look, each with its bytes; watching once both has_shared and others_may_write. */
static struct {
    bool has_shared, others_may_write; /* a shared mapping; a child, or a System V attach */
    struct shared_copy_of *copies;
    int ncopies;
} w;

static bool fork_like(struct tracee *t, long nr, const uint64_t args[6])
{
    if (nr == SYS_fork)
        return true;
    if (nr == SYS_clone)
        return !(args[0] & CLONE_THREAD) && !((args[0] & CLONE_VM) && (args[0] & CLONE_VFORK));
    if (nr == SYS_clone3 && args[0]) {
        uint64_t flags = 0;
        return tracee_read(t, args[0], &flags, sizeof flags) == 0 && !(flags & CLONE_THREAD) &&
               !((flags & CLONE_VM) && (flags & CLONE_VFORK));
    }
    return false;
}

static void drop_copies(void)
{
    for (int i = 0; i < w.ncopies; i++)
        free(w.copies[i].bytes);
    free(w.copies);
    w.copies = NULL;
    w.ncopies = 0;
}

static bool watched(const struct map_entry *m)
{
    return m->shared && (m->prot & PROT_READ);
}

/* Reads [start, end) of the process's memory into out (unreadable pages: zeros). */
static void read_memory(int mem, uint64_t start, uint64_t end, uint8_t *out)
{
    for (uint64_t a = start; a < end; a += PAGE)
        if (pread(mem, out + (a - start), PAGE, (off_t)a) != (ssize_t)PAGE)
            memset(out + (a - start), 0, PAGE);
}

static int open_mem(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/mem", pid);
    return open(path, O_RDONLY | O_CLOEXEC);
}

static int too_much(char *why, size_t whylen)
{
    snprintf(why, whylen, "the program shares more than %llu MiB of MAP_SHARED memory with other "
             "processes: Rewind cannot watch what they store there; the recording stops here",
             SHARED_WATCH_MAX >> 20);
    return -1;
}

/* Takes fresh copies of every shared mapping. */
static int take_copies(pid_t pid, char *why, size_t whylen)
{
    drop_copies();
    struct map_entry *maps = NULL;
    int n = maps_read(pid, &maps);
    int mem = open_mem(pid);
    if (n < 0 || mem < 0) {
        free(maps);
        if (mem >= 0)
            close(mem);
        snprintf(why, whylen, "cannot read the program's shared memory (%s): the recording stops "
                 "here", strerror(errno));
        return -1;
    }
    uint64_t total = 0;
    int rc = 0;
    w.copies = calloc((size_t)(n ? n : 1), sizeof *w.copies);
    for (int i = 0; rc == 0 && w.copies && i < n; i++) {
        if (!watched(&maps[i]))
            continue;
        total += maps[i].end - maps[i].start;
        if (total > SHARED_WATCH_MAX) {
            rc = too_much(why, whylen);
            break;
        }
        struct shared_copy_of *c = &w.copies[w.ncopies];
        *c = (struct shared_copy_of){maps[i].start, maps[i].end, maps[i].inode,
                                     malloc(maps[i].end - maps[i].start)};
        if (!c->bytes)
            break;
        read_memory(mem, c->start, c->end, c->bytes);
        w.ncopies++;
    }
    close(mem);
    free(maps);
    return rc;
}

int shared_watch_entry(struct tracee *t, long nr, const uint64_t args[6], char *why, size_t whylen)
{
    if (!w.has_shared || !fork_like(t, nr, args))
        return 0;
    return take_copies(t->pid, why, whylen);
}

/* The copy of the mapping [start, end) of that inode seen at the last look, or NULL. */
static struct shared_copy_of *copy_of(uint64_t start, uint64_t end, unsigned long inode)
{
    for (int i = 0; i < w.ncopies; i++)
        if (w.copies[i].start == start && w.copies[i].end == end && w.copies[i].inode == inode)
            return &w.copies[i];
    return NULL;
}

int shared_watch_exit(struct tracee *t, long nr, const uint64_t args[6], int64_t result,
                      struct mem_range **out, size_t *n, char *why, size_t whylen)
{
    *out = NULL;
    *n = 0;
    bool ok = result >= 0 || result < -4095;
    if (ok && ((nr == SYS_mmap && (args[3] & MAP_SHARED)) || nr == SYS_shmat))
        w.has_shared = true;
    if (ok && ((result > 0 && fork_like(t, nr, args)) || nr == SYS_shmat))
        w.others_may_write = true; /* (any process may attach a System V segment) */
    if (!w.has_shared || !w.others_may_write)
        return 0;
    /* compare every shared mapping with its copy; new ones are copied as they are */
    struct map_entry *maps = NULL;
    int nmaps = maps_read(t->pid, &maps);
    int mem = open_mem(t->pid);
    if (nmaps < 0 || mem < 0) {
        free(maps);
        if (mem >= 0)
            close(mem);
        snprintf(why, whylen, "cannot read the program's shared memory: the recording stops here");
        return -1;
    }
    struct shared_copy_of *fresh = calloc((size_t)(nmaps ? nmaps : 1), sizeof *fresh);
    int nfresh = 0, rc = fresh ? 0 : -1;
    size_t cap = 0;
    uint64_t total = 0;
    for (int i = 0; rc == 0 && i < nmaps; i++) {
        struct map_entry *m = &maps[i];
        if (!watched(m))
            continue;
        total += m->end - m->start;
        if (total > SHARED_WATCH_MAX) {
            rc = too_much(why, whylen);
            break;
        }
        uint8_t *now = malloc(m->end - m->start);
        if (!now) {
            rc = -1;
            break;
        }
        read_memory(mem, m->start, m->end, now);
        struct shared_copy_of *old = copy_of(m->start, m->end, m->inode);
        for (uint64_t a = m->start; old && rc == 0 && a < m->end; a += PAGE)
            if (memcmp(old->bytes + (a - m->start), now + (a - m->start), PAGE))
                rc = mem_ranges_append(out, n, &cap, a, PAGE);
        fresh[nfresh++] = (struct shared_copy_of){m->start, m->end, m->inode, now};
    }
    close(mem);
    free(maps);
    drop_copies();
    w.copies = fresh;
    w.ncopies = nfresh;
    if (rc < 0) {
        if (!why[0])
            snprintf(why, whylen, "out of memory watching the program's shared memory");
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}
