/*
 * test_snapshot_incremental.c: incremental snapshot bodies (dirty.c) against full ones. In one
 * session per scenario program, at every event boundary where a snapshot can be taken, a full
 * body and a tracked one (based on the previous boundary's) are taken of the same moment; the
 * tracked one, completed with the previous snapshot's pages as the page store would, must hold
 * exactly the same pages and everything else the same. Every few boundaries the completed body is
 * also opened in a fresh process and must replay the rest as a straight replay does.
 * Where the kernel cannot track written pages (dirty_available; REWIND_NO_WRITE_TRACKING makes it
 * so for one program), tracked bodies must be full ones.
 * Run from native/tests (the husk is looked up next to this binary: a link to ../rewind-husk).
 */
#include "check.h"
#include "dirty.h"
#include "image.h"
#include "replay.h"
#include "replay_harness.h"
#include "snapshot_pages.h"
#include "snapshot.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PAGE 4096u

static struct buf out; /* the replay's output, appended */

static void on_output(void *ctx, int stream, const uint8_t *bytes, size_t n)
{
    (void)ctx;
    (void)stream;
    buf_put(&out, bytes, n);
}

static void scenario(const char *tmp, const char *name)
{
    char dir[PATH_MAX + 64], what[256];
    struct replay_stop st, straight;
    struct buf want = {0};
    if (replay_test_scenario_straight(tmp, name, dir, sizeof dir, &want, &straight) < 0) {
        check(0, straight.message);
        return;
    }
    out.len = 0;
    struct replay *r = replay_open(dir, on_output, NULL, &st);
    struct pages prev = {0};
    bool have_prev = false;
    uint64_t prev_event = 0;
    int taken = 0, same = 0, based = 0, replayed = 0, replayed_same = 0;
    size_t held = 0, reused = 0;
    for (uint64_t k = 1; r && k < straight.event; k++) {
        replay_run_to_event(r, k, &st);
        if (st.reason != RSTOP_EVENT)
            break;
        struct buf full = {0}, tracked = {0};
        char err[512];
        bool full_based = false, tracked_based = false;
        struct snapshot_request plain = {0};
        struct snapshot_request track = {.track = true, .has_base = have_prev,
                                         .base_event = prev_event};
        if (snapshot_encode(r, &plain, &full, &full_based, err, sizeof err) < 0) {
            buf_free(&full);
            continue; /* not at a syscall stop */
        }
        bool ok = snapshot_encode(r, &track, &tracked, &tracked_based, err, sizeof err) == 0;
        taken++;
        based += tracked_based;
        struct buf rs = {0}, ts = {0}, fresolved = {0}, tresolved = {0};
        struct pages fp = {0}, tp = {0};
        size_t none = 0, as_base = 0;
        ok = ok && !full_based && snapshot_complete(&full, &prev, &fresolved, &rs, &fp, &none) &&
             none == 0 && snapshot_complete(&tracked, &prev, &tresolved, &ts, &tp, &as_base);
        ok = ok && rs.len == ts.len && !memcmp(rs.data, ts.data, rs.len) && fp.n == tp.n &&
             !memcmp(fp.addr, tp.addr, fp.n * sizeof *fp.addr) &&
             !memcmp(fp.bytes.data, tp.bytes.data, fp.bytes.len);
        if (!ok) {
            fprintf(stderr, "  %s: the tracked snapshot at event %lu differs from the full one\n",
                    name, (unsigned long)k);
            if (getenv("REWIND_TEST_DETAIL")) {
                fprintf(stderr, "    skeleton %zu/%zu %d, pages %zu/%zu, base %zu pages, %zu taken\n", rs.len, ts.len,
                        rs.len == ts.len && !memcmp(rs.data, ts.data, rs.len), fp.n, tp.n, prev.n, as_base);
                for (size_t i = 0; rs.len == ts.len && i < rs.len; i++)
                    if (rs.data[i] != ts.data[i])
                        fprintf(stderr, "    skeleton byte %zu: %02x/%02x\n", i, rs.data[i], ts.data[i]);
                for (size_t i = 0, j = 0; i < fp.n || j < tp.n;) {
                    uint64_t a = i < fp.n ? fp.addr[i] : UINT64_MAX;
                    uint64_t b = j < tp.n ? tp.addr[j] : UINT64_MAX;
                    if (a == b) {
                        if (memcmp(fp.bytes.data + i * PAGE, tp.bytes.data + j * PAGE, PAGE))
                            fprintf(stderr, "    %#lx differs\n", (unsigned long)a);
                        i++, j++;
                    } else if (a < b) {
                        fprintf(stderr, "    %#lx only in the full one\n", (unsigned long)a);
                        i++;
                    } else {
                        fprintf(stderr, "    %#lx only in the tracked one\n", (unsigned long)b);
                        j++;
                    }
                }
            }
        }
        same += ok;
        held += fp.n;
        reused += as_base;
        if (ok && taken % 5 == 1) { /* the completed body replays the rest as a straight replay */
            size_t before = out.len;
            struct buf kept = {0};
            buf_put(&kept, out.data, out.len);
            struct replay *s =
                replay_open_snapshot(dir, tresolved.data, tresolved.len, on_output, NULL, &st);
            replayed++;
            if (s) {
                replay_test_run_to_end(s, &st);
                replayed_same += st.reason == straight.reason &&
                                 st.wait_status == straight.wait_status && out.len == want.len &&
                                 !memcmp(out.data, want.data, want.len);
                replay_close(s);
            } else {
                fprintf(stderr, "  %s: completed snapshot at event %lu: %s\n", name,
                        (unsigned long)k, st.message);
            }
            out.len = 0; /* back to the session's own output so far */
            buf_put(&out, kept.data, before);
            buf_free(&kept);
        }
        pages_free(&prev);
        prev = fp;
        memset(&fp, 0, sizeof fp);
        have_prev = true;
        prev_event = k;
        pages_free(&tp);
        buf_free(&rs);
        buf_free(&ts);
        buf_free(&fresolved);
        buf_free(&tresolved);
        buf_free(&full);
        buf_free(&tracked);
    }
    /* A base the tracker does not stand on gives a full body. */
    if (r && have_prev) {
        struct buf body = {0};
        bool b = true;
        char err[512];
        struct snapshot_request wrong = {.track = true, .has_base = true,
                                         .base_event = prev_event + 1000};
        int rc = snapshot_encode(r, &wrong, &body, &b, err, sizeof err);
        check(rc != 0 || !b, "a snapshot asked against a base the tracker does not have is full");
        buf_free(&body);
    }
    replay_close(r);
    pages_free(&prev);
    snprintf(what, sizeof what,
             "%s: %d of %d tracked snapshots hold what full ones do (%d based, %zu of %zu pages "
             "from the base)",
             name, same, taken, based, reused, held);
    printf("    %s\n", what);
    check(taken >= 3 && same == taken, what);
    if (dirty_available())
        check(based >= taken - 1 && reused > 0, "pages are tracked between snapshots");
    else
        check(based == 0, "without write tracking, every snapshot is full");
    snprintf(what, sizeof what, "%s: %d of %d completed snapshots replay the rest", name,
             replayed_same, replayed);
    check(replayed >= 1 && replayed_same == replayed, what);
    buf_free(&want);
}

int main(void)
{
    replay_test_husk();
    const char *tmpdir = getenv("TMPDIR");
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s/rewind-test-incremental-XXXXXX",
             tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(tmp))
        fatal("mkdtemp: %s", strerror(errno));
    printf("-- write tracking: %s\n", dirty_available()
                                           ? "userfaultfd (asynchronous write protection) and PAGEMAP_SCAN"
                                           : "not available here: snapshots are read in full");
    const char *scenarios[] = {"demo", "heavy_malloc", "execve", "sigsegv_handler", "fork_wait",
                               "memfd", "sigalrm_timer", "rdtsc"};
    for (size_t i = 0; i < sizeof scenarios / sizeof *scenarios; i++)
        scenario(tmp, scenarios[i]);
    printf("-- as on a kernel without write tracking (REWIND_NO_WRITE_TRACKING)\n");
    setenv("REWIND_NO_WRITE_TRACKING", "1", 1);
    char untracked[PATH_MAX + 16];
    snprintf(untracked, sizeof untracked, "%s/untracked", tmp);
    if (mkdir(untracked, 0700) < 0)
        fatal("mkdir %s: %s", untracked, strerror(errno));
    scenario(untracked, "heavy_malloc");
    unsetenv("REWIND_NO_WRITE_TRACKING");
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", tmp);
    return check_summary();
}
