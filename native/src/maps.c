/* maps.c: see maps.h. */
#include "maps.h"
#include "util.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysmacros.h>

int maps_read(pid_t pid, struct map_entry **out)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/maps", pid);
    FILE *f = fopen(path, "re");
    if (!f)
        return -1;
    int n = 0, cap = 64;
    struct map_entry *v = xmalloc(sizeof *v * (size_t)cap);
    char *line = NULL;
    size_t linecap = 0;
    while (getline(&line, &linecap, f) > 0) {
        if (n == cap) {
            cap *= 2;
            v = xrealloc(v, sizeof *v * (size_t)cap);
        }
        struct map_entry *e = &v[n];
        char perms[8];
        unsigned dmaj, dmin;
        int pos = 0;
        if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %7s %" SCNx64 " %x:%x %lu %n", &e->start,
                   &e->end, perms, &e->offset, &dmaj, &dmin, &e->inode, &pos) < 7)
            continue;
        e->prot = (perms[0] == 'r' ? PROT_READ : 0) | (perms[1] == 'w' ? PROT_WRITE : 0) |
                  (perms[2] == 'x' ? PROT_EXEC : 0);
        e->shared = perms[3] == 's';
        e->dev = makedev(dmaj, dmin);
        char *name = line + pos;
        name[strcspn(name, "\n")] = 0;
        snprintf(e->name, sizeof e->name, "%s", name);
        n++;
    }
    free(line);
    fclose(f);
    *out = v;
    return n;
}

uint64_t proc_status_mask(pid_t pid, const char *field)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    FILE *f = fopen(path, "re");
    if (!f)
        return 0;
    char line[256];
    size_t fl = strlen(field);
    uint64_t v = 0;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, field, fl) && line[fl] == ':') {
            v = strtoull(line + fl + 1, NULL, 16);
            break;
        }
    fclose(f);
    return v;
}

bool maps_may_write(pid_t pid, uint64_t start)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/smaps", pid);
    FILE *f = fopen(path, "re");
    if (!f)
        return true;
    char line[512];
    bool in = false, may = true;
    while (fgets(line, sizeof line, f)) {
        unsigned long long s, e;
        if (sscanf(line, "%llx-%llx ", &s, &e) == 2) {
            in = s == start;
        } else if (in && !strncmp(line, "VmFlags:", 8)) {
            may = strstr(line, " mw") != NULL;
            break;
        }
    }
    fclose(f);
    return may;
}
