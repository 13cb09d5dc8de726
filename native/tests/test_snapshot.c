/*
 * test_snapshot.c: snapshots of replay sessions (snapshot.c) against straight replays. For each
 * scenario program (signals, faults, handlers, timers, heaps, forks, execs, the demo), a snapshot
 * is taken at every event boundary where one can be (syscall stops; every 4th in long ones), in a
 * fresh session each time;
 * a session opened from the snapshot, in a fresh process, must replay the rest exactly as the
 * straight replay did: the same output and the same exit status. Also: a damaged snapshot and a
 * newer-format one are refused with a message.
 * Run from native/tests (the husk is looked up next to this binary: a link to ../rewind-husk).
 */
#include "check.h"
#include "dirty.h"
#include "record.h"
#include "replay.h"
#include "replay_harness.h"
#include "snapshot_pages.h"
#include "snapshot.h"
#include "util.h"

#include <errno.h>
#include <glob.h>
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

/* A snapshot at event k of trace (in a fresh session), or false; the output until k stays in out. */
static bool snapshot_at(const char *trace, uint64_t k, struct buf *body)
{
    struct replay_stop st;
    struct replay *r = replay_open(trace, on_output, NULL, &st);
    if (!r)
        return false;
    replay_run_to_event(r, k, &st);
    char err[512];
    struct snapshot_request full = {0};
    bool based;
    err[0] = 0;
    bool ok = st.reason == RSTOP_EVENT && snapshot_encode(r, &full, body, &based, err, sizeof err) == 0;
    replay_close(r);
    /* where none can be taken the reason is that: nothing else (a shared mapping...) may refuse */
    char what[640];
    snprintf(what, sizeof what, "%s: a snapshot at event %lu (%s)", trace, (unsigned long)k, err);
    if (!ok && err[0] && strncmp(err, "no snapshot here", 16))
        check(0, what);
    return ok;
}

static void sweep(const char *tmp, const char *scenario)
{
    char dir[PATH_MAX + 64], what[256];
    struct replay_stop st, straight;
    struct buf want = {0};
    if (replay_test_scenario_straight(tmp, scenario, dir, sizeof dir, &want, &straight) < 0) {
        check(0, straight.message);
        return;
    }

    int taken = 0, good = 0;
    uint64_t stride = straight.event > 100 ? 4 : 1; /* long ones: every 4th boundary */
    for (uint64_t k = 1; k < straight.event; k += stride) {
        struct buf body = {0};
        out.len = 0;
        if (!snapshot_at(dir, k, &body)) {
            buf_free(&body);
            continue;
        }
        taken++;
        struct replay *s = replay_open_snapshot(dir, body.data, body.len, on_output, NULL, &st);
        if (s) {
            replay_test_run_to_end(s, &st);
            bool same = st.reason == straight.reason && st.wait_status == straight.wait_status &&
                        st.event == straight.event && out.len == want.len &&
                        !memcmp(out.data, want.data, want.len);
            good += same;
            if (!same)
                fprintf(stderr, "  %s: snapshot at event %lu ends differently (%s)\n", scenario,
                        (unsigned long)k, st.message);
            replay_close(s);
        } else {
            fprintf(stderr, "  %s: snapshot at event %lu: %s\n", scenario, (unsigned long)k,
                    st.message);
        }
        buf_free(&body);
    }
    snprintf(what, sizeof what, "%s: %d of %d snapshots replay the rest as a straight replay",
             scenario, good, taken);
    printf("    %s (ending at event %lu)\n", what, (unsigned long)straight.event);
    check(taken >= 3 && good == taken, what);
    buf_free(&want);
}

/* Reads a whole file into out; false if it cannot. */
static bool slurp(const char *path, struct buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    uint8_t chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_put(out, chunk, n);
    fclose(f);
    return true;
}

/*
 * Snapshots the recorder takes of the recorded process (every 5 events): each opened in a fresh
 * process replays the rest as a straight replay does (the output up to its event comes from a
 * straight replay run to that event). They are dumped from forks on another thread, or in the
 * recorded process itself when `in_place` (REWIND_DUMP_IN_PLACE).
 */
static void while_recording(const char *tmp, const char *scenario, bool in_place)
{
    char dir[PATH_MAX + 64], outfile[PATH_MAX + 80], bin[PATH_MAX], what[256];
    snprintf(bin, sizeof bin, "../build/scenarios/%s", scenario);
    snprintf(dir, sizeof dir, "%s/rec-%s%s", tmp, scenario, in_place ? "-in-place" : "");
    snprintf(outfile, sizeof outfile, "%s.out", dir);
    char *argv[] = {bin, NULL};
    struct record_result res;
    if (in_place)
        setenv("REWIND_DUMP_IN_PLACE", "1", 1);
    int recorded = replay_test_record_every(dir, argv, outfile, 5, &res);
    unsetenv("REWIND_DUMP_IN_PLACE");
    if (recorded < 0) {
        check(0, scenario);
        return;
    }
    snprintf(what, sizeof what, "%s: the recorder dumped its snapshots %s (%u forked, %u in place)",
             scenario, in_place ? "in place" : "from forks", res.snapshots_forked,
             res.snapshots_in_place);
    check(in_place ? res.snapshots_forked == 0 && res.snapshots_in_place > 0
                   : res.snapshots_forked > 0 && res.snapshots_in_place == 0,
          what);
    struct replay_stop st, straight;
    struct buf want = {0};
    if (replay_test_straight(dir, &want, &straight) < 0) {
        check(0, straight.message);
        return;
    }
    struct replay *r;
    int taken = 0, good = 0, based = 0;
    size_t reused = 0;
    struct pages prev = {0}; /* the pages of the body before */
    for (uint64_t k = 1; k < straight.event; k++) {
        char path[PATH_MAX + 128];
        struct buf raw = {0}, body = {0}, skeleton = {0};
        snprintf(path, sizeof path, "%s/snapshots/incoming/%lu.body", dir, (unsigned long)k);
        if (!slurp(path, &raw)) {
            /* an incremental body: EVENT-on-BASE.body, completed with the previous body's pages */
            snprintf(path, sizeof path, "%s/snapshots/incoming/%lu-on-*.body", dir, (unsigned long)k);
            glob_t g;
            bool found = glob(path, 0, NULL, &g) == 0 && g.gl_pathc == 1 && slurp(g.gl_pathv[0], &raw);
            if (glob(path, 0, NULL, &g) == 0)
                globfree(&g);
            if (!found)
                continue;
            based++;
        }
        struct pages pages = {0};
        size_t as_base = 0;
        if (!snapshot_complete(&raw, &prev, &body, &skeleton, &pages, &as_base))
            fprintf(stderr, "  %s: recorder's body at event %lu cannot be completed\n", scenario,
                    (unsigned long)k);
        reused += as_base;
        pages_free(&prev);
        prev = pages;
        buf_free(&raw);
        buf_free(&skeleton);
        taken++;
        out.len = 0; /* the output before k, from a straight replay */
        r = replay_open(dir, on_output, NULL, &st);
        do
            replay_run_to_event(r, k, &st); /* (through the faults on the way) */
        while (st.reason == RSTOP_SIGNAL);
        replay_close(r);
        struct replay *s = replay_open_snapshot(dir, body.data, body.len, on_output, NULL, &st);
        if (s) {
            replay_test_run_to_end(s, &st);
            bool same = st.reason == straight.reason && st.wait_status == straight.wait_status &&
                        out.len == want.len && !memcmp(out.data, want.data, want.len);
            good += same;
            if (!same)
                fprintf(stderr, "  %s: recorder's snapshot at event %lu ends differently (%d/%d, %d/%d, %zu/%zu: %s)\n",
                        scenario, (unsigned long)k, st.reason, straight.reason, st.wait_status,
                        straight.wait_status, out.len, want.len, st.message);
            replay_close(s);
        } else {
            fprintf(stderr, "  %s: recorder's snapshot at event %lu: %s\n", scenario,
                    (unsigned long)k, st.message);
        }
        buf_free(&body);
    }
    pages_free(&prev);
    snprintf(what, sizeof what,
             "%s: %d of %d snapshots taken while recording (%u forked, %u in place; %d incremental, "
             "%zu pages from the one before) replay the rest",
             scenario, good, taken, res.snapshots_forked, res.snapshots_in_place, based, reused);
    printf("    %s\n", what);
    check(taken >= 3 && good == taken, what);
    if (dirty_available())
        check(2 * based >= taken && reused > 0, "the recorder's snapshots are incremental");
    buf_free(&want);
}

/* The body at b with n bytes at `at` taken out and the version set to v. */
static void without(const struct buf *b, size_t at, size_t n, uint8_t v, struct buf *out)
{
    buf_put(out, b->data, at);
    buf_put(out, b->data + at + n, b->len - at - n);
    out->data[4] = v;
}

/* Version 4 and 3 bodies (the demo's version 5 snapshot with its empty System V segments section
 * taken out, then also its threads section of no thread: the two sections are the last 16 bytes
 * before the image's length) open and replay to the same end as the version 5 one. */
static void older_version(const char *dir, const struct buf *v5)
{
    size_t at = 0;
    for (size_t p = 64; p + 20 <= v5->len && !at; p++) {
        uint32_t w[5];
        memcpy(w, v5->data + p, sizeof w);
        if (w[0] == 4 && w[1] == 0 && w[2] == 4 && w[3] == 0 && w[4] == v5->len - p - 20)
            at = p;
    }
    check(at > 0 && v5->data[4] == 5,
          "the version 5 body has its (empty) segments and threads sections before the image");
    struct buf v4 = {0}, v3 = {0};
    without(v5, at, 8, 4, &v4);
    without(v5, at, 16, 3, &v3);
    const struct buf *bodies[3] = {v5, &v4, &v3};
    struct replay_stop st[3];
    size_t len[3];
    for (int i = 0; i < 3; i++) {
        out.len = 0;
        struct replay *r = replay_open_snapshot(dir, bodies[i]->data, bodies[i]->len, on_output,
                                                NULL, &st[i]);
        if (r)
            replay_test_run_to_end(r, &st[i]);
        else
            st[i].reason = RSTOP_ERROR;
        len[i] = out.len;
        replay_close(r);
    }
    for (int i = 1; i < 3; i++)
        check(st[0].reason != RSTOP_ERROR && st[i].reason == st[0].reason &&
                  st[i].event == st[0].event && len[i] == len[0] && len[0] > 0,
              i == 1 ? "a version 4 snapshot opens and replays to the end as the version 5 one"
                     : "a version 3 snapshot opens and replays to the end as the version 5 one");
    buf_free(&v4);
    buf_free(&v3);
}

/* A damaged body and a newer-format one are refused with a message. */
static void refusals(const char *tmp)
{
    char dir[PATH_MAX + 64];
    snprintf(dir, sizeof dir, "%s/sc-demo", tmp);
    struct buf body = {0};
    uint64_t k = 1;
    while (k < 200 && !snapshot_at(dir, k, &body))
        k++;
    check(body.len > 100, "a snapshot of the demo");
    struct replay_stop st;
    uint8_t version = body.data[4];
    body.data[4] = 99; /* version */
    struct replay *r = replay_open_snapshot(dir, body.data, body.len, on_output, NULL, &st);
    check(!r && strstr(st.message, "newer"), "a newer-format snapshot is refused");
    replay_close(r);
    body.data[4] = version;
    r = replay_open_snapshot(dir, body.data, body.len / 2, on_output, NULL, &st);
    check(!r && strstr(st.message, "damaged"), "a truncated snapshot is refused");
    replay_close(r);
    r = replay_open_snapshot(dir, body.data, body.len, on_output, NULL, &st);
    check(r != NULL, "the intact snapshot opens");
    replay_close(r);
    older_version(dir, &body);
    buf_free(&body);
}

int main(void)
{
    replay_test_husk();
    const char *tmpdir = getenv("TMPDIR");
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s/rewind-test-snapshot-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(tmp))
        fatal("mkdtemp: %s", strerror(errno));
    printf("-- scenarios: a snapshot at every boundary, each replayed to the end in a fresh process\n");
    const char *scenarios[] = {"demo", "sigalrm_timer", "sa_restart", "raise_kill", "sigsegv_handler",
                               "signalfd", "crash_segv", "rdtsc", "heavy_malloc", "fork_wait",
                               "memfd", "execve", "clocks", "pipe_child"};
    for (size_t i = 0; i < sizeof scenarios / sizeof *scenarios; i++)
        sweep(tmp, scenarios[i]);
    printf("-- snapshots taken while recording\n");
    const char *recorded[] = {"demo", "sigsegv_handler", "raise_kill", "heavy_malloc", "execve",
                              "sigalrm_timer", "memfd"};
    for (size_t i = 0; i < sizeof recorded / sizeof *recorded; i++)
        while_recording(tmp, recorded[i], false);
    while_recording(tmp, "heavy_malloc", true);
    printf("-- damaged and newer snapshots\n");
    refusals(tmp);
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", tmp);
    return check_summary();
}
