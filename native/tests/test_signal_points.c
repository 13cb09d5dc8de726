/*
 * test_signal_points.c: replays that reach a signal point (an asynchronous signal recorded in user
 * code, signal_point.h) from a save point or a snapshot made at any event boundary before it, and
 * after the user single-stepped through a syscall: the same output and end as a straight replay;
 * single steps over pushf and syscall leave the flags they save as the program had them.
 * Also: programs whose loops repeat their registers at every pass, and profilers' samples that
 * fall in frames of different depths, recorded and replayed again and again (where a signal lands
 * differs between recordings).
 * Run from native/tests (the husk is looked up next to this binary: a link to ../rewind-husk).
 */
#include "check.h"
#include "replay.h"
#include "replay_harness.h"
#include "signal_point.h"
#include "snapshot.h"
#include "trace_reader.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct buf out; /* the replay's output, appended */

static void on_output(void *ctx, int stream, const uint8_t *bytes, size_t n)
{
    (void)ctx;
    (void)stream;
    buf_put(&out, bytes, n);
}

static bool rest_is(size_t from, const struct buf *want, size_t want_from)
{
    return out.len - from == want->len - want_from &&
           !memcmp(out.data + from, want->data + want_from, want->len - want_from);
}

static struct replay *open_session(const char *dir)
{
    struct replay_stop st;
    struct replay *r = replay_open(dir, on_output, NULL, &st);
    if (!r || st.reason != RSTOP_ENTRY)
        fatal("replay_open %s: %s", dir, st.message);
    return r;
}

/* Resumes r to the end of the recording (past the program's exit). */
static void finish(struct replay *r, struct replay_stop *st)
{
    replay_test_run_to_end(r, st);
    if (st->reason == RSTOP_EXITED)
        replay_test_run_to_end(r, st);
}

/* Save points at every event boundary (run to event k, RUN_TO_EVENT), each restored and replayed
 * to the end: how many of made replay the rest as the straight replay did. */
static int from_savepoints(const char *dir, const struct buf *want, uint64_t end, int *made)
{
    enum { MAXSP = 200 };
    static struct replay_savepoint *sp[MAXSP];
    static size_t mark[MAXSP];
    out.len = 0;
    struct replay *r = open_session(dir);
    struct replay_stop st;
    char err[512];
    *made = 0;
    for (uint64_t k = 1; k < end && *made < MAXSP; k++) {
        replay_run_to_event(r, k, &st);
        if (st.reason != RSTOP_EVENT)
            break;
        if ((sp[*made] = replay_save(r, err, sizeof err)))
            mark[(*made)++] = out.len;
    }
    int good = 0;
    for (int i = *made - 1; i >= 0; i--) {
        size_t from = out.len;
        if (replay_restore(r, sp[i], err, sizeof err) == 0) {
            finish(r, &st);
            bool ok = st.reason == RSTOP_END && st.event == end && rest_is(from, want, mark[i]);
            if (!ok)
                fprintf(stderr, "    from the save point at event %lu: %s\n",
                        (unsigned long)replay_savepoint_event(sp[i]), st.message);
            good += ok;
        }
        replay_savepoint_free(r, sp[i]);
    }
    replay_close(r);
    return good;
}

/* At every syscall the replay single-steps into (within a few hundred instructions of the
 * boundary before it), in a fresh session each time: the rest of the replay after the step. */
static int after_steps(const char *dir, const struct buf *want, uint64_t end, int *tried)
{
    int good = 0;
    *tried = 0;
    for (uint64_t k = 1; k < end; k++) {
        out.len = 0;
        struct replay *r = open_session(dir);
        struct replay_stop st;
        replay_run_to_event(r, k, &st);
        bool stepped = false;
        for (int i = 0; i < 500 && (st.reason == RSTOP_EVENT || st.reason == RSTOP_STEP); i++) {
            replay_resume(r, RUN_STEP_INSN, &st);
            if (st.reason == RSTOP_STEP && st.event > k) {
                stepped = true;
                break;
            }
        }
        if (stepped) {
            (*tried)++;
            size_t mark = out.len;
            finish(r, &st);
            bool ok = st.reason == RSTOP_END && st.event == end && rest_is(mark, want, mark);
            if (!ok)
                fprintf(stderr, "    after stepping into event %lu: %s\n", (unsigned long)k, st.message);
            good += ok;
        }
        replay_close(r);
    }
    return good;
}

/* Steps the instructions at the symbols pushf_here and syscall_here of scenario pushf_flags
 * (they save rflags where the program sees them): the output is the recording's. */
static void stepping_saves_no_trap_flag(const char *tmp)
{
    char dir[PATH_MAX + 64];
    struct buf want = {0};
    struct replay_stop st;
    out.len = 0;
    if (replay_test_scenario_straight(tmp, "pushf_flags", dir, sizeof dir, &want, &st) < 0) {
        check(0, st.message);
        return;
    }
    uint64_t at[2] = {0, 0};
    FILE *f = popen("nm ../build/scenarios/pushf_flags", "r");
    char line[256], name[128];
    unsigned long long a;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "%llx %*c %127s", &a, name) == 2)
            for (int i = 0; i < 2; i++)
                if (!strcmp(name, i ? "syscall_here" : "pushf_here"))
                    at[i] = a + 0x555555554000ull; /* a PIE, without ASLR */
    if (f)
        pclose(f);
    out.len = 0;
    struct replay *r = open_session(dir);
    replay_set_breakpoints(r, at, 2);
    bool stepped = true;
    for (int i = 0; i < 2; i++) {
        replay_resume(r, RUN_CONTINUE, &st);
        stepped &= st.reason == RSTOP_BREAKPOINT && st.pc == at[i];
        replay_resume(r, RUN_STEP_INSN, &st);
        stepped &= st.reason == RSTOP_STEP;
    }
    check(stepped, "pushf_flags: stopped at pushf and syscall, stepped each");
    finish(r, &st);
    check(st.reason == RSTOP_END && out.len == want.len && !memcmp(out.data, want.data, want.len),
          "pushf_flags: the output after the steps is the recording's (no trap flag in the flags)");
    replay_close(r);
    buf_free(&want);
}

/* A snapshot at every event boundary, opened in a fresh session and replayed to the end. */
static int from_snapshots(const char *dir, const struct buf *want, uint64_t end, int *taken)
{
    int good = 0;
    *taken = 0;
    for (uint64_t k = 1; k < end; k++) {
        out.len = 0;
        struct replay *r = open_session(dir);
        struct replay_stop st;
        replay_run_to_event(r, k, &st);
        struct buf body = {0};
        struct snapshot_request full = {0};
        bool based;
        char err[512];
        size_t mark = out.len;
        bool ok = st.reason == RSTOP_EVENT && snapshot_encode(r, &full, &body, &based, err, sizeof err) == 0;
        replay_close(r);
        if (ok) {
            (*taken)++;
            out.len = 0;
            struct replay *s = replay_open_snapshot(dir, body.data, body.len, on_output, NULL, &st);
            if (s) {
                finish(s, &st);
                bool same = st.reason == RSTOP_END && st.event == end && rest_is(0, want, mark);
                if (!same)
                    fprintf(stderr, "    from the snapshot at event %lu: %s\n", (unsigned long)k,
                            st.message);
                good += same;
                replay_close(s);
            }
        }
        buf_free(&body);
    }
    return good;
}

static void scenario(const char *tmp, const char *name)
{
    char dir[PATH_MAX + 64], what[256];
    struct buf want = {0};
    struct replay_stop straight;
    out.len = 0;
    snprintf(dir, sizeof dir, "rm -rf %s/sc-%s", tmp, name);
    if (system(dir) != 0)
        fatal("cannot remove the last recording of %s", name);
    if (replay_test_scenario_straight(tmp, name, dir, sizeof dir, &want, &straight) < 0 ||
        (straight.reason != RSTOP_END && straight.reason != RSTOP_EXITED)) {
        check(0, straight.message);
        return;
    }
    uint64_t end = straight.event;
    if (straight.reason == RSTOP_EXITED) { /* the end is one resume later */
        struct replay *r = open_session(dir);
        struct replay_stop st;
        finish(r, &st);
        end = st.event;
        replay_close(r);
    }
    int made, good = after_steps(dir, &want, end, &made);
    snprintf(what, sizeof what, "%s: %d of %d replays stepped into a syscall replay the rest",
             name, good, made);
    printf("    %s\n", what);
    check(made > 5 && good == made, what);
    good = from_savepoints(dir, &want, end, &made);
    snprintf(what, sizeof what, "%s: %d of %d save points replay the rest as a straight replay",
             name, good, made);
    printf("    %s\n", what);
    check(made > 5 && good == made, what);
    good = from_snapshots(dir, &want, end, &made);
    snprintf(what, sizeof what, "%s: %d of %d snapshots replay the rest", name, good, made);
    printf("    %s\n", what);
    check(made > 5 && good == made, what);
    buf_free(&want);
}

/* The signal points of dir whose pc is the one the replay stands at at the event's boundary (the
 * signal came on the way back from the syscall before it): their event indices and pcs, up to max. */
static int boundary_points(const char *dir, uint64_t *events, uint64_t *pcs, int max)
{
    struct trace_reader tr;
    struct trace_event ev;
    uint64_t found[64], found_pc[64];
    int n = 0, got = 0;
    if (trace_reader_open(&tr, dir) < 0)
        return 0;
    while (n < 64 && trace_reader_next(&tr, &ev) > 0)
        if (ev.kind == EV_SIGNAL && ev.sig.place == SIGP_IN_CODE) {
            found[n] = ev.index;
            found_pc[n++] = ev.sig.regs[SIGNAL_POINT_RIP];
        }
    trace_reader_close(&tr);
    struct replay *r = open_session(dir);
    for (int i = 0; i < n && got < max; i++) {
        struct replay_stop st;
        struct user_regs_struct regs;
        replay_run_to_event(r, found[i], &st);
        if (st.reason != RSTOP_EVENT || !replay_get_regs(r, &regs))
            break;
        if (regs.rip == found_pc[i]) {
            events[got] = found[i];
            pcs[got++] = found_pc[i];
        }
    }
    replay_close(r);
    return got;
}

/*
 * A signal point at the event boundary itself (the pc and state the replay stands at after the
 * syscall before it) is taken there, before any instruction runs, whichever way the replay looks
 * for it: through the stub, or one arrival at a time when a breakpoint sits at the point (then
 * the replay must not step over the arrival it already stands at), or on the syscall instruction
 * before it (stepped over, left out until the next resume), from the start and from a save point
 * at the boundary. Recordings of sig_chld_burst, until one holds such a point.
 */
static void points_at_the_boundary(const char *tmp)
{
    char bin[PATH_MAX], dir[PATH_MAX + 64], outfile[PATH_MAX + 80], what[256];
    snprintf(bin, sizeof bin, "../build/fidelity/sig_chld_burst");
    uint64_t events[8], pcs[8];
    int n = 0;
    struct buf want = {0};
    for (int i = 0; i < 12 && !n; i++) {
        snprintf(dir, sizeof dir, "%s/boundary-%d", tmp, i);
        snprintf(outfile, sizeof outfile, "%s.out", dir);
        char *argv[] = {bin, NULL};
        struct replay_stop st;
        want.len = 0;
        if (replay_test_record(dir, argv, outfile) == 0 && replay_test_straight(dir, &want, &st) == 0)
            n = boundary_points(dir, events, pcs, 8);
    }
    snprintf(what, sizeof what, "a recording of sig_chld_burst with %d signal points at a boundary", n);
    printf("    %s\n", what);
    check(n > 0, what);
    int good = 0, tried = 0;
    for (int i = 0; i < n; i++)
        for (int way = 0; way < 5; way++) {
            /* 0: no breakpoint; 1: at the point; 2: on the syscall before it; 3: a save point;
             * 4: a data breakpoint (never hit: on the code), which rules the stub out */
            out.len = 0;
            struct replay *r = open_session(dir);
            struct replay_stop st;
            uint64_t at = way == 2 ? pcs[i] - 2 : pcs[i];
            if (way == 1 || way == 2)
                replay_set_breakpoints(r, &at, 1);
            size_t from = 0, mark = 0;
            char err[512];
            uint32_t len = 8;
            if (way == 4 && replay_set_watches(r, &at, &len, 1, err, sizeof err) < 0)
                fprintf(stderr, "    cannot watch the code: %s\n", err);
            if (way == 3) { /* the rest after the save point, as the first run printed it */
                replay_run_to_event(r, events[i], &st);
                mark = out.len;
                struct replay_savepoint *sp = replay_save(r, err, sizeof err);
                finish(r, &st);
                from = out.len;
                if (!sp || replay_restore(r, sp, err, sizeof err) < 0)
                    from = (size_t)-1;
            }
            finish(r, &st);
            bool ok = from != (size_t)-1 && st.reason == RSTOP_END &&
                      (way == 3 ? out.len - from == from - mark &&
                                      !memcmp(out.data + from, out.data + mark, from - mark)
                                : rest_is(0, &want, 0));
            if (!ok)
                fprintf(stderr, "    point of event %lu, way %d: %s\n", (unsigned long)events[i], way,
                        st.message);
            good += ok;
            tried++;
            replay_close(r);
        }
    snprintf(what, sizeof what, "%d of %d replays take the points at the boundary", good, tried);
    printf("    %s\n", what);
    check(good == tried, what);
    buf_free(&want);
}

/* Records the fidelity program NAME times times, each replayed straight: its output as recorded. */
static void recorded_again(const char *tmp, const char *name, int times)
{
    char bin[PATH_MAX], dir[PATH_MAX + 64], outfile[PATH_MAX + 80], what[256];
    snprintf(bin, sizeof bin, "../build/fidelity/%s", name);
    int good = 0;
    for (int i = 0; i < times; i++) {
        snprintf(dir, sizeof dir, "%s/again-%s-%d", tmp, name, i);
        snprintf(outfile, sizeof outfile, "%s.out", dir);
        char *argv[] = {bin, NULL};
        struct buf replayed = {0};
        struct replay_stop st;
        size_t n = 0;
        char *recorded = NULL;
        FILE *f = replay_test_record(dir, argv, outfile) == 0 ? fopen(outfile, "rb") : NULL;
        if (f) {
            recorded = xmalloc(1 << 16);
            n = fread(recorded, 1, 1 << 16, f);
            fclose(f);
        }
        bool same = f && replay_test_straight(dir, &replayed, &st) == 0 && replayed.len == n &&
                    !memcmp(replayed.data, recorded, n);
        if (!same)
            fprintf(stderr, "    %s, recording %d: %s\n", name, i, st.message);
        good += same;
        free(recorded);
        buf_free(&replayed);
    }
    snprintf(what, sizeof what, "%s: %d of %d recordings replay their output", name, good, times);
    printf("    %s\n", what);
    check(good == times, what);
}

/* What a divergence at a signal point says when the replay stood at its pc at the boundary with
 * another state: the registers that differ (never orig_rax or the trap flag) and the stack. */
static void difference_described(void)
{
    struct signal_point here, recorded;
    memset(&here, 0, sizeof here);
    memset(&recorded, 0, sizeof recorded);
    here.regs[11] = 0x401000;          /* rcx */
    here.regs[15] = 57;                /* orig_rax: not the program's */
    here.regs[18] = 0x346 | 0x100;     /* eflags with the trap flag */
    recorded.regs[18] = 0x346;
    char text[400];
    signal_point_describe_difference(&here, &recorded, text, sizeof text);
    check(!strcmp(text, "rcx 0x401000, recorded 0"), text);
    here.stack_hash = 1;
    here.stack_len = 320;
    signal_point_describe_difference(&here, &recorded, text, sizeof text);
    check(!strcmp(text, "rcx 0x401000, recorded 0; the stack window (320 bytes from rsp-128)"), text);
    here.regs[11] = 0;
    signal_point_describe_difference(&here, &recorded, text, sizeof text);
    check(!strcmp(text, "the stack window (320 bytes from rsp-128)"), text);
}

/* With the argument "again": only the recordings made again and again; "boundary": only the
 * points at a boundary. */
int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    bool only_again = argc > 1 && !strcmp(argv[1], "again");
    bool only_boundary = argc > 1 && !strcmp(argv[1], "boundary");
    replay_test_husk();
    const char *tmpdir = getenv("TMPDIR");
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s/rewind-test-sigpoints-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(tmp))
        fatal("mkdtemp: %s", strerror(errno));
    difference_described();
    if (only_boundary) {
        points_at_the_boundary(tmp);
        only_again = true; /* (and none of the rest) */
    } else if (!only_again) {
        printf("-- signal points reached from save points, snapshots and single steps\n");
        scenario(tmp, "signal_spin");
        printf("-- single steps leave no trap flag in the program's state\n");
        stepping_saves_no_trap_flag(tmp);
    }
    if (only_boundary)
        goto done;
    printf("-- signals in loops whose registers repeat, recorded and replayed again and again\n");
    recorded_again(tmp, "sig_same_registers_loop", 8);
    recorded_again(tmp, "sig_timer_create_compute", 8);
    printf("-- samples alternately in a caller and in a deeper leaf: the stub leaves no bytes behind\n");
    recorded_again(tmp, "sig_prof_depths", 6);
    recorded_again(tmp, "sig_prof_sampling", 6);
    printf("-- SIGCHLD on the way back from a syscall (often queued after its exit stop)\n");
    recorded_again(tmp, "sig_chld_burst", 8);
    printf("-- signal points at the event boundary itself, under breakpoints and from save points\n");
    points_at_the_boundary(tmp);
done:;
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", tmp);
    return check_summary();
}
