/*
 * symbols_frames.c: DWARF expressions and call frames. A small evaluator for DWARF location
 * expressions (the stack machine of DWARF 5 section 2.5, minus what needs the debuggee to run:
 * entry values, TLS, calls), used for variable locations (with the frame base and the CFA of the
 * frame) and for CFI rules. The unwinder computes a caller's registers from the CFI of the module
 * at pc (.eh_frame first, then .debug_frame, via libdw's dwarf_cfi_addrframe), reading saved
 * registers through the caller's memory reader, and falls back to the rbp chain without CFI.
 */
#include "symbols_internal.h"
#include "util.h"

#include <dwarf.h>
#include <stdlib.h>
#include <string.h>

#define STACK_MAX 64

uint64_t sym_frame_lookup_pc(const struct sym_frame *frame)
{
    uint64_t pc = frame->regs[16];
    return (frame->valid & SYM_FRAME_RETADDR) && pc ? pc - 1 : pc;
}

static int ev_reg(struct sym_eval *ev, uint64_t r, uint64_t *v)
{
    if (!ev->frame || r >= SYM_NREGS || !(ev->frame->valid & (1u << r)))
        return -1;
    *v = ev->frame->regs[r];
    return 0;
}

static int ev_cfa(struct sym_eval *ev, uint64_t *v)
{
    if (!ev->cfa_done) {
        ev->cfa_done = true;
        ev->cfa_ok = ev->frame && sym_frame_cfa(ev->st, ev->frame, ev->read, ev->ctx,
                                                &ev->cfa) == 0;
    }
    *v = ev->cfa;
    return ev->cfa_ok ? 0 : -1;
}

static int ev_fb(struct sym_eval *ev, uint64_t *v)
{
    if (!ev->fb_done) {
        ev->fb_done = true;
        Dwarf_Attribute a;
        if (ev->fb_die && dwarf_attr(ev->fb_die, DW_AT_frame_base, &a)) {
            struct sym_eval sub = *ev;
            sub.fb_die = NULL;
            struct sym_loc loc;
            if (sym_eval_attr(&sub, &a, &loc) == 0) {
                ev->cfa_done = sub.cfa_done;
                ev->cfa_ok = sub.cfa_ok;
                ev->cfa = sub.cfa;
                if (loc.kind == SYMLOC_MEMORY) {
                    ev->fb = loc.addr;  /* e.g. DW_OP_call_frame_cfa: the value itself */
                    ev->fb_ok = true;
                } else if (loc.kind == SYMLOC_REGISTER) {
                    ev->fb_ok = ev_reg(ev, (uint64_t)loc.reg, &ev->fb) == 0;
                } else if (loc.kind == SYMLOC_VALUE) {
                    memcpy(&ev->fb, loc.bytes, 8);
                    ev->fb_ok = true;
                }
            }
        }
    }
    *v = ev->fb;
    return ev->fb_ok ? 0 : -1;
}

static int ev_read(struct sym_eval *ev, uint64_t addr, size_t n, uint64_t *v)
{
    *v = 0;
    if (!ev->read || n > 8 || ev->read(ev->ctx, addr, v, n) != 0)
        return -1;
    return 0;
}

static int ev_attr_addr(struct sym_eval *ev, const Dwarf_Op *op, uint64_t *v)
{
    Dwarf_Attribute res;
    Dwarf_Addr a;
    if (!ev->attr || dwarf_getlocation_attr(ev->attr, op, &res) != 0 ||
        dwarf_formaddr(&res, &a) != 0)
        return -1;
    *v = a;
    return 0;
}

static void set_out(struct sym_loc *out, enum sym_loc_kind kind)
{
    memset(out, 0, sizeof *out);
    out->kind = kind;
}

/* One location description without pieces. 0 with out set (possibly optimized out). */
static int eval_simple(struct sym_eval *ev, const Dwarf_Op *ops, size_t nops, struct sym_loc *out)
{
    uint64_t st[STACK_MAX];
    int sp = 0;
    uint64_t bias = ev->m ? ev->m->bias : 0;
    size_t steps = 0;
#define PUSH(x) do { uint64_t v_ = (x); if (sp >= STACK_MAX) goto unavailable; st[sp++] = v_; } while (0)
#define NEED(k) do { if (sp < (k)) goto unavailable; } while (0)
    for (size_t i = 0; i < nops; i++) {
        if (++steps > 10000)
            goto unavailable;
        const Dwarf_Op *op = &ops[i];
        uint8_t a = op->atom;
        uint64_t x, y;
        if (a >= DW_OP_lit0 && a <= DW_OP_lit31) {
            PUSH((uint64_t)(a - DW_OP_lit0));
            continue;
        }
        if (a >= DW_OP_reg0 && a <= DW_OP_reg31) {
            set_out(out, SYMLOC_REGISTER);
            out->reg = a - DW_OP_reg0;
            return 0;
        }
        if (a >= DW_OP_breg0 && a <= DW_OP_breg31) {
            if (ev_reg(ev, a - DW_OP_breg0, &x) != 0)
                goto unavailable;
            PUSH(x + op->number);
            continue;
        }
        switch (a) {
        case DW_OP_addr:
            PUSH(op->number + bias);
            break;
        case DW_OP_addrx:
        case DW_OP_GNU_addr_index:
            if (ev_attr_addr(ev, op, &x) != 0)
                goto unavailable;
            PUSH(x + bias);
            break;
        case DW_OP_constx:
        case DW_OP_GNU_const_index:
            if (ev_attr_addr(ev, op, &x) != 0)
                goto unavailable;
            PUSH(x);
            break;
        case DW_OP_const1u: case DW_OP_const2u: case DW_OP_const4u: case DW_OP_const8u:
        case DW_OP_constu: case DW_OP_const1s: case DW_OP_const2s: case DW_OP_const4s:
        case DW_OP_const8s: case DW_OP_consts:
            PUSH(op->number);
            break;
        case DW_OP_regx:
            set_out(out, SYMLOC_REGISTER);
            out->reg = (int)op->number;
            return 0;
        case DW_OP_bregx:
            if (ev_reg(ev, op->number, &x) != 0)
                goto unavailable;
            PUSH(x + op->number2);
            break;
        case DW_OP_regval_type:
        case DW_OP_GNU_regval_type:
            if (ev_reg(ev, op->number, &x) != 0)
                goto unavailable;
            PUSH(x);
            break;
        case DW_OP_fbreg:
            if (ev_fb(ev, &x) != 0)
                goto unavailable;
            PUSH(x + op->number);
            break;
        case DW_OP_call_frame_cfa:
            if (ev_cfa(ev, &x) != 0)
                goto unavailable;
            PUSH(x);
            break;
        case DW_OP_dup: NEED(1); PUSH(st[sp - 1]); break;
        case DW_OP_drop: NEED(1); sp--; break;
        case DW_OP_over: NEED(2); PUSH(st[sp - 2]); break;
        case DW_OP_pick:
            NEED((int)op->number + 1);
            PUSH(st[sp - 1 - (int)op->number]);
            break;
        case DW_OP_swap: NEED(2); x = st[sp - 1]; st[sp - 1] = st[sp - 2]; st[sp - 2] = x; break;
        case DW_OP_rot:
            NEED(3);
            x = st[sp - 1];
            st[sp - 1] = st[sp - 2];
            st[sp - 2] = st[sp - 3];
            st[sp - 3] = x;
            break;
        case DW_OP_deref:
            NEED(1);
            if (ev_read(ev, st[sp - 1], 8, &st[sp - 1]) != 0)
                goto unavailable;
            break;
        case DW_OP_deref_size:
        case DW_OP_deref_type:
        case DW_OP_GNU_deref_type:
            NEED(1);
            if (op->number == 0 || ev_read(ev, st[sp - 1], op->number, &st[sp - 1]) != 0)
                goto unavailable;
            break;
        case DW_OP_abs: NEED(1); if ((int64_t)st[sp - 1] < 0) st[sp - 1] = -st[sp - 1]; break;
        case DW_OP_neg: NEED(1); st[sp - 1] = -st[sp - 1]; break;
        case DW_OP_not: NEED(1); st[sp - 1] = ~st[sp - 1]; break;
        case DW_OP_plus_uconst: NEED(1); st[sp - 1] += op->number; break;
        case DW_OP_and: case DW_OP_div: case DW_OP_minus: case DW_OP_mod: case DW_OP_mul:
        case DW_OP_or: case DW_OP_plus: case DW_OP_shl: case DW_OP_shr: case DW_OP_shra:
        case DW_OP_xor: case DW_OP_eq: case DW_OP_ge: case DW_OP_gt: case DW_OP_le:
        case DW_OP_lt: case DW_OP_ne:
            NEED(2);
            y = st[--sp];
            x = st[sp - 1];
            switch (a) {
            case DW_OP_and: x &= y; break;
            case DW_OP_div:
                if (y == 0)
                    goto unavailable;
                x = (uint64_t)((int64_t)x / (int64_t)y);
                break;
            case DW_OP_minus: x -= y; break;
            case DW_OP_mod:
                if (y == 0)
                    goto unavailable;
                x %= y;
                break;
            case DW_OP_mul: x *= y; break;
            case DW_OP_or: x |= y; break;
            case DW_OP_plus: x += y; break;
            case DW_OP_shl: x = y >= 64 ? 0 : x << y; break;
            case DW_OP_shr: x = y >= 64 ? 0 : x >> y; break;
            case DW_OP_shra: x = (uint64_t)((int64_t)x >> (y >= 64 ? 63 : y)); break;
            case DW_OP_xor: x ^= y; break;
            case DW_OP_eq: x = x == y; break;
            case DW_OP_ne: x = x != y; break;
            case DW_OP_ge: x = (int64_t)x >= (int64_t)y; break;
            case DW_OP_gt: x = (int64_t)x > (int64_t)y; break;
            case DW_OP_le: x = (int64_t)x <= (int64_t)y; break;
            case DW_OP_lt: x = (int64_t)x < (int64_t)y; break;
            }
            st[sp - 1] = x;
            break;
        case DW_OP_skip:
        case DW_OP_bra: {
            if (a == DW_OP_bra) {
                NEED(1);
                if (st[--sp] == 0)
                    break;
            }
            uint64_t target = op->offset + 3 + (uint64_t)(int64_t)(int16_t)op->number;
            size_t j = 0;
            while (j < nops && ops[j].offset != target)
                j++;
            if (j == nops && target <= ops[nops - 1].offset)
                goto unavailable;
            i = j - 1;  /* the loop's i++ lands on j */
            break;
        }
        case DW_OP_nop:
        case DW_OP_convert:
        case DW_OP_GNU_convert:
        case DW_OP_reinterpret:
        case DW_OP_GNU_reinterpret:
            break;
        case DW_OP_stack_value:
            NEED(1);
            set_out(out, SYMLOC_VALUE);
            memcpy(out->bytes, &st[sp - 1], 8);
            out->nbytes = 8;
            return 0;
        case DW_OP_implicit_value: {
            Dwarf_Block b;
            if (!ev->attr || dwarf_getlocation_implicit_value(ev->attr, op, &b) != 0 ||
                b.length > sizeof out->bytes)
                goto unavailable;
            set_out(out, SYMLOC_VALUE);
            memcpy(out->bytes, b.data, b.length);
            out->nbytes = (uint32_t)b.length;
            return 0;
        }
        default:
            /* entry values, TLS, implicit pointers, calls, typed constants: not available */
            goto unavailable;
        }
    }
    if (sp == 0)
        goto unavailable;
    set_out(out, SYMLOC_MEMORY);
    out->addr = st[sp - 1];
    return 0;
unavailable:
    set_out(out, SYMLOC_OPTIMIZED_OUT);
    return 0;
#undef PUSH
#undef NEED
}

/* The bytes of one piece's location, or -1 when unavailable. */
static int piece_bytes(struct sym_eval *ev, const struct sym_loc *l, uint8_t *dst, size_t n)
{
    uint64_t v;
    switch (l->kind) {
    case SYMLOC_MEMORY:
        return ev->read && ev->read(ev->ctx, l->addr, dst, n) == 0 ? 0 : -1;
    case SYMLOC_REGISTER:
        if (n > 8 || ev_reg(ev, (uint64_t)l->reg, &v) != 0)
            return -1;
        memcpy(dst, &v, n);
        return 0;
    case SYMLOC_VALUE:
        if (n > l->nbytes && !(l->nbytes == 8 && n <= 8))
            return -1;
        memcpy(dst, l->bytes, n);
        return 0;
    default:
        return -1;
    }
}

int sym_eval_expr(struct sym_eval *ev, const Dwarf_Op *ops, size_t nops, struct sym_loc *out)
{
    size_t npieces = 0;
    for (size_t i = 0; i < nops; i++)
        if (ops[i].atom == DW_OP_piece || ops[i].atom == DW_OP_bit_piece)
            npieces++;
    if (npieces == 0)
        return eval_simple(ev, ops, nops, out);
    /* A composite: assembled into a value when every piece is whole bytes, available and all
     * fit in 16 bytes; otherwise reported as pieces. A single piece is the location itself. */
    if (npieces == 1 && ops[nops - 1].atom == DW_OP_piece && nops > 1)
        return eval_simple(ev, ops, nops - 1, out);
    struct sym_loc res;
    set_out(&res, SYMLOC_VALUE);
    size_t start = 0, total = 0;
    for (size_t i = 0; i < nops; i++) {
        if (ops[i].atom != DW_OP_piece && ops[i].atom != DW_OP_bit_piece)
            continue;
        size_t n = ops[i].number;
        if (ops[i].atom == DW_OP_bit_piece || n == 0 || total + n > sizeof res.bytes ||
            i == start)
            goto pieces;
        struct sym_loc l;
        eval_simple(ev, ops + start, i - start, &l);
        if (piece_bytes(ev, &l, res.bytes + total, n) != 0)
            goto pieces;
        total += n;
        start = i + 1;
    }
    res.nbytes = (uint32_t)total;
    *out = res;
    return 0;
pieces:
    set_out(out, SYMLOC_PIECES);
    return 0;
}

int sym_eval_attr(struct sym_eval *ev, Dwarf_Attribute *attr, struct sym_loc *out)
{
    Dwarf_Op *expr;
    size_t len;
    uint64_t bias = ev->m ? ev->m->bias : 0;
    int n = dwarf_getlocation_addr(attr, ev->pc - bias, &expr, &len, 1);
    if (n <= 0 || len == 0) {
        set_out(out, SYMLOC_OPTIMIZED_OUT);
        return n < 0 ? -1 : 0;
    }
    Dwarf_Attribute *saved = ev->attr;
    ev->attr = attr;
    int r = sym_eval_expr(ev, expr, len, out);
    ev->attr = saved;
    return r;
}

/* ---- unwinding ---- */

static int cfi_frame(struct sym_module *m, uint64_t pc, Dwarf_Frame **out)
{
    *out = NULL;
    if (m->cfi_eh && dwarf_cfi_addrframe(m->cfi_eh, pc - m->bias, out) == 0)
        return 0;
    *out = NULL;
    if (m->cfi_dbg && dwarf_cfi_addrframe(m->cfi_dbg, pc - m->bias, out) == 0)
        return 0;
    *out = NULL;
    return -1;
}

/*
 * The CFA of `frame` and, if caller != NULL, the caller's registers, from the CFI.
 * 0, 1 (outermost: the return address is undefined), -1 (failed), -2 (no CFI for pc).
 */
static int unwind_cfi(struct symtab *st, struct sym_module *m, const struct sym_frame *frame,
                      struct sym_frame *caller, sym_read_mem read, void *ctx, uint64_t *cfa,
                      bool *signalp)
{
    uint64_t pc = sym_frame_lookup_pc(frame);
    Dwarf_Frame *fr;
    if (cfi_frame(m, pc, &fr) != 0)
        return -2;
    int ret = -1;
    Dwarf_Op *ops;
    size_t nops;
    struct sym_eval ev = {.st = st, .m = m, .frame = frame, .read = read, .ctx = ctx, .pc = pc,
                          .cfa_done = true};
    struct sym_loc loc;
    if (dwarf_frame_cfa(fr, &ops, &nops) != 0 || nops == 0 ||
        sym_eval_expr(&ev, ops, nops, &loc) != 0 || loc.kind != SYMLOC_MEMORY)
        goto out;
    *cfa = loc.addr;
    ret = 0;
    if (!caller)
        goto out;
    ev.cfa_ok = true;
    ev.cfa = *cfa;
    Dwarf_Addr start, end;
    bool sig = false;
    int ra = dwarf_frame_info(fr, &start, &end, &sig);
    *signalp = sig;
    memset(caller, 0, sizeof *caller);
    for (int r = 0; r < SYM_NREGS; r++) {
        int col = r == 16 && ra >= 0 ? ra : r;
        Dwarf_Op mem[3];
        if (dwarf_frame_register(fr, col, mem, &ops, &nops) != 0)
            continue;
        uint64_t v;
        if (nops == 0) {
            if (ops == NULL && col < SYM_NREGS && (frame->valid & (1u << col))) {
                caller->regs[r] = frame->regs[col];
                caller->valid |= 1u << r;
            }
            continue;  /* else undefined */
        }
        if (sym_eval_expr(&ev, ops, nops, &loc) != 0)
            continue;
        if (loc.kind == SYMLOC_MEMORY) {
            if (!read || read(ctx, loc.addr, &v, 8) != 0)
                continue;
        } else if (loc.kind == SYMLOC_REGISTER) {
            if (ev_reg(&ev, (uint64_t)loc.reg, &v) != 0)
                continue;
        } else if (loc.kind == SYMLOC_VALUE) {
            memcpy(&v, loc.bytes, 8);
        } else {
            continue;
        }
        caller->regs[r] = v;
        caller->valid |= 1u << r;
    }
    if (!(caller->valid & (1u << 7))) {
        caller->regs[7] = *cfa;  /* x86-64: the caller's rsp is the CFA */
        caller->valid |= 1u << 7;
    }
    if (!(caller->valid & (1u << 16)))
        ret = 1;
out:
    free(fr);
    return ret;
}

int sym_frame_cfa(struct symtab *st, const struct sym_frame *frame, sym_read_mem read, void *ctx,
                  uint64_t *cfa)
{
    if (frame->cfa) {
        *cfa = frame->cfa;
        return 0;
    }
    if (!(frame->valid & (1u << 16)))
        return -1;
    struct sym_module *m = sym_module_at(st, sym_frame_lookup_pc(frame));
    if (m) {
        int r = unwind_cfi(st, m, frame, NULL, read, ctx, cfa, NULL);
        if (r == 0)
            return 0;
        if (r != -2)
            return -1;
    }
    if (frame->valid & (1u << 6)) {
        *cfa = frame->regs[6] + 16;
        return 0;
    }
    return -1;
}

/* Whether pc is the start of a signal trampoline (__restore_rt): a handler returns there, so the
 * pc is exact, not a return address after a call; the CFI covers it as a signal frame. */
static bool is_signal_trampoline(struct symtab *st, uint64_t pc)
{
    struct sym_module *m = sym_module_at(st, pc - 1);
    Dwarf_Frame *fr;
    if (!m || cfi_frame(m, pc - 1, &fr) != 0)
        return false;
    bool sig = false;
    Dwarf_Addr start, end;
    dwarf_frame_info(fr, &start, &end, &sig);
    free(fr);
    return sig;
}

int symtab_unwind(struct symtab *st, struct sym_frame *frame, struct sym_frame *caller,
                  sym_read_mem read, void *ctx)
{
    if (!st || !frame || !caller || !(frame->valid & (1u << 16)))
        return -1;
    uint64_t pc = sym_frame_lookup_pc(frame);
    struct sym_module *m = sym_module_at(st, pc);
    uint64_t cfa = 0;
    bool signal = false;
    int r = -2;
    if (m)
        r = unwind_cfi(st, m, frame, caller, read, ctx, &cfa, &signal);
    if (r == -2 && !m && !(frame->valid & SYM_FRAME_RETADDR) && (frame->valid & (1u << 7)) &&
        read) {
        /* the innermost pc outside every module (a call through a bad function pointer): as
         * at a function's first instruction, the return address is on top of the stack */
        uint64_t ra;
        if (read(ctx, frame->regs[7], &ra, 8) == 0 && sym_module_at(st, ra - 1)) {
            *caller = *frame;  /* nothing ran: every other register is the caller's */
            caller->regs[16] = ra;
            caller->regs[7] = frame->regs[7] + 8;
            caller->valid &= (1u << SYM_NREGS) - 1;
            cfa = caller->regs[7];
            r = 0;
        }
    }
    if (r == -2) {
        /* no CFI: the frame pointer chain */
        if (!(frame->valid & (1u << 6)))
            return -1;
        uint64_t rbp = frame->regs[6], saved[2];
        if (rbp == 0)
            return 1;
        if ((frame->valid & (1u << 7)) && rbp < frame->regs[7])
            return -1;
        if (!read || read(ctx, rbp, saved, sizeof saved) != 0)
            return -1;
        memset(caller, 0, sizeof *caller);
        cfa = rbp + 16;
        caller->regs[6] = saved[0];
        caller->regs[16] = saved[1];
        caller->regs[7] = cfa;
        caller->valid = (1u << 6) | (1u << 7) | (1u << 16);
        r = 0;
    }
    if (r < 0)
        return -1;
    frame->cfa = cfa;
    if (r == 1)
        return 1;
    if (caller->regs[16] == 0)
        return 1;
    if (!signal && (frame->valid & (1u << 7)) && caller->regs[7] <= frame->regs[7])
        return -1;  /* the stack must grow towards the callers */
    caller->cfa = 0;
    if (!signal && !is_signal_trampoline(st, caller->regs[16]))
        caller->valid |= SYM_FRAME_RETADDR;
    return 0;
}
