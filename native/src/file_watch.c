/* file_watch.c: see file_watch.h. */
#include "file_watch.h"
#include "maps.h"
#include "program_paths.h"
#include "syscall_table.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096ull

/* pagemap entry bits (Documentation/admin-guide/mm/pagemap.rst) */
#define PM_PRESENT (1ull << 63)
#define PM_SWAPPED (1ull << 62)
#define PM_FILE (1ull << 61)

/* What one page of a watched mapping was at the syscall's entry. */
enum page_state {
    PAGE_IGNORED = 0,   /* a private page the program stored to: no longer follows the file */
    PAGE_READABLE,      /* its bytes are in `bytes` */
    PAGE_UNREADABLE,    /* wholly past the end of file (a load faults with SIGBUS) */
};

/* One mapping of the watched file, as read at entry. */
struct watched_map {
    uint64_t start, end;
    uint64_t offset;    /* the file offset mapped at start */
    bool shared;
    uint8_t *bytes;     /* end - start bytes; valid for PAGE_READABLE pages */
    uint8_t *state;     /* one enum page_state per page */
};

/* One file mapping of the program (from /proc/PID/maps). */
struct file_mapping {
    uint64_t start, end, offset, dev, ino;
    bool shared;
};

struct file_watch {
    uint64_t *dev, *ino;    /* the files the program ever mapped (never shrinks: cheap to keep) */
    size_t nfiles, capfiles;

    /* the program's file mappings, read once and kept while the address space stays as it is:
     * only syscalls that replay runs for real (REAL, SPECIAL rows) change it */
    struct file_mapping *mapped;
    size_t nmapped;
    bool mapped_valid;

    /* the syscall in progress, when its target is a watched file */
    bool active;
    long nr;
    uint64_t args[6];
    int target_fd;              /* O_PATH descriptor of the file it changes */
    off_t size_before;
    struct watched_map *maps;
    size_t nmaps;
};

struct file_watch *file_watch_new(void)
{
    struct file_watch *fw = calloc(1, sizeof *fw);
    if (!fw)
        fatal("out of memory");
    fw->target_fd = -1;
    return fw;
}

static void forget_maps(struct file_watch *fw)
{
    for (size_t i = 0; i < fw->nmaps; i++) {
        free(fw->maps[i].bytes);
        free(fw->maps[i].state);
    }
    free(fw->maps);
    fw->maps = NULL;
    fw->nmaps = 0;
    fw->active = false;
    if (fw->target_fd >= 0)
        close(fw->target_fd);
    fw->target_fd = -1;
}

void file_watch_free(struct file_watch *fw)
{
    if (!fw)
        return;
    forget_maps(fw);
    free(fw->mapped);
    free(fw->dev);
    free(fw->ino);
    free(fw);
}

static bool watched(const struct file_watch *fw, uint64_t dev, uint64_t ino)
{
    for (size_t i = 0; i < fw->nfiles; i++)
        if (fw->dev[i] == dev && fw->ino[i] == ino)
            return true;
    return false;
}

void file_watch_add(struct file_watch *fw, uint64_t dev, uint64_t ino)
{
    if (watched(fw, dev, ino))
        return;
    if (fw->nfiles == fw->capfiles) {
        fw->capfiles = fw->capfiles ? fw->capfiles * 2 : 16;
        fw->dev = xrealloc(fw->dev, fw->capfiles * sizeof *fw->dev);
        fw->ino = xrealloc(fw->ino, fw->capfiles * sizeof *fw->ino);
    }
    fw->dev[fw->nfiles] = dev;
    fw->ino[fw->nfiles] = ino;
    fw->nfiles++;
}

void file_watch_add_all_mapped(struct file_watch *fw, pid_t pid)
{
    struct map_entry *maps;
    int n = maps_read(pid, &maps);
    for (int i = 0; i < n; i++)
        if (maps[i].inode)
            file_watch_add(fw, maps[i].dev, maps[i].inode);
    if (n >= 0)
        free(maps);
    fw->mapped_valid = false;
}

/* ---- which file a syscall changes ---- */

/* An O_PATH descriptor of the file syscall nr with args would change, or -1 when it changes no
 * file's content or size. The list of write-like syscalls lives here (docs/trace-format.md). */
static int target_file(const struct file_watch *fw, struct tracee *t, long nr, const uint64_t args[6])
{
    int fd = -1, dirfd = AT_FDCWD;
    uint64_t path_at = 0;
    switch (nr) {
    case SYS_write:
    case SYS_pwrite64:
    case SYS_writev:
    case SYS_pwritev:
    case SYS_pwritev2:
    case SYS_ftruncate:
    case SYS_fallocate:
    case SYS_sendfile:
        fd = (int)args[0];
        break;
    case SYS_copy_file_range:
    case SYS_splice:
        fd = (int)args[2];
        break;
    case SYS_truncate:
    case SYS_creat:
        path_at = args[0];
        break;
    case SYS_open:
        if (args[1] & O_TRUNC)
            path_at = args[0];
        break;
    case SYS_openat:
        if (args[2] & O_TRUNC) {
            dirfd = (int)args[0];
            path_at = args[1];
        }
        break;
    case SYS_openat2: {
        uint64_t flags = 0; /* struct open_how starts with u64 flags */
        if (tracee_read(t, args[2], &flags, sizeof flags) == 0 && (flags & O_TRUNC)) {
            dirfd = (int)args[0];
            path_at = args[1];
        }
        break;
    }
    default:
        return -1;
    }
    if (fd >= 0) {
        char link[64];
        struct stat st; /* one stat for the common case: a descriptor of no mapped file */
        snprintf(link, sizeof link, "/proc/%d/fd/%d", t->pid, fd);
        if (stat(link, &st) < 0 || !S_ISREG(st.st_mode) || !watched(fw, st.st_dev, st.st_ino))
            return -1;
        return open(link, O_PATH | O_CLOEXEC);
    }
    char path[PATH_MAX];
    if (!path_at || !program_read_path(t->pid, path_at, path, sizeof path))
        return -1;
    return program_path_open(t->pid, dirfd, path);
}

/* The program's descriptor fd: its file position, and whether it appends (/proc/PID/fdinfo). */
static bool fd_position(pid_t pid, int fd, uint64_t *pos, bool *append)
{
    char path[64], line[128];
    snprintf(path, sizeof path, "/proc/%d/fdinfo/%d", pid, fd);
    FILE *f = fopen(path, "re");
    if (!f)
        return false;
    int found = 0;
    unsigned long long p = 0;
    unsigned long flags = 0;
    while (fgets(line, sizeof line, f)) {
        found += sscanf(line, "pos: %llu", &p) == 1;
        found += sscanf(line, "flags: %lo", &flags) == 1;
    }
    fclose(f);
    *pos = p;
    *append = flags & O_APPEND;
    return found == 2;
}

/* The total length of the tracee's iovec array at iov (cnt entries); false if unreadable. */
static bool iov_total(struct tracee *t, uint64_t iov, uint64_t cnt, uint64_t *total)
{
    if (cnt > 1024)
        return false;
    *total = 0;
    for (uint64_t i = 0; i < cnt; i++) {
        uint64_t pair[2];
        if (tracee_read(t, iov + i * 16, pair, sizeof pair) < 0)
            return false;
        *total += pair[1];
        if (*total < pair[1])
            return false;
    }
    return true;
}

/*
 * The file offsets [*lo, *hi) whose pages syscall nr may change in a file of `size` bytes: where a
 * write-like syscall writes, from the old end of file on when it writes past it (the pages between
 * become readable); the whole file for the others (resizes, copies: cheap enough, and rare).
 */
static void affected_range(struct tracee *t, long nr, const uint64_t args[6], uint64_t size,
                           uint64_t *lo, uint64_t *hi)
{
    *lo = 0;
    *hi = UINT64_MAX;
    uint64_t at = 0, len = 0, pos = 0;
    bool append = false;
    switch (nr) {
    case SYS_pwrite64:
        at = args[3], len = args[2];
        break;
    case SYS_pwritev:
        if (!iov_total(t, args[1], args[2], &len))
            return;
        at = args[3];
        break;
    case SYS_write:
    case SYS_writev:
    case SYS_pwritev2:
        if (nr == SYS_write)
            len = args[2];
        else if (!iov_total(t, args[1], args[2], &len))
            return;
        if (nr == SYS_pwritev2 && (int64_t)args[3] != -1 && !(args[5] & 0x10 /* RWF_APPEND */)) {
            at = args[3];
            break;
        }
        if (!fd_position(t->pid, (int)args[0], &pos, &append))
            return;
        at = append || (nr == SYS_pwritev2 && (args[5] & 0x10)) ? size : pos;
        break;
    default:
        return;
    }
    *lo = at < size ? at : size;
    *hi = at + len < at ? UINT64_MAX : at + len;
}

bool file_watch_marked_size(long nr, const uint64_t args[6], uint64_t *size)
{
    switch (nr) {
    case SYS_ftruncate:
    case SYS_truncate:
        *size = args[1];
        return true;
    case SYS_open:
    case SYS_openat:
    case SYS_openat2:
    case SYS_creat:
        *size = 0;
        return true;
    default:
        return false;
    }
}

/* ---- reading the mappings' pages ---- */

/* pagemap entries of [start, end) into out (one u64 per page); false if unreadable. */
static bool read_pagemap(pid_t pid, uint64_t start, uint64_t end, uint64_t *out)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/pagemap", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    size_t len = (size_t)((end - start) / PAGE) * 8;
    ssize_t got = pread(fd, out, len, (off_t)(start / PAGE * 8));
    close(fd);
    return got == (ssize_t)len;
}

/* Reads the page at addr into out: PAGE_READABLE, or PAGE_UNREADABLE (past the end of file). */
static uint8_t read_page(struct tracee *t, uint64_t addr, uint8_t *out)
{
    return tracee_read(t, addr, out, PAGE) == 0 ? PAGE_READABLE : PAGE_UNREADABLE;
}

/* Fills m->state and m->bytes: every page that follows the file (all of a shared mapping; the
 * pages of a private one the program has not stored to). */
static void read_mapping(struct tracee *t, struct watched_map *m, uint64_t lo, uint64_t hi)
{
    size_t pages = (size_t)((m->end - m->start) / PAGE);
    m->bytes = xmalloc(pages * PAGE);
    m->state = xmalloc(pages);
    uint64_t *pm = NULL;
    if (!m->shared) {
        pm = xmalloc(pages * sizeof *pm);
        if (!read_pagemap(t->pid, m->start, m->end, pm))
            memset(pm, 0, pages * sizeof *pm); /* unknown: watch every page (a copied one never
                                                  changes through the file: no output) */
    }
    bool whole = lo == 0 && hi == UINT64_MAX && tracee_read(t, m->start, m->bytes, pages * PAGE) == 0;
    for (size_t p = 0; p < pages; p++) {
        bool copied = pm && (((pm[p] & PM_PRESENT) && !(pm[p] & PM_FILE)) || (pm[p] & PM_SWAPPED));
        uint64_t off = m->offset + p * PAGE;
        bool untouched = off >= hi || off + PAGE <= lo; /* the syscall changes none of it */
        if (copied || untouched)
            m->state[p] = PAGE_IGNORED;
        else if (whole)
            m->state[p] = PAGE_READABLE;
        else
            m->state[p] = read_page(t, m->start + p * PAGE, m->bytes + p * PAGE);
    }
    free(pm);
}

/* Reads the program's file mappings into fw->mapped unless they are known already. */
static bool know_mappings(struct file_watch *fw, pid_t pid)
{
    if (fw->mapped_valid)
        return true;
    struct map_entry *maps;
    int n = maps_read(pid, &maps);
    if (n < 0)
        return false;
    fw->nmapped = 0;
    fw->mapped = xrealloc(fw->mapped, sizeof *fw->mapped * (size_t)(n + 1));
    for (int i = 0; i < n; i++)
        if (maps[i].inode)
            fw->mapped[fw->nmapped++] = (struct file_mapping){
                maps[i].start, maps[i].end, maps[i].offset, maps[i].dev, maps[i].inode, maps[i].shared};
    free(maps);
    fw->mapped_valid = true;
    return true;
}

void file_watch_entry(struct file_watch *fw, struct tracee *t, long nr, const uint64_t args[6])
{
    forget_maps(fw);
    const struct syscall_desc *d = syscall_lookup(nr);
    if (!d->name || d->replay != SC_EMULATE)
        fw->mapped_valid = false; /* it may change the address space (read again next time) */
    struct stat st;
    int fd = target_file(fw, t, nr, args);
    if (fd < 0)
        return;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
        !watched(fw, (uint64_t)st.st_dev, (uint64_t)st.st_ino) || !know_mappings(fw, t->pid)) {
        close(fd);
        return;
    }
    uint64_t lo, hi;
    affected_range(t, nr, args, (uint64_t)st.st_size, &lo, &hi);
    for (size_t i = 0; i < fw->nmapped; i++) {
        const struct file_mapping *f = &fw->mapped[i];
        if (f->ino != (uint64_t)st.st_ino || f->dev != (uint64_t)st.st_dev)
            continue;
        fw->maps = xrealloc(fw->maps, (fw->nmaps + 1) * sizeof *fw->maps);
        struct watched_map *m = &fw->maps[fw->nmaps++];
        *m = (struct watched_map){.start = f->start, .end = f->end, .offset = f->offset,
                                  .shared = f->shared};
        read_mapping(t, m, lo, hi);
    }
    fw->active = fw->nmaps > 0;
    fw->nr = nr;
    memcpy(fw->args, args, sizeof fw->args);
    fw->target_fd = fw->active ? fd : -1;
    if (!fw->active)
        close(fd);
    fw->size_before = st.st_size;
}

/* ---- what changed ---- */

struct range_list {
    struct watch_range *v;
    size_t n, cap;
};

/* Appends [addr, addr+len), merged with the last range when they touch. */
static void add_range(struct range_list *l, uint64_t addr, uint64_t len)
{
    if (len && l->n && l->v[l->n - 1].len && l->v[l->n - 1].addr + l->v[l->n - 1].len == addr) {
        l->v[l->n - 1].len += len;
        return;
    }
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = (struct watch_range){addr, len};
}

/* The changed bytes of one page that was readable and still is: first to last differing byte. */
static void add_changed_bytes(struct range_list *l, uint64_t addr, const uint8_t *was,
                              const uint8_t *now)
{
    size_t first = 0, last = PAGE;
    while (first < PAGE && was[first] == now[first])
        first++;
    if (first == PAGE)
        return;
    while (last > first && was[last - 1] == now[last - 1])
        last--;
    add_range(l, addr + first, last - first);
}

/* Compares one mapping with what it was at entry. -1 with why when a page became unreadable in a
 * way replay cannot follow. */
static int diff_mapping(struct file_watch *fw, struct tracee *t, const struct watched_map *m,
                        bool size_marks, struct range_list *l, char *why, size_t whylen)
{
    uint8_t now[PAGE];
    size_t pages = (size_t)((m->end - m->start) / PAGE);
    for (size_t p = 0; p < pages; p++) {
        if (m->state[p] == PAGE_IGNORED)
            continue;
        uint64_t addr = m->start + p * PAGE;
        uint8_t state = read_page(t, addr, now);
        if (state == PAGE_READABLE && m->state[p] == PAGE_READABLE)
            add_changed_bytes(l, addr, m->bytes + p * PAGE, now);
        else if (state == PAGE_READABLE)
            add_range(l, addr, PAGE); /* the file grew over it */
        else if (m->state[p] == PAGE_READABLE && !(m->shared && size_marks)) {
            snprintf(why, whylen, "%s made the file mapped at %#llx shorter than a %s mapping of it: "
                     "Rewind cannot replay the shrinking of %s; the recording stops here",
                     syscall_name(fw->nr), (unsigned long long)m->start,
                     m->shared ? "shared" : "private",
                     m->shared ? "it by this syscall" : "a privately mapped file");
            return -1;
        }
    }
    return 0;
}

int file_watch_exit(struct file_watch *fw, struct tracee *t, struct watch_range **out, size_t *n,
                    char *why, size_t whylen)
{
    *out = NULL;
    *n = 0;
    if (!fw->active)
        return 0;
    uint64_t marked;
    bool size_marks = file_watch_marked_size(fw->nr, fw->args, &marked);
    struct stat st;
    bool size_changed = fstat(fw->target_fd, &st) < 0 || st.st_size != fw->size_before;
    struct range_list l = {0};
    int rc = 0;
    for (size_t i = 0; i < fw->nmaps && rc == 0; i++) {
        rc = diff_mapping(fw, t, &fw->maps[i], size_marks, &l, why, whylen);
        if (rc == 0 && size_marks && size_changed && fw->maps[i].shared)
            add_range(&l, fw->maps[i].start, 0);
    }
    forget_maps(fw);
    if (rc < 0) {
        free(l.v);
        return -1;
    }
    *out = l.v;
    *n = l.n;
    return 0;
}
