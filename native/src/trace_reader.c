/* trace_reader.c: see trace_reader.h and docs/trace-format.md. */
#include "trace_reader.h"
#include "trace_files.h"
#include "trace_writer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

/* Sanity bounds on a block (as TraceFormat.java's): refuse rather than allocate absurd buffers. */
#define MAX_BLOCK_RAW (1u << 30)
#define MAX_BLOCK_COMPRESSED (1u << 30)
#define EVENT_MIN_SIZE 5u /* u32 body_length + u8 kind */

static int bad(struct trace_reader *tr, const char *fmt, const char *detail)
{
    if (!tr->error[0])
        snprintf(tr->error, sizeof tr->error, fmt, detail);
    return -1;
}

/* The whole header file, at most TRACE_HEADER_MAX_SIZE bytes: its size is checked before the
 * buffer is allocated. Returns the bytes (to free) and their count, or NULL with error set. */
static uint8_t *read_header(struct trace_reader *tr, const char *path, long *len)
{
    char err[400];
    int fd = trace_file_open(tr->dir_fd, "header", err, sizeof err);
    if (fd < 0) {
        if (errno == ENOENT)
            snprintf(tr->error, sizeof tr->error, "%s is not a rewind trace (no header file)", path);
        else
            snprintf(tr->error, sizeof tr->error, "cannot read the trace header: %s", err);
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) < 0 || st.st_size > (off_t)TRACE_HEADER_MAX_SIZE) {
        snprintf(tr->error, sizeof tr->error, "trace header is corrupted (%lld bytes)",
                 (long long)st.st_size);
        close(fd);
        return NULL;
    }
    uint8_t *h = xmalloc((size_t)st.st_size + 1);
    *len = read_full(fd, h, (size_t)st.st_size);
    close(fd);
    if (*len < 0) {
        snprintf(tr->error, sizeof tr->error, "cannot read the trace header: %s", strerror((int)-*len));
        free(h);
        return NULL;
    }
    return h;
}

/* A page size any machine could have had: a power of two from 4 KiB to 1 GiB. */
static bool plausible_page_size(uint32_t size)
{
    return size >= 4096 && size <= (1u << 30) && (size & (size - 1)) == 0;
}

/* Checks and decodes the header bytes h[0..n) into tr. 0, or -1 with error set. */
static int parse_header(struct trace_reader *tr, const char *path, const uint8_t *h, long n)
{
    if (n < 8 || memcmp(h, TRACE_MAGIC, 8))
        return bad(tr, "%s is not a rewind trace (bad magic)", path);
    if (n < 36)
        return bad(tr, "trace header is truncated%s", "");
    struct cursor c = {h + 8, h + n, false};
    tr->format_version = cur_u32(&c);
    uint32_t hlen = cur_u32(&c);
    if (tr->format_version > TRACE_FORMAT_VERSION) {
        snprintf(tr->error, sizeof tr->error,
                 "trace format version %u is newer than this rewind (supports up to %u)",
                 tr->format_version, TRACE_FORMAT_VERSION);
        return -1;
    }
    if (tr->format_version == 0)
        return bad(tr, "trace header is corrupted (format version 0)%s", "");
    if (hlen < 40 || hlen > (uint64_t)n)
        return bad(tr, "trace header is truncated or corrupted%s", "");
    uint32_t want;
    memcpy(&want, h + hlen - 4, 4);
    if (crc32c(0, h, hlen - 4) != want)
        return bad(tr, "trace header is corrupted (checksum mismatch)%s", "");
    c.end = h + hlen - 4;
    tr->page_size = cur_u32(&c);
    if (!plausible_page_size(tr->page_size))
        return bad(tr, "trace header is corrupted (page size is not a power of two from 4096 to 1 GiB)%s", "");
    cur_u32(&c);
    tr->created_ns = cur_u64(&c);
    tr->kernel = cur_str(&c);
    tr->machine = cur_str(&c);
    tr->cpu_model = cur_str(&c);
    tr->program = cur_str(&c);
    tr->argc = cur_u32(&c);
    if (c.bad || tr->argc > (size_t)(c.end - c.p) / 4) /* each argument takes 4 bytes at least */
        return bad(tr, "trace header is corrupted (argc)%s", "");
    tr->argv = xmalloc(sizeof(char *) * (tr->argc + 1));
    for (uint32_t i = 0; i < tr->argc; i++)
        tr->argv[i] = cur_str(&c);
    tr->argv[tr->argc] = NULL;
    if (c.bad)
        return bad(tr, "trace header is corrupted (fields overrun)%s", "");
    return 0;
}

int trace_reader_open(struct trace_reader *tr, const char *path)
{
    memset(tr, 0, sizeof *tr);
    tr->dir_fd = tr->events_fd = -1;
    /* The folder may be reached through a link the user gave (`latest`); nothing inside it is. */
    tr->dir_fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (tr->dir_fd < 0) {
        snprintf(tr->error, sizeof tr->error, "cannot open trace %s: %s", path, strerror(errno));
        return -1;
    }
    long n = 0;
    uint8_t *h = read_header(tr, path, &n);
    if (!h)
        return -1;
    int rc = parse_header(tr, path, h, n);
    free(h);
    if (rc < 0)
        return -1;

    char err[400];
    tr->events_fd = trace_file_open(tr->dir_fd, "events", err, sizeof err);
    if (tr->events_fd < 0)
        return errno == ENOENT ? bad(tr, "trace has no event log: %s", strerror(ENOENT))
                               : bad(tr, "cannot read trace events: %s", err);
    tr->dctx = ZSTD_createDCtx();
    return 0;
}

/* Loads the next block. 1 loaded, 0 end of log (maybe cut short), -1 damage. */
static int load_block(struct trace_reader *tr)
{
    uint8_t h[TRACE_BLOCK_HEADER_SIZE];
    ssize_t n = pread(tr->events_fd, h, sizeof h, tr->file_off);
    if (n < 0)
        return bad(tr, "cannot read trace events: %s", strerror(errno));
    if (n == 0)
        return 0;
    char where[64];
    snprintf(where, sizeof where, "%lld", (long long)tr->file_off);
    if (n < (ssize_t)sizeof h) {
        tr->cut_short = true;
        return 0;
    }
    uint32_t clen, rlen, count, pcrc, hcrc;
    uint64_t first;
    memcpy(&clen, h + 4, 4);
    memcpy(&rlen, h + 8, 4);
    memcpy(&count, h + 12, 4);
    memcpy(&first, h + 16, 8);
    memcpy(&pcrc, h + 24, 4);
    memcpy(&hcrc, h + 28, 4);
    if (memcmp(h, TRACE_BLOCK_MAGIC, 4) || crc32c(0, h, 28) != hcrc)
        return bad(tr, "trace events are corrupted at byte %s: bad block header", where);
    if (first != tr->next_event)
        return bad(tr, "trace events are corrupted at byte %s: events out of sequence", where);
    if (rlen > MAX_BLOCK_RAW || clen > MAX_BLOCK_COMPRESSED || count > rlen / EVENT_MIN_SIZE)
        return bad(tr, "trace events are corrupted at byte %s: implausible block sizes", where);
    struct stat st;
    if (fstat(tr->events_fd, &st) < 0)
        return bad(tr, "cannot read trace events: %s", strerror(errno));
    if ((uint64_t)st.st_size - (uint64_t)tr->file_off - sizeof h < clen) {
        tr->cut_short = true; /* the file ends inside the payload: a torn last block */
        return 0;
    }
    uint8_t *comp = xmalloc(clen ? clen : 1);
    n = pread(tr->events_fd, comp, clen, tr->file_off + (off_t)sizeof h);
    if (n < 0) {
        free(comp);
        return bad(tr, "cannot read trace events: %s", strerror(errno));
    }
    if ((uint32_t)n < clen) {
        free(comp);
        tr->cut_short = true;
        return 0;
    }
    if (crc32c(0, comp, clen) != pcrc) {
        free(comp);
        return bad(tr, "trace events are corrupted at byte %s: checksum mismatch", where);
    }
    /* The frame states its size too (the writer's zstd records it): both agree before rlen
     * decides an allocation. */
    if (ZSTD_getFrameContentSize(comp, clen) != rlen) {
        free(comp);
        return bad(tr, "trace events are corrupted at byte %s: block does not decompress", where);
    }
    if (rlen > tr->raw_cap) {
        tr->raw = xrealloc(tr->raw, rlen);
        tr->raw_cap = rlen;
    }
    size_t got = ZSTD_decompressDCtx(tr->dctx, tr->raw, rlen, comp, clen);
    free(comp);
    if (ZSTD_isError(got) || got != rlen)
        return bad(tr, "trace events are corrupted at byte %s: block does not decompress", where);
    tr->block = (struct cursor){tr->raw, tr->raw + rlen, false};
    tr->block_left = count;
    tr->block_off = tr->file_off;
    tr->block_first = first;
    tr->file_off += (off_t)sizeof h + clen;
    return 1;
}

static int decode(struct trace_reader *tr, struct trace_event *ev)
{
    struct cursor *c = &ev->body;
    switch (ev->kind) {
    case EV_EXEC:
        return 0; /* decoded by its user (image.c) */
    case EV_SYSCALL:
        ev->sys.nr = (int32_t)cur_u32(c);
        for (int i = 0; i < 6; i++)
            ev->sys.args[i] = cur_u64(c);
        ev->sys.result = (int64_t)cur_u64(c);
        ev->sys.flags = cur_u32(c);
        ev->sys.has_blob = cur_u8(c);
        if (ev->sys.has_blob) {
            const uint8_t *h = cur_bytes(c, TRACE_HASH_SIZE);
            if (h)
                memcpy(ev->sys.blob, h, TRACE_HASH_SIZE);
            ev->sys.blob_offset = cur_u64(c);
        }
        ev->sys.write_count = cur_u32(c);
        ev->sys.writes = *c;
        for (uint32_t i = 0; i < ev->sys.write_count && !c->bad; i++) {
            cur_u64(c);
            cur_bytes(c, cur_u32(c));
        }
        if (ev->sys.has_blob) {
            ev->sys.file_dev = cur_u64(c);
            ev->sys.file_ino = cur_u64(c);
            ev->sys.file_path_len = cur_u32(c);
            ev->sys.file_path = (const char *)cur_bytes(c, ev->sys.file_path_len);
        }
        if (ev->sys.flags & SYSF_CHECKSUM)
            ev->sys.output_crc = cur_u32(c);
        break;
    case EV_PREEMPT:
    case EV_SIGNAL:
        /* a preemption is read as a signal the replay raises and stops at, never delivers */
        ev->sig.preempt = ev->kind == EV_PREEMPT;
        ev->kind = EV_SIGNAL;
        ev->sig.signo = cur_u32(c);
        ev->sig.place = cur_u8(c);
        ev->sig.sync = ev->sig.place == SIGP_FAULT;
        ev->sig.siginfo = ev->sig.preempt ? NULL : cur_bytes(c, 128);
        if (ev->sig.preempt && ev->sig.place == SIGP_FAULT)
            return bad(tr, "trace events are corrupted: a preemption at a fault%s", "");
        if (ev->sig.place == SIGP_IN_CODE) {
            for (int i = 0; i < SIGP_REGS; i++)
                ev->sig.regs[i] = cur_u64(c);
            ev->sig.stack_hash = cur_u64(c);
            ev->sig.stack_readable = cur_u8(c);
            ev->sig.stack_len = cur_u32(c);
            if (ev->sig.stack_len > SIGP_STACK_MAX)
                return bad(tr, "trace events are corrupted: a signal point's stack window is "
                           "larger than %s bytes", "4224");
            ev->sig.stack = cur_bytes(c, ev->sig.stack_len);
            ev->sig.user_cpu_ns = cur_u64(c);
        } else if (ev->sig.place > SIGP_IN_CODE) {
            char k[16];
            snprintf(k, sizeof k, "%u", ev->sig.place);
            return bad(tr, "trace events are corrupted: unknown signal place %s", k);
        }
        break;
    case EV_RDTSC:
        ev->tsc.is_rdtscp = cur_u8(c);
        ev->tsc.tsc = cur_u64(c);
        ev->tsc.aux = cur_u32(c);
        break;
    case EV_OUTPUT:
        ev->out.stream = cur_u8(c);
        ev->out.pid = cur_u32(c);
        ev->out.len = cur_u32(c);
        ev->out.bytes = cur_bytes(c, ev->out.len);
        break;
    case EV_EXIT:
        ev->exit.status = (int32_t)cur_u32(c);
        break;
    case EV_STOP:
        ev->stop.len = cur_u32(c);
        ev->stop.reason = (const char *)cur_bytes(c, ev->stop.len);
        break;
    case EV_THREAD:
        ev->thread.tid = cur_u32(c);
        break;
    case EV_SYSCALL_ENTER:
        ev->enter.nr = (int32_t)cur_u32(c);
        for (int i = 0; i < 6; i++)
            ev->enter.args[i] = cur_u64(c);
        break;
    default: {
        char k[16];
        snprintf(k, sizeof k, "%u", ev->kind);
        return bad(tr, "trace events are corrupted: unknown event kind %s", k);
    }
    }
    if (c->bad)
        return bad(tr, "trace events are corrupted: event body too short%s", "");
    return 0;
}

int trace_reader_next(struct trace_reader *tr, struct trace_event *ev)
{
    if (tr->error[0])
        return -1;
    while (tr->block_left == 0) {
        if (tr->block.p != tr->block.end)
            return bad(tr, "trace events are corrupted: block has bytes after its events%s", "");
        int r = load_block(tr);
        if (r <= 0)
            return r;
    }
    uint32_t len = cur_u32(&tr->block);
    const uint8_t *body = cur_bytes(&tr->block, len);
    if (!body || len < 1)
        return bad(tr, "trace events are corrupted: event overruns its block%s", "");
    tr->block_left--;
    memset(ev, 0, sizeof *ev);
    ev->index = tr->next_event++;
    ev->kind = body[0];
    ev->body = (struct cursor){body + 1, body + len, false};
    struct cursor whole = ev->body;
    if (decode(tr, ev) < 0)
        return -1;
    ev->body = whole;
    return 1;
}

void trace_reader_close(struct trace_reader *tr)
{
    if (tr->events_fd >= 0)
        close(tr->events_fd);
    if (tr->dir_fd >= 0)
        close(tr->dir_fd);
    if (tr->dctx)
        ZSTD_freeDCtx(tr->dctx);
    free(tr->raw);
    free(tr->kernel);
    free(tr->machine);
    free(tr->cpu_model);
    free(tr->program);
    for (uint32_t i = 0; tr->argv && i < tr->argc; i++)
        free(tr->argv[i]);
    free(tr->argv);
    memset(tr, 0, sizeof *tr);
    tr->dir_fd = tr->events_fd = -1;
}

void trace_reader_tell(const struct trace_reader *tr, uint64_t event, struct trace_pos *pos)
{
    pos->event = event;
    if (event >= tr->next_event && tr->block_left == 0) {
        pos->block_off = tr->file_off; /* the next block starts with it */
        pos->block_first = tr->next_event;
    } else {
        pos->block_off = tr->block_off;
        pos->block_first = tr->block_first;
    }
}

int trace_reader_seek(struct trace_reader *tr, const struct trace_pos *pos)
{
    tr->error[0] = 0;
    tr->cut_short = false;
    if (pos->event < pos->block_first) {
        snprintf(tr->error, sizeof tr->error, "cannot seek the trace to event %lu: bad position",
                 (unsigned long)pos->event);
        return -1;
    }
    tr->file_off = pos->block_off;
    tr->next_event = pos->block_first;
    tr->block_left = 0;
    tr->block = (struct cursor){NULL, NULL, false};
    struct trace_event ev;
    while (tr->next_event < pos->event) {
        int got = trace_reader_next(tr, &ev);
        if (got < 0)
            return -1;
        if (got == 0) {
            snprintf(tr->error, sizeof tr->error,
                     "cannot seek the trace to event %lu: the log ends before it",
                     (unsigned long)pos->event);
            return -1;
        }
    }
    return 0;
}

void trace_blob_relpath(const uint8_t hash[TRACE_HASH_SIZE], char out[80])
{
    memcpy(out, "blobs/", 6);
    hash_hex(hash, out + 6);
}

int trace_blob_open(struct trace_reader *tr, const uint8_t hash[TRACE_HASH_SIZE])
{
    char err[400];
    int fd = trace_blob_open_checked(tr->dir_fd, hash, err, sizeof err);
    if (fd < 0)
        bad(tr, "%s", err);
    return fd;
}
