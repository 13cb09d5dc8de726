/*
 * session_lookup.c: the LOOKUP_NAME request: what a name in an expression stands for when it is no
 * local of the frame (symtab_named): a variable of the whole program (qualified C++ and Rust names
 * included), with its address or constant value, or a function with its entry and type. The CU of
 * the current stop's pc is searched first, as C's scopes do.
 */
#include "session_internal.h"
#include "replay.h"
#include "symbols.h"
#include "wire.h"

#include <string.h>
#include <sys/user.h>

/* NAMED's kinds (protocol/wire-protocol.md). */
enum { NAMED_NONE, NAMED_MEMORY, NAMED_FUNCTION, NAMED_CONSTANT, NAMED_NO_LOCATION };

void session_handle_lookup_name(struct session *s, const char *name)
{
    struct symtab *st = session_symbols(s);
    struct user_regs_struct regs;
    uint64_t pc = replay_get_regs(s->replay, &regs) ? regs.rip : 0;
    struct sym_named n;
    memset(&n, 0, sizeof n);
    uint8_t kind = NAMED_NONE;
    if (st && name && symtab_named(st, pc, name, &n) == 0) {
        if (n.kind == SYMNAMED_FUNCTION)
            kind = NAMED_FUNCTION;
        else if (n.var.loc == SYMLOC_MEMORY)
            kind = NAMED_MEMORY;
        else if (n.var.loc == SYMLOC_VALUE)
            kind = NAMED_CONSTANT;
        else
            kind = NAMED_NO_LOCATION;
    }
    uint32_t nbytes = kind == NAMED_CONSTANT ? n.var.nbytes : 0;
    if (nbytes > sizeof n.var.bytes)
        nbytes = sizeof n.var.bytes;
    wire_begin(&s->out, WIRE_NAMED);
    buf_u8(&s->out, kind);
    buf_u64(&s->out, kind == NAMED_MEMORY || kind == NAMED_FUNCTION ? n.address : 0);
    buf_u32(&s->out, kind == NAMED_NONE ? 0 : n.type);
    buf_u32(&s->out, kind == NAMED_NONE ? 0 : n.definitions);
    buf_u32(&s->out, nbytes);
    buf_put(&s->out, n.var.bytes, nbytes);
    session_send_frame(s);
}
