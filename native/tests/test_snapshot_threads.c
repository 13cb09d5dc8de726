/*
 * test_snapshot_threads.c: snapshots of multithreaded replays (snapshot_threads.c, snapshot format
 * version 4: every thread's state and its place in the schedule). For each multithreaded program
 * (the thr_* fidelity programs, the thread scenarios), one replay takes snapshots at boundaries
 * spread over the whole run, as `rewind index` does (the first ones plain, the later ones with
 * write tracking, each based on the one before: the body then names untouched pages, which only
 * the page store completes, so those are only checked to be made); each plain snapshot is opened
 * in a fresh process and must replay the rest exactly as the straight replay did: the same output
 * from there and the same end. Also: a snapshot restored into a live multithreaded session
 * (replay_restore_snapshot) replaces every thread of it, twice in a row.
 * Run from native/tests (the husk is looked up next to this binary: a link to ../rewind-husk).
 */
#include "check.h"
#include "replay.h"
#include "replay_harness.h"
#include "snapshot.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
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

#define MAXSNAP 24

struct taken {
    int n;
    uint64_t event[MAXSNAP];
    size_t mark[MAXSNAP];     /* the output before it */
    struct buf body[MAXSNAP];
};

/* How many threads process pid has (its /proc/PID/task entries). */
static int task_count(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task", pid);
    DIR *d = opendir(path);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

/* One replay of dir, with a snapshot at the first boundary at or after each of MAXSNAP events
 * spread over [1, end); plain ones, and tracked ones (each on the one before) every third. */
static void take(const char *dir, uint64_t end, struct taken *tk, int *multithreaded)
{
    struct replay_stop st;
    struct replay *r = replay_open(dir, on_output, NULL, &st);
    out.len = 0;
    memset(tk, 0, sizeof *tk);
    uint64_t step = end / MAXSNAP ? end / MAXSNAP : 1, base = 0;
    int made = 0;
    for (uint64_t k = 1; r && k < end && tk->n < MAXSNAP; k += step) {
        replay_run_to_event(r, k, &st);
        if (st.reason != RSTOP_EVENT)
            break;
        for (int tries = 0; tries < 50; tries++) { /* to a boundary where one can be taken */
            char err[512];
            bool tracked = made % 3 == 2, based;
            struct snapshot_request req = {.track = tracked, .has_base = tracked && base,
                                           .base_event = base};
            struct buf body = {0};
            size_t mark = out.len;
            if (snapshot_encode(r, &req, &body, &based, err, sizeof err) == 0) {
                made++;
                *multithreaded |= task_count(replay_pid(r)) > 1;
                if (tracked) {
                    base = st.event; /* (checked made: the page store completes it) */
                    buf_free(&body);
                } else {
                    tk->event[tk->n] = st.event;
                    tk->mark[tk->n] = mark;
                    tk->body[tk->n++] = body;
                }
                break;
            }
            buf_free(&body);
            check(!strncmp(err, "no snapshot here", 16), err);
            replay_run_to_event(r, st.event + 1, &st);
            if (st.reason != RSTOP_EVENT)
                break;
        }
        if (k < st.event)
            k = st.event;
    }
    replay_close(r);
}

static bool same_rest(const struct replay_stop *st, const struct replay_stop *straight,
                      const struct buf *want, size_t mark)
{
    return st->reason == straight->reason && st->wait_status == straight->wait_status &&
           st->event == straight->event && out.len == want->len - mark &&
           !memcmp(out.data, want->data + mark, out.len);
}

/* Two snapshots restored one after the other into a live session of dir that stands in the
 * middle: each replaces every thread, and the rest replays as the straight replay did. */
static void restore_into_live(const char *dir, const struct taken *tk,
                              const struct replay_stop *straight, const struct buf *want,
                              const char *name)
{
    struct replay_stop st;
    struct replay *r = replay_open(dir, on_output, NULL, &st);
    replay_run_to_event(r, tk->event[tk->n - 1], &st);
    bool ok = st.reason == RSTOP_EVENT;
    for (int i = tk->n / 2; ok && i >= tk->n / 2 - 1 && i >= 0; i--) {
        pid_t before = replay_pid(r);
        ok = replay_restore_snapshot(r, tk->body[i].data, tk->body[i].len, &st) == 0 &&
             st.event == tk->event[i] && replay_pid(r) != before && kill(before, 0) < 0;
        out.len = 0;
        replay_test_run_to_end(r, &st);
        ok = ok && same_rest(&st, straight, want, tk->mark[i]);
    }
    replay_close(r);
    char what[256];
    snprintf(what, sizeof what, "%s: snapshots restored into a live session replace every thread "
                                "and replay the rest", name);
    check(ok, what);
}

static void sweep(const char *tmp, const char *name)
{
    char dir[PATH_MAX + 64], what[256];
    struct replay_stop st, straight;
    struct buf want = {0};
    if (replay_test_scenario_straight(tmp, name, dir, sizeof dir, &want, &straight) < 0) {
        check(0, straight.message);
        return;
    }
    static struct taken tk;
    int multithreaded = 0, good = 0;
    take(dir, straight.event, &tk, &multithreaded);
    for (int i = 0; i < tk.n; i++) {
        out.len = 0;
        struct replay *s = replay_open_snapshot(dir, tk.body[i].data, tk.body[i].len, on_output,
                                                NULL, &st);
        if (!s) {
            fprintf(stderr, "  %s: snapshot at event %lu: %s\n", name,
                    (unsigned long)tk.event[i], st.message);
            continue;
        }
        replay_test_run_to_end(s, &st);
        bool same = same_rest(&st, &straight, &want, tk.mark[i]);
        if (!same)
            fprintf(stderr, "  %s: snapshot at event %lu ends differently (%s)\n", name,
                    (unsigned long)tk.event[i], st.message);
        good += same;
        replay_close(s);
    }
    snprintf(what, sizeof what, "%s: %d of %d snapshots replay the rest as a straight replay",
             name, good, tk.n);
    printf("    %s (ending at event %lu)\n", what, (unsigned long)straight.event);
    check(tk.n >= 3 && good == tk.n, what);
    snprintf(what, sizeof what, "%s: snapshots were taken while several threads ran", name);
    check(multithreaded, what);
    if (tk.n >= 2)
        restore_into_live(dir, &tk, &straight, &want, name);
    for (int i = 0; i < tk.n; i++)
        buf_free(&tk.body[i]);
    buf_free(&want);
}

int main(int argc, char **argv)
{
    replay_test_husk();
    const char *tmpdir = getenv("TMPDIR");
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s/rewind-test-snapshot-threads-XXXXXX",
             tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(tmp))
        fatal("mkdtemp: %s", strerror(errno));
    printf("-- multithreaded programs: snapshots over the run, each replayed to the end\n");
    const char *programs[] = {"scenarios/thread_create", "scenarios/thread_order_race",
                              "fidelity/thr_barrier", "fidelity/thr_tls",
                              "fidelity/thr_spin_handoff", "fidelity/thr_mutex_condvar",
                              "fidelity/thr_exit_join", "fidelity/thr_atomics",
                              "fidelity/thr_signals", "fidelity/thr_race",
                              "fidelity/thr_pipe_full"};
    for (size_t i = 0; i < sizeof programs / sizeof *programs; i++) {
        bool wanted = argc <= 1;
        for (int a = 1; a < argc; a++)
            wanted |= strstr(programs[i], argv[a]) != NULL;
        if (wanted)
            sweep(tmp, programs[i]);
    }
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", tmp);
    return check_summary();
}
