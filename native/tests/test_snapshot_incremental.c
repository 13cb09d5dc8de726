/*
 * test_snapshot_incremental.c: incremental snapshot bodies (dirty.c) against full ones. In one
 * session per scenario program, at every event boundary where a snapshot can be taken, a full
 * body and a tracked one (based on the previous boundary's) are taken of the same moment; the
 * tracked one, completed with the previous snapshot's pages as the page store would, must hold
 * exactly the same pages and everything else the same. Every few boundaries the completed body is
 * also opened in a fresh process and must replay the rest as a straight replay does.
 * Where the kernel cannot track written pages (dirty_available), tracked bodies must be full ones.
 * Run from native/tests (the husk is looked up next to this binary: a link to ../rewind-husk).
 */
#include "check.h"
#include "dirty.h"
#include "image.h"
#include "replay.h"
#include "replay_harness.h"
#include "snapshot.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 4096u

static struct buf out; /* the replay's output, appended */

static void on_output(void *ctx, int stream, const uint8_t *bytes, size_t n)
{
    (void)ctx;
    (void)stream;
    buf_put(&out, bytes, n);
}

/* The pages a body holds, in address order (bytes: n × PAGE). */
struct pages {
    uint64_t *addr;
    size_t n, cap;
    struct buf bytes;
};

static void pages_add(struct pages *p, uint64_t addr, const uint8_t *bytes)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 256;
        p->addr = xrealloc(p->addr, sizeof *p->addr * p->cap);
    }
    p->addr[p->n++] = addr;
    buf_put(&p->bytes, bytes, PAGE);
}

static const uint8_t *pages_find(const struct pages *p, uint64_t addr)
{
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->addr[mid] < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->n && p->addr[lo] == addr ? p->bytes.data + lo * PAGE : NULL;
}

static void pages_free(struct pages *p)
{
    free(p->addr);
    buf_free(&p->bytes);
    memset(p, 0, sizeof *p);
}

static void copy(struct cursor *c, struct buf *to, size_t n)
{
    const uint8_t *b = cur_bytes(c, n);
    if (b)
        buf_put(to, b, n);
}

static void copy_str(struct cursor *c, struct buf *to)
{
    uint32_t n = cur_u32(c);
    buf_u32(to, n);
    copy(c, to, n);
}

/*
 * Completes body with base's pages (its IMAGE_CHUNK_AS_BASE chunks become plain ones) into
 * resolved, and splits it into skeleton (every byte but chunk framing and page contents) and its
 * pages. *as_base counts the pages taken from base. False if the body is malformed or refers to a
 * page base does not hold.
 */
static bool complete(const struct buf *body, const struct pages *base, struct buf *resolved,
                     struct buf *skeleton, struct pages *pages, size_t *as_base)
{
    struct cursor c = {body->data, body->data + body->len, false};
    struct buf head = {0}, image = {0};
    copy(&c, &head, 56);
    uint32_t xlen = cur_u32(&c);
    buf_u32(&head, xlen);
    copy(&c, &head, xlen + 64 * 32 + 8 + 4 + 8);
    uint32_t names = cur_u32(&c);
    buf_u32(&head, names);
    for (uint32_t i = 0; i < 2 * names; i++)
        copy_str(&c, &head);
    uint32_t files = cur_u32(&c); /* shared files (format 2) */
    buf_u32(&head, files);
    for (uint32_t i = 0; i < files && !c.bad; i++) {
        copy(&c, &head, 8 + 8 + TRACE_HASH_SIZE + 8);
        uint32_t chunks = cur_u32(&c);
        buf_u32(&head, chunks);
        for (uint32_t k = 0; k < chunks && !c.bad; k++) {
            copy(&c, &head, 8);
            copy_str(&c, &head);
        }
    }
    uint32_t ilen = cur_u32(&c);
    const uint8_t *iend = c.p + ilen;
    /* The XSAVE header's XSTATE_BV says which components are in their initial state; two reads of
     * the same registers may differ there (the kernel's and CPU's init optimization), not in the
     * registers: left out of the comparison. */
    size_t at = skeleton->len;
    buf_put(skeleton, head.data, head.len);
    if (xlen >= 520)
        memset(skeleton->data + at + 60 + 512, 0, 8);
    copy_str(&c, &image);
    copy(&c, &image, 27 * 8 + 512 + 16);
    uint32_t regions = cur_u32(&c);
    buf_u32(&image, regions);
    bool ok = true;
    for (uint32_t r = 0; r < regions && !c.bad && ok; r++) {
        size_t from = image.len;
        copy(&c, &image, 24);
        copy_str(&c, &image);
        uint8_t has_blob = cur_u8(&c);
        buf_u8(&image, has_blob);
        if (has_blob)
            copy(&c, &image, 40);
        uint32_t chunks = cur_u32(&c);
        buf_put(skeleton, image.data + from, image.len - from);
        buf_u32(&image, chunks);
        for (uint32_t k = 0; k < chunks && !c.bad && ok; k++) {
            uint64_t addr = cur_u64(&c);
            uint32_t len = cur_u32(&c);
            bool from_base = len & IMAGE_CHUNK_AS_BASE;
            len &= ~IMAGE_CHUNK_AS_BASE;
            buf_u64(&image, addr);
            buf_u32(&image, len);
            for (uint32_t off = 0; off < len && ok; off += PAGE) {
                const uint8_t *page = from_base ? pages_find(base, addr + off) : cur_bytes(&c, PAGE);
                ok = page != NULL;
                if (ok) {
                    buf_put(&image, page, PAGE);
                    pages_add(pages, addr + off, page);
                    *as_base += from_base;
                }
            }
        }
    }
    ok = ok && !c.bad && c.p == iend && iend == c.end;
    buf_put(resolved, head.data, head.len);
    buf_u32(resolved, (uint32_t)image.len);
    buf_put(resolved, image.data, image.len);
    buf_free(&head);
    buf_free(&image);
    return ok;
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
        ok = ok && !full_based && complete(&full, &prev, &fresolved, &rs, &fp, &none) &&
             none == 0 && complete(&tracked, &prev, &tresolved, &ts, &tp, &as_base);
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
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", tmp);
    return check_summary();
}
