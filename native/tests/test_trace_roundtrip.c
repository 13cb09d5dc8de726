/*
 * test_trace_roundtrip.c: whatever the recorder can write, both readers must read back exactly.
 *
 * Writes one trace through the recorder's own encoders (trace_events.c) holding every event kind
 * the recorder writes, with extreme values in every field: each syscall-table row and numbers no
 * table has (-1, INT32_MIN, INT32_MAX, 512, 1000), arguments and results 0, 1, 2^31-1, 2^31,
 * 2^32-1, 2^63-1, 2^63, 2^64-1, -4095; every flag; blobs; memory writes whose range is partly
 * unreadable; signals 1..64 at every place (in user code with extreme registers); stop reasons that are not UTF-8. Then reads it with the C reader and
 * compares every field. With a folder argument it keeps the trace there, with expected.txt (one
 * line per event) for replay-core's TraceRoundTripTest, which checks the Java reader the same way.
 */
#include "check.h"
#include "syscall_table.h"
#include "trace_events.h"
#include "trace_reader.h"
#include "trace_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const uint64_t extremes[] = {
    0, 1, 0x7fffffffull, 0x80000000ull, 0xffffffffull, 0x7fffffffffffffffull,
    0x8000000000000000ull, 0xffffffffffffffffull, (uint64_t)-4095,
};
#define NEXTREMES (sizeof extremes / sizeof extremes[0])
static const uint32_t flag_sets[] = {
    0, SYSF_STDOUT, SYSF_STDERR | SYSF_CHECKSUM, SYSF_REAL, SYSF_UNKNOWN, 31,
};
#define HOLE_START 0x7000000ull /* the fake memory: unreadable from here for 3 pages */
#define HOLE_END (HOLE_START + 3 * 4096)

/* A fake address space: byte at a is (a * 31) >> 3, except in the hole. */
static int fake_read(void *ctx, uint64_t addr, void *out, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        uint64_t a = addr + i;
        if (a >= HOLE_START && a < HOLE_END)
            return -1;
        ((uint8_t *)out)[i] = (uint8_t)((a * 31) >> 3);
    }
    return 0;
}

struct expected_write { uint64_t addr, len; };

static FILE *expect_file;
static int events_written;

/* One syscall event: its writes asked for, and the records the reader must find. */
static void put_syscall(struct trace_writer *tw, int32_t nr, unsigned j)
{
    struct syscall_head h = {.nr = nr, .result = (int64_t)extremes[j % NEXTREMES],
                             .flags = flag_sets[j % 6], .has_blob = j % 4 == 0,
                             /* an mmap offset: a page-aligned off_t, so never negative */
                             .blob_offset = extremes[(j + 3) % NEXTREMES] & 0x7ffffffffffff000ull};
    for (int i = 0; i < 6; i++)
        h.args[i] = extremes[(j + i) % NEXTREMES];
    for (int i = 0; i < TRACE_HASH_SIZE; i++)
        h.blob[i] = (uint8_t)(i * 7 + j);
    struct syscall_writes w;
    trace_syscall_begin(tw, &h, &w);
    struct expected_write exp[4];
    int nexp = 0;
    switch (j % 4) {
    case 1: /* one whole range */
        trace_syscall_write(tw, &w, 0x1000 + j, 17, fake_read, NULL);
        exp[nexp++] = (struct expected_write){0x1000 + j, 17};
        break;
    case 2: /* a range running into the hole: its readable prefix only */
        trace_syscall_write(tw, &w, HOLE_START - 100, 5000, fake_read, NULL);
        exp[nexp++] = (struct expected_write){HOLE_START - 100, 100};
        trace_syscall_write(tw, &w, HOLE_START + 5, 10, fake_read, NULL); /* inside: nothing */
        trace_syscall_write(tw, &w, 0xfffffffffffffff0ull, 64, fake_read, NULL); /* the top */
        exp[nexp++] = (struct expected_write){0xfffffffffffffff0ull, 15};
        break;
    case 3: /* an empty range, a size mark (file_watch.h) and two ranges */
        trace_syscall_write(tw, &w, 0x2000, 0, fake_read, NULL);
        trace_syscall_size_mark(tw, &w, 0x5000);
        exp[nexp++] = (struct expected_write){0x5000, 0};
        trace_syscall_write(tw, &w, 0x3000, 4096, fake_read, NULL);
        exp[nexp++] = (struct expected_write){0x3000, 4096};
        trace_syscall_write(tw, &w, 0x9000, 1, fake_read, NULL);
        exp[nexp++] = (struct expected_write){0x9000, 1};
        break;
    }
    struct syscall_tail t = {.file_dev = extremes[(j + 5) % NEXTREMES],
                             .file_ino = extremes[(j + 6) % NEXTREMES],
                             .file_path = j % 8 == 0 ? "" : "/tmp/a file\twith \xff bytes",
                             .output_crc = (uint32_t)extremes[(j + 7) % NEXTREMES]};
    trace_syscall_end(tw, &h, &w, &t);
    events_written++;
    if (expect_file) {
        fprintf(expect_file, "syscall %d", nr);
        for (int i = 0; i < 6; i++)
            fprintf(expect_file, " %llu", (unsigned long long)h.args[i]);
        fprintf(expect_file, " %lld %u %d", (long long)h.result, h.flags, h.has_blob);
        if (h.has_blob)
            fprintf(expect_file, " %llu %llu %llu", (unsigned long long)h.blob_offset,
                    (unsigned long long)t.file_dev, (unsigned long long)t.file_ino);
        fprintf(expect_file, " %d", nexp);
        for (int i = 0; i < nexp; i++)
            fprintf(expect_file, " %llu:%llu", (unsigned long long)exp[i].addr,
                    (unsigned long long)exp[i].len);
        if (h.flags & SYSF_CHECKSUM)
            fprintf(expect_file, " crc=%u", t.output_crc);
        fprintf(expect_file, "\n");
    }
}

/* The fingerprint written with signal sig (place SIGP_IN_CODE): extreme values everywhere. */
static void signal_point_of(uint32_t sig, struct signal_point *p)
{
    for (int i = 0; i < SIGP_REGS; i++)
        p->regs[i] = extremes[(sig + (uint32_t)i) % NEXTREMES];
    p->stack_hash = extremes[sig % NEXTREMES] ^ sig;
    p->stack_readable = sig % 2;
    p->stack_len = sig == 2 ? SIGP_STACK_MAX : sig * 13;
    for (uint32_t i = 0; i < p->stack_len; i++)
        p->stack[i] = (uint8_t)(sig * 7 + i);
    p->user_cpu_ns = extremes[(sig + 5) % NEXTREMES];
}

static void write_every_kind(struct trace_writer *tw)
{
    static const int32_t odd_numbers[] = {-1, INT32_MIN, INT32_MAX, 512, 1000};
    for (long nr = 0; nr < SYSCALL_TABLE_SIZE; nr++)
        if (syscall_name(nr))
            for (unsigned j = 0; j < NEXTREMES; j++)
                put_syscall(tw, (int32_t)nr, (unsigned)nr + j);
    for (size_t i = 0; i < sizeof odd_numbers / sizeof odd_numbers[0]; i++)
        for (unsigned j = 0; j < 12; j++)
            put_syscall(tw, odd_numbers[i], j);
    uint8_t siginfo[128];
    for (uint32_t sig = 1; sig <= 64; sig++) {
        memset(siginfo, (int)sig, sizeof siginfo);
        uint8_t place = (uint8_t)(sig % 3);
        struct signal_point point;
        signal_point_of(sig, &point);
        trace_put_signal(tw, sig, place, siginfo, place == SIGP_IN_CODE ? &point : NULL);
        if (expect_file) {
            fprintf(expect_file, "signal %u %u %u", sig, place, sig);
            if (place == SIGP_IN_CODE) {
                fprintf(expect_file, " %llu %d %u %u", (unsigned long long)point.stack_hash,
                        point.stack_readable, point.stack_len,
                        point.stack_len ? point.stack[point.stack_len - 1] : 0);
                for (int i = 0; i < SIGP_REGS; i++)
                    fprintf(expect_file, " %llu", (unsigned long long)point.regs[i]);
                fprintf(expect_file, " %llu", (unsigned long long)point.user_cpu_ns);
            }
            fprintf(expect_file, "\n");
        }
        events_written++;
    }
    for (unsigned j = 0; j < 2 * NEXTREMES; j++) {
        uint32_t aux = j % 2 ? (uint32_t)extremes[(j + 4) % NEXTREMES] : 0; /* rdtsc has none */
        trace_put_rdtsc(tw, j % 2, extremes[j % NEXTREMES], aux);
        if (expect_file)
            fprintf(expect_file, "rdtsc %d %llu %u\n", j % 2,
                    (unsigned long long)extremes[j % NEXTREMES], aux);
        events_written++;
    }
    static const char bytes[] = "out\0put \xff\xfe bytes";
    for (unsigned j = 0; j < 4; j++) {
        uint32_t pid = j == 3 ? 0x7fffffff : j * 1000;
        uint32_t len = j == 0 ? 0 : (uint32_t)sizeof bytes;
        trace_put_output(tw, (uint8_t)(1 + j % 2), pid, bytes, len);
        if (expect_file)
            fprintf(expect_file, "output %u %u %u\n", 1 + j % 2, pid, len);
        events_written++;
    }
    /* format 4: thread switches and blocking entries, extreme tids and arguments */
    for (unsigned j = 0; j < NEXTREMES; j++) {
        uint32_t tid = (uint32_t)extremes[j];
        trace_put_thread(tw, tid);
        uint64_t args[6];
        for (int i = 0; i < 6; i++)
            args[i] = extremes[(j + (unsigned)i) % NEXTREMES];
        int32_t nr = (int32_t)(j % 2 ? 202 : -1 - (int32_t)j);
        trace_put_syscall_enter(tw, nr, args);
        if (expect_file) {
            fprintf(expect_file, "thread %u\nenter %d", tid, nr);
            for (int i = 0; i < 6; i++)
                fprintf(expect_file, " %llu", (unsigned long long)args[i]);
            fprintf(expect_file, "\n");
        }
        events_written += 2;
    }
    /* format 4: preemptions, after an event and in user code (read back as non-delivered signals) */
    for (uint32_t sig = 1; sig <= 64; sig += 7) {
        uint8_t place = sig % 2 ? SIGP_IN_CODE : SIGP_AFTER_EVENT;
        struct signal_point point;
        signal_point_of(sig, &point);
        trace_put_preempt(tw, sig, place, place == SIGP_IN_CODE ? &point : NULL);
        if (expect_file)
            fprintf(expect_file, "preempt %u %u %llu\n", sig, place,
                    place == SIGP_IN_CODE ? (unsigned long long)point.regs[16] : 0ull);
        events_written++;
    }
}

/* The events that end a recording: one trace each (a reader refuses events after the end). */
static const char *stop_reasons[] = {"", "a plain reason", "not UTF-8: \xff\xfe\xc3"};
static const int32_t exit_statuses[] = {0, 0x100, 0xff00, 9, 0x7f, -1, INT32_MIN, INT32_MAX};
#define NENDS (3 + (int)(sizeof exit_statuses / sizeof exit_statuses[0]))

/* Ending number k: a stop reason, then the exit statuses. */
static void put_end(struct trace_writer *tw, int k, FILE *ends, const char *name)
{
    if (k < 3) {
        trace_put_stop(tw, stop_reasons[k]);
        if (ends)
            fprintf(ends, "%s stop %zu\n", name, strlen(stop_reasons[k]));
    } else {
        trace_put_exit(tw, exit_statuses[k - 3]);
        if (ends)
            fprintf(ends, "%s exit %d\n", name, exit_statuses[k - 3]);
    }
}

/* Reads the trace back with the C reader and checks the syscall events field by field. */
static void read_back(const char *dir)
{
    struct trace_reader tr;
    check(trace_reader_open(&tr, dir) == 0, "the C reader opens the trace");
    struct trace_event ev;
    int n = 0, syscalls = 0, bad = 0, got;
    while ((got = trace_reader_next(&tr, &ev)) == 1) {
        n++;
        if (ev.kind == EV_SYSCALL) {
            syscalls++;
            for (uint32_t i = 0; i < ev.sys.write_count; i++) {
                uint64_t addr = cur_u64(&ev.sys.writes);
                uint32_t len = cur_u32(&ev.sys.writes);
                const uint8_t *b = cur_bytes(&ev.sys.writes, len);
                uint8_t want[4096];
                if (!b || len > sizeof want || fake_read(NULL, addr, want, len) < 0 ||
                    memcmp(b, want, len))
                    bad++;
            }
        } else if (ev.kind == EV_SYSCALL_ENTER) {
            bad += ev.enter.nr != 202 && ev.enter.nr >= 0;
        } else if (ev.kind == EV_SIGNAL && ev.sig.preempt) {
            struct signal_point want;
            signal_point_of(ev.sig.signo, &want);
            bad += ev.sig.siginfo != NULL || ev.sig.sync ||
                   ev.sig.place != (ev.sig.signo % 2 ? SIGP_IN_CODE : SIGP_AFTER_EVENT) ||
                   (ev.sig.place == SIGP_IN_CODE &&
                    (memcmp(ev.sig.regs, want.regs, sizeof want.regs) != 0 ||
                     ev.sig.stack_hash != want.stack_hash || ev.sig.stack_len != want.stack_len ||
                     ev.sig.user_cpu_ns != want.user_cpu_ns));
        } else if (ev.kind == EV_SIGNAL) {
            bad += ev.sig.signo < 1 || ev.sig.signo > 64 || ev.sig.siginfo[0] != ev.sig.signo;
            bad += ev.sig.place != ev.sig.signo % 3 || ev.sig.sync != (ev.sig.place == SIGP_FAULT);
            if (ev.sig.place == SIGP_IN_CODE) {
                struct signal_point want;
                signal_point_of(ev.sig.signo, &want);
                bad += ev.sig.stack_hash != want.stack_hash ||
                       memcmp(ev.sig.regs, want.regs, sizeof want.regs) != 0 ||
                       ev.sig.stack_readable != want.stack_readable ||
                       ev.sig.stack_len != want.stack_len || !ev.sig.stack ||
                       memcmp(ev.sig.stack, want.stack, want.stack_len) != 0 ||
                       ev.sig.user_cpu_ns != want.user_cpu_ns;
            }
        }
    }
    check(got == 0, tr.error[0] ? tr.error : "the C reader reads to the end");
    check(n == events_written, "the C reader finds every event");
    check(syscalls > 3000, "thousands of syscall events");
    check(bad == 0, "every memory write and signal reads back as written");
    check(!tr.cut_short, "the trace is whole");
    trace_reader_close(&tr);
}

int main(int argc, char **argv)
{
    char tmp[] = "/tmp/rewind-roundtrip-XXXXXX";
    char dir[4200];
    if (argc > 1) {
        snprintf(dir, sizeof dir, "%s/trace", argv[1]);
        char path[4200];
        snprintf(path, sizeof path, "%s/expected.txt", argv[1]);
        expect_file = fopen(path, "w");
        check(expect_file != NULL, "expected.txt can be written");
    } else {
        check(mkdtemp(tmp) != NULL, "a temporary folder");
        snprintf(dir, sizeof dir, "%s/trace", tmp);
    }
    struct trace_writer tw;
    char *args[] = {"roundtrip", NULL};
    check(trace_writer_open(&tw, dir, "/roundtrip", args) == 0, "the trace opens for writing");
    write_every_kind(&tw);
    check(trace_writer_close(&tw) == 0, tw.error[0] ? tw.error : "the trace closes");
    if (expect_file)
        fclose(expect_file);
    read_back(dir);
    FILE *ends = NULL;
    if (argc > 1) {
        char path[4200];
        snprintf(path, sizeof path, "%s/ends.txt", argv[1]);
        ends = fopen(path, "w");
    }
    for (int k = 0; k < NENDS; k++) {
        char name[32], end_dir[4300];
        snprintf(name, sizeof name, "end-%d", k);
        snprintf(end_dir, sizeof end_dir, "%s/%s", argc > 1 ? argv[1] : tmp, name);
        struct trace_writer end_tw;
        check(trace_writer_open(&end_tw, end_dir, "/roundtrip", args) == 0, "an ending trace opens");
        put_end(&end_tw, k, ends, name);
        check(trace_writer_close(&end_tw) == 0, "an ending trace closes");
        struct trace_reader tr;
        struct trace_event ev;
        check(trace_reader_open(&tr, end_dir) == 0 && trace_reader_next(&tr, &ev) == 1 &&
              (k < 3 ? ev.kind == EV_STOP && ev.stop.len == strlen(stop_reasons[k])
                     : ev.kind == EV_EXIT && ev.exit.status == exit_statuses[k - 3]),
              "an ending event reads back");
        trace_reader_close(&tr);
    }
    if (ends)
        fclose(ends);
    if (argc == 1) {
        char cmd[4300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
        check(system(cmd) == 0, "the temporary trace is removed");
    }
    return check_summary();
}
