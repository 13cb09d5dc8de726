/* trace_files.c: see trace_files.h. */
#include "trace_files.h"
#include "blob_hash.h"
#include "trace_writer.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What a file that is not a regular one is, for a message. */
static const char *file_kind(mode_t mode)
{
    if (S_ISLNK(mode))
        return "a symbolic link (links inside a trace are not followed)";
    if (S_ISDIR(mode))
        return "a folder";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    return S_ISREG(mode) ? "a regular file" : "a special file";
}

/* Sets err for a failed open of `shown` (a path relative to the trace) under dir_fd, describing
 * the file when it exists but is not what was wanted. Keeps errno. */
static int open_failed(int dir_fd, const char *name, const char *shown, bool want_dir, char *err,
                       size_t errlen)
{
    int saved = errno;
    struct stat st;
    if (saved == ENOENT)
        snprintf(err, errlen, "trace file %s is missing", shown);
    else if ((saved == ELOOP || saved == ENOTDIR) &&
             fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
        snprintf(err, errlen, "trace file %s is %s, not a %s: refused", shown, file_kind(st.st_mode),
                 want_dir ? "folder" : "regular file");
    else
        snprintf(err, errlen, "cannot open trace file %s: %s", shown, strerror(saved));
    errno = saved;
    return -1;
}

/* Opens the last component `name` under dir_fd: a regular file, never blocking on the open. */
static int open_regular(int dir_fd, const char *name, const char *shown, char *err, size_t errlen)
{
    struct stat st;
    /* Refuse a special file before opening it at all (a device's open can act); then check the
     * opened file again, which is what counts (the path may have changed in between). */
    if (fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "trace file %s is %s, not a regular file: refused", shown,
                 file_kind(st.st_mode));
        errno = EINVAL;
        return -1;
    }
    int fd = openat(dir_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return open_failed(dir_fd, name, shown, false, err, errlen);
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "trace file %s is %s, not a regular file: refused", shown,
                 file_kind(st.st_mode));
        close(fd);
        errno = EINVAL;
        return -1;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return fd;
}

int trace_file_open(int dir_fd, const char *rel, char *err, size_t errlen)
{
    char path[256];
    if (strlen(rel) >= sizeof path || rel[0] == '/' || !rel[0]) {
        snprintf(err, errlen, "bad trace file name %s", rel);
        errno = EINVAL;
        return -1;
    }
    strcpy(path, rel);
    int cur = dir_fd; /* invariant: cur is dir_fd or a folder this function opened */
    char *name = path;
    for (char *slash; (slash = strchr(name, '/')); name = slash + 1) {
        *slash = 0;
        if (!strcmp(name, "..") || !strcmp(name, ".") || !name[0]) {
            snprintf(err, errlen, "bad trace file name %s", rel);
            errno = EINVAL;
            if (cur != dir_fd)
                close(cur);
            return -1;
        }
        int next = openat(cur, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0)
            open_failed(cur, name, path, true, err, errlen);
        if (cur != dir_fd) {
            int saved = errno;
            close(cur);
            errno = saved;
        }
        if (next < 0)
            return -1;
        cur = next;
        *slash = '/';
    }
    int fd = open_regular(cur, name, rel, err, errlen);
    if (cur != dir_fd) {
        int saved = errno;
        close(cur);
        errno = saved;
    }
    return fd;
}

/* ---- blobs checked against their names ---------------------------------------------------- */

/* A blob file this process has hashed and found right, known by its identity and change time:
 * a file changed since (or another file put in its place) is hashed again. */
struct checked_blob {
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime, ctime;
    uint8_t hash[TRACE_HASH_SIZE];
};

static pthread_mutex_t checked_lock = PTHREAD_MUTEX_INITIALIZER;
static struct checked_blob *checked; /* guarded by checked_lock */
static size_t nchecked, checked_cap;

static bool same_file(const struct checked_blob *c, const struct stat *st,
                      const uint8_t hash[TRACE_HASH_SIZE])
{
    return c->dev == st->st_dev && c->ino == st->st_ino && c->size == st->st_size &&
           c->mtime.tv_sec == st->st_mtim.tv_sec && c->mtime.tv_nsec == st->st_mtim.tv_nsec &&
           c->ctime.tv_sec == st->st_ctim.tv_sec && c->ctime.tv_nsec == st->st_ctim.tv_nsec &&
           !memcmp(c->hash, hash, TRACE_HASH_SIZE);
}

static bool already_checked(const struct stat *st, const uint8_t hash[TRACE_HASH_SIZE])
{
    pthread_mutex_lock(&checked_lock);
    bool found = false;
    for (size_t i = 0; i < nchecked && !found; i++)
        found = same_file(&checked[i], st, hash);
    pthread_mutex_unlock(&checked_lock);
    return found;
}

static void remember_checked(const struct stat *st, const uint8_t hash[TRACE_HASH_SIZE])
{
    pthread_mutex_lock(&checked_lock);
    if (nchecked == checked_cap) {
        checked_cap = checked_cap ? 2 * checked_cap : 16;
        checked = xrealloc(checked, checked_cap * sizeof *checked);
    }
    struct checked_blob *c = &checked[nchecked++];
    c->dev = st->st_dev;
    c->ino = st->st_ino;
    c->size = st->st_size;
    c->mtime = st->st_mtim;
    c->ctime = st->st_ctim;
    memcpy(c->hash, hash, TRACE_HASH_SIZE);
    pthread_mutex_unlock(&checked_lock);
}

int trace_blob_open_checked(int dir_fd, const uint8_t hash[TRACE_HASH_SIZE], char *err, size_t errlen)
{
    char rel[80];
    memcpy(rel, "blobs/", 6);
    hash_hex(hash, rel + 6);
    int fd = trace_file_open(dir_fd, rel, err, errlen);
    if (fd < 0) {
        if (errno == ENOENT)
            snprintf(err, errlen, "trace is missing a file copy: %s", rel);
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) < 0) {
        snprintf(err, errlen, "cannot read trace file %s: %s", rel, strerror(errno));
        close(fd);
        return -1;
    }
    if (already_checked(&st, hash))
        return fd;
    /* Named as trace format 2 names blobs (zero-page runs counted, blob_hash.h), or else as format
     * 1 did (the plain SHA-256): the first costs only the data, so format 2 is tried first. */
    uint8_t actual[TRACE_HASH_SIZE];
    int rc = -blob_hash_file(fd, actual);
    if (rc == 0 && memcmp(actual, hash, TRACE_HASH_SIZE))
        rc = -blob_hash_plain(fd, actual);
    if (rc < 0 || memcmp(actual, hash, TRACE_HASH_SIZE)) {
        if (rc < 0)
            snprintf(err, errlen, "cannot read trace file %s: %s", rel, strerror(-rc));
        else
            snprintf(err, errlen, "trace file %s is damaged: its content does not match its name", rel);
        close(fd);
        return -1;
    }
    remember_checked(&st, hash);
    return fd;
}

int trace_blob_open_for_tracee(const char *trace_dir, const uint8_t hash[TRACE_HASH_SIZE], char *path,
                               size_t pathlen, char *err, size_t errlen)
{
    int dir_fd = open(trace_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0) {
        snprintf(err, errlen, "cannot open trace %s: %s", trace_dir, strerror(errno));
        return -1;
    }
    int fd = trace_blob_open_checked(dir_fd, hash, err, errlen);
    close(dir_fd);
    if (fd >= 0)
        snprintf(path, pathlen, "/proc/%d/fd/%d", (int)getpid(), fd);
    return fd;
}
