/* trace_check.c: see trace_check.h. */
#include "trace_check.h"
#include "image.h"
#include "trace_files.h"
#include "trace_reader.h"
#include "util.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The distinct blobs seen so far (a recording maps a few dozen files: a list is enough). */
struct blob_set {
    uint8_t (*hashes)[TRACE_HASH_SIZE];
    size_t n, cap;
};

/* Checks `hash` unless already done. 0, or -1 with err. */
static int check_once(struct blob_set *seen, int dir_fd, const uint8_t hash[TRACE_HASH_SIZE],
                      char *err, size_t errlen)
{
    for (size_t i = 0; i < seen->n; i++)
        if (!memcmp(seen->hashes[i], hash, TRACE_HASH_SIZE))
            return 0;
    int fd = trace_blob_open_checked(dir_fd, hash, err, errlen);
    if (fd < 0)
        return -1;
    close(fd);
    if (seen->n == seen->cap) {
        seen->cap = seen->cap ? 2 * seen->cap : 32;
        seen->hashes = xrealloc(seen->hashes, seen->cap * TRACE_HASH_SIZE);
    }
    memcpy(seen->hashes[seen->n++], hash, TRACE_HASH_SIZE);
    return 0;
}

/* Checks the blobs of one event. 0, or -1 with err. */
static int check_event(struct blob_set *seen, int dir_fd, const struct trace_event *ev, char *err,
                       size_t errlen)
{
    if (ev->kind == EV_SYSCALL && ev->sys.has_blob)
        return check_once(seen, dir_fd, ev->sys.blob, err, errlen);
    if (ev->kind != EV_EXEC)
        return 0;
    struct image img;
    int rc = 0;
    if (image_parse(ev->body, &img) == 0)
        for (uint32_t i = 0; i < img.region_count && rc == 0; i++)
            if (img.regions[i].has_blob)
                rc = check_once(seen, dir_fd, img.regions[i].blob, err, errlen);
    image_free(&img);
    return rc;
}

/* The distinct tids THREAD events name (at most THREAD_IDS_MAX are told apart: enough to say
 * "more than one"). */
#define THREAD_IDS_MAX 4096
struct thread_ids {
    int count;
    uint32_t tids[THREAD_IDS_MAX];
};

static void note_thread(struct thread_ids *ids, const struct trace_event *ev)
{
    if (ev->kind != EV_THREAD)
        return;
    for (int i = 0; i < ids->count; i++)
        if (ids->tids[i] == ev->thread.tid)
            return;
    if (ids->count < THREAD_IDS_MAX)
        ids->tids[ids->count++] = ev->thread.tid;
}

int trace_check_blobs(const char *trace_dir, int *threads, char *err, size_t errlen)
{
    static struct thread_ids ids;
    ids.count = 0;
    *threads = 1;
    struct trace_reader tr;
    if (trace_reader_open(&tr, trace_dir) < 0) {
        snprintf(err, errlen, "%s", tr.error);
        trace_reader_close(&tr);
        return -1;
    }
    struct blob_set seen = {0};
    struct trace_event ev;
    int rc = 0;
    while (rc == 0 && trace_reader_next(&tr, &ev) > 0) {
        note_thread(&ids, &ev);
        rc = check_event(&seen, tr.dir_fd, &ev, err, errlen);
    }
    *threads = ids.count > 1 ? ids.count : 1;
    free(seen.hashes);
    trace_reader_close(&tr);
    return rc;
}
