/*
 * test_savepoint.c: save points of a replay session (replay_savepoint.c) and the trace reader's
 * seek (trace_reader_tell/seek), against straight replays. A small C program (a counter, the
 * time, random bytes, rdtsc and sleeps, 50 iterations) is built with gcc and recorded with
 * record_run; then replays make save points (at the entry, and at events in the middle), run on,
 * restore, and must give the same output, breakpoint hits, registers and exit status as the first
 * time. Also: breakpoints changed after a save point are right in the restored process (int3
 * bytes), the memory estimate, and timings (save and restore, small program and ~200 MB heap).
 * Run from native/tests (the husk is looked up next to this binary: a link to ../rewind-husk).
 */
#include "maps.h"
#include "record.h"
#include "replay.h"
#include "trace_reader.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int passed, failed;

static void check(int ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "FAIL: %s\n", what);
    }
}

static const char *PROGRAM =
    "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n#include <time.h>\n"
    "#include <sys/random.h>\n#include <x86intrin.h>\n"
    "int counter; char *heap; long heap_mb;\n"
    "void tick(int i, long ns, unsigned r) { counter += i;\n"
    "  printf(\"i=%d t=%ld r=%u c=%d\\n\", i, ns, r, counter); fflush(stdout); }\n"
    "void tock(int i) { if (heap) heap[(size_t)i * 4096 * 7 % (heap_mb << 20)] += (char)i; }\n"
    "int main(int argc, char **argv) {\n"
    "  int n = argc > 1 ? atoi(argv[1]) : 50; heap_mb = argc > 2 ? atol(argv[2]) : 0;\n"
    "  if (heap_mb) { heap = malloc(heap_mb << 20); memset(heap, 1, heap_mb << 20); }\n"
    "  for (int i = 0; i < n; i++) {\n"
    "    struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts);\n"
    "    unsigned r; getrandom(&r, sizeof r, 0);\n"
    "    unsigned long long tsc = __rdtsc();\n"
    "    tick(i, ts.tv_nsec + (long)(tsc & 0xff), r);\n"
    "    struct timespec d = {0, 3000000}; nanosleep(&d, 0);\n"
    "    tock(i);\n"
    "  }\n"
    "  return 7;\n}\n";

static char tmp[PATH_MAX], prog[PATH_MAX + 16], trace_small[PATH_MAX + 16], trace_big[PATH_MAX + 16];
static uint64_t addr_tick, addr_tock, addr_counter;

/* ---- setup ---- */

static uint64_t nm_addr(const char *bin, const char *sym)
{
    char cmd[PATH_MAX + 64], line[512];
    snprintf(cmd, sizeof cmd, "nm %s", bin);
    FILE *f = popen(cmd, "r");
    uint64_t v = 0;
    while (f && fgets(line, sizeof line, f)) {
        char type, name[256];
        unsigned long long a;
        if (sscanf(line, "%llx %c %255s", &a, &type, name) == 3 && !strcmp(name, sym))
            v = a;
    }
    if (f)
        pclose(f);
    return v;
}

static void ensure_husk(void)
{
    char self[PATH_MAX], link[PATH_MAX + 16];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    self[n > 0 ? n : 0] = 0;
    *strrchr(self, '/') = 0;
    snprintf(link, sizeof link, "%s/rewind-husk", self);
    if (access(link, X_OK) == 0)
        return;
    if (access("../build/rewind-husk", X_OK) != 0 && system("make -s -C .. build/rewind-husk") != 0) {
        fprintf(stderr, "cannot build the husk\n");
        exit(1);
    }
    if (symlink("../rewind-husk", link) < 0 && errno != EEXIST) {
        fprintf(stderr, "cannot link %s: %s\n", link, strerror(errno));
        exit(1);
    }
}

/* Records prog with argv into dir; the program's real stdout goes to out_file. */
static int record(const char *dir, char *const argv[], const char *out_file)
{
    fflush(stdout);
    int saved = dup(1);
    int fd = open(out_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, 1);
    close(fd);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        cwd[0] = 0;
    extern char **environ;
    struct record_request req = {dir, prog, argv, environ, cwd, NULL, NULL};
    struct record_result res;
    record_run(&req, &res);
    dup2(saved, 1);
    close(saved);
    if (res.error_code) {
        fprintf(stderr, "recording failed: %s\n", res.message);
        return -1;
    }
    return 0;
}

/* ---- replay helpers ---- */

static struct {
    char *data;
    size_t len, cap;
} out;

static void on_output(void *ctx, int stream, const uint8_t *bytes, size_t n)
{
    if (out.len + n > out.cap) {
        out.cap = (out.len + n) * 2;
        out.data = xrealloc(out.data, out.cap);
    }
    memcpy(out.data + out.len, bytes, n);
    out.len += n;
}

static double now_ms(void) { return (double)now_ns() / 1e6; }

#define MAX_HITS 256
struct run {
    int hits;
    uint64_t hit_rdi[MAX_HITS];     /* tick's first argument (i) at each hit */
    uint32_t hit_counter[MAX_HITS]; /* the program's `counter` at each hit */
    enum replay_stop_reason last;
    int wait_status;
    uint64_t event;
};

/* Continues to the end, noting every breakpoint hit. */
static void run_to_end(struct replay *r, struct run *rn)
{
    memset(rn, 0, sizeof *rn);
    struct replay_stop st;
    for (;;) {
        replay_resume(r, RUN_CONTINUE, &st);
        if (st.reason == RSTOP_SIGNAL)
            continue; /* a fault: delivered at the next resume */
        if (st.reason != RSTOP_BREAKPOINT)
            break;
        struct user_regs_struct regs;
        replay_get_regs(r, &regs);
        if (rn->hits < MAX_HITS) {
            rn->hit_rdi[rn->hits] = regs.rdi;
            replay_read_mem(r, addr_counter, &rn->hit_counter[rn->hits], 4);
        }
        rn->hits++;
    }
    if (st.reason == RSTOP_EXITED) {
        rn->wait_status = st.wait_status;
        replay_resume(r, RUN_CONTINUE, &st); /* then the end */
    }
    if (st.reason == RSTOP_ERROR)
        fprintf(stderr, "replay error: %s\n", st.message);
    rn->last = st.reason;
    rn->event = st.event;
}

static bool same_run(const struct run *a, const struct run *b)
{
    return a->hits == b->hits && a->last == b->last && a->wait_status == b->wait_status &&
           a->event == b->event && !memcmp(a->hit_rdi, b->hit_rdi, sizeof a->hit_rdi) &&
           !memcmp(a->hit_counter, b->hit_counter, sizeof a->hit_counter);
}

/* Continues to the k-th hit of the breakpoints set. */
static bool run_to_hit(struct replay *r, int k)
{
    struct replay_stop st;
    for (int i = 0; i < k; i++) {
        replay_resume(r, RUN_CONTINUE, &st);
        if (st.reason != RSTOP_BREAKPOINT)
            return false;
    }
    return true;
}

/* Steps instructions until a save point can be made (the next event boundary), and makes it. */
static struct replay_savepoint *save_at_next_boundary(struct replay *r, double *ms)
{
    char err[512];
    struct replay_stop st;
    for (int i = 0; i < 500000; i++) {
        double t0 = now_ms();
        struct replay_savepoint *sp = replay_save(r, err, sizeof err);
        if (sp) {
            if (ms)
                *ms = now_ms() - t0;
            return sp;
        }
        replay_resume(r, RUN_STEP_INSN, &st);
        if (st.reason != RSTOP_STEP) {
            fprintf(stderr, "stepping to a boundary stopped: %d %s\n", st.reason, st.message);
            return NULL;
        }
    }
    return NULL;
}

static struct replay *open_session(const char *trace)
{
    struct replay_stop st;
    struct replay *r = replay_open(trace, on_output, NULL, &st);
    if (!r || st.reason != RSTOP_ENTRY) {
        fprintf(stderr, "replay_open: %s\n", st.message);
        exit(1);
    }
    return r;
}

static int raw_byte(pid_t pid, uint64_t addr)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/mem", pid);
    int fd = open(path, O_RDONLY);
    uint8_t b = 0;
    ssize_t n = fd >= 0 ? pread(fd, &b, 1, (off_t)addr) : -1;
    if (fd >= 0)
        close(fd);
    return n == 1 ? b : -1;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = xmalloc(1 << 20);
    *len = fread(data, 1, 1 << 20, f);
    fclose(f);
    return data;
}

/* ---- the tests ---- */

/* The trace reader: every event's position, seeking back to it (saved block and from the start). */
static void test_reader_seek(void)
{
    struct trace_reader tr;
    if (trace_reader_open(&tr, trace_small) < 0) {
        check(0, tr.error);
        return;
    }
    enum { MAXEV = 4096 };
    static uint32_t crc[MAXEV];
    static uint8_t kind[MAXEV];
    static struct trace_pos before[MAXEV], after[MAXEV];
    struct trace_event ev;
    uint64_t n = 0;
    off_t blocks = -1;
    int nblocks = 0;
    while (n < MAXEV) {
        trace_reader_tell(&tr, tr.next_event, &before[n]);
        if (trace_reader_next(&tr, &ev) <= 0)
            break;
        trace_reader_tell(&tr, ev.index, &after[n]);
        if (tr.block_off != blocks)
            nblocks++, blocks = tr.block_off;
        kind[n] = ev.kind;
        crc[n] = crc32c(0, ev.body.p, (size_t)(ev.body.end - ev.body.p));
        n++;
    }
    check(n > 100 && nblocks > 1, "the recording has events in several blocks");
    bool ok = true;
    for (uint64_t i = 0; i < n; i += 1 + i % 7) {
        struct trace_pos from_start = {0, 0, i};
        const struct trace_pos *ps[3] = {&before[i], &after[i], &from_start};
        for (int k = 0; k < 3; k++) {
            ok &= trace_reader_seek(&tr, ps[k]) == 0 && trace_reader_next(&tr, &ev) == 1 &&
                  ev.index == i && ev.kind == kind[i] &&
                  crc32c(0, ev.body.p, (size_t)(ev.body.end - ev.body.p)) == crc[i];
        }
    }
    check(ok, "seeking to an event's saved position reads that event again");
    struct trace_pos end = {0, 0, n};
    check(trace_reader_seek(&tr, &end) == 0 && trace_reader_next(&tr, &ev) == 0,
          "seeking to the end of the log");
    struct trace_pos beyond = {0, 0, n + 5};
    check(trace_reader_seek(&tr, &beyond) < 0 && strstr(tr.error, "ends before"),
          "seeking past the end fails clearly");
    trace_reader_close(&tr);
}

/* Save in the middle, run to the end, restore twice: same output, hits, registers, status. */
static void test_middle(const char *expected, size_t expected_len)
{
    out.len = 0;
    struct replay *r = open_session(trace_small);
    uint64_t bp[1] = {addr_tick};
    replay_set_breakpoints(r, bp, 1);
    check(run_to_hit(r, 10), "reaches the 10th tick");
    char err[512];
    check(replay_save(r, err, sizeof err) == NULL && strstr(err, "between events"),
          "no save point at a breakpoint stop (a reason given)");
    replay_set_breakpoints(r, NULL, 0);
    struct replay_savepoint *sp = save_at_next_boundary(r, NULL);
    check(sp != NULL, "save point made at the next event boundary");
    if (!sp) {
        replay_close(r);
        return;
    }
    struct user_regs_struct regs0, regs1;
    struct user_fpregs_struct fp0, fp1;
    replay_get_regs(r, &regs0);
    replay_get_fpregs(r, &fp0);
    size_t mark = out.len;
    check(replay_savepoint_event(sp) > 10, "the save point is at an event in the middle");

    replay_set_breakpoints(r, bp, 1);
    struct run a, b;
    run_to_end(r, &a);
    size_t a_end = out.len;
    check(a.last == RSTOP_END && WIFEXITED(a.wait_status) && WEXITSTATUS(a.wait_status) == 7,
          "first run reaches the end, exit status 7");
    check(a.hits == 40 && a.hit_rdi[0] == 10 && a.hit_rdi[39] == 49, "40 more ticks after it");
    check(out.len == expected_len && !memcmp(out.data, expected, expected_len),
          "the replay's output is the recorded program's");
    check(replay_savepoint_memory(sp) > 0, "the save point's memory estimate is > 0");
    printf("    save point at event %lu holds %zu kB after the live replay ran on\n",
           (unsigned long)replay_savepoint_event(sp), replay_savepoint_memory(sp) / 1024);

    for (int round = 0; round < 2; round++) {
        pid_t old = replay_pid(r);
        check(replay_restore(r, sp, err, sizeof err) == 0, "restore");
        check(replay_pid(r) != old && replay_pid(r) != replay_savepoint_pid(sp),
              "a fresh process replaces the replayed one");
        check(kill(old, 0) < 0, "the old replayed process is gone");
        replay_get_regs(r, &regs1);
        replay_get_fpregs(r, &fp1);
        check(!memcmp(&regs0, &regs1, sizeof regs0), "registers as at the save point");
        check(!memcmp(&fp0, &fp1, sizeof fp0), "FP registers as at the save point");
        size_t from = out.len;
        run_to_end(r, &b);
        check(same_run(&a, &b), "after restore: same hits, counters, exit status, end event");
        check(out.len - from == a_end - mark && !memcmp(out.data + from, out.data + mark, a_end - mark),
              "after restore: the output after the save point again");
    }
    replay_savepoint_free(r, sp);
    replay_close(r);
}

/* A save point at the entry stop, and save points at several events, against a straight replay. */
static void test_many(const char *expected, size_t expected_len)
{
    out.len = 0;
    struct replay *r = open_session(trace_small);
    char err[512];
    double t0 = now_ms();
    struct replay_savepoint *entry = replay_save(r, err, sizeof err);
    double entry_ms = now_ms() - t0;
    check(entry && replay_savepoint_event(entry) == 1, "save point at the entry stop (event 1)");
    struct run straight;
    run_to_end(r, &straight);
    check(straight.last == RSTOP_END && out.len == expected_len &&
              !memcmp(out.data, expected, expected_len), "a straight replay");
    if (!entry) {
        replay_close(r);
        return;
    }
    out.len = 0;
    t0 = now_ms();
    check(replay_restore(r, entry, err, sizeof err) == 0, "restore from the entry");
    double restore_ms = now_ms() - t0;
    printf("    measure (small program): save at entry %.3f ms, restore %.3f ms\n", entry_ms,
           restore_ms);
    /* save points at the 5th, 15th ... 45th tick's next boundary */
    enum { NSP = 5 };
    struct replay_savepoint *sp[NSP];
    size_t mark[NSP];
    double save_ms[NSP], total_save = 0;
    uint64_t bp[1] = {addr_tick};
    replay_set_breakpoints(r, bp, 1);
    bool made = true;
    for (int k = 0; k < NSP; k++) {
        made &= run_to_hit(r, k == 0 ? 5 : 10);
        replay_set_breakpoints(r, NULL, 0);
        sp[k] = save_at_next_boundary(r, &save_ms[k]);
        made &= sp[k] != NULL;
        total_save += save_ms[k];
        mark[k] = out.len;
        replay_set_breakpoints(r, bp, 1);
    }
    check(made, "five save points made on the way");
    if (!made) {
        replay_close(r);
        return;
    }
    struct run rest;
    run_to_end(r, &rest);
    check(rest.event == straight.event && out.len == expected_len &&
              !memcmp(out.data, expected, expected_len), "the replay after the entry restore");
    bool ordered = true;
    for (int k = 1; k < NSP; k++)
        ordered &= replay_savepoint_event(sp[k]) > replay_savepoint_event(sp[k - 1]);
    check(ordered, "save points at increasing events");
    replay_set_breakpoints(r, NULL, 0);
    double total_restore = 0;
    for (int k = NSP - 1; k >= 0; k--) { /* newest first, as a reverse search goes */
        out.len = 0;
        t0 = now_ms();
        int rc = replay_restore(r, sp[k], err, sizeof err);
        total_restore += now_ms() - t0;
        struct run after;
        run_to_end(r, &after);
        char what[128];
        snprintf(what, sizeof what, "restore save point %d (event %lu): the straight replay's rest",
                 k, (unsigned long)replay_savepoint_event(sp[k]));
        check(rc == 0 && after.last == RSTOP_END && after.event == straight.event &&
                  after.wait_status == straight.wait_status &&
                  out.len == expected_len - mark[k] &&
                  !memcmp(out.data, expected + mark[k], out.len), what);
        check(replay_savepoint_memory(sp[k]) > 0, "memory estimate > 0");
    }
    printf("    measure (small program): save %.3f ms, restore %.3f ms (mean of %d)\n",
           total_save / NSP, total_restore / NSP, NSP);
    replay_savepoint_free(r, sp[2]);
    check(replay_restore(r, sp[1], err, sizeof err) == 0, "restore after freeing another one");
    replay_close(r); /* frees the rest */
}

/* Breakpoints changed after the save point: the restored process has exactly the current ones. */
static void test_breakpoints_after(void)
{
    out.len = 0;
    struct replay *r = open_session(trace_small);
    uint64_t tick[1] = {addr_tick}, tock[1] = {addr_tock};
    replay_set_breakpoints(r, tick, 1);
    check(run_to_hit(r, 3), "reaches the 3rd tick");
    /* step to the boundary with the tick breakpoint still armed: it is in memory at the save */
    struct replay_savepoint *sp = NULL;
    char err[512];
    struct replay_stop st;
    for (int i = 0; i < 500000 && !sp; i++) {
        sp = replay_save(r, err, sizeof err);
        if (!sp)
            replay_resume(r, RUN_STEP_INSN, &st);
    }
    check(sp != NULL, "save point made with a breakpoint armed");
    if (!sp) {
        replay_close(r);
        return;
    }
    check(raw_byte(replay_pid(r), addr_tick) == 0xcc, "the live process still has its int3");
    check(raw_byte(replay_savepoint_pid(sp), addr_tick) != 0xcc,
          "the save point's memory holds no breakpoint byte");
    replay_set_breakpoints(r, tock, 1);
    struct run a;
    run_to_end(r, &a);
    check(replay_restore(r, sp, err, sizeof err) == 0, "restore");
    pid_t pid = replay_pid(r);
    check(raw_byte(pid, addr_tick) != 0xcc, "a breakpoint removed after the save is not in memory");
    check(raw_byte(pid, addr_tock) == 0xcc, "a breakpoint set after the save is armed");
    uint8_t seen;
    check(replay_read_mem(r, addr_tock, &seen, 1) == 0 && seen != 0xcc &&
              (int)seen == raw_byte(replay_savepoint_pid(sp), addr_tock),
          "memory reads hide the breakpoint");
    replay_resume(r, RUN_CONTINUE, &st);
    struct user_regs_struct regs;
    replay_get_regs(r, &regs);
    check(st.reason == RSTOP_BREAKPOINT && st.breakpoint == addr_tock && regs.rdi == 2,
          "the first stop after restore is tock(2)");
    struct run b;
    run_to_end(r, &b);
    check(a.hits == 48 && b.hits == 47 && a.wait_status == b.wait_status,
          "every tock is hit after the restore");
    replay_set_breakpoints(r, NULL, 0);
    check(replay_restore(r, sp, err, sizeof err) == 0 && raw_byte(replay_pid(r), addr_tock) != 0xcc,
          "no breakpoints: none in memory after restore");
    replay_close(r);
}

/* ~200 MB of touched heap: the time to save and restore. */
static void test_big(void)
{
    out.len = 0;
    struct replay *r = open_session(trace_big);
    uint64_t bp[1] = {addr_tick};
    replay_set_breakpoints(r, bp, 1);
    check(run_to_hit(r, 5), "big: reaches the 5th tick");
    replay_set_breakpoints(r, NULL, 0);
    double save_ms = 0;
    struct replay_savepoint *sp = save_at_next_boundary(r, &save_ms);
    check(sp != NULL, "big: save point");
    if (!sp) {
        replay_close(r);
        return;
    }
    size_t mark = out.len;
    size_t mem0 = replay_savepoint_memory(sp);
    struct run a, b;
    run_to_end(r, &a);
    size_t a_end = out.len;
    size_t mem1 = replay_savepoint_memory(sp);
    char err[512];
    double t0 = now_ms();
    int rc = replay_restore(r, sp, err, sizeof err);
    double restore_ms = now_ms() - t0;
    size_t from = out.len;
    run_to_end(r, &b);
    check(rc == 0 && same_run(&a, &b) && out.len - from == a_end - mark &&
              !memcmp(out.data + from, out.data + mark, a_end - mark),
          "big: the same rest after restore");
    t0 = now_ms();
    struct replay_savepoint *sp2 = replay_save(r, err, sizeof err);
    double save_end_ms = now_ms() - t0;
    printf("    measure (200 MB heap): save %.3f ms, restore %.3f ms (incl. killing the replayed "
           "process), save at the exit %.3f ms; save point memory %zu kB at once, %zu kB after "
           "the replay ran on\n",
           save_ms, restore_ms, save_end_ms, mem0 / 1024, mem1 / 1024);
    replay_savepoint_free(r, sp2);
    replay_close(r);
}

/* Where libc is loaded in the replayed process (its mapping at file offset 0), and its recorded
 * path (into path). */
static uint64_t libc_base(struct replay *r, char *path, size_t n)
{
    struct map_entry *maps;
    int count = maps_read(replay_pid(r), &maps);
    uint64_t base = 0;
    for (int i = 0; i < count && !base; i++) {
        const char *name = replay_module_name(r, maps[i].name);
        if (name && strstr(name, "libc.so") && maps[i].offset == 0) {
            base = maps[i].start;
            snprintf(path, n, "%s", name);
        }
    }
    if (count > 0)
        free(maps);
    return base;
}

/*
 * A scenario program, with save points at every boundary a libc `syscall` instruction leads to
 * (breakpoints on all of them, then one step: the replay is at the syscall's stop), each restored
 * and run to the end against a straight replay: signals, faults, execs, exits.
 */
static void sweep(const char *scenario, char *const args[])
{
    char dir[PATH_MAX + 64], outfile[PATH_MAX + 80], what[256];
    printf("    %s\n", scenario);
    fflush(stdout);
    snprintf(prog, sizeof prog, "../build/scenarios/%s", scenario);
    snprintf(dir, sizeof dir, "%s/sc-%s", tmp, scenario);
    snprintf(outfile, sizeof outfile, "%s.out", dir);
    char *argv[8] = {prog};
    for (int i = 0; args[i] && i < 6; i++)
        argv[i + 1] = args[i];
    if (access(prog, X_OK) != 0 || record(dir, argv, outfile) < 0) {
        check(0, scenario);
        return;
    }
    /* a straight replay; at main (a PIE is at 0x555555554000: no ASLR), where libc is */
    uint64_t main_bp[1] = {nm_addr(prog, "main")};
    if (main_bp[0] < 0x400000)
        main_bp[0] += 0x555555554000ull;
    out.len = 0;
    struct replay *r = open_session(dir);
    replay_set_breakpoints(r, main_bp, 1);
    char libc[PATH_MAX], cmd[PATH_MAX + 128], line[512];
    uint64_t base = run_to_hit(r, 1) ? libc_base(r, libc, sizeof libc) : 0;
    replay_set_breakpoints(r, NULL, 0);
    struct run straight;
    run_to_end(r, &straight);
    char *expected = xmalloc(out.len + 1);
    size_t expected_len = out.len;
    memcpy(expected, out.data, out.len);
    replay_close(r);
    static uint64_t bps[1000];
    int nbps = 0;
    snprintf(cmd, sizeof cmd, "objdump -d --no-show-raw-insn %s", libc);
    FILE *f = base ? popen(cmd, "r") : NULL;
    unsigned long long prev = 0; /* breakpoints go on the instruction before each `syscall`: the
                                    engine injects through a syscall instruction (rip - 2) that
                                    must not hold an int3 */
    while (f && fgets(line, sizeof line, f) && nbps < 1000) {
        unsigned long long off;
        char insn[64];
        if (sscanf(line, " %llx: %63s", &off, insn) != 2)
            continue;
        if (!strcmp(insn, "syscall") && prev)
            bps[nbps++] = base + prev;
        prev = off;
    }
    if (f)
        pclose(f);

    out.len = 0;
    r = open_session(dir);
    replay_set_breakpoints(r, main_bp, 1);
    enum { MAXSP = 400 };
    static struct replay_savepoint *sp[MAXSP];
    static size_t mark[MAXSP];
    int nsp = 0;
    struct replay_stop st;
    replay_resume(r, RUN_CONTINUE, &st);
    check(nbps > 100 && st.reason == RSTOP_BREAKPOINT, "sweep: at main, libc found");
    replay_set_breakpoints(r, bps, nbps);
    char err[512];
    for (;;) {
        replay_resume(r, RUN_CONTINUE, &st);
        if (st.reason == RSTOP_BREAKPOINT) {
            replay_resume(r, RUN_STEP_INSN, &st);
            if (st.reason == RSTOP_STEP)
                replay_resume(r, RUN_STEP_INSN, &st);
            if (st.reason == RSTOP_STEP && nsp < MAXSP && (sp[nsp] = replay_save(r, err, sizeof err)))
                mark[nsp++] = out.len;
        }
        if (st.reason == RSTOP_END || st.reason == RSTOP_ERROR)
            break;
    }
    replay_set_breakpoints(r, NULL, 0);
    int good = 0;
    for (int k = nsp - 1; k >= 0; k--) {
        out.len = 0;
        struct run after;
        if (replay_restore(r, sp[k], err, sizeof err) == 0) {
            run_to_end(r, &after);
            good += after.last == straight.last && after.event == straight.event &&
                    after.wait_status == straight.wait_status &&
                    out.len == expected_len - mark[k] &&
                    !memcmp(out.data, expected + mark[k], out.len);
        }
        replay_savepoint_free(r, sp[k]);
    }
    snprintf(what, sizeof what, "sweep %s: %d of %d save points replay the rest as a straight replay",
             scenario, good, nsp);
    printf("    %s (ending at event %lu)\n", what, (unsigned long)straight.event);
    check(nsp >= 3 && good == nsp, what);
    replay_close(r);
    free(expected);
}

int main(void)
{
    ensure_husk();
    const char *base = getenv("TMPDIR");
    snprintf(tmp, sizeof tmp, "%s/rewind-test-savepoint-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        return 1;
    }
    char src[PATH_MAX + 16], cmd[3 * PATH_MAX], outfile[PATH_MAX + 16];
    snprintf(src, sizeof src, "%s/prog.c", tmp);
    snprintf(prog, sizeof prog, "%s/prog", tmp);
    FILE *f = fopen(src, "w");
    fputs(PROGRAM, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "gcc -g -O0 -no-pie -o %s %s", prog, src);
    if (system(cmd) != 0) {
        fprintf(stderr, "cannot build the test program\n");
        return 1;
    }
    addr_tick = nm_addr(prog, "tick");
    addr_tock = nm_addr(prog, "tock");
    addr_counter = nm_addr(prog, "counter");
    check(addr_tick && addr_tock && addr_counter, "symbols found");

    snprintf(trace_small, sizeof trace_small, "%s/small", tmp);
    snprintf(trace_big, sizeof trace_big, "%s/big", tmp);
    snprintf(outfile, sizeof outfile, "%s/small.out", tmp);
    char *argv_small[] = {prog, "50", NULL};
    char *argv_big[] = {prog, "20", "200", NULL};
    if (record(trace_small, argv_small, outfile) < 0)
        return 1;
    size_t expected_len = 0;
    char *expected = read_file(outfile, &expected_len);
    check(expected && expected_len > 500, "the recorded program printed its lines");
    snprintf(outfile, sizeof outfile, "%s/big.out", tmp);
    if (record(trace_big, argv_big, outfile) < 0)
        return 1;

    printf("-- trace reader seek\n");
    test_reader_seek();
    printf("-- save in the middle, restore twice\n");
    test_middle(expected, expected_len);
    printf("-- save points at the entry and at several events\n");
    test_many(expected, expected_len);
    printf("-- breakpoints changed after the save point\n");
    test_breakpoints_after();
    printf("-- 200 MB heap\n");
    test_big();
    printf("-- scenarios: save points at every syscall boundary\n");
    char *none[] = {NULL};
    const char *scenarios[] = {"sigalrm_timer", "sa_restart", "raise_kill", "sigsegv_handler",
                               "signalfd", "crash_segv", "rdtsc", "memfd", "thread_create",
                               "heavy_malloc", "fork_wait", "demo", "execve"};
    for (size_t i = 0; i < sizeof scenarios / sizeof *scenarios; i++)
        sweep(scenarios[i], none);

    free(expected);
    free(out.data);
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", tmp);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
