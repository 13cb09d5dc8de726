/*
 * ioctl_table.h: what Rewind knows about ioctl requests (the rows are ioctl_table.def).
 *
 * Invariant: an ioctl the recorder lets run has every byte it writes described: by the _IOC
 * encoding of its number (_IOC_READ: _IOC_SIZE bytes at the argument), by a row of the table, or
 * by special code in syscall_outputs.c. A request in a legacy number space without a row is
 * refused while recording (ioctl_recordable() is false).
 */
#ifndef REWIND_IOCTL_TABLE_H
#define REWIND_IOCTL_TABLE_H

#include <stdbool.h>
#include <stdint.h>

struct ioctl_desc {
    uint32_t request;
    const char *name;
    uint32_t size;   /* bytes written at the argument on success; 0: nothing */
};

/* The row for a request, or NULL. */
const struct ioctl_desc *ioctl_lookup(uint32_t request);

/* Whether a request's effects on the program's memory are known (row, or an _IOC encoding in a
 * number space that uses it). */
bool ioctl_recordable(uint32_t request);

#endif
