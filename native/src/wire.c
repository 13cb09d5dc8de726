/* wire.c: see wire.h and protocol/wire-protocol.md. */
#include "wire.h"

#include <string.h>
#include <unistd.h>

void wire_begin(struct buf *b, uint16_t type)
{
    b->len = 0;
    buf_u32(b, 0);
    buf_u16(b, type);
    buf_u16(b, 0);
}

void wire_end(struct buf *b)
{
    uint32_t len = (uint32_t)(b->len - 4);
    memcpy(b->data, &len, 4);
}

void wire_hello(struct buf *b, uint32_t version, const char *client)
{
    wire_begin(b, WIRE_HELLO);
    buf_u32(b, version);
    buf_str(b, client);
    wire_end(b);
}

void wire_hello_ok(struct buf *b, uint32_t version, const char *agent_version)
{
    wire_begin(b, WIRE_HELLO_OK);
    buf_u32(b, version);
    buf_str(b, agent_version);
    wire_end(b);
}

void wire_started(struct buf *b, uint32_t pid)
{
    wire_begin(b, WIRE_STARTED);
    buf_u32(b, pid);
    wire_end(b);
}

void wire_finished(struct buf *b, int32_t wait_status, uint64_t events, uint8_t complete,
                   const char *message)
{
    wire_begin(b, WIRE_FINISHED);
    buf_u32(b, (uint32_t)wait_status);
    buf_u64(b, events);
    buf_u8(b, complete);
    buf_str(b, message);
    wire_end(b);
}

void wire_error(struct buf *b, uint32_t code, const char *message)
{
    wire_begin(b, WIRE_ERROR);
    buf_u32(b, code);
    buf_str(b, message);
    wire_end(b);
}

int wire_read(int fd, uint16_t *type, struct buf *payload)
{
    uint8_t head[8];
    long n = read_full(fd, head, sizeof head);
    if (n == 0)
        return 0;
    if (n != (long)sizeof head)
        return -1;
    uint32_t len;
    memcpy(&len, head, 4);
    memcpy(type, head + 4, 2);
    if (len < 4 || len > WIRE_MAX_FRAME)
        return -1;
    payload->len = 0;
    buf_reserve(payload, len - 4);
    if (read_full(fd, payload->data, len - 4) != (long)(len - 4))
        return -1;
    payload->len = len - 4;
    return 1;
}

int wire_send(int fd, const struct buf *frame)
{
    return write_all(fd, frame->data, frame->len);
}

int wire_parse_motion(uint16_t type, struct cursor *c, struct wire_motion *out)
{
    memset(out, 0, sizeof *out);
    if (type == WIRE_STEP_LINE)
        out->into = cur_u8(c);
    out->save_event = cur_u64(c);
    bool known = type >= WIRE_STEP_LINE && type <= WIRE_MOTION_GO_ON;
    return known && !c->bad && c->p == c->end && out->into <= 1 ? 0 : -1;
}

void wire_motion(struct buf *b, uint16_t type, const struct wire_motion *m)
{
    wire_begin(b, type);
    if (type == WIRE_STEP_LINE)
        buf_u8(b, m->into);
    buf_u64(b, m->save_event);
    wire_end(b);
}
