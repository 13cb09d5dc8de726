/*
 * maps.h: reading /proc/PID/maps, the kernel's list of a process's mappings.
 */
#ifndef REWIND_MAPS_H
#define REWIND_MAPS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct map_entry {
    uint64_t start, end, offset;
    int prot;            /* PROT_* */
    bool shared;
    uint64_t dev;        /* the file's device (makedev of major:minor), 0 for anonymous */
    unsigned long inode;
    char name[4096];     /* path or pseudo-name ("[stack]"), "" for anonymous */
};

/* Reads all mappings of pid into a fresh array; returns the count, or -1 (errno set). */
int maps_read(pid_t pid, struct map_entry **out);

/* May the mapping starting at `start` ever be made writable ("mw" in its smaps VmFlags)? A
 * MAP_SHARED mapping of a descriptor not open for writing may not. True when unknown. */
bool maps_may_write(pid_t pid, uint64_t start);

/* Reads the hex mask after "<field>:" in /proc/PID/status (e.g. "SigIgn"); 0 if absent. */
uint64_t proc_status_mask(pid_t pid, const char *field);

#endif
