/*
 * test_savepoint.c: save points of a replay session (replay_savepoint.c) and the trace reader's
 * seek (trace_reader_tell/seek), against straight replays. A small C program (a counter, the
 * time, random bytes, rdtsc and sleeps, 50 iterations) is built with gcc and recorded with
 * record_run; replays make save points (at the entry, and at events in the middle), run on,
 * restore, and must give the same output, breakpoint hits, registers and exit status again.
 * Also: breakpoints changed after a save point (int3 bytes), a MAP_SHARED counter, the memory
 * estimate, timings (save, restore; small program and ~200 MB heap), and a sweep over scenario
 * programs (signals, faults, execs, threads) with a save point at every syscall boundary (or,
 * past 400 of them, at boundaries spread evenly over the run).
 * Run from native/tests (the husk is looked up next to this binary: a link to ../rewind-husk).
 */
#include "check.h"
#include "maps.h"
#include "replay_harness.h"
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
#include <unistd.h>


/* A check the rest of a test depends on: on failure, the session is closed and the test ends. */
#define REQUIRE(ok, what, r) \
    do { check(ok, what); if (!(ok)) { replay_close(r); return; } } while (0)

static const char *PROGRAM =
    "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n#include <time.h>\n"
    "#include <sys/mman.h>\n#include <sys/random.h>\n#include <x86intrin.h>\n"
    "int counter, *shared; char *heap; long heap_mb;\n"
    "void tick(int i, long ns, unsigned r) { counter += i;\n"
    "  printf(\"i=%d t=%ld r=%u c=%d s=%d\\n\", i, ns, r, counter, *shared); fflush(stdout); }\n"
    "void tock(int i) { ++*shared; if (heap) heap[(size_t)i * 4096 * 7 % (heap_mb << 20)] += 1; }\n"
    "int main(int argc, char **argv) {\n"
    "  int n = argc > 1 ? atoi(argv[1]) : 50; heap_mb = argc > 2 ? atol(argv[2]) : 0;\n"
    "  if (heap_mb) { heap = malloc(heap_mb << 20); memset(heap, 1, heap_mb << 20); }\n"
    "  shared = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);\n"
    "  for (int i = 0; i < n; i++) {\n"
    "    struct timespec ts, d = {0, 3000000}; clock_gettime(CLOCK_MONOTONIC, &ts);\n"
    "    unsigned r; getrandom(&r, sizeof r, 0); unsigned long long tsc = __rdtsc();\n"
    "    tick(i, ts.tv_nsec + (long)(tsc & 0xff), r); nanosleep(&d, 0); tock(i);\n"
    "  }\n  return 7;\n}\n";

static char tmp[PATH_MAX], prog[PATH_MAX + 16], trace_small[PATH_MAX + 16], trace_big[PATH_MAX + 16];
static uint64_t addr_tick, addr_tock, addr_counter;
static char *expected; static size_t expected_len; /* the small program's output, as recorded */

/* ---- setup ---- */

static uint64_t nm_addr(const char *bin, const char *sym)
{
    char cmd[PATH_MAX + 64], line[512], name[256], type;
    snprintf(cmd, sizeof cmd, "nm %s", bin);
    FILE *f = popen(cmd, "r");
    unsigned long long a, v = 0;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "%llx %c %255s", &a, &type, name) == 3 && !strcmp(name, sym))
            v = a;
    if (f)
        pclose(f);
    return v;
}

/* ---- replay helpers ---- */

static struct { char *data; size_t len, cap; } out; /* the replay's output, appended */

static void on_output(void *ctx, int stream, const uint8_t *bytes, size_t n)
{
    if (out.len + n > out.cap) {
        out.cap = (out.len + n) * 2;
        out.data = xrealloc(out.data, out.cap);
    }
    memcpy(out.data + out.len, bytes, n);
    out.len += n;
}

static bool output_is(size_t from, const char *want, size_t n)
{
    return out.len - from == n && !memcmp(out.data + from, want, n);
}

static double now_ms(void) { return (double)now_ns() / 1e6; }

#define MAX_HITS 256
struct run {                        /* a replay from a stop to the end */
    int hits, wait_status;
    uint64_t hit_rdi[MAX_HITS];     /* the first argument at each breakpoint hit */
    uint32_t hit_counter[MAX_HITS]; /* the program's `counter` at each hit */
    enum replay_stop_reason last;
    uint64_t event;                 /* at the end */
};

/* Continues to the end, noting every breakpoint hit (faults are delivered and passed). */
static void run_to_end(struct replay *r, struct run *rn)
{
    memset(rn, 0, sizeof *rn);
    struct replay_stop st;
    for (;;) {
        replay_resume(r, RUN_CONTINUE, &st);
        if (st.reason == RSTOP_SIGNAL)
            continue;
        if (st.reason != RSTOP_BREAKPOINT)
            break;
        struct user_regs_struct regs;
        if (replay_get_regs(r, &regs) && rn->hits < MAX_HITS) {
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

static bool same_end(const struct run *a, const struct run *b)
{
    return a->last == b->last && a->wait_status == b->wait_status && a->event == b->event;
}

static bool same_run(const struct run *a, const struct run *b)
{
    return same_end(a, b) && a->hits == b->hits && !memcmp(a->hit_rdi, b->hit_rdi, sizeof a->hit_rdi) &&
           !memcmp(a->hit_counter, b->hit_counter, sizeof a->hit_counter);
}

/* Continues to the k-th hit of the breakpoints set. */
static bool run_to_hit(struct replay *r, int k)
{
    struct replay_stop st = {.reason = RSTOP_BREAKPOINT};
    for (int i = 0; i < k && st.reason == RSTOP_BREAKPOINT; i++)
        replay_resume(r, RUN_CONTINUE, &st);
    return st.reason == RSTOP_BREAKPOINT;
}

/* Steps instructions until a save point can be made (the next event boundary), and makes it. */
static struct replay_savepoint *save_at_next_boundary(struct replay *r, double *ms)
{
    char err[512];
    struct replay_stop st;
    for (int i = 0; i < 500000; i++) {
        double t0 = now_ms();
        struct replay_savepoint *sp = replay_save(r, err, sizeof err);
        if (ms)
            *ms = now_ms() - t0;
        if (sp)
            return sp;
        replay_resume(r, RUN_STEP_INSN, &st);
        if (st.reason != RSTOP_STEP)
            return NULL;
    }
    return NULL;
}

static struct replay *open_session(const char *trace)
{
    struct replay_stop st;
    struct replay *r = replay_open(trace, on_output, NULL, &st);
    if (!r || st.reason != RSTOP_ENTRY)
        fatal("replay_open %s: %s", trace, st.message);
    out.len = 0;
    return r;
}

static int raw_byte(pid_t pid, uint64_t addr) /* as in memory, breakpoints included */
{
    char path[64];
    uint8_t b = 0;
    snprintf(path, sizeof path, "/proc/%d/mem", pid);
    int fd = open(path, O_RDONLY);
    ssize_t n = pread(fd, &b, 1, (off_t)addr);
    close(fd);
    return n == 1 ? b : -1;
}

/* Does process pid end within a second (a zombie counts: the replay reaps it later)? */
static bool dies(pid_t pid)
{
    for (int i = 0; i < 1000; i++, usleep(1000)) {
        siginfo_t si = {0};
        if (waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT | __WALL) < 0 || si.si_pid == pid)
            return true;
    }
    return false;
}

/* ---- the tests ---- */

/* The trace reader: every event's position, seeking back to it (saved block and from the start). */
static void test_reader_seek(void)
{
    struct trace_reader tr;
    if (trace_reader_open(&tr, trace_small) < 0)
        fatal("%s", tr.error);
    enum { MAXEV = 4096 };
    static uint32_t crc[MAXEV];
    static struct trace_pos before[MAXEV], after[MAXEV];
    struct trace_event ev;
    uint64_t n = 0, nblocks = 0;
    for (off_t block = -1; n < MAXEV; n++) {
        trace_reader_tell(&tr, tr.next_event, &before[n]);
        if (trace_reader_next(&tr, &ev) <= 0)
            break;
        trace_reader_tell(&tr, ev.index, &after[n]);
        if (tr.block_off != block)
            nblocks++, block = tr.block_off;
        crc[n] = crc32c(ev.kind, ev.body.p, (size_t)(ev.body.end - ev.body.p));
    }
    check(n > 100 && nblocks > 1, "the recording has events in several blocks");
    bool ok = true;
    for (uint64_t i = 0; i < n; i += 1 + i % 7) {
        struct trace_pos from_start = {0, 0, i};
        const struct trace_pos *ps[3] = {&before[i], &after[i], &from_start};
        for (int k = 0; k < 3; k++)
            ok &= trace_reader_seek(&tr, ps[k]) == 0 && trace_reader_next(&tr, &ev) == 1 &&
                  ev.index == i && crc32c(ev.kind, ev.body.p, (size_t)(ev.body.end - ev.body.p)) == crc[i];
    }
    check(ok, "seeking to an event's saved position reads that event again");
    struct trace_pos end = {0, 0, n}, beyond = {0, 0, n + 5};
    check(trace_reader_seek(&tr, &end) == 0 && trace_reader_next(&tr, &ev) == 0, "seek to the end");
    check(trace_reader_seek(&tr, &beyond) < 0 && strstr(tr.error, "ends before"),
          "seeking past the end fails clearly");
    trace_reader_close(&tr);
}

/*
 * Save after the ticks-th tick, run to the end with a breakpoint on tick, restore twice: same
 * registers, hits, counters, output and exit status. Prints the times (label).
 */
static void test_middle(const char *trace, int ticks, int more, const char *label)
{
    struct replay *r = open_session(trace);
    uint64_t bp[1] = {addr_tick};
    replay_set_breakpoints(r, bp, 1);
    check(run_to_hit(r, ticks), "reaches the tick");
    char err[512];
    check(replay_save(r, err, sizeof err) == NULL && strstr(err, "between events"),
          "no save point at a breakpoint stop (a reason given)");
    replay_set_breakpoints(r, NULL, 0);
    double save_ms = 0, restore_ms[2] = {0, 0};
    struct replay_savepoint *sp = save_at_next_boundary(r, &save_ms);
    REQUIRE(sp && replay_savepoint_event(sp) > (uint64_t)ticks, "save point at the next boundary", r);
    size_t mem0 = replay_savepoint_memory(sp);
    struct user_regs_struct regs0, regs1;
    struct user_fpregs_struct fp0, fp1;
    replay_get_regs(r, &regs0);
    replay_get_fpregs(r, &fp0);
    size_t mark = out.len;
    replay_set_breakpoints(r, bp, 1);
    struct run a, b;
    run_to_end(r, &a);
    size_t a_end = out.len;
    check(a.last == RSTOP_END && WIFEXITED(a.wait_status) && WEXITSTATUS(a.wait_status) == 7,
          "first run reaches the end, exit status 7");
    check(a.hits == more && a.hit_rdi[0] == (uint64_t)ticks && a.hit_rdi[more - 1] == (uint64_t)(ticks + more - 1),
          "every later tick hit");
    check(trace != trace_small || output_is(0, expected, expected_len),
          "the replay's output is the recorded program's");
    size_t mem1 = replay_savepoint_memory(sp);
    check(mem1 > 0, "the save point's memory estimate is > 0 once the replay ran on");
    for (int round = 0; round < 2; round++) {
        pid_t old = replay_pid(r);
        double t0 = now_ms();
        check(replay_restore(r, sp, err, sizeof err) == 0, "restore");
        restore_ms[round] = now_ms() - t0;
        check(replay_pid(r) != old && replay_pid(r) != replay_savepoint_pid(sp) && dies(old),
              "a fresh process replaces the replayed one, which dies");
        replay_get_regs(r, &regs1);
        replay_get_fpregs(r, &fp1);
        check(!memcmp(&regs0, &regs1, sizeof regs0), "registers as at the save point");
        check(!memcmp(&fp0, &fp1, sizeof fp0), "FP registers as at the save point");
        size_t from = out.len;
        run_to_end(r, &b);
        check(same_run(&a, &b), "after restore: same hits, counters, exit status, end event");
        check(output_is(from, out.data + mark, a_end - mark), "after restore: the same output");
    }
    struct replay_savepoint *at_end = replay_save(r, err, sizeof err); /* at the exit_group */
    struct replay_stop st;
    check(at_end && replay_restore(r, at_end, err, sizeof err) == 0 &&
              (replay_resume(r, RUN_CONTINUE, &st), st.reason == RSTOP_END && st.event == a.event),
          "a save point at the end restores to the end");
    printf("    measure (%s): save %.3f ms, restore %.3f / %.3f ms (incl. killing the replayed "
           "process); save point memory %zu kB at once, %zu kB after the replay ran on\n",
           label, save_ms, restore_ms[0], restore_ms[1], mem0 / 1024, mem1 / 1024);
    replay_savepoint_free(r, sp);
    replay_close(r);
}

/* A save point at the entry stop, and save points at several events, against a straight replay. */
static void test_many(void)
{
    struct replay *r = open_session(trace_small);
    char err[512];
    struct user_regs_struct regs;
    replay_get_regs(r, &regs);
    double t0 = now_ms();
    struct replay_savepoint *entry = replay_save(r, err, sizeof err);
    double entry_ms = now_ms() - t0;
    check(entry && replay_savepoint_event(entry) == 1, "save point at the entry stop (event 1)");
    REQUIRE(entry && raw_byte(replay_savepoint_pid(entry), regs.rip) == raw_byte(replay_pid(r), regs.rip),
            "no syscall instruction left over at the entry in the save point", r);
    struct run straight, rest, after;
    run_to_end(r, &straight);
    check(straight.last == RSTOP_END && output_is(0, expected, expected_len), "a straight replay");
    out.len = 0;
    t0 = now_ms();
    check(replay_restore(r, entry, err, sizeof err) == 0, "restore from the entry");
    double restore_ms = now_ms() - t0;
    /* save points at the next boundaries after the 5th, 15th ... 45th tick */
    enum { NSP = 5 };
    struct replay_savepoint *sp[NSP];
    size_t mark[NSP];
    double ms, total_save = 0, total_restore = 0;
    uint64_t bp[1] = {addr_tick};
    replay_set_breakpoints(r, bp, 1);
    bool made = true;
    for (int k = 0; k < NSP; k++) {
        made &= run_to_hit(r, k == 0 ? 5 : 10);
        replay_set_breakpoints(r, NULL, 0);
        made &= (sp[k] = save_at_next_boundary(r, &ms)) != NULL;
        total_save += ms;
        mark[k] = out.len;
        replay_set_breakpoints(r, bp, 1);
    }
    REQUIRE(made, "five save points made on the way", r);
    run_to_end(r, &rest);
    check(rest.event == straight.event && output_is(0, expected, expected_len),
          "the replay after the entry restore");
    bool ordered = true;
    for (int k = 1; k < NSP; k++)
        ordered &= replay_savepoint_event(sp[k]) > replay_savepoint_event(sp[k - 1]);
    check(ordered, "save points at increasing events");
    replay_set_breakpoints(r, NULL, 0);
    for (int k = NSP - 1; k >= 0; k--) { /* newest first, as a reverse search goes */
        out.len = 0;
        t0 = now_ms();
        int rc = replay_restore(r, sp[k], err, sizeof err);
        total_restore += now_ms() - t0;
        run_to_end(r, &after);
        char what[128];
        snprintf(what, sizeof what, "restore save point %d (event %lu): the straight replay's rest",
                 k, (unsigned long)replay_savepoint_event(sp[k]));
        check(rc == 0 && same_end(&after, &straight) &&
                  output_is(0, expected + mark[k], expected_len - mark[k]), what);
        check(replay_savepoint_memory(sp[k]) > 0, "memory estimate > 0");
    }
    printf("    measure (small program): save at entry %.3f ms, restore %.3f ms; in the middle: "
           "save %.3f ms, restore %.3f ms (mean of %d)\n", entry_ms, restore_ms,
           total_save / NSP, total_restore / NSP, NSP);
    replay_savepoint_free(r, sp[2]);
    check(replay_restore(r, sp[1], err, sizeof err) == 0, "restore after freeing another one");
    replay_close(r); /* frees the rest */
}

/* Breakpoints changed after the save point: the restored process has exactly the current ones. */
static void test_breakpoints_after(void)
{
    struct replay *r = open_session(trace_small);
    uint64_t tick[1] = {addr_tick}, tock[1] = {addr_tock};
    replay_set_breakpoints(r, tick, 1);
    check(run_to_hit(r, 3), "reaches the 3rd tick");
    /* to the boundary with the tick breakpoint still armed: it is in memory at the save */
    struct replay_savepoint *sp = save_at_next_boundary(r, NULL);
    char err[512];
    struct replay_stop st;
    REQUIRE(sp != NULL, "save point made with a breakpoint armed", r);
    check(raw_byte(replay_pid(r), addr_tick) == 0xcc, "the live process still has its int3");
    check(raw_byte(replay_savepoint_pid(sp), addr_tick) != 0xcc,
          "the save point's memory holds no breakpoint byte");
    replay_set_breakpoints(r, tock, 1);
    struct run a, b;
    run_to_end(r, &a);
    check(replay_restore(r, sp, err, sizeof err) == 0, "restore");
    pid_t pid = replay_pid(r);
    check(raw_byte(pid, addr_tick) != 0xcc && raw_byte(pid, addr_tock) == 0xcc,
          "breakpoints: removed after the save, not in memory; set after it, armed");
    uint8_t seen;
    check(replay_read_mem(r, addr_tock, &seen, 1) == 0 && seen != 0xcc &&
              (int)seen == raw_byte(replay_savepoint_pid(sp), addr_tock),
          "memory reads hide the breakpoint");
    replay_resume(r, RUN_CONTINUE, &st);
    struct user_regs_struct regs;
    replay_get_regs(r, &regs);
    check(st.reason == RSTOP_BREAKPOINT && st.breakpoint == addr_tock && regs.rdi == 2,
          "the first stop after restore is tock(2)");
    run_to_end(r, &b);
    check(a.hits == 48 && b.hits == 47 && a.wait_status == b.wait_status,
          "every tock is hit after the restore");
    replay_set_breakpoints(r, NULL, 0);
    check(replay_restore(r, sp, err, sizeof err) == 0 && raw_byte(replay_pid(r), addr_tock) != 0xcc,
          "no breakpoints: none in memory after restore");
    replay_close(r);
}

/* The instruction before each `syscall` in the replayed process's libc (breakpoints go there,
 * not on the syscall: the engine injects its syscalls through the one at rip - 2, which must not
 * hold an int3). Returns how many (into sites). */
static int libc_sites(struct replay *r, uint64_t *sites, int max)
{
    struct map_entry *maps;
    int count = maps_read(replay_pid(r), &maps), n = 0;
    char cmd[PATH_MAX + 128] = "", line[512], insn[64];
    uint64_t base = 0;
    for (int i = 0; i < count && !base; i++) {
        const char *name = replay_module_name(r, maps[i].name);
        if (name && strstr(name, "libc.so") && maps[i].offset == 0 && (base = maps[i].start))
            snprintf(cmd, sizeof cmd, "objdump -d --no-show-raw-insn %s", name);
    }
    if (count > 0)
        free(maps);
    FILE *f = base ? popen(cmd, "r") : NULL;
    unsigned long long off, prev = 0;
    while (f && fgets(line, sizeof line, f) && n < max)
        if (sscanf(line, " %llx: %63s", &off, insn) == 2) {
            if (!strcmp(insn, "syscall") && prev)
                sites[n++] = base + prev;
            prev = off;
        }
    if (f)
        pclose(f);
    return n;
}

/*
 * A scenario program, with save points at every boundary a libc `syscall` instruction leads to
 * (breakpoints on the instruction before each, then steps to the syscall's stop), each restored
 * and run to the end against a straight replay: signals, faults, execs, exits.
 */
static void sweep(const char *kind, const char *scenario)
{
    char dir[PATH_MAX + 64], what[256], bin[PATH_MAX], outfile[PATH_MAX + 80];
    snprintf(bin, sizeof bin, "../build/%s/%s", kind, scenario);
    snprintf(dir, sizeof dir, "%s/sc-%s", tmp, scenario);
    snprintf(outfile, sizeof outfile, "%s.out", dir);
    char *argv[] = {bin, NULL};
    if (access(bin, X_OK) != 0 || replay_test_record(dir, argv, outfile) < 0) {
        check(0, scenario);
        return;
    }
    /* a straight replay; at main (a PIE is at 0x555555554000: no ASLR), where libc is */
    uint64_t main_bp[1] = {nm_addr(bin, "main")};
    if (main_bp[0] < 0x400000)
        main_bp[0] += 0x555555554000ull;
    struct replay *r = open_session(dir);
    replay_set_breakpoints(r, main_bp, 1);
    static uint64_t bps[1000];
    int nbps = run_to_hit(r, 1) ? libc_sites(r, bps, 1000) : 0;
    replay_set_breakpoints(r, bps, nbps); /* (its hits: how many boundaries there are) */
    struct run straight, after;
    run_to_end(r, &straight);
    /* every boundary when there are at most MAXSP; else SPREAD of them, evenly over the run (a
     * restore replays the rest: thousands of boundaries would take most of an hour) */
    enum { MAXSP = 400, SPREAD = 120 };
    int stride = straight.hits <= MAXSP ? 1 : (straight.hits + SPREAD - 1) / SPREAD;
    char *want = xmalloc(out.len + 1), err[512];
    size_t want_len = out.len;
    memcpy(want, out.data, out.len);
    replay_close(r);
    r = open_session(dir);
    replay_set_breakpoints(r, main_bp, 1);
    check(nbps > 100 && run_to_hit(r, 1), "sweep: at main, libc found");
    replay_set_breakpoints(r, bps, nbps);
    static struct replay_savepoint *sp[MAXSP];
    static size_t mark[MAXSP];
    int nsp = 0, boundary = 0;
    double save_ms = 0;
    struct replay_stop st;
    do {
        replay_resume(r, RUN_CONTINUE, &st);
        if (st.reason == RSTOP_BREAKPOINT) {
            for (int i = 0; i < 2 && st.reason != RSTOP_END; i++)
                replay_resume(r, RUN_STEP_INSN, &st);
            double t0 = now_ms();
            if (st.reason == RSTOP_STEP && nsp < MAXSP && boundary++ % stride == 0 &&
                (sp[nsp] = replay_save(r, err, sizeof err))) {
                save_ms += now_ms() - t0;
                mark[nsp++] = out.len;
            }
        }
    } while (st.reason != RSTOP_END && st.reason != RSTOP_ERROR);
    replay_set_breakpoints(r, NULL, 0);
    int good = 0;
    for (int k = nsp - 1; k >= 0; k--) {
        out.len = 0;
        if (replay_restore(r, sp[k], err, sizeof err) == 0) {
            run_to_end(r, &after);
            good += same_end(&after, &straight) && output_is(0, want + mark[k], want_len - mark[k]);
        }
        replay_savepoint_free(r, sp[k]);
    }
    snprintf(what, sizeof what, "sweep %s: %d of %d save points (1 in %d boundaries) replay the "
             "rest as a straight replay", scenario, good, nsp, stride);
    printf("    %s (ending at event %lu; a save point took %.2f ms on average)\n", what,
           (unsigned long)straight.event, nsp ? save_ms / nsp : 0.0);
    check(nsp >= 3 && good == nsp, what);
    replay_close(r);
    free(want);
}

/*
 * Save points at breakpoint arrivals (replay_save_at_hit: mid-event, where the Timeline's searches
 * save) of a multithreaded program: breakpoints before libc's syscall instructions, a save point
 * at arrivals spread over the run; each restored, run to the end with the same breakpoints: the
 * same hits, output and end as the run that made it.
 */
static void sweep_hits(const char *program)
{
    char dir[PATH_MAX + 64], what[256], bin[PATH_MAX], outfile[PATH_MAX + 80];
    snprintf(bin, sizeof bin, "../build/fidelity/%s", program);
    snprintf(dir, sizeof dir, "%s/hits-%s", tmp, program);
    snprintf(outfile, sizeof outfile, "%s.out", dir);
    char *argv[] = {bin, NULL};
    if (replay_test_record(dir, argv, outfile) < 0) {
        check(0, program);
        return;
    }
    uint64_t main_bp[1] = {nm_addr(bin, "main")};
    if (main_bp[0] < 0x400000)
        main_bp[0] += 0x555555554000ull;
    struct replay *r = open_session(dir);
    replay_set_breakpoints(r, main_bp, 1);
    static uint64_t bps[1000];
    int nbps = run_to_hit(r, 1) ? libc_sites(r, bps, 1000) : 0;
    replay_set_breakpoints(r, bps, nbps);
    struct run straight, after;
    run_to_end(r, &straight);
    char *want = xmalloc(out.len + 1);
    size_t want_len = out.len;
    memcpy(want, out.data, out.len);
    replay_close(r);
    enum { NHIT = 12 };
    struct replay_savepoint *sp[NHIT];
    size_t mark[NHIT];
    int hitno[NHIT];
    int made = 0, every = straight.hits / NHIT > 1 ? straight.hits / NHIT : 1, good = 0;
    r = open_session(dir);
    replay_set_breakpoints(r, main_bp, 1);
    check(run_to_hit(r, 1), "at main");
    replay_set_breakpoints(r, bps, nbps);
    char err[512];
    for (int hit = 1, target = every; made < NHIT && run_to_hit(r, 1); hit++) {
        if (hit != target)
            continue;
        target += every;
        struct replay_savepoint *p = NULL;
        if (replay_save_at_hit(r, &p, err, sizeof err) < 0)
            continue;
        if (p) {
            mark[made] = out.len;
            hitno[made] = hit;
            sp[made++] = p;
        }
        hit--; /* (it stands before that arrival: the next run reports it again) */
    }
    for (int k = made - 1; k >= 0; k--) {
        out.len = 0;
        replay_set_breakpoints(r, bps, nbps); /* (takes the save point's counts over) */
        if (replay_restore(r, sp[k], err, sizeof err) == 0) {
            replay_set_breakpoints(r, bps, nbps);
            run_to_end(r, &after);
            /* the rest of the hits is the straight run's tail */
            bool same = same_end(&after, &straight) && after.hits == straight.hits - hitno[k] + 1 &&
                        output_is(0, want + mark[k], want_len - mark[k]);
            if (!same)
                fprintf(stderr, "  %s: save point at hit %d: end %d/%d event %lu/%lu, %d hits "
                        "after (want %d), output %zu bytes (want %zu)\n", program, hitno[k],
                        after.last, straight.last, (unsigned long)after.event,
                        (unsigned long)straight.event, after.hits, straight.hits - hitno[k] + 1,
                        out.len, want_len - mark[k]);
            good += same;
        }
        replay_savepoint_free(r, sp[k]);
    }
    snprintf(what, sizeof what, "%s: %d of %d save points at breakpoint arrivals replay the rest "
             "as the run that made them", program, good, made);
    printf("    %s\n", what);
    check(made >= NHIT / 2 && good == made, what);
    replay_close(r);
    free(want);
}

/* Whether the sweep of name runs: all of them, or only those named on the command line (then
 * nothing else runs). */
static int main_argc;
static char **main_argv;
static bool wanted(const char *name)
{
    for (int i = 1; i < main_argc; i++)
        if (!strcmp(main_argv[i], name))
            return true;
    return main_argc <= 1;
}

int main(int argc, char **argv)
{
    main_argc = argc;
    main_argv = argv;
    replay_test_husk();
    const char *tmpdir = getenv("TMPDIR");
    snprintf(tmp, sizeof tmp, "%s/rewind-test-savepoint-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(tmp))
        fatal("mkdtemp: %s", strerror(errno));
    char src[PATH_MAX + 16], cmd[3 * PATH_MAX], outfile[PATH_MAX + 16];
    if (argc > 1)
        goto sweeps; /* (only the named sweeps) */
    snprintf(src, sizeof src, "%s/prog.c", tmp);
    snprintf(prog, sizeof prog, "%s/prog", tmp);
    FILE *f = fopen(src, "w");
    snprintf(cmd, sizeof cmd, "gcc -g -O0 -no-pie -o %s %s", prog, src);
    if (!f || fputs(PROGRAM, f) < 0 || fclose(f) != 0 || system(cmd) != 0)
        fatal("cannot build the test program");
    addr_tick = nm_addr(prog, "tick"), addr_tock = nm_addr(prog, "tock");
    addr_counter = nm_addr(prog, "counter");
    check(addr_tick && addr_tock && addr_counter, "symbols found");

    snprintf(trace_small, sizeof trace_small, "%s/small", tmp);
    snprintf(trace_big, sizeof trace_big, "%s/big", tmp);
    snprintf(outfile, sizeof outfile, "%s/small.out", tmp);
    char *argv_small[] = {prog, "50", NULL}, *argv_big[] = {prog, "20", "200", NULL};
    FILE *o = replay_test_record(trace_small, argv_small, outfile) == 0 ? fopen(outfile, "rb") : NULL;
    expected_len = o ? fread(expected = xmalloc(1 << 20), 1, 1 << 20, o) : 0;
    snprintf(outfile, sizeof outfile, "%s/big.out", tmp);
    if (!o || fclose(o) != 0 || expected_len < 500 || replay_test_record(trace_big, argv_big, outfile) < 0)
        fatal("cannot record the test program");

    printf("-- trace reader seek\n");
    test_reader_seek();
    printf("-- save in the middle, restore twice\n");
    test_middle(trace_small, 10, 40, "small program");
    printf("-- save points at the entry and at several events\n");
    test_many();
    printf("-- breakpoints changed after the save point\n");
    test_breakpoints_after();
    printf("-- 200 MB heap\n");
    test_middle(trace_big, 5, 15, "200 MB heap");
sweeps:
    printf("-- scenarios: save points at every syscall boundary\n");
    const char *scenarios[] = {"sigalrm_timer", "sa_restart", "raise_kill", "sigsegv_handler",
                               "signalfd", "crash_segv", "rdtsc", "memfd", "heavy_malloc", "fork_wait",
                               "demo", "execve", "shared_file_resize", "signal_spin",
                               "thread_create", "thread_exec", "thread_order_race"};
    for (size_t i = 0; i < sizeof scenarios / sizeof *scenarios; i++)
        if (wanted(scenarios[i]))
            sweep("scenarios", scenarios[i]);
    /* multithreaded: save points copy every thread in its place (thread_fork) */
    const char *threads[] = {"thr_barrier", "thr_tls", "thr_spin_handoff", "thr_mutex_condvar",
                             "thr_exit_join", "thr_atomics", "thr_signals", "thr_race",
                             "thr_pipe_full"};
    for (size_t i = 0; i < sizeof threads / sizeof *threads; i++)
        if (wanted(threads[i]))
            sweep("fidelity", threads[i]);
    printf("-- multithreaded: save points at breakpoint arrivals\n");
    const char *at_hits[] = {"thr_race", "thr_signals", "thr_mutex_condvar"};
    for (size_t i = 0; i < sizeof at_hits / sizeof *at_hits; i++)
        if (wanted(at_hits[i]))
            sweep_hits(at_hits[i]);

    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", tmp);
    return check_summary();
}
