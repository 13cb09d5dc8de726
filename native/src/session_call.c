/*
 * session_call.c: the CALL and READ_CALL_MEMORY messages (protocol/wire-protocol.md). A CALL runs
 * in the session's call world (replay_call.c): a new one for world 0, or the one a previous CALL of
 * the same evaluation left, so nested calls see each other's writes. The world stays open after a
 * successful call and its results are read from it with READ_CALL_MEMORY, never from the replay;
 * it is closed by the next CALL that asks for a new world and by every message that may move or
 * change the replay (session_call_forget), so a world's memory is always that of the moment it was
 * made at plus the calls made in it. A call of an IFUNC (strlen in glibc, say) calls its resolver
 * first, then the implementation the resolver returned.
 */
#include "session_internal.h"
#include "replay.h"
#include "symbols.h"
#include "wire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void session_call_forget(struct session *s)
{
    call_world_close(&s->call);
}

bool session_call_keeps_world(uint16_t type)
{
    switch (type) {
    case WIRE_CALL:
    case WIRE_READ_CALL_MEMORY:
    case WIRE_READ_MEMORY:
    case WIRE_READ_REGISTERS:
    case WIRE_LINE_ADDRESSES:
    case WIRE_FUNCTION_ADDRESSES:
    case WIRE_STACK:
    case WIRE_VARIABLES:
    case WIRE_TYPE:
    case WIRE_DISASSEMBLE:
    case WIRE_SYMBOL_AT:
    case WIRE_CXX_TYPE:
    case WIRE_RUST_TYPE:
    case WIRE_PAUSE:
        return true;
    default:
        return false;
    }
}

static void send_result(struct session *s, bool ok, uint64_t rax, uint32_t rtype, const char *err)
{
    wire_begin(&s->out, WIRE_CALL_RESULT);
    buf_u8(&s->out, (uint8_t)ok);
    buf_u64(&s->out, ok ? rax : 0);
    buf_u32(&s->out, rtype);
    buf_u32(&s->out, ok ? s->call.id : 0);
    buf_str(&s->out, ok ? "" : err);
    session_send_frame(s);
}

/* Calls what `fn` names in the session's world: 0 with *rax and *rtype (the wire's return_type),
 * or -1 with err. An IFUNC's resolver runs first; its result is the function called. */
static int run_call(struct session *s, const char *name, uint64_t fn, const uint64_t *args, uint32_t argc,
                    uint8_t data_args, const uint8_t *data, uint32_t len, uint64_t *rax, uint32_t *rtype,
                    char *err, size_t errlen)
{
    struct symtab *st = session_symbols(s);
    uint64_t entry = fn;
    uint32_t type = 0;
    int known = symtab_function_type(st, fn, &entry, &type);
    if (known < 0)
        entry = fn; /* no symbol: called where asked */
    if (*name && (symtab_is_ifunc(st, name, fn) || symtab_is_ifunc(st, name, entry))) {
        uint64_t impl = 0;
        if (call_world_call(&s->call, entry, NULL, 0, 0, NULL, 0, &impl, err, errlen) < 0)
            return -1;
        if (impl == 0) {
            snprintf(err, errlen, "the resolver of %s chose no function", name);
            return -1;
        }
        entry = impl;
        uint64_t impl_entry;
        known = symtab_function_type(st, impl, &impl_entry, &type);
    }
    if (call_world_call(&s->call, entry, args, (int)argc, data_args, data, len, rax, err, errlen) < 0)
        return -1;
    *rtype = known == 0 ? type : UINT32_MAX;
    return 0;
}

void session_handle_call(struct session *s, struct wire_call *req)
{
    char err[512] = "";
    uint64_t rax = 0;
    uint32_t rtype = UINT32_MAX;
    bool ok = false;
    uint32_t world = req->world;
    if (world != 0 && (s->call.pid <= 0 || s->call.id != world)) {
        snprintf(err, sizeof err, "the copy of the program the earlier calls ran in is gone");
    } else if (world == 0 && (call_world_close(&s->call),
                              call_world_open(s->replay, &s->call, err, sizeof err) < 0)) {
        /* err says why */
    } else {
        ok = run_call(s, req->name, req->function, req->args, req->argc, req->data_args, req->data,
                      req->data_len, &rax, &rtype, err, sizeof err) == 0;
    }
    send_result(s, ok, rax, rtype, err);
    free(req->name);
}

void session_handle_read_call_memory(struct session *s, const struct wire_read_call_memory *req)
{
    uint32_t world = req->world, len = req->length;
    uint64_t addr = req->address;
    if (world == 0 || s->call.pid <= 0 || s->call.id != world) {
        session_send_error(s, ERR_NOT_AVAILABLE, "the copy of the program this call ran in is gone "
                                                 "(another evaluation or the replay moved): evaluate it again");
        return;
    }
    wire_begin(&s->out, WIRE_MEMORY);
    size_t at = s->out.len;
    buf_u32(&s->out, len);
    buf_reserve(&s->out, len);
    if (call_world_read(&s->call, addr, s->out.data + s->out.len, len) == 0) {
        s->out.len += len;
    } else {
        uint32_t zero = 0;
        memcpy(s->out.data + at, &zero, 4);
    }
    session_send_frame(s);
}
