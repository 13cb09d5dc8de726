/*
 * trace_procs.h: the per-process files of a process-tree recording (docs/trace-format.md, "Process
 * trees"): a stream's `process` file (who the process was and how it ended) and its `order` file
 * (the global number of each of its events that printed to the recording's stdout/stderr).
 */
#ifndef REWIND_TRACE_PROCS_H
#define REWIND_TRACE_PROCS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct proc_entry {
    pid_t pid, ppid;
    uint64_t events;
    bool ended;                 /* its recording ends with its exit (wait_status is its end) */
    int wait_status;
    const char *exe;            /* NULL: not known */
    const char *cmdline;        /* argv, each NUL-terminated */
    size_t cmdline_len;
};

/* Writes dir/process (O_EXCL, 0600). 0, or -1 with err. */
int trace_procs_write(const char *dir, const struct proc_entry *e, char *err, size_t errlen);

/* One stream's order: pairs (event index, global number), by event index. */
struct proc_order {
    uint64_t *event, *seq;
    size_t n;
};

/* Reads dir/order (an absent file is an empty order). 0, or -1 with err (a damaged file). */
int trace_order_read(const char *dir, struct proc_order *o, char *err, size_t errlen);
void trace_order_free(struct proc_order *o);

#endif
