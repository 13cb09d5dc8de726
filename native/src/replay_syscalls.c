/*
 * replay_syscalls.c: how each recorded syscall is reproduced in replay. Emulated syscalls get the
 * recorded result and memory writes; the address-space and signal syscalls run for real at the
 * recorded addresses (mmap of a file maps the trace's copy of it; brk becomes plain anonymous
 * mappings so the husk's own program break never matters); the program's writes to its stdout and
 * stderr are read back from its memory and handed to the output callback.
 */
#include "output_check.h"
#include "replay_internal.h"
#include "temp_dirs.h"
#include "blob_hash.h"
#include "trace_files.h"
#include "syscall_table.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define PAGE 4096u

/* ---- syscalls ---- */

int replay_apply_writes(struct replay *r, const struct trace_event *ev)
{
    if (replay_apply_size_marks(r, ev) < 0)
        return -1;
    struct cursor c = ev->sys.writes;
    for (uint32_t i = 0; i < ev->sys.write_count; i++) {
        uint64_t addr = cur_u64(&c);
        uint32_t len = cur_u32(&c);
        const uint8_t *bytes = cur_bytes(&c, len);
        if (!bytes)
            return -1;
        int w = replay_write_around(r, addr, bytes, len);
        if (w < 0) {
            char got[128];
            snprintf(got, sizeof got, "no writable memory at %#lx (%s)", (unsigned long)addr,
                     strerror(-w));
            return replay_diverged(r, ev, got);
        }
    }
    return 0;
}

static void set_result(struct replay *r, int64_t result)
{
    r->t.regs.rax = (uint64_t)result;
    tracee_set_regs(&r->t);
}

static int emulate(struct replay *r, const struct trace_event *ev)
{
    /* the bytes an output syscall took from the replayed program: read once, checked against the
     * recording's checksum, then handed on as the program's output */
    const uint32_t flags = ev->sys.flags;
    struct buf bytes = {0};
    bool have = (flags & (SYSF_CHECKSUM | SYSF_STDOUT | SYSF_STDERR)) &&
                output_bytes(&r->t, ev->sys.nr, ev->sys.args, ev->sys.result, &bytes);
    if ((flags & SYSF_CHECKSUM) && (!have || crc32c(0, bytes.data, bytes.len) != ev->sys.output_crc)) {
        buf_free(&bytes);
        return replay_diverged(r, ev, "different bytes written out (the replay computed something "
                                      "else: an unrecorded input such as rdrand?)");
    }
    if (replay_apply_writes(r, ev) < 0) {
        buf_free(&bytes);
        return -1;
    }
    set_result(r, ev->sys.result);
    if (have && (flags & (SYSF_STDOUT | SYSF_STDERR)))
        r->out(r->out_ctx, flags & SYSF_STDOUT ? 1 : 2, bytes.data, bytes.len);
    buf_free(&bytes);
    return 0;
}

static int check_real(struct replay *r, const struct trace_event *ev, int64_t got)
{
    if (got == ev->sys.result)
        return 0;
    char text[160];
    snprintf(text, sizeof text, "result %ld instead of %ld", (long)got, (long)ev->sys.result);
    return replay_diverged(r, ev, text);
}

/*
 * madvise advice that only hints (how pages are cached, merged, dumped or backed by huge pages):
 * whatever the kernel answers in replay, the program's memory and address space are the same, so
 * the program gets the recorded result even where the replay's answer differs (a replay's private
 * copy of a file, say, refuses advice a shared mapping took). Any other advice changes contents or
 * shape (DONTNEED, REMOVE, FREE, guard pages, fork behaviour): its real result must match.
 */
static bool madvise_hint_only(uint64_t advice)
{
    switch (advice) {
    case 0: case 1: case 2: case 3:   /* NORMAL, RANDOM, SEQUENTIAL, WILLNEED */
    case 12: case 13:                 /* MERGEABLE, UNMERGEABLE */
    case 14: case 15:                 /* HUGEPAGE, NOHUGEPAGE */
    case 16: case 17:                 /* DONTDUMP, DODUMP */
    case 20: case 21:                 /* COLD, PAGEOUT */
    case 22: case 23:                 /* POPULATE_READ, POPULATE_WRITE */
    case 25:                          /* COLLAPSE */
        return true;
    default:
        return false;
    }
}

static int run_real(struct replay *r, const struct trace_event *ev)
{
    const uint64_t *a = ev->sys.args;
    int64_t got = replay_inject(r, ev->sys.nr, a[0], a[1], a[2], a[3], a[4], a[5]);
    if (ev->sys.nr == SYS_madvise && madvise_hint_only(a[2]))
        got = ev->sys.result;
    if (ev->sys.nr == SYS_madvise && a[2] == MADV_FREE && got == 0) /* as recorded: record_madvise.h */
        (void)replay_inject(r, SYS_madvise, a[0], a[1], MADV_DONTNEED, 0, 0, 0);
    if (check_real(r, ev, got) < 0)
        return -1;
    set_result(r, got);
    if (ev->sys.nr == SYS_munmap && got == 0)
        replay_forget_breakpoints(r, a[0], a[1]);
    return 0;
}

static bool is_error(int64_t v) { return v < 0 && v >= -4095; }

int replay_shared_copy(struct replay *r, uint64_t dev, uint64_t ino,
                       const uint8_t blob[TRACE_HASH_SIZE], bool afresh, char *out, size_t n)
{
    int i;
    for (i = 0; i < r->nshared; i++)
        if (r->shared[i].dev == dev && r->shared[i].ino == ino)
            break;
    if (!r->shared_dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(r->shared_dir, sizeof r->shared_dir, "%s/rewind-replay-XXXXXX",
                 tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(r->shared_dir)) {
            r->shared_dir[0] = 0;
            return -1;
        }
        temp_dir_track(r->shared_dir);
    }
    snprintf(out, n, "%s/%d", r->shared_dir, i);
    if (i < r->nshared && !afresh)
        return 0;
    if (i == (int)(sizeof r->shared / sizeof r->shared[0]))
        return -1;
    int in = trace_blob_open(&r->tr, blob);
    int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    int copy_err = in >= 0 && fd >= 0 ? blob_copy_content(in, fd) : 0; /* holes stay holes */
    if (in >= 0)
        close(in);
    if (fd >= 0 && close(fd) < 0 && !copy_err)
        copy_err = errno;
    if (in < 0 || fd < 0 || copy_err) {
        unlink(out); /* never map a partial copy */
        return -1;
    }
    if (i < r->nshared)
        return 0;
    r->shared[r->nshared].dev = dev;
    r->shared[r->nshared].ino = ino;
    memcpy(r->shared[r->nshared].blob, blob, TRACE_HASH_SIZE);
    r->nshared++;
    return 0;
}

void replay_remove_shared_copies(struct replay *r)
{
    if (r->shared_dir[0])
        temp_dir_remove(r->shared_dir);
}

static int replay_mmap(struct replay *r, const struct trace_event *ev)
{
    const uint64_t *a = ev->sys.args;
    int64_t want = ev->sys.result;
    if (is_error(want))
        return emulate(r, ev);
    uint64_t flags = a[3] & ~(uint64_t)(MAP_FIXED_NOREPLACE | MAP_GROWSDOWN);
    int64_t got;
    if ((a[3] & MAP_ANONYMOUS) || !ev->sys.has_blob) {
        if (!(a[3] & MAP_ANONYMOUS))
            flags = (flags & ~(uint64_t)MAP_SHARED) | MAP_PRIVATE;
        got = replay_inject(r, SYS_mmap, (uint64_t)want, a[1], a[2], flags | MAP_FIXED | MAP_ANONYMOUS,
                     (uint64_t)-1, 0);
    } else {
        /* The tracee opens the agent's descriptor of the checked blob (trace_files.h). */
        char path[PATH_MAX + 80], err[400];
        int blob_fd = trace_blob_open_for_tracee(r->trace_dir, ev->sys.blob, path, sizeof path, err,
                                                 sizeof err);
        if (blob_fd < 0)
            return replay_trace_error(r, err);
        int extra = (int)(a[3] & (MAP_NORESERVE | MAP_POPULATE | MAP_LOCKED));
        if (ev->sys.file_path)
            replay_note_name(r, ev->sys.blob, ev->sys.file_path, ev->sys.file_path_len);
        char copy[PATH_MAX + 80];
        const char *map_path = path;
        if (a[3] & MAP_SHARED) {
            /* a shared mapping maps the replay's own copy, which the program's stores change */
            if (replay_shared_copy(r, ev->sys.file_dev, ev->sys.file_ino, ev->sys.blob, false, copy,
                                   sizeof copy) < 0) {
                close(blob_fd);
                return replay_trace_error(r, "cannot make the replay's copy of a file the program "
                                             "maps shared (its blob is missing, or the disk is full)");
            }
            extra |= MAP_SHARED;
            map_path = copy;
        }
        /* a shared mapping of a read-only descriptor maps the copy through one (mprotect then
         * refuses PROT_WRITE with EACCES, as it did while recording) */
        bool writable = !(ev->sys.flags & SYSF_READONLY_FD);
        got = remote_map_file(&r->t, r->t.regs.rip - 2, tracee_scratch(&r->t), map_path, (uint64_t)want,
                              a[1], (int)a[2], extra, writable, ev->sys.blob_offset);
        close(blob_fd);
    }
    if (check_real(r, ev, got) < 0)
        return -1;
    set_result(r, want);
    replay_forget_breakpoints(r, (uint64_t)want, a[1]);
    replay_arm_breakpoints(r);
    return 0;
}

static int replay_mremap(struct replay *r, const struct trace_event *ev)
{
    const uint64_t *a = ev->sys.args;
    int64_t want = ev->sys.result;
    if (is_error(want))
        return emulate(r, ev);
    int64_t got;
    if ((uint64_t)want == a[0])
        got = replay_inject(r, SYS_mremap, a[0], a[1], a[2], a[3] & ~(uint64_t)MREMAP_MAYMOVE, 0, 0);
    else
        got = replay_inject(r, SYS_mremap, a[0], a[1], a[2],
                     MREMAP_MAYMOVE | MREMAP_FIXED | (a[3] & MREMAP_DONTUNMAP), (uint64_t)want, 0);
    if (check_real(r, ev, got) < 0)
        return -1;
    set_result(r, want);
    replay_forget_breakpoints(r, a[0], a[1]);
    replay_forget_breakpoints(r, (uint64_t)want, a[2]);
    replay_arm_breakpoints(r);
    return 0;
}

/* The program break is replayed as plain anonymous mappings, so the kernel's own brk of the
 * replaying process (the husk's) never matters. */
static int replay_brk(struct replay *r, const struct trace_event *ev)
{
    uint64_t want = (uint64_t)ev->sys.result;
    uint64_t old_top = (r->brk + PAGE - 1) & ~(uint64_t)(PAGE - 1);
    uint64_t new_top = (want + PAGE - 1) & ~(uint64_t)(PAGE - 1);
    if (r->brk && new_top > old_top) {
        int64_t got = replay_inject(r, SYS_mmap, old_top, new_top - old_top, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, (uint64_t)-1, 0);
        if ((uint64_t)got != old_top) {
            char text[128];
            snprintf(text, sizeof text, "cannot grow the heap to %#lx", (unsigned long)want);
            return replay_diverged(r, ev, text);
        }
    } else if (r->brk && new_top < old_top) {
        replay_inject(r, SYS_munmap, new_top, old_top - new_top, 0, 0, 0, 0);
    }
    r->brk = want;
    set_result(r, (int64_t)want);
    return 0;
}

/* Address of the temporary signal mask a waiting syscall installs while it waits, or 0. A signal
 * that interrupts such a wait is delivered under that mask, and the kernel restores the old one
 * when the handler returns; replay gets the same by running rt_sigsuspend(mask) for real. */
static uint64_t temporary_mask(struct replay *r, const struct trace_event *ev)
{
    const uint64_t *a = ev->sys.args;
    switch (ev->sys.nr) {
    case SYS_rt_sigsuspend:
        return a[0];
    case SYS_ppoll:
        return a[3];
    case SYS_epoll_pwait:
    case SYS_epoll_pwait2:
        return a[4];
    case SYS_pselect6: {
        uint64_t pair[2] = {0, 0};
        if (a[5])
            tracee_read(&r->t, a[5], pair, sizeof pair);
        return pair[0];
    }
    default:
        return 0;
    }
}

int replay_apply_syscall(struct replay *r, const struct trace_event *ev)
{
    r->swap_mask = temporary_mask(r, ev);
    replay_thread_note_name(r, ev); /* (prctl itself is emulated: the names live in the replay) */
    const struct syscall_desc *d = syscall_lookup(ev->sys.nr);
    if (ev->sys.nr == SYS_shmget || ev->sys.nr == SYS_shmctl)
        replay_shm_track(r, ev); /* (which segment a System V id names: replay_shm.c) */
    if (!d->name || d->replay == SC_EMULATE || d->replay == SC_REFUSED)
        return emulate(r, ev); /* refused ones: the recorded ENOSYS (older traces: their result) */
    if (d->replay == SC_REAL) {
        if (ev->sys.nr == SYS_rt_sigreturn) {
            uint64_t none[6] = {0};
            tracee_inject_syscall(&r->t, r->t.regs.rip - 2, SYS_rt_sigreturn, none,
                                  INJECT_KEEP_REGS, NULL);
            return 0;
        }
        return run_real(r, ev);
    }
    switch (ev->sys.nr) {
    case SYS_mmap:
        return replay_mmap(r, ev);
    case SYS_mremap:
        return replay_mremap(r, ev);
    case SYS_brk:
        return replay_brk(r, ev);
    case SYS_shmat:
        return replay_shmat(r, ev);
    case SYS_shmdt:
        return replay_shmdt(r, ev);
    case SYS_arch_prctl:
        return run_real(r, ev);
    case SYS_set_tid_address: {
        /* for real, so this kernel clears the same word at the thread's end (the result, the
         * recorded tid, and the rest as recorded) */
        int64_t got = replay_inject(r, SYS_set_tid_address, ev->sys.args[0], 0, 0, 0, 0, 0);
        if (got < 0)
            return replay_diverged(r, ev, "set_tid_address failed in the replay");
        return emulate(r, ev);
    }
    default:
        /* clone, fork, vfork (no child runs in replay), rseq, prctl, a failed execve... */
        return emulate(r, ev);
    }
}

