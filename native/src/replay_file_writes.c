/*
 * replay_file_writes.c: the recorded memory writes of a syscall that the replay cannot make
 * through /proc/PID/mem, and the size marks (file_watch.h).
 *
 * A write-like syscall changes the program's mappings of the file it writes (recorded by
 * file_watch.c). In replay some of those bytes cannot be stored through the process's memory:
 *  - a MAP_SHARED mapping without PROT_WRITE (the kernel refuses forced writes to it), and a page
 *    of a shared mapping past the end of the replay's copy: the bytes go into the copy file itself
 *    (replay_shared_copy) at the page's file offset, which also grows the copy over that page;
 *    so do the bytes for a System V segment attached SHM_RDONLY (its file: replay_shm.c);
 *  - a page of a private file mapping past the end of the trace's copy of the file (the file grew
 *    while recording): the page becomes anonymous memory with the same rights, holding the bytes.
 * A size mark (a zero-length write at the start of a shared mapping) sets the size of the copy
 * that mapping shows to the size its syscall set, so loads past the end fault as they did.
 */
#include "file_watch.h"
#include "maps.h"
#include "replay_internal.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096ull

/* The mapping of the replayed process that holds addr (into *m); false if none. */
static bool mapping_at(struct replay *r, uint64_t addr, struct map_entry *m)
{
    struct map_entry *maps;
    int n = maps_read(r->t.pid, &maps);
    bool found = false;
    for (int i = 0; i < n && !found; i++)
        if (addr >= maps[i].start && addr < maps[i].end) {
            *m = maps[i];
            found = true;
        }
    if (n >= 0)
        free(maps);
    return found;
}

bool replay_is_shared_copy(const struct replay *r, const struct map_entry *m)
{
    size_t dirlen = strlen(r->shared_dir);
    return m->shared && dirlen && !strncmp(m->name, r->shared_dir, dirlen) && m->name[dirlen] == '/';
}

int replay_apply_size_marks(struct replay *r, const struct trace_event *ev)
{
    struct cursor c = ev->sys.writes;
    for (uint32_t i = 0; i < ev->sys.write_count; i++) {
        uint64_t addr = cur_u64(&c);
        uint32_t len = cur_u32(&c);
        if (!cur_bytes(&c, len))
            return replay_trace_error(r, "trace events are corrupted: a memory write runs past its event");
        if (len)
            continue;
        uint64_t size;
        struct map_entry m;
        char got[200];
        if (!file_watch_marked_size(ev->sys.nr, ev->sys.args, &size))
            return replay_trace_error(r, "trace events are corrupted: a size mark in a syscall that "
                                         "sets no file size");
        if (!mapping_at(r, addr, &m) || !replay_is_shared_copy(r, &m)) {
            snprintf(got, sizeof got, "no shared file mapping at %#llx to resize",
                     (unsigned long long)addr);
            return replay_diverged(r, ev, got);
        }
        if (truncate(m.name, (off_t)size) < 0) {
            snprintf(got, sizeof got, "cannot resize the replay's copy of the file mapped at %#llx (%s)",
                     (unsigned long long)addr, strerror(errno));
            return replay_diverged(r, ev, got);
        }
    }
    return 0;
}

/* Stores len bytes (within one page) at addr of mapping m some other way than through memory. */
static int write_around(struct replay *r, const struct map_entry *m, uint64_t addr,
                        const uint8_t *bytes, uint32_t len)
{
    if (replay_is_shared_copy(r, m) || replay_is_shm_file(r, m)) {
        int fd = open(m->name, O_WRONLY | O_CLOEXEC);
        off_t at = (off_t)(m->offset + (addr - m->start));
        ssize_t put = fd >= 0 ? pwrite(fd, bytes, len, at) : -1;
        int err = errno;
        if (fd >= 0)
            close(fd);
        return put == (ssize_t)len ? 0 : -(put < 0 ? err : EIO);
    }
    if (m->shared) {
        /* shared memory the program may only read (another process's stores, recorded): the page
         * is made writable for the store and given back its rights */
        uint64_t page = addr & ~(PAGE - 1);
        if (replay_inject(r, SYS_mprotect, page, PAGE, (uint64_t)(m->prot | PROT_WRITE), 0, 0, 0) != 0)
            return -EFAULT;
        int rc = tracee_write(&r->t, addr, bytes, len);
        replay_inject(r, SYS_mprotect, page, PAGE, (uint64_t)m->prot, 0, 0, 0);
        r->maps_generation++;
        return rc;
    }
    if (!m->inode)
        return -EFAULT;
    /* a private file page past the end of the trace's copy: anonymous memory with its rights */
    uint64_t page = addr & ~(PAGE - 1);
    uint8_t content[PAGE];
    memset(content, 0, sizeof content);
    memcpy(content + (addr - page), bytes, len);
    int64_t got = replay_inject(r, SYS_mmap, page, PAGE, (uint64_t)m->prot,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, (uint64_t)-1, 0);
    if ((uint64_t)got != page)
        return got < 0 ? (int)got : -EFAULT;
    r->maps_generation++;
    return tracee_write(&r->t, page, content, PAGE);
}

int replay_write_around(struct replay *r, uint64_t addr, const uint8_t *bytes, uint32_t len)
{
    if (tracee_write(&r->t, addr, bytes, len) == 0)
        return 0;
    while (len > 0) { /* page by page (what was written already is written again, alike) */
        uint32_t n = (uint32_t)(PAGE - (addr % PAGE));
        if (n > len)
            n = len;
        struct map_entry m;
        int rc = tracee_write(&r->t, addr, bytes, n);
        if (rc < 0 && mapping_at(r, addr, &m))
            rc = write_around(r, &m, addr, bytes, n);
        if (rc < 0)
            return rc;
        addr += n;
        bytes += n;
        len -= n;
    }
    return 0;
}
