/*
 * replay_shm.c: System V shared memory in a replay.
 *
 * shmat was recorded with the segment's whole content at attach as its write. Replay maps shared
 * anonymous memory at the recorded address, read-write, puts that content in, then gives it the
 * attach's protection (SHM_RDONLY, SHM_EXEC). Two attaches of one segment must alias (a store
 * through one shows through the other): the replay remembers which shared memory object stands
 * for each recorded segment id (by inode: a forked save point shares it), and a later attach of
 * the same id, while some mapping of that object is still there, maps the same object again
 * (mremap with old size 0). shmdt unmaps the mapping at its address.
 */
#include "replay_internal.h"

#include "maps.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>

static bool is_error(int64_t v) { return v < 0 && v >= -4095; }

/* The inode of the shared mapping at addr, and where a live mapping of inode ino starts. */
static void find_mappings(pid_t pid, uint64_t addr, unsigned long ino, unsigned long *ino_at_addr,
                          uint64_t *start_of_ino, uint64_t *len_of_ino)
{
    struct map_entry *maps = NULL;
    int n = maps_read(pid, &maps);
    *ino_at_addr = 0;
    *start_of_ino = 0;
    *len_of_ino = 0;
    for (int i = 0; i < n; i++) {
        if (!maps[i].shared)
            continue;
        if (maps[i].start == addr)
            *ino_at_addr = maps[i].inode;
        if (ino && maps[i].inode == ino && maps[i].offset == 0 && !*start_of_ino) {
            *start_of_ino = maps[i].start;
            *len_of_ino = maps[i].end - maps[i].start;
        }
    }
    free(maps);
}

static int ended(struct replay *r, const struct trace_event *ev, int64_t got, const char *what)
{
    char text[200];
    snprintf(text, sizeof text, "%s of the System V segment failed (%s)", what,
             is_error(got) ? strerror((int)-got) : "wrong address");
    return replay_diverged(r, ev, text);
}

int replay_shmat(struct replay *r, const struct trace_event *ev)
{
    const uint64_t *a = ev->sys.args;
    int64_t want = ev->sys.result;
    if (is_error(want)) {
        r->t.regs.rax = (uint64_t)want;
        tracee_set_regs(&r->t);
        return 0;
    }
    /* the segment's size: its content, written in one or more records from `want` on */
    uint64_t size = 0;
    struct cursor c = ev->sys.writes;
    for (uint32_t i = 0; i < ev->sys.write_count; i++) {
        uint64_t addr = cur_u64(&c);
        uint32_t len = cur_u32(&c);
        if (!cur_bytes(&c, len) || addr != (uint64_t)want + size)
            return replay_trace_error(r, "the trace events are corrupted (shmat without its segment)");
        size += len;
    }
    if (size == 0 || size % 4096)
        return replay_trace_error(r, "the trace events are corrupted (shmat without its segment)");
    int slot = -1;
    for (int i = 0; i < r->nshm_segments; i++)
        if (r->shm_segments[i].id == (int64_t)(int32_t)a[0])
            slot = i;
    unsigned long ino_here;
    uint64_t alias = 0, alias_len = 0;
    find_mappings(r->t.pid, 0, slot >= 0 ? r->shm_segments[slot].ino : 0, &ino_here, &alias, &alias_len);
    int64_t got;
    if (alias && alias_len >= size)
        got = replay_inject(r, SYS_mremap, alias, 0, size, MREMAP_MAYMOVE | MREMAP_FIXED, (uint64_t)want, 0);
    else
        got = replay_inject(r, SYS_mmap, (uint64_t)want, size, PROT_READ | PROT_WRITE,
                            MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, (uint64_t)-1, 0);
    if (got != want)
        return ended(r, ev, got, "the attach");
    replay_inject(r, SYS_mprotect, (uint64_t)want, size, PROT_READ | PROT_WRITE, 0, 0, 0);
    find_mappings(r->t.pid, (uint64_t)want, 0, &ino_here, &alias, &alias_len);
    if (slot < 0 && r->nshm_segments < (int)(sizeof r->shm_segments / sizeof r->shm_segments[0]))
        slot = r->nshm_segments++;
    if (slot >= 0)
        r->shm_segments[slot] = (struct shm_segment){(int64_t)(int32_t)a[0], ino_here};
    c = ev->sys.writes;
    for (uint32_t i = 0; i < ev->sys.write_count; i++) {
        uint64_t addr = cur_u64(&c);
        uint32_t len = cur_u32(&c);
        if (replay_write_around(r, addr, cur_bytes(&c, len), len) < 0)
            return ended(r, ev, -EFAULT, "the content");
    }
    int prot = PROT_READ | (a[2] & SHM_RDONLY ? 0 : PROT_WRITE) | (a[2] & SHM_EXEC ? PROT_EXEC : 0);
    got = replay_inject(r, SYS_mprotect, (uint64_t)want, size, (uint64_t)prot, 0, 0, 0);
    if (got != 0)
        return ended(r, ev, got, "the protection");
    r->t.regs.rax = (uint64_t)want;
    tracee_set_regs(&r->t);
    replay_forget_breakpoints(r, (uint64_t)want, size);
    replay_arm_breakpoints(r);
    return 0;
}

int replay_shmdt(struct replay *r, const struct trace_event *ev)
{
    uint64_t addr = ev->sys.args[0];
    if (ev->sys.result == 0) {
        struct map_entry *maps = NULL;
        int n = maps_read(r->t.pid, &maps);
        uint64_t len = 0;
        for (int i = 0; i < n; i++)
            if (maps[i].start == addr && maps[i].shared)
                len = maps[i].end - maps[i].start;
        free(maps);
        int64_t got = len ? replay_inject(r, SYS_munmap, addr, len, 0, 0, 0, 0) : -EINVAL;
        if (got != 0)
            return ended(r, ev, got, "the detach");
        replay_forget_breakpoints(r, addr, len);
    }
    r->t.regs.rax = (uint64_t)ev->sys.result;
    tracee_set_regs(&r->t);
    return 0;
}
