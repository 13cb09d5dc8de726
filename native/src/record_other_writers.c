/* record_other_writers.c: see record_other_writers.h. */
#include "record_other_writers.h"
#include "record_shared_watch.h"
#include "record_vfork.h"

#include <stdlib.h>
#include <string.h>

int other_writers_entry(struct tracee *t, long nr, const uint64_t args[6], char *why, size_t whylen)
{
    if (vfork_like(t, nr, args) && vfork_watch_begin(t, why, whylen) < 0)
        return -1;
    return shared_watch_entry(t, nr, args, why, whylen);
}

int other_writers_exit(struct tracee *t, long nr, const uint64_t args[6], int64_t result,
                       struct mem_range **out, size_t *n, char *why, size_t whylen)
{
    *out = NULL;
    *n = 0;
    struct mem_range *vforked = NULL, *shared = NULL;
    size_t nvforked = 0, nshared = 0;
    if (vfork_watch_active(t) && vfork_watch_end(t, &vforked, &nvforked, why, whylen) < 0)
        return -1;
    if (shared_watch_exit(t, nr, args, result, &shared, &nshared, why, whylen) < 0) {
        free(vforked);
        return -1;
    }
    if (!nshared) {
        *out = vforked;
        *n = nvforked;
        return 0;
    }
    struct mem_range *all = realloc(vforked, (nvforked + nshared) * sizeof *all);
    if (!all) {
        free(vforked);
        free(shared);
        return -1;
    }
    memcpy(all + nvforked, shared, nshared * sizeof *all);
    free(shared);
    *out = all;
    *n = nvforked + nshared;
    return 0;
}

int mem_ranges_append(struct mem_range **ranges, size_t *n, size_t *cap, uint64_t addr,
                      uint64_t len)
{
    if (*n && (*ranges)[*n - 1].addr + (*ranges)[*n - 1].len == addr) {
        (*ranges)[*n - 1].len += len;
        return 0;
    }
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        struct mem_range *r = realloc(*ranges, c * sizeof *r);
        if (!r)
            return -1;
        *ranges = r;
        *cap = c;
    }
    (*ranges)[(*n)++] = (struct mem_range){addr, len};
    return 0;
}
