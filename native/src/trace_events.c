/*
 * trace_events.c: encodes the recorder's events (trace_events.h). Invariant: each function writes
 * exactly the layout docs/trace-format.md gives for its kind, little-endian, nothing else.
 */
#include "trace_events.h"

#include <string.h>

#define CHUNK_MAX (1ull << 30) /* one memory write record holds at most this many bytes */
#define PAGE 4096ull

void trace_syscall_begin(struct trace_writer *tw, const struct syscall_head *h,
                         struct syscall_writes *w)
{
    struct buf *e = trace_event_begin(tw, EV_SYSCALL);
    buf_u32(e, (uint32_t)h->nr);
    for (int i = 0; i < 6; i++)
        buf_u64(e, h->args[i]);
    buf_u64(e, (uint64_t)h->result);
    buf_u32(e, h->flags);
    buf_u8(e, h->has_blob);
    if (h->has_blob) {
        buf_put(e, h->blob, TRACE_HASH_SIZE);
        buf_u64(e, h->blob_offset);
    }
    w->count_at = e->len;
    w->count = 0;
    buf_u32(e, 0);
}

/* One record (u64 addr, u32 len, bytes) if [addr, addr+len) reads whole; else nothing. */
static bool write_chunk(struct buf *e, struct syscall_writes *w, uint64_t addr, uint64_t len,
                        memory_reader read, void *ctx)
{
    size_t at = e->len;
    buf_u64(e, addr);
    buf_u32(e, (uint32_t)len);
    buf_reserve(e, len);
    if (read(ctx, addr, e->data + e->len, len) < 0) {
        e->len = at;
        return false;
    }
    e->len += len;
    w->count++;
    return true;
}

void trace_syscall_write(struct trace_writer *tw, struct syscall_writes *w, uint64_t addr,
                         uint64_t len, memory_reader read, void *ctx)
{
    struct buf *e = &tw->event;
    if (len > UINT64_MAX - addr)
        len = UINT64_MAX - addr; /* a range past the top of the address space: up to it */
    while (len > 0) {
        uint64_t n = len < CHUNK_MAX ? len : CHUNK_MAX;
        if (!write_chunk(e, w, addr, n, read, ctx)) {
            /* The kernel copies to the program in order and stops at the first page it cannot
             * write: what it wrote is the readable prefix, up to the first unreadable page. */
            uint64_t end = addr + n, p = addr;
            char probe;
            while (p < end && read(ctx, p, &probe, 1) == 0)
                p = (p / PAGE + 1) * PAGE;
            if (p > end)
                p = end;
            if (p > addr)
                write_chunk(e, w, addr, p - addr, read, ctx);
            return;
        }
        addr += n;
        len -= n;
    }
}

void trace_syscall_size_mark(struct trace_writer *tw, struct syscall_writes *w, uint64_t addr)
{
    struct buf *e = &tw->event;
    buf_u64(e, addr);
    buf_u32(e, 0);
    w->count++;
}

void trace_syscall_end(struct trace_writer *tw, const struct syscall_head *h,
                       struct syscall_writes *w, const struct syscall_tail *t)
{
    struct buf *e = &tw->event;
    memcpy(e->data + w->count_at, &w->count, 4);
    if (h->has_blob) {
        buf_u64(e, t->file_dev);
        buf_u64(e, t->file_ino);
        buf_str(e, t->file_path ? t->file_path : "");
    }
    if (h->flags & SYSF_CHECKSUM)
        buf_u32(e, t->output_crc);
    trace_event_end(tw);
}

static void put_point(struct buf *e, uint8_t place, const struct signal_point *point)
{
    if (place == SIGP_IN_CODE) {
        for (int i = 0; i < SIGP_REGS; i++)
            buf_u64(e, point->regs[i]);
        buf_u64(e, point->stack_hash);
        buf_u8(e, point->stack_readable);
        buf_u32(e, point->stack_len);
        buf_put(e, point->stack, point->stack_len);
        buf_u64(e, point->user_cpu_ns);
    }
}

void trace_put_signal(struct trace_writer *tw, uint32_t sig, uint8_t place, const void *siginfo128,
                      const struct signal_point *point)
{
    struct buf *e = trace_event_begin(tw, EV_SIGNAL);
    buf_u32(e, sig);
    buf_u8(e, place);
    buf_put(e, siginfo128, 128);
    put_point(e, place, point);
    trace_event_end(tw);
}

void trace_put_preempt(struct trace_writer *tw, uint32_t sig, uint8_t place,
                       const struct signal_point *point)
{
    struct buf *e = trace_event_begin(tw, EV_PREEMPT);
    buf_u32(e, sig);
    buf_u8(e, place);
    put_point(e, place, point);
    trace_event_end(tw);
}

void trace_put_rdtsc(struct trace_writer *tw, bool rdtscp, uint64_t tsc, uint32_t aux)
{
    struct buf *e = trace_event_begin(tw, EV_RDTSC);
    buf_u8(e, rdtscp);
    buf_u64(e, tsc);
    buf_u32(e, aux);
    trace_event_end(tw);
}

void trace_put_output(struct trace_writer *tw, uint8_t stream, uint32_t pid, const void *bytes,
                      uint32_t len)
{
    struct buf *e = trace_event_begin(tw, EV_OUTPUT);
    buf_u8(e, stream);
    buf_u32(e, pid);
    buf_u32(e, len);
    buf_put(e, bytes, len);
    trace_event_end(tw);
}

void trace_put_exit(struct trace_writer *tw, int32_t wait_status)
{
    struct buf *e = trace_event_begin(tw, EV_EXIT);
    buf_u32(e, (uint32_t)wait_status);
    trace_event_end(tw);
}

void trace_put_stop(struct trace_writer *tw, const char *reason)
{
    struct buf *e = trace_event_begin(tw, EV_STOP);
    buf_str(e, reason);
    trace_event_end(tw);
}

void trace_put_thread(struct trace_writer *tw, uint32_t tid)
{
    struct buf *e = trace_event_begin(tw, EV_THREAD);
    buf_u32(e, tid);
    trace_event_end(tw);
}

void trace_put_syscall_enter(struct trace_writer *tw, int32_t nr, const uint64_t args[6])
{
    struct buf *e = trace_event_begin(tw, EV_SYSCALL_ENTER);
    buf_u32(e, (uint32_t)nr);
    for (int i = 0; i < 6; i++)
        buf_u64(e, args[i]);
    trace_event_end(tw);
}
