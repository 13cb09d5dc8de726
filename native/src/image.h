/*
 * image.h: a whole address space as an EXEC event (docs/trace-format.md, kind 1).
 *
 * Recording: at every exec the recorder captures the fresh process's mappings, registers and memory
 * (file-backed mappings by reference to a blob plus the pages that differ from it; other mappings by
 * their non-zero pages). Replay: the agent rebuilds that address space inside the husk (or inside
 * the replayed process, for an execve in the middle of a recording) by injected munmap/mmap calls and
 * writes through /proc/PID/mem, so nothing on the disk at replay time (the program, its libraries,
 * the dynamic loader) can change what runs.
 */
#ifndef REWIND_IMAGE_H
#define REWIND_IMAGE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/user.h>

#include "trace_format.h"
#include "trace_writer.h"
#include "tracee.h"
#include "util.h"

struct image_region {
    uint64_t start, end;
    uint32_t prot, flags;
    char *name;
    bool has_blob;
    uint8_t blob[TRACE_HASH_SIZE];
    uint64_t blob_offset;
    uint32_t chunk_count;
    struct cursor chunks;   /* chunk_count × (u64 addr, u32 len, bytes) */
};

struct image {
    char *path;
    struct user_regs_struct regs;
    struct user_fpregs_struct fpregs;
    uint64_t sig_ignored, sig_blocked;
    uint32_t region_count;
    struct image_region *regions;
};

struct map_entry;

/* Where a file-backed region's contents come from: 0 with its blob's hash (only pages that differ
 * from the file are kept; *name may be set to the name to record), 1 for none (the region is kept
 * literally), IMAGE_SYSV_SEGMENT for the replay's file of a System V segment (hash holds its slot
 * as a u32, the rest zero: the region gets REGF_SYSV_SEGMENT), -1 on error (err set). */
#define IMAGE_SYSV_SEGMENT 2
typedef int (*image_blob_fn)(void *ctx, const struct map_entry *m, int fd,
                             uint8_t hash[TRACE_HASH_SIZE], const char **name, char *err,
                             size_t errlen);

struct dirty_tracker;

/* Where image_encode takes what it does not read from the tracee's memory. */
struct image_source {
    const struct user_regs_struct *regs;     /* NULL: the tracee's, read by ptrace */
    const struct user_fpregs_struct *fpregs; /* NULL: the tracee's, read by ptrace */
    /* Incremental snapshots (dirty.h): pages of private mappings as classified there, and the
     * pages held reported to it. NULL: every page is read. */
    struct dirty_tracker *dirty;
};

/* A chunk whose length has this bit holds no bytes: its pages are those of the snapshot the
 * tracker's base is (only in snapshot bodies on their way to the page store). */
#define IMAGE_CHUNK_AS_BASE 0x80000000u

/* Encodes the stopped tracee's address space, registers and signal masks as an EXEC event body
 * (docs/trace-format.md) into out (src may be NULL). Returns 0, or -1 with err. */
int image_encode(struct tracee *t, const struct image_source *src, struct buf *out,
                 const char *exe_path, image_blob_fn blob, void *ctx, char *err, size_t errlen);

/* Opens the file behind a file mapping of process pid: the exact one via map_files, else by its
 * path. A descriptor, or -1 (also when it is not a regular file: such memory is kept literally). */
int image_open_mapped_file(pid_t pid, const struct map_entry *m);

/* The recorder's image_blob_fn (ctx: the trace_writer): every mapped file is copied into the
 * recording's blobs (once per file identity). */
int image_put_blob(void *ctx, const struct map_entry *m, int fd, uint8_t hash[TRACE_HASH_SIZE],
                   const char **name, char *err, size_t errlen);

/* Captures the stopped tracee (just after an exec) as an EXEC event. Returns 0, or -1 with err. */
int image_capture(struct tracee *t, struct trace_writer *tw, const char *exe_path, char *err,
                  size_t errlen);

/* Decodes an EXEC event body. Pointers refer into the body. Returns 0, or -1 if malformed. */
int image_parse(struct cursor body, struct image *img);

/* As image_parse, from *c, which is left just after the image on success. */
int image_parse_from(struct cursor *c, struct image *img);

/* As image_parse, where the image must end exactly where body does (a snapshot's image): bytes
 * left over are damage (a chunk or count cut short), refused rather than ignored. */
int image_parse_whole(struct cursor body, struct image *img);
void image_free(struct image *img);

/* Size of the recorded [stack] region in bytes (0 if none). */
uint64_t image_stack_size(const struct image *img);

/* Where a shared region of a blob maps from (a writable copy of the file, shared by every mapping
 * of it; for a REGF_SYSV_SEGMENT region, the file of its segment): its path into out, 0; or -1. */
typedef int (*image_shared_fn)(void *ctx, const struct image_region *region, char *out, size_t n);

/*
 * Replaces the tracee's address space with the image: unmaps everything but its [stack] and the
 * page holding the `syscall` instruction at inj_addr, maps the recorded regions (blobs from
 * trace_dir/blobs), writes their contents, resets the stack to the recorded one, unmaps the
 * injection page, and sets the recorded registers. Shared regions of a blob map the file shared()
 * gives (MAP_SHARED), when it is given. Returns 0, or -1 with err.
 */
int image_rebuild(struct tracee *t, const struct image *img, const char *trace_dir,
                  uint64_t inj_addr, image_shared_fn shared, void *ctx, char *err,
                  size_t errlen);

/* Maps `len` bytes of the file `path` at `addr` in the tracee (fixed; private unless extra_flags
 * has MAP_SHARED, then the file is opened read-write when `writable`, read-only otherwise, and
 * mapped shared: the mapping's rights are those of the recorded descriptor), using an
 * injected openat/mmap/close and the tracee's memory at `scratch` for the path string.
 * Returns the mmap result (addr on success, -errno on failure). */
int64_t remote_map_file(struct tracee *t, uint64_t inj_addr, uint64_t scratch, const char *path,
                        uint64_t addr, uint64_t len, int prot, int extra_flags, bool writable,
                        uint64_t offset);

#endif
