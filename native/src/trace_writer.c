/* trace_writer.c: see trace_writer.h and docs/trace-format.md. */
#include "trace_writer.h"
#include "blob_hash.h"
#include "blob_store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include <zstd.h>

#define BLOCK_MAX_BYTES (1u << 20)
#define BLOCK_MAX_AGE_NS (100u * 1000 * 1000)

/* One file already copied into blobs/ during this recording. */
struct blob_cache_entry {
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
    uint8_t hash[TRACE_HASH_SIZE];
    struct blob_cache_entry *next;
};

static int fail(struct trace_writer *tw, const char *what, int err)
{
    if (!tw->error[0])
        snprintf(tw->error, sizeof tw->error, "cannot write the trace (%s): %s", what,
                 strerror(err));
    return -1;
}

void hash_hex(const uint8_t hash[TRACE_HASH_SIZE], char out[65])
{
    for (int i = 0; i < TRACE_HASH_SIZE; i++)
        sprintf(out + 2 * i, "%02x", hash[i]);
}

static int dir_is_empty(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return 0;
    struct dirent *e;
    int empty = 1;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            empty = 0;
    closedir(d);
    return empty;
}

static void cpu_model(char *out, size_t n)
{
    snprintf(out, n, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f)
        return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (!strncmp(line, "model name", 10)) {
            char *colon = strchr(line, ':');
            if (colon) {
                colon++;
                while (*colon == ' ' || *colon == '\t')
                    colon++;
                colon[strcspn(colon, "\n")] = 0;
                snprintf(out, n, "%s", colon);
            }
            break;
        }
    }
    fclose(f);
}

static int write_header(struct trace_writer *tw, const char *program, char *const argv[])
{
    struct buf h = {0};
    struct utsname u;
    uname(&u);
    char cpu[256];
    cpu_model(cpu, sizeof cpu);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);

    buf_put(&h, TRACE_MAGIC, 8);
    buf_u32(&h, TRACE_FORMAT_VERSION);
    buf_u32(&h, 0); /* header_length, patched below */
    buf_u32(&h, (uint32_t)sysconf(_SC_PAGESIZE));
    buf_u32(&h, 0);
    buf_u64(&h, (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
    buf_str(&h, u.release);
    buf_str(&h, u.machine);
    buf_str(&h, cpu);
    buf_str(&h, program);
    uint32_t argc = 0;
    while (argv[argc])
        argc++;
    buf_u32(&h, argc);
    for (uint32_t i = 0; i < argc; i++)
        buf_str(&h, argv[i]);
    uint32_t total = (uint32_t)h.len + 4;
    memcpy(h.data + 12, &total, 4);
    buf_u32(&h, crc32c(0, h.data, h.len));

    int fd = openat(tw->dir_fd, "header", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        buf_free(&h);
        return fail(tw, "header", errno);
    }
    int r = write_all(fd, h.data, h.len);
    if (!r && fsync(fd) < 0)
        r = -errno;
    close(fd);
    buf_free(&h);
    return r ? fail(tw, "header", -r) : 0;
}

int trace_writer_open(struct trace_writer *tw, const char *path, const char *program,
                      char *const argv[])
{
    memset(tw, 0, sizeof *tw);
    tw->dir_fd = tw->events_fd = tw->store_fd = -1;
    if (mkdir(path, 0700) < 0) {
        if (errno != EEXIST || !dir_is_empty(path)) {
            snprintf(tw->error, sizeof tw->error, "cannot create trace folder %s: %s", path,
                     errno == EEXIST ? "it exists and is not empty" : strerror(errno));
            return -1;
        }
        chmod(path, 0700);
    }
    tw->dir_fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (tw->dir_fd < 0)
        return fail(tw, path, errno);
    if (mkdirat(tw->dir_fd, "blobs", 0700) < 0)
        return fail(tw, "blobs folder", errno);
    if (write_header(tw, program, argv) < 0)
        return -1;
    tw->events_fd = openat(tw->dir_fd, "events", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (tw->events_fd < 0)
        return fail(tw, "events", errno);
    tw->zctx = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(tw->zctx, ZSTD_c_compressionLevel, 1);
    tw->store_fd = blob_store_open(path);
    return 0;
}

struct buf *trace_event_begin(struct trace_writer *tw, uint8_t kind)
{
    tw->event.len = 0;
    buf_u32(&tw->event, 0); /* body_length, patched at end */
    buf_u8(&tw->event, kind);
    return &tw->event;
}

uint64_t trace_event_end(struct trace_writer *tw)
{
    uint32_t body = (uint32_t)(tw->event.len - 4);
    memcpy(tw->event.data, &body, 4);
    if (tw->block_events == 0) {
        tw->block_first = tw->next_event;
        tw->block_opened_ns = now_ns();
    }
    buf_put(&tw->block, tw->event.data, tw->event.len);
    tw->block_events++;
    uint64_t index = tw->next_event++;
    trace_writer_flush(tw, 0);
    return index;
}

static void flush_block(struct trace_writer *tw)
{
    size_t bound = ZSTD_compressBound(tw->block.len);
    uint8_t *out = xmalloc(TRACE_BLOCK_HEADER_SIZE + bound);
    size_t clen = ZSTD_compress2(tw->zctx, out + TRACE_BLOCK_HEADER_SIZE, bound, tw->block.data,
                                 tw->block.len);
    if (ZSTD_isError(clen))
        fatal("zstd compression failed: %s", ZSTD_getErrorName(clen));
    uint32_t v;
    memcpy(out, TRACE_BLOCK_MAGIC, 4);
    v = (uint32_t)clen;
    memcpy(out + 4, &v, 4);
    v = (uint32_t)tw->block.len;
    memcpy(out + 8, &v, 4);
    memcpy(out + 12, &tw->block_events, 4);
    memcpy(out + 16, &tw->block_first, 8);
    v = crc32c(0, out + TRACE_BLOCK_HEADER_SIZE, clen);
    memcpy(out + 24, &v, 4);
    v = crc32c(0, out, 28);
    memcpy(out + 28, &v, 4);
    int r = write_all(tw->events_fd, out, TRACE_BLOCK_HEADER_SIZE + clen);
    free(out);
    if (r)
        fail(tw, "events", -r);
    tw->block.len = 0;
    tw->block_events = 0;
}

void trace_writer_flush(struct trace_writer *tw, int force)
{
    if (tw->error[0] || tw->block_events == 0)
        return;
    if (force || tw->block.len >= BLOCK_MAX_BYTES ||
        now_ns() - tw->block_opened_ns >= BLOCK_MAX_AGE_NS)
        flush_block(tw);
}

int trace_writer_close(struct trace_writer *tw)
{
    trace_writer_flush(tw, 1);
    if (tw->events_fd >= 0 && !tw->error[0] && fsync(tw->events_fd) < 0 && errno != EINVAL)
        fail(tw, "events", errno);
    if (tw->events_fd >= 0)
        close(tw->events_fd);
    if (tw->dir_fd >= 0)
        close(tw->dir_fd);
    if (tw->store_fd >= 0)
        close(tw->store_fd);
    tw->events_fd = tw->dir_fd = tw->store_fd = -1;
    if (tw->zctx)
        ZSTD_freeCCtx(tw->zctx);
    tw->zctx = NULL;
    buf_free(&tw->block);
    buf_free(&tw->event);
    while (tw->blobs) {
        struct blob_cache_entry *n = tw->blobs->next;
        free(tw->blobs);
        tw->blobs = n;
    }
    return tw->error[0] ? -1 : 0;
}

/* Notes that the file with identity st is in the trace as `hash` (one copy per file identity). */
static int remember_blob(struct trace_writer *tw, const struct stat *st,
                         const uint8_t hash[TRACE_HASH_SIZE])
{
    struct blob_cache_entry *e = xmalloc(sizeof *e);
    e->dev = st->st_dev;
    e->ino = st->st_ino;
    e->size = st->st_size;
    e->mtime = st->st_mtim;
    memcpy(e->hash, hash, TRACE_HASH_SIZE);
    e->next = tw->blobs;
    tw->blobs = e;
    return 0;
}

int trace_blob_put_fd(struct trace_writer *tw, int fd, uint8_t hash[TRACE_HASH_SIZE])
{
    if (tw->error[0])
        return -1;
    struct stat st;
    if (fstat(fd, &st) < 0)
        return fail(tw, "stat of a mapped file", errno);
    for (struct blob_cache_entry *e = tw->blobs; e; e = e->next)
        if (e->dev == st.st_dev && e->ino == st.st_ino && e->size == st.st_size &&
            e->mtime.tv_sec == st.st_mtim.tv_sec && e->mtime.tv_nsec == st.st_mtim.tv_nsec) {
            memcpy(hash, e->hash, TRACE_HASH_SIZE);
            return 0;
        }

    /* A copy the folder's earlier recordings made already is linked, not written again. */
    if (tw->store_fd >= 0 && blob_hash_file(fd, hash) == 0 &&
        blob_store_link_into(tw->store_fd, tw->dir_fd, hash))
        return remember_blob(tw, &st, hash);

    char tmp[64];
    snprintf(tmp, sizeof tmp, "blobs/.incoming-%d", getpid());
    int out = openat(tw->dir_fd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (out < 0)
        return fail(tw, "blob", errno);
    /* only what exists: holes and zero pages stay holes in the copy (blob_hash.h names it) */
    int err = blob_copy_sparse(fd, out, hash);
    if (close(out) < 0 && !err)
        err = errno;
    if (err) {
        unlinkat(tw->dir_fd, tmp, 0);
        return fail(tw, "blob", err);
    }
    char name[6 + 65];
    memcpy(name, "blobs/", 6);
    hash_hex(hash, name + 6);
    if (renameat(tw->dir_fd, tmp, tw->dir_fd, name) < 0)
        return fail(tw, "blob", errno);
    if (tw->store_fd >= 0)
        blob_store_adopt(tw->store_fd, tw->dir_fd, hash);
    return remember_blob(tw, &st, hash);
}
