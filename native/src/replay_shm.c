/*
 * replay_shm.c: System V shared memory in a replay.
 *
 * shmat was recorded with the segment's whole content at attach as its write. Replay stands for
 * each recorded segment id with one file of its own, shm_dir/<slot> (made on the segment's first
 * attach, removed at the end of the replay), and maps it MAP_SHARED at the recorded address with
 * the attach's protection. So:
 *  - every attach of one id maps the same object, whatever happened in between (a detach, a
 *    save point restored: forked save points share the file), as the kernel's one segment does;
 *  - an attach SHM_RDONLY maps the file through a read-only descriptor, so the program's own
 *    mprotect(PROT_WRITE) fails with EACCES as it did while recording (replay_write_around and a
 *    save point's restore put bytes into it through the file);
 *  - the recorded content is written into the file at every attach (it is what the segment held
 *    then: another process's stores before it included). The event's first write records are
 *    that content; the records after it are stores seen in other shared mappings at this syscall
 *    (record_shared_watch.c), applied once the segment is mapped.
 *  - a segment removed (shmctl IPC_RMID) whose id a later shmget gets again (the kernel reuses
 *    ids) is another segment from that shmget's event on: another file, so the old one's
 *    remaining mappings keep their own bytes (replay_shm_track).
 * Limit: an id removed and created again by another process, unseen by the program's syscalls,
 * is taken for the same segment.
 * shmdt unmaps the mapping at its address.
 */
#include "replay_internal.h"

#include "util.h"

#include "image.h"
#include "maps.h"
#include "temp_dirs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

static bool is_error(int64_t v) { return v < 0 && v >= -4095; }

static int ended(struct replay *r, const struct trace_event *ev, int64_t got, const char *what)
{
    char text[200];
    snprintf(text, sizeof text, "%s of the System V segment failed (%s)", what,
             is_error(got) ? strerror((int)-got) : "wrong address");
    return replay_diverged(r, ev, text);
}

bool replay_is_shm_file(const struct replay *r, const struct map_entry *m)
{
    size_t dirlen = strlen(r->shm_dir);
    return m->shared && dirlen && !strncmp(m->name, r->shm_dir, dirlen) && m->name[dirlen] == '/';
}

void replay_remove_shm_files(struct replay *r)
{
    if (!r->shm_dir[0])
        return;
    temp_dir_remove(r->shm_dir);
    r->shm_dir[0] = 0;
}

/* The slot of segment id as of event `at`: the one of that id known from the latest event not
 * after `at`; -1 when none. */
static int segment_at(const struct replay *r, int64_t id, uint64_t at)
{
    int slot = -1;
    for (int i = 0; i < r->nshm_segments; i++) {
        const struct shm_segment *g = &r->shm_segments[i];
        if (g->id == id && g->since <= at && (slot < 0 || g->since > r->shm_segments[slot].since))
            slot = i;
    }
    return slot;
}

/* A new slot for segment id from event `since` on; -1 when the table is full. */
static int add_segment(struct replay *r, int64_t id, uint64_t since)
{
    if (r->nshm_segments == (int)(sizeof r->shm_segments / sizeof r->shm_segments[0]))
        return -1;
    r->shm_segments[r->nshm_segments] = (struct shm_segment){id, since, UINT64_MAX};
    return r->nshm_segments++;
}

void replay_shm_track(struct replay *r, const struct trace_event *ev)
{
    const uint64_t *a = ev->sys.args;
    if (ev->sys.nr == SYS_shmctl && ev->sys.result == 0 && ((a[1] & ~0x100ull) == IPC_RMID)) {
        int slot = segment_at(r, (int64_t)(int32_t)a[0], ev->index);
        if (slot >= 0 && r->shm_segments[slot].removed_at > ev->index)
            r->shm_segments[slot].removed_at = ev->index;
    } else if (ev->sys.nr == SYS_shmget && ev->sys.result >= 0) {
        int slot = segment_at(r, ev->sys.result, ev->index);
        if (slot >= 0 && r->shm_segments[slot].removed_at < ev->index)
            add_segment(r, ev->sys.result, ev->index); /* (full: refused at its attach) */
    }
}

/* Makes the replay's folder of segment files if there is none yet: 0, or -1. */
static int shm_dir_ready(struct replay *r)
{
    if (r->shm_dir[0])
        return 0;
    const char *tmp = getenv("TMPDIR");
    snprintf(r->shm_dir, sizeof r->shm_dir, "%s/rewind-shm-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(r->shm_dir)) {
        r->shm_dir[0] = 0;
        return -1;
    }
    temp_dir_track(r->shm_dir);
    return 0;
}

/* The file standing for segment id as of event `at` (into path), made if new; its slot, or -1. */
static int segment_file(struct replay *r, int64_t id, uint64_t at, char *path, size_t n)
{
    if (shm_dir_ready(r) < 0)
        return -1;
    int slot = segment_at(r, id, at);
    if (slot < 0)
        slot = add_segment(r, id, 0);
    if (slot < 0)
        return -1;
    snprintf(path, n, "%s/%d", r->shm_dir, slot);
    return slot;
}

/* Whether addr lies in a shared mapping of the process (before the attach maps anything). */
static bool in_shared_mapping(const struct map_entry *maps, int n, uint64_t addr)
{
    for (int i = 0; i < n; i++)
        if (maps[i].shared && addr >= maps[i].start && addr < maps[i].end)
            return true;
    return false;
}

/* How many of the event's write records are the segment's content: the first, at `want`, and
 * those that follow it contiguously outside the process's existing shared mappings (the records
 * after them are stores seen in other shared mappings at this syscall: record_shared_watch.c).
 * Their total length goes in *size. */
static int content_records(struct replay *r, const struct trace_event *ev, uint64_t want,
                           uint64_t *size)
{
    struct map_entry *maps = NULL;
    int n = maps_read(r->t.pid, &maps);
    struct cursor c = ev->sys.writes;
    int count = 0;
    *size = 0;
    for (uint32_t i = 0; i < ev->sys.write_count; i++) {
        uint64_t addr = cur_u64(&c);
        uint32_t len = cur_u32(&c);
        if (!cur_bytes(&c, len) || addr != want + *size || (i > 0 && in_shared_mapping(maps, n, addr)))
            break;
        *size += len;
        count++;
    }
    if (n >= 0)
        free(maps);
    return count;
}

/* Puts the segment's recorded content (the event's first `count` writes, from want on) into the
 * file, sized `size`. 0 or -errno. */
static int fill_segment_file(const char *path, const struct trace_event *ev, int count,
                             uint64_t want, uint64_t size)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return -errno;
    int rc = ftruncate(fd, (off_t)size) < 0 ? -errno : 0;
    struct cursor c = ev->sys.writes;
    for (int i = 0; i < count && rc == 0; i++) {
        uint64_t addr = cur_u64(&c);
        uint32_t len = cur_u32(&c);
        const uint8_t *bytes = cur_bytes(&c, len);
        if (pwrite(fd, bytes, len, (off_t)(addr - want)) != (ssize_t)len)
            rc = -EIO;
    }
    if (close(fd) < 0 && rc == 0)
        rc = -errno;
    return rc;
}

/* Applies the event's write records after the first `skip` (stores in other shared mappings). */
static int other_records(struct replay *r, const struct trace_event *ev, int skip)
{
    struct cursor c = ev->sys.writes;
    for (uint32_t i = 0; i < ev->sys.write_count; i++) {
        uint64_t addr = cur_u64(&c);
        uint32_t len = cur_u32(&c);
        const uint8_t *bytes = cur_bytes(&c, len);
        if (!bytes)
            return replay_trace_error(r, "trace events are corrupted: a memory write runs past its event");
        if ((int)i >= skip && replay_write_around(r, addr, bytes, len) < 0)
            return ended(r, ev, -EFAULT, "a store in another shared mapping at the attach");
    }
    return 0;
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
    uint64_t size;
    int count = content_records(r, ev, (uint64_t)want, &size);
    if (count == 0 || size % 4096)
        return replay_trace_error(r, "the trace events are corrupted (shmat without its segment)");
    char path[PATH_MAX + 16];
    if (segment_file(r, (int64_t)(int32_t)a[0], ev->index, path, sizeof path) < 0)
        return ended(r, ev, -ENOSPC, "making the replay's file");
    int64_t got = fill_segment_file(path, ev, count, (uint64_t)want, size);
    if (got < 0)
        return ended(r, ev, got, "writing the replay's file");
    bool writable = !(a[2] & SHM_RDONLY);
    int prot = PROT_READ | (writable ? PROT_WRITE : 0) | (a[2] & SHM_EXEC ? PROT_EXEC : 0);
    got = remote_map_file(&r->t, r->t.regs.rip - 2, tracee_scratch(&r->t), path, (uint64_t)want,
                          size, prot, MAP_SHARED, writable, 0);
    if (got != want)
        return ended(r, ev, got, "the attach");
    r->maps_generation++;
    if (other_records(r, ev, count) < 0)
        return -1;
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

/*
 * Snapshots (version 5). The segments section: u32 count (the table's slots), then per slot
 * u64 id, u64 since, u64 removed_at, u8 has_file, and when has_file u64 size and that many bytes
 * (the file's content now). Attaches in the image are regions with REGF_SYSV_SEGMENT naming their
 * slot, mapped from the restored file, so two attaches of one segment alias again and an attach
 * SHM_RDONLY stays read-only.
 */
#define SEGMENT_MAX_SIZE ((uint64_t)1 << 31) /* a body is under 2 GiB */

/* Appends the file of slot to out (has_file, size, bytes): 0, or -1 with err. */
static int encode_segment_file(const struct replay *r, int slot, struct buf *out, char *err,
                               size_t errlen)
{
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/%d", r->shm_dir, slot);
    int fd = r->shm_dir[0] ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    if (fd < 0 && (!r->shm_dir[0] || errno == ENOENT)) {
        buf_u8(out, 0); /* never attached yet */
        return 0;
    }
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) < 0 || (uint64_t)sb.st_size >= SEGMENT_MAX_SIZE) {
        snprintf(err, errlen, "cannot read the replay's System V segment %s: %s", path,
                 fd < 0 ? strerror(errno) : "too large");
        if (fd >= 0)
            close(fd);
        return -1;
    }
    buf_u8(out, 1);
    buf_u64(out, (uint64_t)sb.st_size);
    buf_reserve(out, (size_t)sb.st_size);
    uint8_t *to = out->data + out->len;
    ssize_t got = 0;
    for (off_t off = 0; off < sb.st_size; off += got)
        if ((got = pread(fd, to + off, (size_t)(sb.st_size - off), off)) <= 0)
            break;
    close(fd);
    if (got <= 0 && sb.st_size > 0) {
        snprintf(err, errlen, "cannot read the replay's System V segment %s", path);
        return -1;
    }
    out->len += (size_t)sb.st_size;
    return 0;
}

int replay_shm_encode(struct replay *r, struct buf *out, char *err, size_t errlen)
{
    size_t len_at = out->len;
    buf_u32(out, 0);
    buf_u32(out, (uint32_t)r->nshm_segments);
    for (int i = 0; i < r->nshm_segments; i++) {
        const struct shm_segment *g = &r->shm_segments[i];
        buf_u64(out, (uint64_t)g->id);
        buf_u64(out, g->since);
        buf_u64(out, g->removed_at);
        if (encode_segment_file(r, i, out, err, errlen) < 0)
            return -1;
    }
    uint64_t len = out->len - len_at - 4;
    if (len >= SEGMENT_MAX_SIZE) {
        snprintf(err, errlen, "a snapshot cannot hold System V segments of %lu bytes",
                 (unsigned long)len);
        return -1;
    }
    uint32_t len32 = (uint32_t)len;
    memcpy(out->data + len_at, &len32, sizeof len32);
    return 0;
}

/* Checks the section whole (nothing is written from a damaged one): its slot count, or -1. */
static int64_t check_section(const uint8_t *p, size_t len)
{
    struct cursor c = {p, p + len, false};
    uint32_t n = cur_u32(&c);
    if (c.bad || n > sizeof ((struct replay *)0)->shm_segments / sizeof(struct shm_segment))
        return -1;
    for (uint32_t i = 0; i < n && !c.bad; i++) {
        cur_bytes(&c, 3 * 8); /* id, since, removed_at */
        if (cur_u8(&c)) {
            uint64_t size = cur_u64(&c);
            if (size % 4096 || size > (uint64_t)(c.end - c.p))
                return -1;
            cur_bytes(&c, (size_t)size);
        }
    }
    return c.bad || c.p != c.end ? -1 : (int64_t)n;
}

int replay_shm_restore(struct replay *r, const uint8_t *p, size_t len)
{
    int64_t n = check_section(p, len);
    if (n < 0)
        return replay_trace_error(r, "the snapshot is damaged (System V segments)");
    struct cursor c = {p + 4, p + len, false};
    for (int i = 0; i < (int)n; i++) {
        struct shm_segment g;
        g.id = (int64_t)cur_u64(&c);
        g.since = cur_u64(&c);
        g.removed_at = cur_u64(&c);
        struct shm_segment *known = &r->shm_segments[i];
        /* the table only grows as the replay goes on: a slot this session knows already agrees,
         * and may know more (a later IPC_RMID) */
        if (i >= r->nshm_segments || known->id != g.id || known->since != g.since)
            *known = g;
        if (i >= r->nshm_segments)
            r->nshm_segments = i + 1;
        if (!cur_u8(&c))
            continue;
        uint64_t size = cur_u64(&c);
        const uint8_t *bytes = cur_bytes(&c, (size_t)size);
        char path[PATH_MAX + 16];
        if (shm_dir_ready(r) < 0)
            return replay_trace_error(r, "cannot make the replay's folder of System V segments");
        snprintf(path, sizeof path, "%s/%d", r->shm_dir, i);
        int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
        bool ok = fd >= 0 && ftruncate(fd, (off_t)size) == 0 &&
                  (size == 0 || write_all(fd, bytes, (size_t)size) == 0);
        if (fd >= 0 && close(fd) < 0)
            ok = false;
        if (!ok)
            return replay_trace_error(r, "cannot write the replay's file of a System V segment");
    }
    return 0;
}

int replay_shm_path(const struct replay *r, uint32_t slot, char *out, size_t n)
{
    if (!r->shm_dir[0] || slot >= (uint32_t)r->nshm_segments)
        return -1;
    snprintf(out, n, "%s/%u", r->shm_dir, slot);
    return access(out, F_OK) == 0 ? 0 : -1;
}
