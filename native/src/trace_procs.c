/* trace_procs.c: see trace_procs.h. */
#include "trace_procs.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROC_MAGIC "RWPROC\0\0"
#define PROC_VERSION 1
#define ORDER_MAX_BYTES (1ull << 32) /* 256 Mi outputs: far beyond any real recording */

int trace_procs_write(const char *dir, const struct proc_entry *e, char *err, size_t errlen)
{
    struct buf b = {0};
    buf_put(&b, PROC_MAGIC, 8);
    buf_u32(&b, PROC_VERSION);
    buf_u32(&b, (uint32_t)e->pid);
    buf_u32(&b, (uint32_t)e->ppid);
    buf_u8(&b, e->ended);
    buf_u32(&b, (uint32_t)e->wait_status);
    buf_u64(&b, e->events);
    buf_str(&b, e->exe ? e->exe : "");
    buf_strn(&b, e->cmdline ? e->cmdline : "", e->cmdline ? e->cmdline_len : 0);
    buf_u32(&b, crc32c(0, b.data, b.len));
    int fd = -1, dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dfd >= 0)
        fd = openat(dfd, "process", O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    int rc = fd >= 0 && write_all(fd, b.data, b.len) == 0 ? 0 : -1;
    if (rc < 0)
        snprintf(err, errlen, "cannot write %s/process: %s", dir, strerror(errno));
    if (fd >= 0 && close(fd) < 0 && rc == 0) {
        snprintf(err, errlen, "cannot write %s/process: %s", dir, strerror(errno));
        rc = -1;
    }
    if (dfd >= 0)
        close(dfd);
    buf_free(&b);
    return rc;
}

static uint64_t le64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

int trace_order_read(const char *dir, struct proc_order *o, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    /* (the trace folder may be reached through a link, such as the store's `latest`; a child's
     * stream folder was checked not to be one: replay_tree.c) */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) {
        snprintf(err, errlen, "cannot open trace folder %s: %s", dir, strerror(errno));
        return -1;
    }
    int fd = openat(dfd, "order", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    close(dfd);
    if (fd < 0 && errno == ENOENT)
        return 0;
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "trace file %s/order is not a readable regular file: refused", dir);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    /* a torn last record (a recording cut short) is dropped */
    uint64_t bytes = (uint64_t)st.st_size / 16 * 16;
    if (bytes > ORDER_MAX_BYTES) {
        close(fd);
        snprintf(err, errlen, "trace file %s/order is too large: refused", dir);
        return -1;
    }
    uint8_t *raw = bytes ? xmalloc(bytes) : NULL;
    if (bytes && read_full(fd, raw, bytes) != (long)bytes) {
        close(fd);
        free(raw);
        snprintf(err, errlen, "cannot read %s/order", dir);
        return -1;
    }
    close(fd);
    o->n = bytes / 16;
    o->event = xmalloc((o->n + 1) * sizeof *o->event);
    o->seq = xmalloc((o->n + 1) * sizeof *o->seq);
    for (size_t i = 0; i < o->n; i++) {
        o->event[i] = le64(raw + 16 * i);
        o->seq[i] = le64(raw + 16 * i + 8);
        if (i && o->event[i] <= o->event[i - 1]) {
            free(raw);
            trace_order_free(o);
            snprintf(err, errlen, "trace file %s/order is corrupted: event numbers out of order", dir);
            return -1;
        }
    }
    free(raw);
    return 0;
}

void trace_order_free(struct proc_order *o)
{
    free(o->event);
    free(o->seq);
    memset(o, 0, sizeof *o);
}
