/*
 * snapshot.c: a replayed process's whole state at an event boundary as one self-contained body
 * (docs/snapshot-format.md), and a replay session opened from such a body in a fresh husk.
 *
 * The body is: a header (magic, version, the event the replay stands before and the event log's
 * position of it), the replay's own state (program break, temporary signal mask), the AVX state
 * (XSAVE area), all 64 signal actions, the alternate signal stack, the recorded names of the
 * mapped blobs,
 * then an EXEC image (image.h) of the address space: file mappings as blob references plus the
 * pages that differ from the blob, other mappings by their non-zero pages. A snapshot never holds
 * breakpoint bytes, data breakpoint protections or injected scratch bytes: they are taken out (or
 * put back) before its memory is read.
 *
 * Invariant: snapshots are taken where save points are (a syscall stop between events, no signal
 * being delivered), so the restored process stands right after a `syscall` instruction, through
 * which the restore injects what it needs.
 */
#include "snapshot.h"

#include "image.h"
#include "maps.h"
#include "replay_internal.h"
#include "snapshot_threads.h"
#include "thread_fork.h"
#include "util.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define SNAPSHOT_MAGIC 0x4e535752u /* "RWSN" */
#define SNAPSHOT_VERSION 5u /* 5: the System V segments section, region flag 32; 4: the threads section; 3: region flag 16 (REGF_READONLY_FD); 2: the
                               shared files section; 1 to 4 are read too */

#define FILE_PAGE 4096

static const uint8_t syscall_insn[2] = {0x0f, 0x05};

/* The blob a replayed region maps: its file is trace_dir/blobs/<hash>; the recorded name goes in. */
static int replay_blob(void *ctx, const struct map_entry *m, int fd, uint8_t hash[TRACE_HASH_SIZE],
                       const char **name, char *err, size_t errlen)
{
    struct replay *r = ctx;
    (void)fd;
    const char *slash = strrchr(m->name, '/');
    const char *hex = slash ? slash + 1 : m->name;
    size_t dirlen = strlen(r->shared_dir);
    if (m->shared && dirlen && !strncmp(m->name, r->shared_dir, dirlen) && m->name[dirlen] == '/') {
        /* the replay's copy of a file mapped shared: its contents go in the shared files section */
        int i = atoi(m->name + dirlen + 1);
        if (i < 0 || i >= r->nshared)
            return 1;
        memcpy(hash, r->shared[i].blob, TRACE_HASH_SIZE);
        return 0;
    }
    if (replay_is_shm_file(r, m)) {
        /* the replay's file of a System V segment: its bytes go in the segments section */
        int slot = atoi(m->name + strlen(r->shm_dir) + 1);
        if (slot < 0 || slot >= r->nshm_segments) {
            snprintf(err, errlen, "a snapshot cannot hold the unknown System V segment %s", m->name);
            return -1;
        }
        uint32_t s32 = (uint32_t)slot;
        memset(hash, 0, TRACE_HASH_SIZE);
        memcpy(hash, &s32, sizeof s32);
        return IMAGE_SYSV_SEGMENT;
    }
    if ((m->prot & PROT_WRITE) && m->shared) {
        snprintf(err, errlen, "a snapshot cannot hold a writable shared mapping of %s", m->name);
        return -1;
    }
    if (strlen(hex) != 2 * TRACE_HASH_SIZE || strncmp(m->name, r->trace_dir, strlen(r->trace_dir)))
        return 1; /* not one of the recording's blobs: kept literally */
    for (int i = 0; i < TRACE_HASH_SIZE; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1)
            return 1;
        hash[i] = (uint8_t)v;
    }
    const char *recorded = replay_module_name(r, m->name);
    if (recorded)
        *name = recorded;
    return 0;
}

/* The replayed process's 64 signal actions and its alternate signal stack, read by injected
 * rt_sigaction and sigaltstack calls into scratch memory below the red zone (its bytes are put
 * back). */
static int read_actions(struct tracee *t, uint8_t actions[64][SIGACTION_SIZE], stack_t *altstack,
                        char *err, size_t errlen)
{
    tracee_get_regs(t);
    uint64_t inj = t->regs.rip - 2, scratch = tracee_scratch(t);
    uint8_t saved[SIGACTION_SIZE];
    if (tracee_read(t, scratch, saved, sizeof saved) < 0) {
        snprintf(err, errlen, "cannot read the stack below %#llx", (unsigned long long)scratch);
        return -1;
    }
    memset(actions, 0, 64 * SIGACTION_SIZE);
    for (int sig = 1; sig <= 64; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP)
            continue;
        uint64_t args[6] = {(uint64_t)sig, 0, scratch, 8, 0, 0};
        if (tracee_inject_syscall(t, inj, SYS_rt_sigaction, args, 0, NULL) == 0)
            tracee_read(t, scratch, actions[sig - 1], SIGACTION_SIZE);
    }
    uint64_t args[6] = {0, scratch, 0, 0, 0, 0};
    memset(altstack, 0, sizeof(stack_t));
    if (tracee_inject_syscall(t, inj, SYS_sigaltstack, args, 0, NULL) == 0)
        tracee_read(t, scratch, altstack, sizeof(stack_t));
    tracee_write(t, scratch, saved, sizeof saved);
    return 0;
}

int snapshot_read_state(struct tracee *t, const struct snapshot_place *at,
                        struct snapshot_state *st, char *err, size_t errlen)
{
    tracee_get_regs(t);
    uint8_t before[2];
    if (tracee_read(t, t->regs.rip - 2, before, 2) < 0 || memcmp(before, syscall_insn, 2)) {
        snprintf(err, errlen, "no snapshot here: snapshots are taken at syscall stops");
        return -1;
    }
    st->at = *at;
    st->shared = NULL;
    st->threads = NULL;
    st->regs = t->regs;
    if (ptrace(PTRACE_GETFPREGS, t->pid, 0, &st->fpregs) < 0)
        memset(&st->fpregs, 0, sizeof st->fpregs);
    struct iovec iov = {st->xstate, sizeof st->xstate};
    st->xstate_len = ptrace(PTRACE_GETREGSET, t->pid, NT_X86_XSTATE, &iov) < 0 ? 0 : iov.iov_len;
    return read_actions(t, st->actions, &st->altstack, err, errlen);
}

int snapshot_encode_state(const struct snapshot_state *st, struct tracee *memory,
                          struct dirty_tracker *dirty, image_blob_fn blob, void *ctx,
                          struct buf *out, char *err, size_t errlen)
{
    const struct snapshot_place *at = &st->at;
    buf_u32(out, SNAPSHOT_MAGIC);
    buf_u32(out, SNAPSHOT_VERSION);
    buf_u64(out, at->pos.event);
    buf_u64(out, (uint64_t)at->pos.block_off);
    buf_u64(out, at->pos.block_first);
    buf_u64(out, at->pos.event);
    buf_u64(out, at->brk);
    buf_u64(out, at->swap_mask);
    buf_u32(out, st->xstate_len);
    buf_put(out, st->xstate, st->xstate_len);
    buf_put(out, st->actions, sizeof st->actions);
    buf_u64(out, (uint64_t)(uintptr_t)st->altstack.ss_sp);
    buf_u32(out, (uint32_t)st->altstack.ss_flags);
    buf_u64(out, (uint64_t)st->altstack.ss_size);
    buf_u32(out, 0); /* names: the image's blob regions carry the recorded names */
    if (st->shared) {
        buf_put(out, st->shared->data, st->shared->len);
    } else {
        buf_u32(out, 0); /* no shared files */
        buf_u32(out, 4); /* a segments section of no System V segment */
        buf_u32(out, 0);
    }
    if (st->threads) {
        buf_put(out, st->threads->data, st->threads->len);
    } else {
        buf_u32(out, 4); /* a threads section of no threads named */
        buf_u32(out, 0);
    }
    struct buf image = {0};
    struct image_source src = {.regs = &st->regs, .fpregs = &st->fpregs, .dirty = dirty};
    int rc = image_encode(memory, &src, &image, "", blob, ctx, err, errlen);
    if (rc == 0) {
        buf_u32(out, (uint32_t)image.len);
        buf_put(out, image.data, image.len);
    }
    buf_free(&image);
    return rc;
}

int snapshot_encode_process(struct tracee *t, const struct snapshot_place *at,
                            const struct buf *shared, const struct buf *threads,
                            struct dirty_tracker *dirty, image_blob_fn blob, void *ctx,
                            struct buf *out, char *err, size_t errlen)
{
    struct snapshot_state *st = xmalloc(sizeof *st);
    int rc = snapshot_read_state(t, at, st, err, errlen);
    st->shared = shared;
    st->threads = threads;
    if (rc == 0)
        rc = snapshot_encode_state(st, t, dirty, blob, ctx, out, err, errlen);
    free(st);
    return rc;
}

/*
 * The shared files section: the replay's copies of files mapped shared (replay_shared_copy), each
 * as its recorded identity, its blob, its size and the pages that differ from the blob (whether
 * mapped now or not: a later mapping of the same file shares the copy). Two copies of different
 * files with the same blob are refused: a restored region names its copy by blob.
 */
static int encode_shared_files(struct replay *r, struct buf *out, char *err, size_t errlen)
{
    buf_u32(out, (uint32_t)r->nshared);
    for (int i = 0; i < r->nshared; i++) {
        for (int k = 0; k < i; k++)
            if (!memcmp(r->shared[k].blob, r->shared[i].blob, TRACE_HASH_SIZE)) {
                snprintf(err, errlen, "a snapshot cannot hold two shared files of the same contents");
                return -1;
            }
        char path[PATH_MAX + 16];
        snprintf(path, sizeof path, "%s/%d", r->shared_dir, i);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        int base = trace_blob_open(&r->tr, r->shared[i].blob);
        struct stat sb;
        if (fd < 0 || base < 0 || fstat(fd, &sb) < 0) {
            snprintf(err, errlen, "cannot read the replay's copy %s: %s", path, strerror(errno));
            if (fd >= 0)
                close(fd);
            if (base >= 0)
                close(base);
            return -1;
        }
        buf_u64(out, r->shared[i].dev);
        buf_u64(out, r->shared[i].ino);
        buf_put(out, r->shared[i].blob, TRACE_HASH_SIZE);
        buf_u64(out, (uint64_t)sb.st_size);
        size_t count_at = out->len;
        buf_u32(out, 0);
        uint32_t chunks = 0;
        uint8_t page[FILE_PAGE], ref[FILE_PAGE];
        for (off_t off = 0; off < sb.st_size; off += FILE_PAGE) {
            memset(page, 0, sizeof page);
            memset(ref, 0, sizeof ref);
            ssize_t n = pread(fd, page, sizeof page, off);
            ssize_t m = pread(base, ref, sizeof ref, off);
            (void)m;
            if (n > 0 && memcmp(page, ref, sizeof page)) {
                buf_u64(out, (uint64_t)off);
                buf_u32(out, (uint32_t)n);
                buf_put(out, page, (size_t)n);
                chunks++;
            }
        }
        memcpy(out->data + count_at, &chunks, sizeof chunks);
        close(fd);
        close(base);
    }
    return 0;
}

int snapshot_encode(struct replay *r, const struct snapshot_request *req, struct buf *out,
                    bool *based, char *err, size_t errlen)
{
    *based = false;
    if (!r->alive || r->has_failed || r->ended || r->ev_begun || r->deliver_sig) {
        snprintf(err, errlen, "no snapshot here: the replay is not between two events");
        return -1;
    }
    struct snapshot_place at = {.brk = r->brk, .swap_mask = r->swap_mask};
    trace_reader_tell(&r->tr, r->have_ev ? r->ev.index : r->tr.next_event, &at.pos);
    replay_breakpoint_bytes(r, false);
    /* A plain snapshot (neither tracking nor a base) leaves the tracker alone: its base and the
     * protections set then still tell what changed since. */
    bool tracker = req->track || req->has_base;
    *based = tracker && dirty_begin(&r->dirty, &r->t, req->has_base, req->base_event);
    struct buf shared = {0}, threads = {0};
    /* the threads first: reading them injects into every thread (its scratch bytes put back) */
    int rc = snapshot_threads_encode(r, &threads, err, errlen);
    if (rc == 0)
        rc = encode_shared_files(r, &shared, err, errlen);
    if (rc == 0) /* (the segments section follows the shared files section) */
        rc = replay_shm_encode(r, &shared, err, errlen);
    if (rc == 0)
        rc = snapshot_encode_process(&r->t, &at, &shared, &threads, tracker ? &r->dirty : NULL,
                                     replay_blob, r, out, err, errlen);
    buf_free(&shared);
    buf_free(&threads);
    if (tracker && rc == 0) {
        tracee_get_regs(&r->t);
        dirty_commit(&r->dirty, &r->t, r->t.regs.rip - 2, at.pos.event, req->track);
    } else if (tracker) {
        dirty_abort(&r->dirty);
    }
    replay_breakpoint_bytes(r, true);
    return rc;
}

/* Puts the snapshot's signal actions, alternate signal stack and AVX state back (after the
 * address space is rebuilt). */
static int restore_signals(struct replay *r, const uint8_t *actions, const stack_t *altstack,
                           const uint8_t *xstate, uint32_t xlen, char *err, size_t errlen)
{
    if (xlen) {
        struct iovec iov = {(void *)xstate, xlen};
        if (ptrace(PTRACE_SETREGSET, r->t.pid, NT_X86_XSTATE, &iov) < 0) {
            snprintf(err, errlen, "cannot set the AVX state: %s", strerror(errno));
            return -1;
        }
    }
    tracee_get_regs(&r->t);
    uint64_t inj = r->t.regs.rip - 2, scratch = tracee_scratch(&r->t);
    uint8_t saved[SIGACTION_SIZE];
    if (tracee_read(&r->t, scratch, saved, sizeof saved) < 0) {
        snprintf(err, errlen, "cannot reach the restored stack");
        return -1;
    }
    static const uint8_t none[SIGACTION_SIZE];
    for (int sig = 1; sig <= 64; sig++) {
        const uint8_t *a = actions + (sig - 1) * SIGACTION_SIZE;
        if (sig == SIGKILL || sig == SIGSTOP || !memcmp(a, none, SIGACTION_SIZE))
            continue;
        uint64_t args[6] = {(uint64_t)sig, scratch, 0, 8, 0, 0};
        if (tracee_write(&r->t, scratch, a, SIGACTION_SIZE) < 0 ||
            tracee_inject_syscall(&r->t, inj, SYS_rt_sigaction, args, 0, NULL) != 0) {
            snprintf(err, errlen, "cannot restore the action of signal %d", sig);
            return -1;
        }
    }
    if (!(altstack->ss_flags & SS_DISABLE)) {
        /* set from a stack pointer outside it: the kernel refuses to change the stack in use */
        struct user_regs_struct keep = r->t.regs;
        r->t.regs.rsp = (uint64_t)(uintptr_t)altstack->ss_sp - 4096;
        stack_t ss = *altstack;
        ss.ss_flags = 0;
        uint64_t args[6] = {scratch, 0, 0, 0, 0, 0};
        int64_t got = tracee_write(&r->t, scratch, &ss, sizeof ss) == 0
                          ? tracee_inject_syscall(&r->t, inj, SYS_sigaltstack, args, 0, NULL)
                          : -EFAULT;
        r->t.regs = keep;
        tracee_set_regs(&r->t);
        if (got != 0) {
            snprintf(err, errlen, "cannot restore the alternate signal stack: %s",
                     strerror((int)-got));
            return -1;
        }
    }
    tracee_write(&r->t, scratch, saved, sizeof saved);
    return 0;
}

/* image_rebuild's image_shared_fn: the replay's copy of the file whose blob the region names, or
 * the file of the System V segment whose slot it names. */
static int shared_copy_of(void *ctx, const struct image_region *region, char *out, size_t n)
{
    struct replay *r = ctx;
    if (region->flags & REGF_SYSV_SEGMENT) {
        uint32_t slot;
        memcpy(&slot, region->blob, sizeof slot);
        return replay_shm_path(r, slot, out, n);
    }
    for (int i = 0; i < r->nshared; i++)
        if (!memcmp(r->shared[i].blob, region->blob, TRACE_HASH_SIZE)) {
            snprintf(out, n, "%s/%d", r->shared_dir, i);
            return 0;
        }
    return -1;
}

/* Makes the replay's copies of files mapped shared hold what the snapshot's shared files section
 * (at c) says: the blob, cut or grown to the size, with the pages that differ. 0, or -1 (reported). */
static int restore_shared_files(struct replay *r, struct cursor *c)
{
    uint32_t n = cur_u32(c);
    if (c->bad || n > REPLAY_MAX_SHARED)
        return replay_trace_error(r, "the snapshot is damaged (shared files)");
    for (uint32_t i = 0; i < n; i++) {
        uint64_t dev = cur_u64(c), ino = cur_u64(c);
        const uint8_t *blob = cur_bytes(c, TRACE_HASH_SIZE);
        uint64_t size = cur_u64(c);
        uint32_t chunks = cur_u32(c);
        char path[PATH_MAX + 16];
        /* a chunk takes at least 12 bytes; a copy's size is a file's, well under 2^48 */
        if (c->bad || !blob || chunks > (size_t)(c->end - c->p) / 12 || size >= (uint64_t)1 << 48)
            return replay_trace_error(r, "the snapshot is damaged (shared files)");
        /* (the copy may be an older one of this session: it starts again from the blob) */
        if (replay_shared_copy(r, dev, ino, blob, true, path, sizeof path) < 0)
            return replay_trace_error(r, "cannot make a copy of a file the snapshot maps shared");
        int fd = open(path, O_RDWR | O_CLOEXEC);
        bool ok = fd >= 0 && ftruncate(fd, (off_t)size) == 0;
        for (uint32_t k = 0; k < chunks && ok; k++) {
            uint64_t off = cur_u64(c);
            uint32_t len = cur_u32(c);
            const uint8_t *bytes = cur_bytes(c, len);
            ok = bytes && off <= size && len <= size - off &&
                 pwrite(fd, bytes, len, (off_t)off) == (ssize_t)len;
        }
        if (fd >= 0)
            close(fd);
        if (!ok)
            return replay_trace_error(r, c->bad ? "the snapshot is damaged (shared files)"
                                                : "cannot write a copy of a file the snapshot maps shared");
    }
    return 0;
}

/* Kills and reaps the process t is a thread of, every thread of it (those th lists too: a failed
 * restore of the threads section, or a replaced replayed process); th emptied. */
static void kill_threads(struct tracee *t, struct replay_threads *th)
{
    struct thread_copy all = {.pid = th->group_live ? th->group_live : t->pid};
    thread_copy_kill(&all);
    tracee_detach_mem(t);
    free(th->v);
    memset(th, 0, sizeof *th);
}

/*
 * Builds the snapshot's process for r (whose trace is open): a fresh husk holding the state, its
 * threads (version 4: *threads_restored, r->th replaced), the event log positioned at the
 * snapshot's event. 0, or -1 with the reason reported in r->err
 * (r->t then holds whatever process was started, or none).
 */
static int build(struct replay *r, const uint8_t *body, size_t len, bool *threads_restored)
{
    *threads_restored = false;
    struct cursor c = {body, body + len, false};
    uint32_t magic = cur_u32(&c), version = cur_u32(&c);
    uint64_t next = cur_u64(&c);
    struct trace_pos pos;
    pos.block_off = (off_t)cur_u64(&c);
    pos.block_first = cur_u64(&c);
    pos.event = cur_u64(&c);
    uint64_t brk = cur_u64(&c), swap_mask = cur_u64(&c);
    uint32_t xlen = cur_u32(&c);
    const uint8_t *xstate = xlen <= XSTATE_MAX ? cur_bytes(&c, xlen) : NULL;
    const uint8_t *actions = cur_bytes(&c, 64 * SIGACTION_SIZE);
    stack_t altstack;
    altstack.ss_sp = (void *)(uintptr_t)cur_u64(&c);
    altstack.ss_flags = (int)cur_u32(&c);
    altstack.ss_size = (size_t)cur_u64(&c);
    uint32_t nnames = cur_u32(&c);
    if (c.bad || magic != SNAPSHOT_MAGIC || version < 1 || version > SNAPSHOT_VERSION ||
        (xlen && !xstate) || !actions || pos.event != next || nnames > 1u << 16)
        return replay_trace_error(r, magic == SNAPSHOT_MAGIC && version > SNAPSHOT_VERSION
                                         ? "the snapshot was written by a newer rewind"
                                         : "the snapshot is damaged (bad header)");
    for (uint32_t i = 0; i < nnames && !c.bad; i++) {
        char *hex = cur_str(&c), *name = cur_str(&c);
        uint8_t hash[TRACE_HASH_SIZE];
        bool ok = hex && name && strlen(hex) == 2 * TRACE_HASH_SIZE;
        for (int k = 0; ok && k < TRACE_HASH_SIZE; k++) {
            unsigned v;
            ok = sscanf(hex + 2 * k, "%2x", &v) == 1;
            hash[k] = (uint8_t)v;
        }
        if (ok)
            replay_note_name(r, hash, name, strlen(name));
        free(hex);
        free(name);
    }
    if (version >= 2 && restore_shared_files(r, &c) < 0)
        return -1;
    uint32_t slen = version >= 5 ? cur_u32(&c) : 0;
    const uint8_t *segments = version >= 5 ? cur_bytes(&c, slen) : NULL;
    if (version >= 5 && (!segments || replay_shm_restore(r, segments, slen) < 0))
        return segments ? -1 : replay_trace_error(r, "the snapshot is damaged (System V segments)");
    uint32_t tlen = version >= 4 ? cur_u32(&c) : 0;
    const uint8_t *threads = version >= 4 ? cur_bytes(&c, tlen) : NULL;
    if (version >= 4 && !threads)
        return replay_trace_error(r, "the snapshot is damaged (threads)");
    if (threads && snapshot_threads_count(threads, tlen) > 1)
        altstack.ss_flags = SS_DISABLE; /* (each thread's own, with its state) */
    uint32_t ilen = cur_u32(&c);
    const uint8_t *ibody = cur_bytes(&c, ilen);
    struct image img;
    memset(&img, 0, sizeof img);
    if (!ibody || c.p != c.end || image_parse_whole((struct cursor){ibody, ibody + ilen, false}, &img) < 0) {
        image_free(&img);
        return replay_trace_error(r, "the snapshot is damaged (bad address space)");
    }
    for (uint32_t i = 0; i < img.region_count; i++)
        if (img.regions[i].has_blob)
            replay_note_name(r, img.regions[i].blob, img.regions[i].name, strlen(img.regions[i].name));
    char err[512] = "";
    int rc = replay_start_husk(r, &img);
    if (rc == 0) {
        tracee_get_regs(&r->t);
        rc = image_rebuild(&r->t, &img, r->trace_dir, r->t.regs.rip - 2, shared_copy_of, r, err,
                           sizeof err);
    }
    image_free(&img);
    if (rc == 0)
        rc = restore_signals(r, actions, &altstack, xstate, xlen, err, sizeof err);
    if (rc == 0 && threads) {
        *threads_restored = true;
        if ((rc = snapshot_threads_restore(r, threads, tlen, err, sizeof err)) < 0) {
            kill_threads(&r->t, &r->th);
            r->alive = false;
        }
    }
    if (rc < 0)
        return err[0] ? replay_trace_error(r, err) : -1;
    if (trace_reader_seek(&r->tr, &pos) < 0)
        return replay_trace_error(r, r->tr.error);
    r->brk = brk;
    r->swap_mask = swap_mask;
    r->maps_generation++;
    return 0;
}

struct replay *replay_open_snapshot(const char *trace_dir, const uint8_t *body, size_t len,
                                    replay_output_fn out, void *ctx, struct replay_stop *stop)
{
    memset(stop, 0, sizeof *stop);
    struct replay *r = replay_new(out, ctx, stop);
    if (trace_reader_open(&r->tr, trace_dir) < 0 || !realpath(trace_dir, r->trace_dir)) {
        replay_trace_error(r, r->tr.error[0] ? r->tr.error : strerror(errno));
        goto fail;
    }
    bool threads_restored;
    if (build(r, body, len, &threads_restored) < 0)
        goto fail;
    replay_report_event(r, stop);
    return r;
fail:
    replay_close(r);
    return NULL;
}

uint64_t snapshot_event(const uint8_t *body, size_t len)
{
    struct cursor c = {body, body + len, false};
    cur_u32(&c);
    cur_u32(&c);
    uint64_t event = cur_u64(&c);
    return c.bad ? 0 : event;
}

/* Kills and reaps a replayed process that is being replaced. */
static void discard(struct tracee *t)
{
    kill(t->pid, SIGKILL);
    int status;
    while (waitpid(t->pid, &status, __WALL) > 0 && !WIFEXITED(status) && !WIFSIGNALED(status))
        ptrace(PTRACE_CONT, t->pid, 0, 0);
    tracee_detach_mem(t);
}

int replay_restore_snapshot(struct replay *r, const uint8_t *body, size_t len,
                            struct replay_stop *stop)
{
    memset(stop, 0, sizeof *stop);
    struct replay_stop *was_err = r->err;
    struct tracee old = r->t;
    struct replay_threads old_th = r->th;
    bool old_alive = r->alive, threads_restored;
    r->err = stop;
    r->t = (struct tracee){.mem_fd = -1};
    r->alive = false;
    memset(&r->th, 0, sizeof r->th);
    int rc = build(r, body, len, &threads_restored);
    r->err = was_err;
    if (rc < 0) {
        if (r->alive)
            discard(&r->t);
        free(r->th.v);
        r->th = old_th;
        r->t = old; /* the session goes on as it was */
        r->alive = old_alive;
        return -1;
    }
    if (old_alive && old_th.n > 1) {
        kill_threads(&old, &old_th); /* (every thread of it; frees old_th) */
    } else {
        if (old_alive)
            discard(&old);
        if (!threads_restored && old_th.n == 1) {
            /* a body before version 4 (one thread): the table stays, its thread the new one */
            r->th = old_th;
            r->th.v[0].live = r->th.main_live = r->th.group_live = r->t.pid;
        } else {
            free(old_th.v);
        }
    }
    r->have_ev = false; /* re-read from the log: the snapshot's event comes next */
    r->ev_begun = false;
    r->deliver_sig = 0;
    r->at_exit = r->ended = r->end_is_stop = false;
    r->has_failed = false;
    r->after_watch_pc = 0; /* a new process: no watch stop stands in it */
    /* at a boundary: nothing counted yet since it (hits of an earlier run in this event are stale) */
    r->watch_hits = 0;
    for (int i = 0; i < r->nbps; i++) {
        r->bps[i].hits = 0;
        r->bps[i].counted = true;
    }
    r->mid_event = false;
    r->at_hit = false;
    r->base.valid = false;
    r->unarmed_bp = 0;
    r->watch_armed = r->stop_lost = r->delivering = false;
    for (int i = 0; i < r->nbps; i++)
        r->bps[i].inserted = false; /* a fresh process: no breakpoint bytes in it yet */
    replay_arm_breakpoints(r);
    replay_report_event(r, stop);
    return 0;
}
