/* record_vfork.c: see record_vfork.h. */
#include "record_vfork.h"
#include "maps.h"
#include "util.h"

#include "record_other_writers.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096ull
#define PM_PRESENT (1ull << 63)
#define PM_SWAPPED (1ull << 62)
#define ABSENT 0ull /* the fingerprint of a page with no page table entry (hashes are never 0) */

/* One watch (one vfork at a time per recorded process). Invariant: pid != 0 exactly between
 * begin and end; prints[] holds one fingerprint per page of each writable mapping, in order. */
static struct {
    pid_t pid;
    struct map_entry *maps;
    int nmaps;
    uint64_t *prints;
    size_t nprints;
} watch;

bool vfork_like(struct tracee *t, long nr, const uint64_t args[6])
{
    const uint64_t both = CLONE_VM | CLONE_VFORK;
    if (nr == SYS_vfork)
        return true;
    if (nr == SYS_clone)
        return (args[0] & both) == both && !(args[0] & CLONE_THREAD);
    if (nr == SYS_clone3 && args[0]) {
        uint64_t flags = 0;
        return tracee_read(t, args[0], &flags, sizeof flags) == 0 && (flags & both) == both &&
               !(flags & CLONE_THREAD);
    }
    return false;
}

static bool watched(const struct map_entry *m)
{
    return (m->prot & PROT_WRITE) && strcmp(m->name, "[vvar]") != 0 &&
           strcmp(m->name, "[vvar_vclock]") != 0 && strcmp(m->name, "[vsyscall]") != 0;
}

static uint64_t page_hash(const uint8_t *p)
{
    uint64_t h = 0x9e3779b97f4a7c15ull;
    const uint64_t *w = (const uint64_t *)p;
    for (size_t i = 0; i < PAGE / 8; i++) {
        h ^= w[i] + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
        h *= 0xff51afd7ed558ccdull;
    }
    return h ? h : 1;
}

/* Fingerprints the pages of one mapping into prints[]. 0, or -1. */
static int fingerprint(pid_t pid, int pagemap, int mem, const struct map_entry *m, uint64_t *prints)
{
    size_t pages = (m->end - m->start) / PAGE;
    enum { CHUNK = 512 };
    uint64_t entries[CHUNK];
    static uint8_t bytes[PAGE];
    for (size_t at = 0; at < pages; at += CHUNK) {
        size_t n = pages - at < CHUNK ? pages - at : CHUNK;
        off_t where = (off_t)((m->start / PAGE + at) * 8);
        if (pread(pagemap, entries, n * 8, where) != (ssize_t)(n * 8))
            return -1;
        for (size_t i = 0; i < n; i++) {
            if (!(entries[i] & (PM_PRESENT | PM_SWAPPED))) {
                prints[at + i] = ABSENT;
                continue;
            }
            if (pread(mem, bytes, PAGE, (off_t)(m->start + (at + i) * PAGE)) != (ssize_t)PAGE)
                return -1;
            prints[at + i] = page_hash(bytes);
        }
    }
    (void)pid;
    return 0;
}

/* Fingerprints every watched mapping of maps[] into a fresh array. */
static uint64_t *fingerprint_all(pid_t pid, const struct map_entry *maps, int nmaps, size_t *count)
{
    size_t total = 0;
    for (int i = 0; i < nmaps; i++)
        if (watched(&maps[i]))
            total += (maps[i].end - maps[i].start) / PAGE;
    uint64_t *prints = malloc((total ? total : 1) * sizeof *prints);
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/pagemap", pid);
    int pagemap = open(path, O_RDONLY | O_CLOEXEC);
    snprintf(path, sizeof path, "/proc/%d/mem", pid);
    int mem = open(path, O_RDONLY | O_CLOEXEC);
    bool ok = prints && pagemap >= 0 && mem >= 0;
    size_t at = 0;
    for (int i = 0; ok && i < nmaps; i++) {
        if (!watched(&maps[i]))
            continue;
        ok = fingerprint(pid, pagemap, mem, &maps[i], prints + at) == 0;
        at += (maps[i].end - maps[i].start) / PAGE;
    }
    if (pagemap >= 0)
        close(pagemap);
    if (mem >= 0)
        close(mem);
    if (!ok) {
        free(prints);
        return NULL;
    }
    *count = total;
    return prints;
}

static void end_watch(void)
{
    free(watch.maps);
    free(watch.prints);
    memset(&watch, 0, sizeof watch);
}

int vfork_watch_begin(struct tracee *t, char *why, size_t whylen)
{
    end_watch();
    watch.nmaps = maps_read(t->pid, &watch.maps);
    if (watch.nmaps >= 0)
        watch.prints = fingerprint_all(t->pid, watch.maps, watch.nmaps, &watch.nprints);
    if (watch.nmaps < 0 || !watch.prints) {
        snprintf(why, whylen, "cannot read the program's memory before its vfork (%s): the "
                 "recording stops here", strerror(errno));
        end_watch();
        return -1;
    }
    watch.pid = t->pid;
    return 0;
}

bool vfork_watch_active(const struct tracee *t)
{
    return watch.pid != 0 && watch.pid == t->pid;
}

static bool same_mappings(const struct map_entry *a, int na, const struct map_entry *b, int nb)
{
    if (na != nb)
        return false;
    for (int i = 0; i < na; i++)
        if (a[i].start != b[i].start || a[i].end != b[i].end || a[i].prot != b[i].prot ||
            a[i].shared != b[i].shared || a[i].inode != b[i].inode || a[i].offset != b[i].offset)
            return false;
    return true;
}

int vfork_watch_end(struct tracee *t, struct mem_range **out, size_t *n, char *why, size_t whylen)
{
    *out = NULL;
    *n = 0;
    struct map_entry *now = NULL;
    int nnow = maps_read(t->pid, &now);
    int rc = 0;
    size_t count = 0, cap = 0;
    uint64_t *prints = NULL;
    if (nnow < 0 || !same_mappings(watch.maps, watch.nmaps, now, nnow)) {
        snprintf(why, whylen, "the program's vfork child changed the program's mappings (mmap, "
                 "munmap, brk, mprotect or its stack) before it exec'd or exited: Rewind cannot "
                 "record that; the recording stops here");
        rc = -1;
    } else if (!(prints = fingerprint_all(t->pid, now, nnow, &count)) || count != watch.nprints) {
        snprintf(why, whylen, "cannot read the program's memory after its vfork: the recording "
                 "stops here");
        rc = -1;
    }
    size_t at = 0;
    for (int i = 0; rc == 0 && i < nnow; i++) {
        if (!watched(&now[i]))
            continue;
        size_t pages = (now[i].end - now[i].start) / PAGE;
        for (size_t p = 0; rc == 0 && p < pages; p++, at++)
            if (prints[at] != watch.prints[at])
                rc = mem_ranges_append(out, n, &cap, now[i].start + p * PAGE, PAGE);
    }
    if (rc < 0 && !why[0])
        snprintf(why, whylen, "out of memory after the program's vfork");
    if (rc < 0) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    free(prints);
    free(now);
    end_watch();
    return rc;
}
