/* snapshot_dump.c: see snapshot_dump.h. */
#include "snapshot_dump.h"

#include "dirty.h"
#include "image.h"
#include "maps.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>


/* A file mapping's blob, resolved on the recorder's thread for the dump thread. */
struct mapped_blob {
    uint64_t start, end;
    uint8_t hash[TRACE_HASH_SIZE];
};

/* One dump in progress: owned by the dump thread until done, then by the recorder again. */
struct dump_job {
    pid_t fork;
    struct snapshot_state state;
    struct mapped_blob *blobs;
    int nblobs;
    struct dirty_tracker *dirty; /* the dumper's, classifying against the base, or NULL */
    bool tracked;                /* tracking was restarted at the fork: settle when written */
    char path[PATH_MAX + 32];
    bool written;
    int write_errno;             /* why the body could not be written (0: it was, or not tried) */
    atomic_bool done;
};

struct snapshot_dumper {
    char dir[PATH_MAX];
    struct trace_writer *tw;
    bool in_place_only;       /* REWIND_DUMP_IN_PLACE set: for measuring what the fork saves */
    struct dirty_tracker dirty; /* pages of the recorded process written since the last body */
    bool running;
    bool disk_full;           /* a body met a full disk: no more snapshots are taken (one warning) */
    uint32_t forked, in_place;
    pthread_t thread;
    struct dump_job *job;
};

struct snapshot_dumper *snapshot_dumper_new(const char *dir, struct trace_writer *tw)
{
    struct snapshot_dumper *d = calloc(1, sizeof *d);
    if (!d)
        fatal("out of memory");
    snprintf(d->dir, sizeof d->dir, "%s", dir);
    d->tw = tw;
    d->in_place_only = getenv("REWIND_DUMP_IN_PLACE") != NULL;
    dirty_init(&d->dirty);
    return d;
}

/* Whether errno e says the disk is full. */
static bool no_space(int e)
{
    return e == ENOSPC || e == EDQUOT;
}

/* Writes body to path through a new temporary name (never through a link). 0, or the errno (a
 * full disk is not warned of here: see stop_on_full_disk; anything else is). */
static int write_body(const char *path, const struct buf *body)
{
    char tmp[PATH_MAX + 48];
    snprintf(tmp, sizeof tmp, "%s.part", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    bool made = fd >= 0;
    if (fd < 0 || write_all(fd, body->data, body->len) < 0 || close(fd) < 0 ||
        rename(tmp, path) < 0) {
        int e = errno ? errno : EIO;
        if (!no_space(e))
            warn("cannot write the snapshot %s: %s", path, strerror(e));
        if (made)
            unlink(tmp);
        return e;
    }
    return 0;
}

/* After a body met a full disk (errno e): no more snapshots while recording, so the recording
 * itself keeps what room is left; the bodies written before stay and are stored afterwards. */
static void stop_on_full_disk(struct snapshot_dumper *d, int e)
{
    if (!no_space(e) || d->disk_full)
        return;
    d->disk_full = true;
    warn("the disk is full (%s): no more snapshots are taken while recording (those taken "
         "before are kept)", strerror(e));
}

/* The dump thread's image_blob_fn: the blob resolved before, found by the mapping's range. */
static int resolved_blob(void *ctx, const struct map_entry *m, int fd,
                         uint8_t hash[TRACE_HASH_SIZE], const char **name, char *err,
                         size_t errlen)
{
    struct dump_job *job = ctx;
    for (int i = 0; i < job->nblobs; i++)
        if (job->blobs[i].start == m->start && job->blobs[i].end == m->end) {
            memcpy(hash, job->blobs[i].hash, TRACE_HASH_SIZE);
            return 0;
        }
    return 1; /* kept literally */
}

static void *dump_thread(void *arg)
{
    struct dump_job *job = arg;
    struct tracee fork = {.pid = job->fork, .mem_fd = -1};
    struct buf body = {0};
    char err[512];
    if (tracee_attach_mem(&fork) < 0)
        warn("cannot read the memory of the snapshot fork %d: %s", job->fork, strerror(errno));
    else if (snapshot_encode_state(&job->state, &fork, job->dirty, resolved_blob, job, &body, err,
                                   sizeof err) < 0)
        warn("no snapshot at event %lu: %s", (unsigned long)job->state.at.pos.event, err);
    else
        job->written = (job->write_errno = write_body(job->path, &body)) == 0;
    tracee_detach_mem(&fork);
    buf_free(&body);
    atomic_store(&job->done, true);
    return NULL;
}

static void finish(struct snapshot_dumper *d)
{
    pthread_join(d->thread, NULL);
    stop_on_full_disk(d, d->job->write_errno);
    if (d->job->tracked && d->job->written)
        dirty_settle(&d->dirty, d->job->state.at.pos.event);
    else
        dirty_abort(&d->dirty);
    tracee_kill_reap(d->job->fork);
    free(d->job->blobs);
    free(d->job);
    d->job = NULL;
    d->running = false;
}

void snapshot_dumper_poll(struct snapshot_dumper *d)
{
    if (d->running && atomic_load(&d->job->done))
        finish(d);
}

/* Does the program have a writable shared mapping (which no snapshot holds yet)? */
static bool writable_shared(const struct map_entry *maps, int n)
{
    for (int i = 0; i < n; i++)
        if (maps[i].shared && (maps[i].prot & PROT_WRITE))
            return true;
    return false;
}

/* Can a fork of pid stand for it? Not with ranges a fork does not copy (MADV_DONTFORK "dc",
 * MADV_WIPEONFORK "wf" in smaps' VmFlags). */
static bool fork_holds_the_same(pid_t pid)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%d/smaps", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    bool same = true;
    while (same && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmFlags:", 8) && (strstr(line, " dc") || strstr(line, " wf")))
            same = false;
    fclose(f);
    return same;
}

/* The blobs of t's file mappings (copied into the recording as image_put_blob does). */
static int resolve_blobs(struct snapshot_dumper *d, pid_t pid, const struct map_entry *maps,
                         int n, struct dump_job *job, char *err, size_t errlen)
{
    job->blobs = xmalloc(sizeof *job->blobs * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        const struct map_entry *m = &maps[i];
        if (m->name[0] != '/' || m->inode == 0)
            continue;
        int fd = image_open_mapped_file(pid, m);
        if (fd < 0)
            continue;
        const char *name = m->name;
        struct mapped_blob *b = &job->blobs[job->nblobs];
        int rc = image_put_blob(d->tw, m, fd, b->hash, &name, err, errlen);
        close(fd);
        if (rc < 0)
            return -1;
        b->start = m->start;
        b->end = m->end;
        job->nblobs++;
    }
    return 0;
}

/* The name of a body: EVENT.body, or EVENT-on-BASE.body when it names the base's pages. */
static void body_path(const struct snapshot_dumper *d, uint64_t event, bool based, char *out,
                      size_t n)
{
    if (based)
        snprintf(out, n, "%s/%lu-on-%lu.body", d->dir, (unsigned long)event,
                 (unsigned long)d->dirty.base_event);
    else
        snprintf(out, n, "%s/%lu.body", d->dir, (unsigned long)event);
}

static int in_place(struct snapshot_dumper *d, struct tracee *t, const struct snapshot_place *at,
                    bool based, char *err, size_t errlen)
{
    struct buf body = {0};
    char path[PATH_MAX + 64];
    body_path(d, at->pos.event, based, path, sizeof path);
    int rc = snapshot_encode_process(t, at, NULL, NULL, &d->dirty, image_put_blob, d->tw, &body, err,
                                     errlen);
    int written = rc == 0 ? write_body(path, &body) : -1;
    stop_on_full_disk(d, written);
    if (written == 0) {
        d->in_place++;
        tracee_get_regs(t);
        if (dirty_protect(&d->dirty, t, t->regs.rip - 2))
            dirty_settle(&d->dirty, at->pos.event);
    } else {
        dirty_abort(&d->dirty);
    }
    buf_free(&body);
    return rc;
}

int snapshot_dumper_take(struct snapshot_dumper *d, struct tracee *t,
                         const struct snapshot_place *at, char *err, size_t errlen)
{
    struct map_entry *maps;
    int n = maps_read(t->pid, &maps);
    if (n < 0) {
        snprintf(err, errlen, "cannot read the mappings of process %d", t->pid);
        return -1;
    }
    if (d->running)
        finish(d); /* one dump at a time */
    if (d->disk_full || writable_shared(maps, n)) {
        free(maps);
        dirty_abort(&d->dirty);
        return 1;
    }
    /* which pages were written since the last body (the process is stopped: the fork will hold
     * exactly these bytes) */
    bool based = dirty_begin(&d->dirty, t, d->dirty.valid, d->dirty.base_event);
    if (d->in_place_only || !fork_holds_the_same(t->pid)) {
        free(maps);
        return in_place(d, t, at, based, err, errlen);
    }
    struct dump_job *job = calloc(1, sizeof *job);
    if (!job)
        fatal("out of memory");
    int rc = snapshot_read_state(t, at, &job->state, err, errlen);
    if (rc == 0)
        rc = resolve_blobs(d, t->pid, maps, n, job, err, errlen);
    free(maps);
    char why[256];
    if (rc == 0)
        job->fork = tracee_fork_stopped(t, t->regs.rip - 2, why, sizeof why);
    if (rc < 0 || job->fork <= 0) {
        free(job->blobs);
        free(job);
        return rc < 0 ? -1 : in_place(d, t, at, based, err, errlen);
    }
    /* tracking restarts now, in the program; the thread classifies the fork's pages by the scan */
    job->dirty = &d->dirty;
    job->tracked = dirty_protect(&d->dirty, t, t->regs.rip - 2);
    body_path(d, at->pos.event, based, job->path, sizeof job->path);
    /* the thread takes no signal meant for the recorder (its flush timer, a terminating signal) */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int made = pthread_create(&d->thread, NULL, dump_thread, job);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (made != 0) {
        tracee_kill_reap(job->fork);
        free(job->blobs);
        free(job);
        dirty_abort(&d->dirty);
        return -1;
    }
    d->job = job;
    d->running = true;
    d->forked++;
    return 0;
}

void snapshot_dumper_free(struct snapshot_dumper *d, uint32_t *forked, uint32_t *in_place)
{
    if (!d)
        return;
    if (d->running)
        finish(d);
    *forked = d->forked;
    *in_place = d->in_place;
    dirty_reset(&d->dirty);
    free(d);
}
