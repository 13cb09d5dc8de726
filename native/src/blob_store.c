/* blob_store.c: see blob_store.h. */
#include "blob_store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trace_writer.h"

#define STORE_NAME ".rewind-blobs"

/* A folder of ours that no one else can write into. */
static bool private_folder(int fd, mode_t exact)
{
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid())
        return false;
    return exact ? (st.st_mode & 07777) == exact : !(st.st_mode & (S_IWGRP | S_IWOTH));
}

/* Removes entries that no recording links any more (only the store's own link is left). */
static void collect(int store_fd)
{
    int fd = dup(store_fd);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        if (e->d_name[0] == '.' || fstatat(store_fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
            continue;
        if (S_ISREG(st.st_mode) && st.st_nlink == 1)
            unlinkat(store_fd, e->d_name, 0);
    }
    closedir(d);
}

int blob_store_open(const char *trace_path)
{
    char copy[PATH_MAX];
    snprintf(copy, sizeof copy, "%s", trace_path);
    int parent = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (parent < 0)
        return -1;
    int store = -1;
    if (private_folder(parent, 0)) {
        if (mkdirat(parent, STORE_NAME, 0700) < 0 && errno != EEXIST) {
            close(parent);
            return -1;
        }
        store = openat(parent, STORE_NAME, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (store >= 0 && !private_folder(store, 0700)) {
            close(store);
            store = -1;
        }
    }
    close(parent);
    if (store >= 0)
        collect(store);
    return store;
}

bool blob_store_link_into(int store_fd, int trace_dir_fd, const uint8_t hash[TRACE_HASH_SIZE])
{
    char name[65], rel[6 + 65];
    hash_hex(hash, name);
    snprintf(rel, sizeof rel, "blobs/%s", name);
    struct stat st;
    if (fstatat(store_fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode) ||
        st.st_uid != geteuid())
        return false;
    return linkat(store_fd, name, trace_dir_fd, rel, 0) == 0 || errno == EEXIST;
}

void blob_store_adopt(int store_fd, int trace_dir_fd, const uint8_t hash[TRACE_HASH_SIZE])
{
    char name[65], rel[6 + 65];
    hash_hex(hash, name);
    snprintf(rel, sizeof rel, "blobs/%s", name);
    (void)linkat(trace_dir_fd, rel, store_fd, name, 0); /* EEXIST: kept already; EXDEV: not shared */
}
