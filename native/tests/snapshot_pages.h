/*
 * snapshot_pages.h: what the snapshot tests share: a snapshot body's pages, and an incremental
 * body completed with its base's pages as the page store would (IMAGE_CHUNK_AS_BASE chunks made
 * plain ones).
 */
#ifndef REWIND_SNAPSHOT_PAGES_H
#define REWIND_SNAPSHOT_PAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* The pages a body holds, in address order (bytes: n × 4096). */
struct pages {
    uint64_t *addr;
    size_t n, cap;
    struct buf bytes;
};

void pages_add(struct pages *p, uint64_t addr, const uint8_t *bytes);
/* The page at addr, or NULL. */
const uint8_t *pages_find(const struct pages *p, uint64_t addr);
void pages_free(struct pages *p);

/*
 * Completes body with base's pages into resolved, and splits it into skeleton (every byte but
 * chunk framing and page contents, the XSAVE header's XSTATE_BV left out) and its pages (appended
 * to pages). *as_base counts the pages taken from base. False if the body is malformed or names a
 * page base does not hold.
 */
bool snapshot_complete(const struct buf *body, const struct pages *base, struct buf *resolved,
                       struct buf *skeleton, struct pages *pages, size_t *as_base);

#endif
