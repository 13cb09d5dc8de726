/* session_queries.c: the session messages that read the debug information of the replayed
 * process's current address space (STACK, VARIABLES, TYPE), and the symbol table behind them.
 * See session_internal.h. */
#include "session_internal.h"
#include "wire.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool elf_base_vaddr(const char *path, uint64_t *base)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    Elf64_Ehdr eh;
    bool ok = pread(fd, &eh, sizeof eh, 0) == (ssize_t)sizeof eh &&
              !memcmp(eh.e_ident, ELFMAG, SELFMAG) && eh.e_ident[EI_CLASS] == ELFCLASS64;
    for (int i = 0; ok && i < eh.e_phnum; i++) {
        Elf64_Phdr ph;
        if (pread(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + (uint64_t)i * eh.e_phentsize)) !=
            (ssize_t)sizeof ph)
            break;
        if (ph.p_type == PT_LOAD) {
            uint64_t align = ph.p_align ? ph.p_align : 4096;
            *base = (ph.p_vaddr - ph.p_offset) & ~(align - 1);
            close(fd);
            return true;
        }
    }
    close(fd);
    return false;
}

/* A digest of the file mappings symbols are built from (start and path of each file's first
 * mapping): equal digests, the same modules at the same addresses. */
uint64_t session_modules_digest(const struct map_entry *maps, int n)
{
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < n; i++) {
        if (maps[i].offset != 0 || maps[i].name[0] != '/')
            continue;
        h = (h ^ maps[i].start) * 1099511628211ull;
        for (const char *c = maps[i].name; *c; c++)
            h = (h ^ (uint8_t)*c) * 1099511628211ull;
    }
    return h;
}

struct symtab *session_symbols(struct session *s)
{
    /* Kept across stops: looked at again only when the replay's file mappings may have changed
     * (a restore, an mmap...), and rebuilt only when they did. */
    if (s->symtab && s->symtab_generation == replay_maps_generation(s->replay))
        return s->symtab;
    s->symtab_generation = replay_maps_generation(s->replay);
    struct map_entry *maps = NULL;
    int n = maps_read(replay_pid(s->replay), &maps);
    uint64_t digest = session_modules_digest(maps, n);
    if (s->symtab && digest == s->symtab_digest) {
        free(maps);
        return s->symtab;
    }
    struct symtab *next = symtab_new_after(s->symtab);
    symtab_free(s->symtab);
    s->symtab = next;
    s->symtab_digest = digest;
    for (int i = 0; i < n; i++) {
        if (maps[i].offset != 0 || maps[i].name[0] != '/')
            continue;
        uint64_t base;
        if (!elf_base_vaddr(maps[i].name, &base))
            continue;
        const char *name = replay_module_name(s->replay, maps[i].name);
        symtab_add_module(s->symtab, maps[i].name, name ? name : maps[i].name,
                          maps[i].start - base);
    }
    free(maps);
    return s->symtab;
}

static int read_mem(void *ctx, uint64_t addr, void *out, size_t n)
{
    return replay_read_mem(ctx, addr, out, n) == 0 ? 0 : -1;
}

static void frame_from_regs(const struct user_regs_struct *r, struct sym_frame *f)
{
    memset(f, 0, sizeof *f);
    const uint64_t v[SYM_NREGS] = {r->rax, r->rdx, r->rcx, r->rbx, r->rsi, r->rdi,
                                   r->rbp, r->rsp, r->r8,  r->r9,  r->r10, r->r11,
                                   r->r12, r->r13, r->r14, r->r15, r->rip};
    memcpy(f->regs, v, sizeof v);
    f->valid = (1u << SYM_NREGS) - 1;
}

static void put_str(struct buf *b, const char *sv) { buf_str(b, sv ? sv : ""); }

void session_handle_stack(struct session *s, uint32_t max)
{
    struct user_regs_struct regs;
    if (!session_thread_regs(s, &regs, NULL)) {
        session_send_error(s, ERR_NOT_AVAILABLE, "the program (or the thread shown) is no longer running");
        return;
    }
    struct symtab *st = session_symbols(s);
    if (max > MAX_FRAMES || max == 0)
        max = MAX_FRAMES;
    frame_from_regs(&regs, &s->frames[0]);
    s->nframes = 1;
    while ((uint32_t)s->nframes < max) {
        struct sym_frame *f = &s->frames[s->nframes - 1];
        if (symtab_unwind(st, f, &s->frames[s->nframes], read_mem, s->replay) != 0)
            break;
        if (s->frames[s->nframes].regs[16] == 0)
            break;
        s->nframes++;
    }
    if (s->nframes == 1 || s->frames[s->nframes - 1].cfa == 0) {
        struct sym_frame spare;
        symtab_unwind(st, &s->frames[s->nframes - 1], &spare, read_mem, s->replay);
    }
    /* Each frame shows as one frame per inlined call at its pc (innermost first), then its own
     * function: virtual frames, as gdb shows them. */
    wire_begin(&s->out, WIRE_FRAMES);
    size_t count_at = s->out.len;
    buf_u32(&s->out, 0);
    s->nvframes = 0;
    for (int i = 0; i < s->nframes && s->nvframes < MAX_FRAMES; i++) {
        uint64_t pc = s->frames[i].regs[16];
        /* a return address is after its call; a frame interrupted by a signal is exact */
        uint64_t lookup = (s->frames[i].valid & SYM_FRAME_RETADDR) ? pc - 1 : pc;
        struct sym_function fn = {0};
        struct src_loc loc = {0};
        struct sym_inline inl[16];
        bool has_fn = symtab_function_at(st, lookup, &fn) == 0;
        bool has_line = symtab_addr_to_line(st, lookup, &loc) == 0;
        int ninl = has_fn && fn.has_debug_info ? symtab_inlined_at(st, lookup, inl, 16) : 0;
        if (ninl < 0)
            ninl = 0;
        /* a step stopped at an inlined call's site shows the caller there (replay_motion.h) */
        int hidden = i == 0 ? motion_hidden_inline(s->motion) : 0;
        for (int depth = hidden <= ninl ? hidden : 0; depth <= ninl && s->nvframes < MAX_FRAMES; depth++) {
            const char *name = depth < ninl ? inl[depth].name : (has_fn ? fn.name : NULL);
            struct src_loc at = depth == 0 ? loc : inl[depth - 1].call_site;
            bool at_known = depth == 0 ? has_line : at.line > 0;
            s->vframes[s->nvframes++] = (struct vframe){i, depth};
            buf_u64(&s->out, pc);
            buf_u64(&s->out, s->frames[i].cfa);
            put_str(&s->out, name);
            put_str(&s->out, has_fn ? fn.module : NULL);
            put_str(&s->out, at_known ? at.file : NULL);
            buf_u32(&s->out, at_known ? (uint32_t)at.line : 0);
            buf_u32(&s->out, at_known ? (uint32_t)at.column : 0);
            buf_u8(&s->out, has_fn && fn.has_debug_info);
            buf_u8(&s->out, depth < ninl);
        }
    }
    uint32_t nv = (uint32_t)s->nvframes;
    memcpy(s->out.data + count_at, &nv, 4);
    session_send_frame(s);
}

static void put_var(struct session *s, const struct sym_var *v, const struct sym_frame *f)
{
    put_str(&s->out, v->name);
    buf_u8(&s->out, (uint8_t)v->kind);
    buf_u32(&s->out, v->type);
    buf_u32(&s->out, v->scope_depth);
    uint8_t loc;
    switch (v->loc) {
    case SYMLOC_MEMORY: loc = 0; break;
    case SYMLOC_REGISTER: loc = f && v->reg >= 0 && v->reg < SYM_NREGS &&
                                        (f->valid >> v->reg & 1) ? 1 : 4; break;
    case SYMLOC_VALUE: loc = 2; break;
    case SYMLOC_OPTIMIZED_OUT: loc = 3; break;
    default: loc = 4;
    }
    buf_u8(&s->out, loc);
    buf_u64(&s->out, v->loc == SYMLOC_MEMORY ? v->addr : 0);
    if (loc == 1) {
        buf_u32(&s->out, 8);
        buf_u64(&s->out, f->regs[v->reg]);
    } else if (loc == 2) {
        buf_u32(&s->out, v->nbytes);
        buf_put(&s->out, v->bytes, v->nbytes);
    } else {
        buf_u32(&s->out, 0);
    }
}

void session_handle_variables(struct session *s, uint32_t frame, uint8_t scope)
{
    if (frame >= (uint32_t)s->nvframes) {
        session_send_error(s, ERR_NOT_AVAILABLE, "no such frame (ask for the stack first)");
        return;
    }
    static struct sym_var vars[MAX_VARS];
    struct symtab *st = session_symbols(s);
    const struct sym_frame *f = &s->frames[s->vframes[frame].phys];
    int n = scope == 0 ? symtab_frame_vars_at(st, f, s->vframes[frame].depth, read_mem, s->replay,
                                              vars, MAX_VARS)
                       : symtab_cu_globals(st, f->regs[16] - ((f->valid & SYM_FRAME_RETADDR) ? 1 : 0),
                                           vars, MAX_VARS);
    if (n < 0)
        n = 0;
    wire_begin(&s->out, WIRE_VARIABLE_LIST);
    buf_u32(&s->out, (uint32_t)n);
    for (int i = 0; i < n; i++)
        put_var(s, &vars[i], scope == 0 ? f : NULL);
    session_send_frame(s);
}

void session_handle_type(struct session *s, uint32_t id)
{
    const struct sym_type *t = symtab_type(session_symbols(s), id);
    if (!t) {
        session_send_error(s, ERR_NOT_AVAILABLE, "no such type");
        return;
    }
    wire_begin(&s->out, WIRE_TYPE_INFO);
    buf_u32(&s->out, id);
    buf_u8(&s->out, (uint8_t)t->kind);
    put_str(&s->out, t->name);
    buf_u64(&s->out, t->size);
    buf_u32(&s->out, t->target);
    buf_u64(&s->out, t->count);
    bool is_enum = t->kind == SYMT_ENUM;
    /* a function type's members are its parameters (version 9) */
    uint32_t n = (t->kind == SYMT_STRUCT || t->kind == SYMT_UNION || t->kind == SYMT_FUNCTION || is_enum)
                     ? t->nmembers : 0;
    buf_u32(&s->out, n);
    for (uint32_t i = 0; i < n; i++) {
        if (is_enum) {
            put_str(&s->out, t->enumerators[i].name);
            buf_u64(&s->out, (uint64_t)t->enumerators[i].value);
        } else {
            put_str(&s->out, t->members[i].name);
            buf_u32(&s->out, t->members[i].type);
            buf_u64(&s->out, t->members[i].offset);
            buf_u32(&s->out, t->members[i].bit_offset);
            buf_u32(&s->out, t->members[i].bit_size);
        }
    }
    session_send_frame(s);
}

void session_handle_symbol_at(struct session *s, uint64_t addr)
{
    struct symtab *st = session_symbols(s);
    struct sym_function fn;
    bool known = st && symtab_function_at(st, addr, &fn) == 0 && fn.name && addr >= fn.entry;
    const char *qualified = known && fn.has_debug_info ? symtab_function_qualified_name(st, addr) : NULL;
    wire_begin(&s->out, WIRE_SYMBOL);
    buf_str(&s->out, known ? (qualified ? qualified : fn.name) : "");
    buf_u64(&s->out, known ? fn.entry : 0);
    session_send_frame(s);
}

void session_handle_cxx_type(struct session *s, uint32_t id, uint64_t object)
{
    struct symtab *st = session_symbols(s);
    const struct sym_type *t = symtab_type(st, id);
    if (!t) {
        session_send_error(s, ERR_NOT_AVAILABLE, "no such type");
        return;
    }
    bool aggregate = t->kind == SYMT_STRUCT || t->kind == SYMT_UNION;
    uint32_t nbases = 0;
    for (uint32_t i = 0; aggregate && i < t->nmembers; i++)
        nbases += t->members[i].is_base;
    uint32_t dynamic = 0;
    uint64_t start = 0;
    if (object && symtab_dynamic_type(st, read_mem, s->replay, object, &dynamic, &start) != 0)
        dynamic = 0, start = 0;
    wire_begin(&s->out, WIRE_CXX_TYPE_INFO);
    buf_u32(&s->out, id);
    buf_u8(&s->out, t->kind == SYMT_POINTER ? t->reference : 0);
    buf_u32(&s->out, nbases);
    for (uint32_t i = 0; aggregate && i < t->nmembers; i++)
        if (t->members[i].is_base)
            buf_u32(&s->out, i);
    uint32_t ntargs = aggregate ? t->ntargs : 0;
    uint32_t named[16];
    const uint32_t *targs = aggregate ? t->targs : NULL;
    if (aggregate && ntargs == 0) { /* none in the DWARF: from the class's name, when it spells them */
        ntargs = (uint32_t)symtab_template_args_by_name(st, id, named, 16);
        targs = named;
        t = symtab_type(st, id); /* the lookups may have grown the type table */
    }
    buf_u32(&s->out, ntargs);
    for (uint32_t i = 0; i < ntargs; i++)
        buf_u32(&s->out, targs[i]);
    buf_u32(&s->out, dynamic);
    buf_u64(&s->out, start);
    session_send_frame(s);
}

uint64_t session_current_cfa(struct session *s)
{
    struct user_regs_struct regs;
    if (!replay_get_regs(s->replay, &regs))
        return 0;
    struct sym_frame frame, caller;
    frame_from_regs(&regs, &frame);
    if (symtab_unwind(session_symbols(s), &frame, &caller, read_mem, s->replay) < 0)
        return 0;
    return frame.cfa;
}
