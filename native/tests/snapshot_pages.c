/* snapshot_pages.c: see snapshot_pages.h. */
#include "snapshot_pages.h"

#include "image.h"

#include <stdlib.h>
#include <string.h>

#define PAGE 4096u

void pages_add(struct pages *p, uint64_t addr, const uint8_t *bytes)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 256;
        p->addr = xrealloc(p->addr, sizeof *p->addr * p->cap);
    }
    p->addr[p->n++] = addr;
    buf_put(&p->bytes, bytes, PAGE);
}

const uint8_t *pages_find(const struct pages *p, uint64_t addr)
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

void pages_free(struct pages *p)
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

bool snapshot_complete(const struct buf *body, const struct pages *base, struct buf *resolved,
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
    copy_str(&c, &head); /* the System V segments section (format 5) */
    copy_str(&c, &head); /* the threads section (format 4) */
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

