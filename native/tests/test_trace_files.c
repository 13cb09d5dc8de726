/*
 * test_trace_files.c: the agent treats a trace as hostile input (trace_files.c, trace_reader.c).
 * Files inside a trace: a regular file opens; a FIFO, a link, a folder, a link on the way (blobs/)
 * are refused at once with a message naming the file (never a blocking open). Blobs: a damaged,
 * renamed or missing copy is refused, also by a real replay of a recorded scenario (the C side
 * alone, without the Java checks in front of it). Header and event lengths: a page size of 0 or
 * 0xFFFFFFFF, a header file past its bound, a block whose sizes or count are absurd (with valid
 * checksums) are refused without allocating what they claim. Prints what a blob check costs.
 * Run from native/tests (the husk is looked up next to this binary).
 */
#include "check.h"
#include "replay.h"
#include "replay_harness.h"
#include "trace_files.h"
#include "trace_reader.h"
#include "trace_writer.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char tmp[256];

static bool contains(const char *s, const char *part) { return strstr(s, part) != NULL; }

static void write_file(const char *path, const void *bytes, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || write_all(fd, bytes, n) < 0)
        fatal("cannot write %s", path);
    close(fd);
}

static void test_open_kinds(void)
{
    char dir[300], p[400], err[400];
    snprintf(dir, sizeof dir, "%s/kinds", tmp);
    mkdir(dir, 0700);
    snprintf(p, sizeof p, "%s/blobs", dir);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/regular", dir);
    write_file(p, "x", 1);
    snprintf(p, sizeof p, "%s/fifo", dir);
    mkfifo(p, 0600);
    snprintf(p, sizeof p, "%s/link", dir);
    symlink("regular", p);
    snprintf(p, sizeof p, "%s/folder", dir);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/blobs/x", dir);
    write_file(p, "y", 1);
    snprintf(p, sizeof p, "%s/linked-blobs", dir);
    symlink("blobs", p);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);

    int fd = trace_file_open(dfd, "regular", err, sizeof err);
    check(fd >= 0, "a regular file of a trace opens");
    if (fd >= 0) {
        check(!(fcntl(fd, F_GETFL) & O_NONBLOCK), "and its descriptor blocks as usual");
        close(fd);
    }
    fd = trace_file_open(dfd, "fifo", err, sizeof err);
    check(fd < 0 && contains(err, "fifo is a FIFO"), "a FIFO is refused at once, named");
    fd = trace_file_open(dfd, "link", err, sizeof err);
    check(fd < 0 && contains(err, "link is a symbolic link"), "a link is refused, not followed");
    fd = trace_file_open(dfd, "folder", err, sizeof err);
    check(fd < 0 && contains(err, "folder is a folder"), "a folder is refused as a file");
    fd = trace_file_open(dfd, "blobs/x", err, sizeof err);
    check(fd >= 0, "a file in a subfolder opens");
    if (fd >= 0)
        close(fd);
    fd = trace_file_open(dfd, "linked-blobs/x", err, sizeof err);
    check(fd < 0 && contains(err, "linked-blobs is a symbolic link"), "a link on the way is refused");
    fd = trace_file_open(dfd, "regular/x", err, sizeof err);
    check(fd < 0 && contains(err, "regular is a regular file, not a folder"), "a file on the way is refused");
    fd = trace_file_open(dfd, "missing", err, sizeof err);
    check(fd < 0 && errno == ENOENT, "a missing file is ENOENT");
    fd = trace_file_open(dfd, "../kinds/regular", err, sizeof err);
    check(fd < 0, "a name climbing out of the trace is refused");
    close(dfd);
}

/* The name of the largest blob of a trace (the C library, for a dynamic program), into out. */
static off_t largest_blob(const char *trace, char out[65])
{
    char p[400];
    snprintf(p, sizeof p, "%s/blobs", trace);
    DIR *d = opendir(p);
    off_t best = -1;
    for (struct dirent *e; d && (e = readdir(d));) {
        struct stat st;
        char f[700];
        snprintf(f, sizeof f, "%s/%s", p, e->d_name);
        if (strlen(e->d_name) == 64 && stat(f, &st) == 0 && st.st_size > best) {
            best = st.st_size;
            memcpy(out, e->d_name, 65);
        }
    }
    if (d)
        closedir(d);
    return best;
}

static void hex_to_hash(const char *hex, uint8_t hash[TRACE_HASH_SIZE])
{
    for (int i = 0; i < TRACE_HASH_SIZE; i++)
        sscanf(hex + 2 * i, "%2hhx", &hash[i]);
}

static void copy_tree(const char *from, const char *to)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && cp -r '%s' '%s'", to, from, to);
    if (system(cmd) != 0)
        fatal("cannot copy %s", from);
}

/* Replays `trace` straight (the C side only): its final message in msg. */
static void replay_message(const char *trace, char *msg, size_t n)
{
    struct buf out = {0};
    struct replay_stop st;
    memset(&st, 0, sizeof st);
    replay_test_straight(trace, &out, &st);
    snprintf(msg, n, "%s", st.message);
    buf_free(&out);
}

static void test_blobs(void)
{
    char trace[300], blob[65], p[800], err[400], msg[1200];
    if (replay_test_record_scenario(tmp, "pids", trace, sizeof trace) < 0) {
        check(0, "record the pids scenario");
        return;
    }
    off_t size = largest_blob(trace, blob);
    check(size > 0, "the recording has a blob");
    if (size <= 0)
        return;
    uint8_t hash[TRACE_HASH_SIZE];
    hex_to_hash(blob, hash);
    int dfd = open(trace, O_RDONLY | O_DIRECTORY);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int fd = trace_blob_open_checked(dfd, hash, err, sizeof err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    check(fd >= 0, "an intact blob opens");
    if (fd >= 0)
        close(fd);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    printf("   blob check: %lld bytes hashed in %.2f ms (%.0f MB/s), once per file per agent\n",
           (long long)size, ms, (double)size / 1e6 / (ms / 1e3));
    close(dfd);

    /* A byte flipped in the middle: refused, by the opener and by a real replay. */
    char damaged[400];
    snprintf(damaged, sizeof damaged, "%s-flipped", trace);
    copy_tree(trace, damaged);
    snprintf(p, sizeof p, "%s/blobs/%s", damaged, blob);
    fd = open(p, O_RDWR);
    uint8_t b;
    pread(fd, &b, 1, size / 2);
    b ^= 0x40;
    pwrite(fd, &b, 1, size / 2);
    close(fd);
    dfd = open(damaged, O_RDONLY | O_DIRECTORY);
    fd = trace_blob_open_checked(dfd, hash, err, sizeof err);
    check(fd < 0 && contains(err, "is damaged") && contains(err, blob), "a flipped byte is refused, named");
    close(dfd);
    replay_message(damaged, msg, sizeof msg);
    check(contains(msg, "is damaged") && contains(msg, blob), "a replay refuses the flipped blob");

    /* Another blob's content under this name (the other blob kept). */
    snprintf(damaged, sizeof damaged, "%s-renamed", trace);
    copy_tree(trace, damaged);
    snprintf(p, sizeof p, "%s/blobs", damaged);
    DIR *d = opendir(p);
    for (struct dirent *e; d && (e = readdir(d));)
        if (strlen(e->d_name) == 64 && strcmp(e->d_name, blob)) {
            char cmd[1200];
            snprintf(cmd, sizeof cmd, "cp '%s/blobs/%s' '%s/blobs/%s'", damaged, e->d_name, damaged, blob);
            check(system(cmd) == 0, "copy one blob over another");
            break;
        }
    if (d)
        closedir(d);
    replay_message(damaged, msg, sizeof msg);
    check(contains(msg, "is damaged") && contains(msg, blob), "a replay refuses a renamed blob");

    /* Missing, a FIFO, a link: refused, never a hang or a followed link. */
    const char *kinds[] = {"missing", "fifo", "link"};
    const char *expect[] = {"missing a file copy", "is a FIFO", "is a symbolic link"};
    for (int k = 0; k < 3; k++) {
        snprintf(damaged, sizeof damaged, "%s-%s", trace, kinds[k]);
        copy_tree(trace, damaged);
        snprintf(p, sizeof p, "%s/blobs/%s", damaged, blob);
        unlink(p);
        if (k == 1)
            mkfifo(p, 0600);
        if (k == 2)
            symlink("/etc/passwd", p);
        replay_message(damaged, msg, sizeof msg);
        char what[120];
        snprintf(what, sizeof what, "a replay refuses a blob that is %s", kinds[k]);
        check(contains(msg, expect[k]) && contains(msg, blob), what);
    }
}

/* A header file: fixed part, four strings, argc = 0, crc; page size as given. */
static void write_header(const char *dir, uint32_t page_size)
{
    struct buf b = {0};
    buf_put(&b, TRACE_MAGIC, 8);
    buf_u32(&b, TRACE_FORMAT_VERSION);
    buf_u32(&b, 0); /* header_length, set below */
    buf_u32(&b, page_size);
    buf_u32(&b, 0);
    buf_u64(&b, 0);
    for (int i = 0; i < 4; i++)
        buf_str(&b, "x");
    buf_u32(&b, 0);
    uint32_t len = (uint32_t)b.len + 4;
    memcpy(b.data + 12, &len, 4);
    buf_u32(&b, crc32c(0, b.data, b.len));
    char p[400];
    snprintf(p, sizeof p, "%s/header", dir);
    write_file(p, b.data, b.len);
    buf_free(&b);
}

/* An events file holding one block header with these fields (checksums valid) and payload. */
static void write_block(const char *dir, uint32_t clen, uint32_t rlen, uint32_t count,
                        const void *payload, size_t n)
{
    uint8_t h[TRACE_BLOCK_HEADER_SIZE] = {0};
    memcpy(h, TRACE_BLOCK_MAGIC, 4);
    memcpy(h + 4, &clen, 4);
    memcpy(h + 8, &rlen, 4);
    memcpy(h + 12, &count, 4);
    uint32_t pcrc = crc32c(0, payload, n);
    memcpy(h + 24, &pcrc, 4);
    uint32_t hcrc = crc32c(0, h, 28);
    memcpy(h + 28, &hcrc, 4);
    struct buf b = {0};
    buf_put(&b, h, sizeof h);
    buf_put(&b, payload, n);
    char p[400];
    snprintf(p, sizeof p, "%s/events", dir);
    write_file(p, b.data, b.len);
    buf_free(&b);
}

static void test_lengths(void)
{
    char dir[300];
    struct trace_reader tr;
    snprintf(dir, sizeof dir, "%s/lengths", tmp);
    mkdir(dir, 0700);
    write_block(dir, 0, 0, 0, "", 0);

    uint32_t bad_sizes[] = {0, 0xFFFFFFFFu, 4095, 8192 + 4096, 1u << 31};
    for (size_t i = 0; i < sizeof bad_sizes / sizeof bad_sizes[0]; i++) {
        write_header(dir, bad_sizes[i]);
        int rc = trace_reader_open(&tr, dir);
        char what[120];
        snprintf(what, sizeof what, "page size %u is refused", bad_sizes[i]);
        check(rc < 0 && contains(tr.error, "page size"), what);
        trace_reader_close(&tr);
    }
    write_header(dir, 4096);
    check(trace_reader_open(&tr, dir) == 0, "page size 4096 is accepted");
    trace_reader_close(&tr);

    /* A header file far past its bound is refused before it is read. */
    char p[400];
    snprintf(p, sizeof p, "%s/big/header", tmp);
    char big[300];
    snprintf(big, sizeof big, "%s/big", tmp);
    mkdir(big, 0700);
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ftruncate(fd, (off_t)TRACE_HEADER_MAX_SIZE + 1);
    close(fd);
    check(trace_reader_open(&tr, big) < 0 && contains(tr.error, "corrupted"), "a 16 MiB+ header is refused");
    trace_reader_close(&tr);

    /* Blocks with valid checksums and absurd sizes: refused or cut short, never allocated. */
    struct trace_event ev;
    uint8_t zero[64] = {0};
    write_block(dir, 512u << 20, 100, 1, zero, sizeof zero);
    check(trace_reader_open(&tr, dir) == 0 && trace_reader_next(&tr, &ev) == 0 && tr.cut_short,
          "a block claiming 512 MiB in a small file is a cut-short log");
    trace_reader_close(&tr);
    write_block(dir, 0xffffffffu, 100, 1, zero, sizeof zero);
    check(trace_reader_open(&tr, dir) == 0 && trace_reader_next(&tr, &ev) < 0, "a block claiming 4 GiB is refused");
    trace_reader_close(&tr);
    write_block(dir, sizeof zero, 0x7fffffffu, 1, zero, sizeof zero);
    check(trace_reader_open(&tr, dir) == 0 && trace_reader_next(&tr, &ev) < 0 &&
              contains(tr.error, "corrupted"), "a block claiming 2 GiB of events is refused");
    trace_reader_close(&tr);
    write_block(dir, sizeof zero, 100, 0x7fffffffu, zero, sizeof zero);
    check(trace_reader_open(&tr, dir) == 0 && trace_reader_next(&tr, &ev) < 0 &&
              contains(tr.error, "corrupted"), "a block claiming 2^31 events is refused");
    trace_reader_close(&tr);
    write_block(dir, sizeof zero, 64 << 20, 1, zero, sizeof zero);
    check(trace_reader_open(&tr, dir) == 0 && trace_reader_next(&tr, &ev) < 0 &&
              contains(tr.error, "corrupted"), "a block whose frame does not state its raw size is refused");
    trace_reader_close(&tr);
}

int main(void)
{
    replay_test_husk();
    snprintf(tmp, sizeof tmp, "/tmp/rewind-test-trace-files-XXXXXX");
    if (!mkdtemp(tmp))
        fatal("mkdtemp: %s", strerror(errno));
    test_open_kinds();
    test_lengths();
    test_blobs();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0)
        warn("cannot remove %s", tmp);
    return check_summary();
}
