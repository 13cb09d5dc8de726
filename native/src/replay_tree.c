/*
 * replay_tree.c: `rewind replay` of a process-tree recording (docs/trace-format.md, "Process
 * trees"). Each process's stream is replayed alone, one after the other (what other processes did
 * to it, pipe data and wait statuses, comes from its own recording); each one's output is kept
 * with the index of the event that printed it; then all of it is printed in the recorded global
 * order (the streams' `order` files). An output event missing from its order file (a recording cut
 * short) keeps its place right after its stream's previous output.
 */
#include "replay_internal.h"
#include "trace_procs.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_STREAMS 4096

struct chunk {
    uint64_t event;
    int stream;             /* 1 stdout, 2 stderr */
    size_t off, len;        /* in the stream's bytes */
};

/* One process's replay: its output as it came. */
struct stream_run {
    char dir[PATH_MAX];
    long pid;               /* from the folder's name; 0 for the root */
    struct replay *r;       /* while it replays */
    struct buf bytes;
    struct chunk *chunks;
    size_t n, cap;
    struct proc_order order;
    size_t next;            /* merging: its next chunk */
    uint64_t last_seq;      /* merging: the number of its last chunk printed */
};

static void collect(void *ctx, int stream, const uint8_t *bytes, size_t n)
{
    struct stream_run *s = ctx;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->chunks = xrealloc(s->chunks, s->cap * sizeof *s->chunks);
    }
    s->chunks[s->n++] = (struct chunk){s->r ? s->r->ev.index : 0, stream, s->bytes.len, n};
    buf_put(&s->bytes, bytes, n);
}

bool replay_tree_wanted(const char *trace_dir)
{
    const char *alone = getenv("REWIND_REPLAY_ALONE");
    if (alone && *alone)
        return false;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%.4000s/procs", trace_dir);
    struct stat st;
    return lstat(path, &st) == 0;
}

static int by_pid(const void *a, const void *b)
{
    long x = ((const struct stream_run *)a)->pid, y = ((const struct stream_run *)b)->pid;
    return (x > y) - (x < y);
}

/* The child streams under trace_dir/procs (folders named by a pid, never links), by pid. -1 with
 * err on a folder that is not one. */
static int list_streams(const char *trace_dir, struct stream_run **out, size_t *count, char *err,
                        size_t errlen)
{
    char procs[PATH_MAX];
    snprintf(procs, sizeof procs, "%.4000s/procs", trace_dir);
    int dfd = open(procs, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
    if (!d) {
        snprintf(err, errlen, "trace folder %.3000s is not a folder: refused", procs);
        if (dfd >= 0)
            close(dfd);
        return -1;
    }
    struct stream_run *v = xmalloc(sizeof *v);
    size_t n = 1;
    memset(&v[0], 0, sizeof v[0]);
    snprintf(v[0].dir, sizeof v[0].dir, "%.4000s", trace_dir);
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *end;
        long pid = strtol(e->d_name, &end, 10);
        struct stat st;
        if (*end || pid <= 0 || fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
            !S_ISDIR(st.st_mode) || n == MAX_STREAMS) {
            snprintf(err, errlen, "trace folder %.3000s/%.200s is not a process's folder: refused",
                     procs, e->d_name);
            rc = -1;
            break;
        }
        v = xrealloc(v, (n + 1) * sizeof *v);
        memset(&v[n], 0, sizeof v[n]);
        v[n].pid = pid;
        snprintf(v[n].dir, sizeof v[n].dir, "%.4000s/%ld", procs, pid);
        n++;
    }
    closedir(d);
    qsort(v + 1, n - 1, sizeof *v, by_pid);
    *out = v;
    *count = n;
    return rc;
}

/* The global number of stream s's chunk at s->next. */
static uint64_t chunk_seq(struct stream_run *s)
{
    uint64_t ev = s->chunks[s->next].event;
    size_t lo = 0, hi = s->order.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->order.event[mid] < ev)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < s->order.n && s->order.event[lo] == ev)
        return s->order.seq[lo];
    return s->last_seq;
}

/* Prints every stream's output, the chunk with the lowest number first (ties: the root, then by
 * pid). Stops copying once stdout or stderr is gone. */
static void print_merged(struct stream_run *v, size_t n)
{
    bool broken = false;
    for (;;) {
        size_t best = n;
        uint64_t best_seq = 0;
        for (size_t i = 0; i < n; i++) {
            if (v[i].next >= v[i].n)
                continue;
            uint64_t seq = chunk_seq(&v[i]);
            if (best == n || seq < best_seq) {
                best = i;
                best_seq = seq;
            }
        }
        if (best == n)
            return;
        struct stream_run *s = &v[best];
        struct chunk *c = &s->chunks[s->next++];
        s->last_seq = best_seq;
        if (!broken && write_all(c->stream == 1 ? 1 : 2, s->bytes.data + c->off, c->len) < 0)
            broken = true;
    }
}

static void free_streams(struct stream_run *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        buf_free(&v[i].bytes);
        free(v[i].chunks);
        trace_order_free(&v[i].order);
    }
    free(v);
}

void replay_tree_run(const struct replay_request *req, struct replay_result *res)
{
    memset(res, 0, sizeof *res);
    struct stream_run *v = NULL;
    size_t n = 0;
    char err[4200];
    if (list_streams(req->trace_dir, &v, &n, err, sizeof err) < 0) {
        res->error_code = 4;
        snprintf(res->message, sizeof res->message, "%.1000s", err);
        free_streams(v, n);
        return;
    }
    struct replay_result root = {0};
    for (size_t i = 0; i < n; i++) {
        struct stream_run *s = &v[i];
        if (trace_order_read(s->dir, &s->order, err, sizeof err) < 0) {
            res->error_code = 4;
            snprintf(res->message, sizeof res->message, "%.1000s", err);
            break;
        }
        struct replay_request one = {s->dir, i == 0 ? req->on_started : NULL, req->ctx};
        struct replay_result got;
        replay_run_stream(&one, collect, s, &s->r, &got);
        if (i == 0)
            root = got;
        if (got.error_code) {
            res->error_code = got.error_code;
            if (i == 0)
                snprintf(res->message, sizeof res->message, "%s", got.message);
            else
                snprintf(res->message, sizeof res->message, "process %ld: %.990s", s->pid,
                         got.message);
            break;
        }
    }
    print_merged(v, n);
    if (!res->error_code) {
        *res = root;
    }
    free_streams(v, n);
}
