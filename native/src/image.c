/* image.c: see image.h. */
#include "image.h"
#include "dirty.h"
#include "maps.h"
#include "trace_files.h"
#include "trace_reader.h"
#include "vdso.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096u

static bool skipped_region(const struct map_entry *m)
{
    return !strcmp(m->name, "[vvar]") || !strcmp(m->name, "[vvar_vclock]") ||
           !strcmp(m->name, "[vsyscall]");
}

static uint32_t region_flags(pid_t pid, const struct map_entry *m)
{
    uint32_t f = m->shared ? REGF_SHARED : 0;
    if (m->shared && m->inode != 0 && !(m->prot & PROT_WRITE) && !maps_may_write(pid, m->start))
        f |= REGF_READONLY_FD;
    if (!strcmp(m->name, "[stack]"))
        f |= REGF_STACK;
    if (!strcmp(m->name, "[vdso]"))
        f |= REGF_VDSO;
    if (!strcmp(m->name, "[heap]"))
        f |= REGF_HEAP;
    return f;
}

int image_open_mapped_file(pid_t pid, const struct map_entry *m)
{
    char path[128];
    snprintf(path, sizeof path, "/proc/%d/map_files/%lx-%lx", pid, (unsigned long)m->start,
             (unsigned long)m->end);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        fd = open(m->name, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))) {
        close(fd); /* not a regular file: its memory is kept literally */
        fd = -1;
    }
    return fd;
}

#define RUN_MAX (1u << 30) /* a chunk's largest length (the length field keeps a flag bit) */

/* What a page is in the image: left out (it equals its backing), its bytes, or the base's. */
enum page_kind { PAGE_OUT, PAGE_BYTES, PAGE_AS_BASE };

struct chunk_run {
    enum page_kind kind;
    uint64_t start;
    uint32_t pages;
    struct buf bytes;
};

static void end_run(struct chunk_run *run, struct buf *out, uint32_t *count)
{
    if (run->kind == PAGE_OUT || !run->pages)
        return;
    buf_u64(out, run->start);
    if (run->kind == PAGE_AS_BASE) {
        buf_u32(out, run->pages * PAGE | IMAGE_CHUNK_AS_BASE);
    } else {
        buf_u32(out, (uint32_t)run->bytes.len);
        buf_put(out, run->bytes.data, run->bytes.len);
    }
    (*count)++;
    run->pages = 0;
    run->bytes.len = 0;
}

/* Appends chunks for the pages of m whose content differs from the file behind it (file_fd) or
 * from zero; with a dirty tracker, pages it knows are skipped or taken as the base's. */
static uint32_t encode_chunks(struct tracee *t, const struct map_entry *m, int file_fd,
                              struct dirty_tracker *dirty, struct buf *out)
{
    static uint8_t zero[PAGE];
    uint8_t mem[PAGE], ref[PAGE];
    bool classify = dirty && dirty->classifying && dirty_trackable(m);
    bool anonymous = m->inode == 0;
    uint32_t count = 0;
    struct chunk_run run = {PAGE_OUT, 0, 0, {0}};
    for (uint64_t a = m->start; a < m->end; a += PAGE) {
        enum page_kind kind = PAGE_OUT;
        enum dirty_page st = classify ? dirty_classify(dirty, a, anonymous, file_fd >= 0)
                                      : DIRTY_READ;
        if (st == DIRTY_AS_BASE) {
            kind = PAGE_AS_BASE;
        } else if (st == DIRTY_READ && tracee_read(t, a, mem, PAGE) == 0) {
            const uint8_t *base = zero;
            if (file_fd >= 0) {
                memset(ref, 0, PAGE);
                ssize_t n = pread(file_fd, ref, PAGE, (off_t)(m->offset + (a - m->start)));
                (void)n;
                base = ref;
            }
            if (memcmp(mem, base, PAGE))
                kind = PAGE_BYTES;
        }
        if (kind != run.kind || (uint64_t)run.pages * PAGE >= RUN_MAX)
            end_run(&run, out, &count);
        run.kind = kind;
        if (kind == PAGE_OUT)
            continue;
        if (!run.pages)
            run.start = a;
        run.pages++;
        if (kind == PAGE_BYTES)
            buf_put(&run.bytes, mem, PAGE);
        if (dirty)
            dirty_hold(dirty, a);
    }
    end_run(&run, out, &count);
    buf_free(&run.bytes);
    return count;
}

/* The tracee's mappings (a fresh array, count returned), or -1 with err. */
static int read_maps(struct tracee *t, struct map_entry **maps, char *err, size_t errlen)
{
    int n = maps_read(t->pid, maps);
    if (n < 0)
        snprintf(err, errlen, "cannot read the mappings of process %d: %s", t->pid,
                 strerror(errno));
    return n;
}

int image_encode(struct tracee *t, const struct image_source *src, struct buf *out,
                 const char *exe_path, image_blob_fn blob, void *ctx, char *err, size_t errlen)
{
    static const struct image_source none;
    if (!src)
        src = &none;
    struct map_entry *maps;
    int n = read_maps(t, &maps, err, errlen);
    if (n < 0)
        return -1;
    struct user_regs_struct regs;
    if (src->regs) {
        regs = *src->regs;
    } else {
        tracee_get_regs(t);
        regs = t->regs;
    }
    struct user_fpregs_struct fp;
    if (src->fpregs)
        fp = *src->fpregs;
    else if (ptrace(PTRACE_GETFPREGS, t->pid, 0, &fp) < 0)
        memset(&fp, 0, sizeof fp);

    struct buf regions = {0};
    uint32_t count = 0;
    for (int i = 0; i < n; i++) {
        struct map_entry *m = &maps[i];
        if (skipped_region(m))
            continue;
        int fd = -1;
        bool sysv = false;
        uint8_t hash[TRACE_HASH_SIZE];
        const char *name = m->name;
        if (m->name[0] == '/' && m->inode != 0) {
            fd = image_open_mapped_file(t->pid, m);
            int b = fd >= 0 ? blob(ctx, m, fd, hash, &name, err, errlen) : 1;
            sysv = b == IMAGE_SYSV_SEGMENT;
            if (b < 0) {
                close(fd);
                free(maps);
                buf_free(&regions);
                return -1;
            }
            if (b == 1 && fd >= 0) {
                close(fd); /* no blob: kept literally */
                fd = -1;
            }
        }
        uint32_t flags = region_flags(t->pid, m);
        if (sysv)
            flags |= REGF_SYSV_SEGMENT;
        if (fd < 0 && !(m->prot & PROT_WRITE))
            /* read-only and kept literally: private memory, the same bytes */
            flags &= ~(REGF_SHARED | REGF_READONLY_FD);
        buf_u64(&regions, m->start);
        buf_u64(&regions, m->end);
        buf_u32(&regions, (uint32_t)m->prot);
        buf_u32(&regions, flags);
        buf_str(&regions, name);
        buf_u8(&regions, fd >= 0);
        if (fd >= 0) {
            buf_put(&regions, hash, TRACE_HASH_SIZE);
            buf_u64(&regions, m->offset);
        }
        struct buf chunks = {0};
        uint32_t nchunks = encode_chunks(t, m, fd, src->dirty, &chunks);
        buf_u32(&regions, nchunks);
        buf_put(&regions, chunks.data, chunks.len);
        buf_free(&chunks);
        if (fd >= 0)
            close(fd);
        count++;
    }
    free(maps);

    buf_str(out, exe_path);
    buf_put(out, &regs, sizeof regs);
    buf_put(out, &fp, sizeof fp);
    buf_u64(out, proc_status_mask(t->pid, "SigIgn"));
    buf_u64(out, proc_status_mask(t->pid, "SigBlk"));
    buf_u32(out, count);
    buf_put(out, regions.data, regions.len);
    buf_free(&regions);
    return 0;
}

int image_put_blob(void *ctx, const struct map_entry *m, int fd, uint8_t hash[TRACE_HASH_SIZE],
                    const char **name, char *err, size_t errlen)
{
    struct trace_writer *tw = ctx;
    (void)m;
    (void)name;
    if (trace_blob_put_fd(tw, fd, hash) < 0) {
        snprintf(err, errlen, "%s", tw->error);
        return -1;
    }
    return 0;
}

int image_capture(struct tracee *t, struct trace_writer *tw, const char *exe_path, char *err,
                  size_t errlen)
{
    struct map_entry *maps;
    int n = read_maps(t, &maps, err, errlen);
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (!strcmp(maps[i].name, "[vdso]") && vdso_patch(t, maps[i].start, maps[i].end) < 0)
            warn("could not patch the vDSO: its time calls will not be recorded");
    free(maps);
    struct buf *e = trace_event_begin(tw, EV_EXEC);
    if (image_encode(t, NULL, e, exe_path, image_put_blob, tw, err, errlen) < 0)
        return -1;
    trace_event_end(tw);
    return 0;
}

int image_parse(struct cursor c, struct image *img)
{
    return image_parse_from(&c, img);
}

int image_parse_whole(struct cursor c, struct image *img)
{
    if (image_parse_from(&c, img) < 0)
        return -1;
    return c.p == c.end ? 0 : -1;
}

int image_parse_from(struct cursor *cur, struct image *img)
{
    struct cursor c = *cur;
    memset(img, 0, sizeof *img);
    img->path = cur_str(&c);
    const uint8_t *p = cur_bytes(&c, sizeof img->regs);
    if (p)
        memcpy(&img->regs, p, sizeof img->regs);
    p = cur_bytes(&c, sizeof img->fpregs);
    if (p)
        memcpy(&img->fpregs, p, sizeof img->fpregs);
    img->sig_ignored = cur_u64(&c);
    img->sig_blocked = cur_u64(&c);
    img->region_count = cur_u32(&c);
    /* a region takes at least 33 bytes: a count the bytes left cannot hold is damage, refused
     * before the regions are allocated */
    if (c.bad || img->region_count > 1u << 20 || img->region_count > (size_t)(c.end - c.p) / 33) {
        img->region_count = 0;
        return -1;
    }
    img->regions = xmalloc(sizeof *img->regions * (img->region_count + 1));
    for (uint32_t i = 0; i < img->region_count; i++) {
        struct image_region *r = &img->regions[i];
        memset(r, 0, sizeof *r);
        r->start = cur_u64(&c);
        r->end = cur_u64(&c);
        r->prot = cur_u32(&c);
        r->flags = cur_u32(&c);
        r->name = cur_str(&c);
        r->has_blob = cur_u8(&c);
        if (r->has_blob) {
            p = cur_bytes(&c, TRACE_HASH_SIZE);
            if (p)
                memcpy(r->blob, p, TRACE_HASH_SIZE);
            r->blob_offset = cur_u64(&c);
        }
        r->chunk_count = cur_u32(&c);
        r->chunks = c;
        for (uint32_t k = 0; k < r->chunk_count && !c.bad; k++) {
            uint64_t addr = cur_u64(&c);
            uint32_t len = cur_u32(&c);
            cur_bytes(&c, len);
            if (addr < r->start || addr > r->end || len > r->end - addr) /* (no wrap past 2^64) */
                c.bad = true;
        }
        if (c.bad || r->start >= r->end || (r->start | r->end) % PAGE) {
            img->region_count = i + 1;
            return -1;
        }
    }
    *cur = c;
    return 0;
}

void image_free(struct image *img)
{
    for (uint32_t i = 0; img->regions && i < img->region_count; i++)
        free(img->regions[i].name);
    free(img->regions);
    free(img->path);
    memset(img, 0, sizeof *img);
}

uint64_t image_stack_size(const struct image *img)
{
    for (uint32_t i = 0; i < img->region_count; i++)
        if (img->regions[i].flags & REGF_STACK)
            return img->regions[i].end - img->regions[i].start;
    return 0;
}

static int64_t inject(struct tracee *t, uint64_t inj, long nr, uint64_t a0, uint64_t a1,
                      uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    uint64_t args[6] = {a0, a1, a2, a3, a4, a5};
    return tracee_inject_syscall(t, inj, nr, args, 0, NULL);
}

int64_t remote_map_file(struct tracee *t, uint64_t inj_addr, uint64_t scratch, const char *path,
                        uint64_t addr, uint64_t len, int prot, int extra_flags, bool writable,
                        uint64_t offset)
{
    /* The path goes into scratch memory below the program's stack pointer, whose bytes are put
     * back afterwards: the program may read them later (uninitialized locals), and the
     * recording never had our path there. */
    uint8_t saved[PATH_MAX + 128];
    size_t plen = strlen(path) + 1;
    if (plen > sizeof saved)
        return -ENAMETOOLONG;
    if (tracee_read(t, scratch, saved, plen) < 0 || tracee_write(t, scratch, path, plen) < 0)
        return -EFAULT;
    bool shared = extra_flags & MAP_SHARED;
    int64_t fd = inject(t, inj_addr, SYS_openat, (uint64_t)AT_FDCWD, scratch,
                        (uint64_t)((shared && writable ? O_RDWR : O_RDONLY) | O_CLOEXEC), 0, 0, 0);
    if (fd < 0) {
        tracee_write(t, scratch, saved, plen);
        return fd;
    }
    int64_t r = inject(t, inj_addr, SYS_mmap, addr, len, (uint64_t)prot,
                       (uint64_t)((shared ? 0 : MAP_PRIVATE) | MAP_FIXED | extra_flags),
                       (uint64_t)fd, offset);
    inject(t, inj_addr, SYS_close, (uint64_t)fd, 0, 0, 0, 0, 0);
    if (tracee_write(t, scratch, saved, plen) < 0 && r >= 0)
        r = -EFAULT;
    return r;
}

static bool overlaps(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1)
{
    return a0 < b1 && b0 < a1;
}

int image_rebuild(struct tracee *t, const struct image *img, const char *trace_dir,
                  uint64_t inj_addr, image_shared_fn shared, void *ctx, char *err,
                  size_t errlen)
{
    struct map_entry *maps;
    int n = maps_read(t->pid, &maps);
    if (n < 0) {
        snprintf(err, errlen, "cannot read the mappings of the replay: %s", strerror(errno));
        return -1;
    }
    tracee_get_regs(t);
    uint64_t inj_page0 = 0, inj_page1 = 0, stack0 = 0, stack1 = 0;
    for (int i = 0; i < n; i++) {
        if (inj_addr >= maps[i].start && inj_addr < maps[i].end) {
            inj_page0 = maps[i].start;
            inj_page1 = maps[i].end;
        }
        if (!strcmp(maps[i].name, "[stack]")) {
            stack0 = maps[i].start;
            stack1 = maps[i].end;
        }
    }
    const struct image_region *rstack = NULL;
    for (uint32_t i = 0; i < img->region_count; i++) {
        const struct image_region *r = &img->regions[i];
        if (r->flags & REGF_STACK) {
            rstack = r;
            continue;
        }
        if (overlaps(r->start, r->end, inj_page0, inj_page1) ||
            overlaps(r->start, r->end, stack0, stack1)) {
            snprintf(err, errlen, "recorded mapping %#lx-%#lx (%s) collides with the replay's own",
                     (unsigned long)r->start, (unsigned long)r->end, r->name);
            free(maps);
            return -1;
        }
    }
    if (!rstack || rstack->end != stack1 || rstack->start < stack0) {
        snprintf(err, errlen, "the recorded stack does not fit the replay's stack mapping");
        free(maps);
        return -1;
    }

    /* 1. Unmap everything but the stack, the injection page and [vsyscall]. */
    for (int i = 0; i < n; i++) {
        const struct map_entry *m = &maps[i];
        if (m->start == inj_page0 || m->start == stack0 || !strcmp(m->name, "[vsyscall]"))
            continue;
        inject(t, inj_addr, SYS_munmap, m->start, m->end - m->start, 0, 0, 0, 0);
    }
    free(maps);

    /* 2. Map the recorded regions. The path strings for blobs go on the stack, far below rsp. */
    uint64_t scratch = ((t->regs.rsp - 65536) & ~(uint64_t)15);
    if (scratch < stack0)
        scratch = stack0 + 64;
    for (uint32_t i = 0; i < img->region_count; i++) {
        const struct image_region *r = &img->regions[i];
        if (r == rstack)
            continue;
        int64_t got;
        int share = (r->flags & REGF_SHARED) ? MAP_SHARED : MAP_PRIVATE;
        if (r->has_blob && (r->flags & REGF_SYSV_SEGMENT)) {
            /* the replay's file of a System V segment, shared by every attach of it, through a
             * read-only descriptor for an attach SHM_RDONLY (replay_shm.c) */
            char seg[4096 + 80];
            if (!shared || shared(ctx, r, seg, sizeof seg) < 0) {
                snprintf(err, errlen, "recorded region %#lx-%#lx attaches a System V segment the "
                         "snapshot does not hold", (unsigned long)r->start, (unsigned long)r->end);
                return -1;
            }
            got = remote_map_file(t, inj_addr, scratch, seg, r->start, r->end - r->start,
                                  (int)r->prot, MAP_SHARED, !(r->flags & REGF_READONLY_FD),
                                  r->blob_offset);
        } else if (r->has_blob) {
            /* The tracee opens the agent's descriptor of the checked blob (trace_files.h), never
             * a path inside the trace that could lead elsewhere. */
            char path[4096 + 80];
            int blob_fd = trace_blob_open_for_tracee(trace_dir, r->blob, path, sizeof path, err, errlen);
            if (blob_fd < 0)
                return -1;
            char copy[4096 + 80];
            const char *map_path = path;
            int extra = 0;
            if ((r->flags & REGF_SHARED) && shared && shared(ctx, r, copy, sizeof copy) == 0) {
                extra = MAP_SHARED;
                map_path = copy;
            }
            /* a copy mapped through a read-only descriptor can never be made writable, as
                             the recorded mapping could not (mprotect fails alike) */
            got = remote_map_file(t, inj_addr, scratch, map_path, r->start, r->end - r->start,
                                  (int)r->prot, extra, !(r->flags & REGF_READONLY_FD), r->blob_offset);
            close(blob_fd);
        } else {
            got = inject(t, inj_addr, SYS_mmap, r->start, r->end - r->start, r->prot,
                         (uint64_t)(share | MAP_FIXED | MAP_ANONYMOUS), (uint64_t)-1, 0);
        }
        if (got != (int64_t)r->start) {
            snprintf(err, errlen, "cannot map recorded region %#lx-%#lx (%s): %s",
                     (unsigned long)r->start, (unsigned long)r->end, r->name,
                     got < 0 ? strerror((int)-got) : "wrong address");
            return -1;
        }
    }

    /* 3. The stack: zero all of it, then the recorded content below. */
    inject(t, inj_addr, SYS_madvise, stack0, stack1 - stack0, MADV_DONTNEED, 0, 0, 0);

    /* 4. Contents. */
    for (uint32_t i = 0; i < img->region_count; i++) {
        struct cursor c = img->regions[i].chunks;
        for (uint32_t k = 0; k < img->regions[i].chunk_count; k++) {
            uint64_t addr = cur_u64(&c);
            uint32_t len = cur_u32(&c);
            const uint8_t *bytes = cur_bytes(&c, len);
            int w = bytes ? tracee_write(t, addr, bytes, len) : -EINVAL;
            if (w < 0) {
                snprintf(err, errlen, "cannot write recorded memory at %#lx: %s",
                         (unsigned long)addr, strerror(-w));
                return -1;
            }
        }
    }

    /* 5. The injection page goes last, through itself (its exit stop needs no code). */
    inject(t, inj_addr, SYS_munmap, inj_page0, inj_page1 - inj_page0, 0, 0, 0, 0);

    /* 6. Registers. */
    t->regs = img->regs;
    tracee_set_regs(t);
    struct user_fpregs_struct fp = img->fpregs;
    if (ptrace(PTRACE_SETFPREGS, t->pid, 0, &fp) < 0) {
        snprintf(err, errlen, "cannot set the recorded FP registers: %s", strerror(errno));
        return -1;
    }
    return 0;
}
