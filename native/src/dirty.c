/* dirty.c: see dirty.h. */
#include "dirty.h"

#include "maps.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Linux 6.7 interfaces, newer than Debian 12's headers (values from the kernel's uapi). */
#ifndef UFFD_USER_MODE_ONLY
#define UFFD_USER_MODE_ONLY 1
#endif
#ifndef UFFD_FEATURE_WP_ASYNC
#define UFFD_FEATURE_WP_ASYNC (1u << 15)
#endif
#ifndef PAGEMAP_SCAN
struct page_region {
    uint64_t start, end, categories;
};
struct pm_scan_arg {
    uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages;
    uint64_t category_inverted, category_mask, category_anyof_mask, return_mask;
};
#define PAGEMAP_SCAN _IOWR('f', 16, struct pm_scan_arg)
#define PAGE_IS_WRITTEN (1u << 1)
#define PAGE_IS_PRESENT (1u << 3)
#define PAGE_IS_SWAPPED (1u << 4)
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

#define PAGE 4096u
#define USER_END 0x7ffffffff000ull /* the end of the x86-64 user address space (4-level paging) */
#define STATES (PAGE_IS_WRITTEN | PAGE_IS_PRESENT | PAGE_IS_SWAPPED)

struct dirty_region {
    uint64_t start, end, categories;
};

/* A userfaultfd of the calling process with asynchronous write protection, or -1. */
static int open_uffd_here(void)
{
    int fd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK | UFFD_USER_MODE_ONLY);
    if (fd < 0)
        return -1;
    struct uffdio_api api = {.api = UFFD_API, .features = UFFD_FEATURE_WP_ASYNC};
    if (ioctl(fd, UFFDIO_API, &api) < 0 || !(api.features & UFFD_FEATURE_WP_ASYNC)) {
        close(fd);
        return -1;
    }
    return fd;
}

bool dirty_available(void)
{
    static int known = -1;
    if (getenv("REWIND_NO_WRITE_TRACKING"))
        return false; /* as on a kernel without it (tests of that path) */
    if (known < 0) {
        known = 0;
        int fd = open_uffd_here();
        int pm = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
        struct page_region one;
        static char probe[PAGE] __attribute__((aligned(PAGE)));
        struct pm_scan_arg arg = {.size = sizeof arg,
                                  .start = (uint64_t)(uintptr_t)probe,
                                  .end = (uint64_t)(uintptr_t)probe + PAGE,
                                  .vec = (uint64_t)(uintptr_t)&one,
                                  .vec_len = 1,
                                  .category_anyof_mask = STATES,
                                  .return_mask = STATES};
        if (fd >= 0 && pm >= 0 && ioctl(pm, PAGEMAP_SCAN, &arg) >= 0)
            known = 1;
        if (fd >= 0)
            close(fd);
        if (pm >= 0)
            close(pm);
    }
    return known == 1;
}

void dirty_init(struct dirty_tracker *d)
{
    memset(d, 0, sizeof *d);
    d->uffd = -1;
}

void dirty_reset(struct dirty_tracker *d)
{
    if (d->uffd >= 0)
        close(d->uffd);
    free(d->base_pages);
    free(d->scan);
    free(d->held);
    dirty_init(d);
}

/* Reads which pages of d->pid have a page table entry, and their states, into d->scan. The
 * pagemap is opened anew each time: one opened earlier follows the address space of then, which
 * an exec replaced. */
static bool scan(struct dirty_tracker *d)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/pagemap", d->pid);
    int pagemap = open(path, O_RDONLY | O_CLOEXEC);
    if (pagemap < 0)
        return false;
    size_t cap = 1024;
    d->nscan = 0;
    uint64_t at = 0;
    bool ok = true;
    for (;;) {
        d->scan = xrealloc(d->scan, sizeof *d->scan * (d->nscan + cap));
        struct pm_scan_arg arg = {.size = sizeof arg,
                                  .start = at,
                                  .end = USER_END,
                                  .vec = (uint64_t)(uintptr_t)(d->scan + d->nscan),
                                  .vec_len = cap,
                                  .category_anyof_mask = STATES,
                                  .return_mask = STATES};
        long n = ioctl(pagemap, PAGEMAP_SCAN, &arg);
        if (n < 0) {
            ok = false;
            break;
        }
        d->nscan += (size_t)n;
        if (arg.walk_end >= USER_END || (size_t)n < cap)
            break;
        at = arg.walk_end;
        cap *= 2;
    }
    close(pagemap);
    return ok;
}

/* Registers and write-protects every trackable mapping; how many could be registered. A mapping
 * that cannot be keeps no protection bits, so its pages read as written: nothing else to do. */
static int protect_all(struct dirty_tracker *d, const struct map_entry *maps, int n)
{
    int registered = 0;
    for (int i = 0; i < n; i++) {
        if (!dirty_trackable(&maps[i]))
            continue;
        struct uffdio_register reg = {
            .range = {.start = maps[i].start, .len = maps[i].end - maps[i].start},
            .mode = UFFDIO_REGISTER_MODE_WP};
        if (ioctl(d->uffd, UFFDIO_REGISTER, &reg) < 0)
            continue;
        registered++;
        struct uffdio_writeprotect wp = {.range = reg.range, .mode = UFFDIO_WRITEPROTECT_MODE_WP};
        (void)ioctl(d->uffd, UFFDIO_WRITEPROTECT, &wp);
    }
    return registered;
}

/* Closes the userfaultfd of the process tracked; the scan and the pages held stay (a dump thread
 * may still read them). */
static void forget_process(struct dirty_tracker *d)
{
    if (d->uffd >= 0)
        close(d->uffd);
    d->uffd = -1;
    d->pid = 0;
    d->valid = false;
}

bool dirty_begin(struct dirty_tracker *d, struct tracee *t, bool has_base, uint64_t base_event)
{
    d->nheld = d->scan_at = d->base_at = 0;
    d->nscan = 0;
    bool usable = has_base && d->valid && d->pid == t->pid && d->base_event == base_event;
    d->valid = false; /* whatever happens now, protections are no longer those of the base */
    d->classifying = usable && scan(d);
    if (usable && !d->classifying)
        forget_process(d); /* (an exec may have left our userfaultfd with the old address space) */
    return d->classifying;
}

enum dirty_page dirty_classify(struct dirty_tracker *d, uint64_t addr, bool anonymous,
                               bool file_backing)
{
    while (d->scan_at < d->nscan && d->scan[d->scan_at].end <= addr)
        d->scan_at++;
    if (d->scan_at < d->nscan && d->scan[d->scan_at].start <= addr) {
        if (d->scan[d->scan_at].categories & PAGE_IS_WRITTEN)
            return DIRTY_READ;
        while (d->base_at < d->nbase && d->base_pages[d->base_at] < addr)
            d->base_at++;
        return d->base_at < d->nbase && d->base_pages[d->base_at] == addr ? DIRTY_AS_BASE
                                                                        : DIRTY_BACKING;
    }
    return anonymous || file_backing ? DIRTY_BACKING : DIRTY_READ;
}

void dirty_hold(struct dirty_tracker *d, uint64_t addr)
{
    if (d->nheld == d->held_cap) {
        d->held_cap = d->held_cap ? 2 * d->held_cap : 4096;
        d->held = xrealloc(d->held, sizeof *d->held * d->held_cap);
    }
    d->held[d->nheld++] = addr;
}

/* Gives the agent a userfaultfd of t's address space: one made in t by an injected userfaultfd(),
 * duplicated here through a pidfd and closed in t again. 0, or -1. */
static int adopt_uffd(struct dirty_tracker *d, struct tracee *t, uint64_t inj)
{
    uint64_t args[6] = {O_CLOEXEC | O_NONBLOCK | UFFD_USER_MODE_ONLY, 0, 0, 0, 0, 0};
    int64_t theirs = tracee_inject_syscall(t, inj, SYS_userfaultfd, args, 0, NULL);
    if (theirs < 0 || theirs == INJECT_DIED)
        return -1;
    int pidfd = (int)syscall(SYS_pidfd_open, t->pid, 0);
    if (pidfd >= 0) {
        d->uffd = (int)syscall(SYS_pidfd_getfd, pidfd, (int)theirs, 0);
        close(pidfd);
    }
    uint64_t cargs[6] = {(uint64_t)theirs, 0, 0, 0, 0, 0};
    tracee_inject_syscall(t, inj, SYS_close, cargs, 0, NULL);
    struct uffdio_api api = {.api = UFFD_API, .features = UFFD_FEATURE_WP_ASYNC};
    return d->uffd < 0 || ioctl(d->uffd, UFFDIO_API, &api) < 0 ? -1 : 0;
}

bool dirty_trackable(const struct map_entry *m)
{
    if (m->shared)
        return false;
    if (m->inode != 0)
        return true;
    return !m->name[0] || !strcmp(m->name, "[heap]") || !strcmp(m->name, "[stack]") ||
           !strncmp(m->name, "[anon:", 6);
}

bool dirty_protect(struct dirty_tracker *d, struct tracee *t, uint64_t inj)
{
    d->valid = false;
    if (!dirty_available())
        return false;
    if (d->pid != t->pid || d->uffd < 0) {
        forget_process(d); /* another process: its descriptors go (the pages just held stay) */
        if (adopt_uffd(d, t, inj) < 0) {
            forget_process(d);
            return false;
        }
        d->pid = t->pid;
    }
    struct map_entry *maps;
    int n = maps_read(t->pid, &maps);
    if (n < 0) {
        forget_process(d);
        return false;
    }
    int registered = protect_all(d, maps, n);
    if (registered == 0) {
        /* nothing could be registered: our userfaultfd belongs to an address space an exec
         * replaced; make one for this one */
        forget_process(d);
        if (adopt_uffd(d, t, inj) == 0) {
            d->pid = t->pid;
            registered = protect_all(d, maps, n);
        }
    }
    free(maps);
    return registered > 0;
}

void dirty_settle(struct dirty_tracker *d, uint64_t event)
{
    uint64_t *swap = d->base_pages;
    size_t swap_cap = d->nbase;
    d->base_pages = d->held;
    d->nbase = d->nheld;
    d->held = swap;
    d->held_cap = swap_cap;
    d->nheld = 0;
    d->base_event = event;
    d->valid = true;
}

void dirty_commit(struct dirty_tracker *d, struct tracee *t, uint64_t inj, uint64_t event,
                  bool track)
{
    if (!track)
        dirty_reset(d);
    else if (dirty_protect(d, t, inj))
        dirty_settle(d, event);
}

void dirty_abort(struct dirty_tracker *d)
{
    d->classifying = false;
    d->valid = false;
}
