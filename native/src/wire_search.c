/*
 * wire_search.c: see wire_search.h. The FIND_LAST decoder, the LAST_ARRIVAL and SAVED_AT_HIT
 * encoders.
 */
#include "wire_search.h"
#include "wire.h"

#include <stdlib.h>

void wire_put_stop(struct buf *b, const struct replay_stop *st)
{
    buf_u8(b, (uint8_t)st->reason);
    buf_u64(b, st->event);
    buf_u64(b, st->pc);
    buf_u64(b, st->breakpoint);
    buf_u32(b, (uint32_t)st->signo);
    buf_u32(b, (uint32_t)st->wait_status);
    buf_u32(b, (uint32_t)st->error_code);
    buf_str(b, st->message);
    buf_u32(b, st->hits);
}

int wire_read_find_last(struct cursor *c, struct find_last *out)
{
    *out = (struct find_last){0};
    out->kind = cur_u8(c);
    out->event = cur_u64(c);
    out->pc = cur_u64(c);
    out->hits = cur_u32(c);
    out->naddrs = cur_u32(c);
    if (c->bad || out->kind > SEARCH_TO_END || out->naddrs > SEARCH_MAX_ADDRS ||
        (out->kind == SEARCH_TO_PC && out->hits < 1))
        return -1;
    out->addrs = xmalloc(sizeof *out->addrs * (out->naddrs + 1));
    for (uint32_t i = 0; i < out->naddrs; i++) {
        out->addrs[i].addr = cur_u64(c);
        out->addrs[i].rule = cur_u8(c);
        out->addrs[i].cfa = cur_u64(c);
        if (out->addrs[i].rule > SEARCH_COUNT_ONLY)
            c->bad = true;
    }
    if (c->bad || c->p != c->end) {
        find_last_free(out);
        return -1;
    }
    return 0;
}

void find_last_free(struct find_last *f)
{
    free(f->addrs);
    f->addrs = NULL;
    f->naddrs = 0;
}

void wire_last_arrival(struct buf *b, const struct last_arrival *a, const struct replay_stop *stop)
{
    wire_begin(b, WIRE_LAST_ARRIVAL);
    buf_u8(b, a->found);
    buf_u64(b, a->found ? a->pc : 0);
    buf_u64(b, a->found ? a->event : 0);
    buf_u32(b, a->found ? a->hits : 0);
    buf_u64(b, a->found ? a->cfa : 0);
    buf_u64(b, a->arrivals);
    buf_u64(b, a->qualifying);
    wire_put_stop(b, stop);
    wire_end(b);
}

void wire_saved_at_hit(struct buf *b, const struct saved_at_hit *s)
{
    wire_begin(b, WIRE_SAVED_AT_HIT);
    buf_u32(b, s->savepoint);
    buf_u64(b, s->event);
    buf_u64(b, s->pc);
    buf_u64(b, s->memory);
    buf_u32(b, s->ncounts);
    for (uint32_t i = 0; i < s->ncounts; i++) {
        buf_u64(b, s->counts[i].addr);
        buf_u32(b, s->counts[i].hits);
    }
    wire_end(b);
}
