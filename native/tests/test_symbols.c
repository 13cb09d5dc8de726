/*
 * test_symbols.c: the symbol layer (symbols.h) against real processes. A tiny ptrace harness
 * starts each program of tests/dwarf (built -O0 and -O2 as ../build/dwarf/NAME-O0/-O2) with ASLR
 * off, adds the executable, ld.so and libc as modules from /proc/PID/maps, stops at lines found by
 * their "BREAK name" marker comments (no hard-coded line numbers), and checks lines, functions,
 * variables and their values (read through /proc/PID/mem), types, globals, and unwinding to main,
 * also through libc frames without debug information. At -O2 values are checked when the
 * compiler kept them, and variables it dropped must be reported as optimized out.
 * Run from native/tests.
 */
#include "symbols_harness.h"

#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>
#include <inttypes.h>
#include <errno.h>

/* ---- vars.c ---- */

static void check_vars_deep(struct proc *p, bool o0)
{
    const char *src = "dwarf/vars.c";
    struct sym_frame f;
    get_frame(p, &f);
    uint64_t pc = f.regs[16];
    struct src_loc loc;
    int line = marker_line(src, "BREAK vars_deep");
    CHECK(symtab_addr_to_line(p->st, pc, &loc) == 0 && loc.line == line &&
              ends_with(loc.file, "/tests/dwarf/vars.c") && loc.file[0] == '/',
          "addr_to_line: %s:%d, want line %d", loc.file, loc.line, line);
    struct sym_function fn;
    CHECK(symtab_function_at(p->st, pc, &fn) == 0 && fn.name && strcmp(fn.name, "main") == 0 &&
              fn.has_debug_info && fn.low <= pc && pc < fn.high && fn.low <= fn.entry &&
              fn.entry <= fn.body && fn.body < fn.high && strstr(fn.module, "/build/dwarf/vars-O") != NULL,
          "function_at: %s", fn.name);

    struct sym_var v[64];
    int n = symtab_frame_vars(p->st, &f, read_mem, p, v, 64);
    CHECK(n >= 20, "frame_vars: %d variables", n);
    CHECK(count_var(v, n, "x") == 1, "x shadowed: %d", count_var(v, n, "x"));
    const struct sym_var *x = find_var(v, n, "x");
    CHECK(x && x->scope_depth == 2 && x->kind == SYMVAR_LOCAL, "innermost x");
    CHECK(x && x->decl.line == line - 2 && ends_with(x->decl.file, "dwarf/vars.c"),
          "x declared at %d", x ? x->decl.line : -1);
    check_int(p, &f, v, n, "x", 3, true);
    check_int(p, &f, v, n, "inner", 5, true);
    check_int(p, &f, v, n, "deepest", 8, true);
    const struct sym_var *inner = find_var(v, n, "inner");
    CHECK(inner && inner->scope_depth == 1, "inner depth");
    check_int(p, &f, v, n, "argc", 1, o0);
    const struct sym_var *argc = find_var(v, n, "argc");
    CHECK(argc && argc->kind == SYMVAR_PARAM && argc->scope_depth == 0, "argc is a parameter");
    CHECK(n > 1 && v[0].kind == SYMVAR_PARAM && v[1].kind == SYMVAR_PARAM, "parameters first");
    check_int(p, &f, v, n, "u", 7, true);
    check_int(p, &f, v, n, "c", 'Z', true);
    check_int(p, &f, v, n, "sh", -7, true);
    check_int(p, &f, v, n, "uc", 200, true);
    check_int(p, &f, v, n, "flag", 1, true);
    check_int(p, &f, v, n, "big", -1234567890123L, true);
    check_int(p, &f, v, n, "col", -2, true);
    check_int(p, &f, v, n, "calls", 3, true);
    const struct sym_var *dead = find_var(v, n, "dead");
    CHECK(dead != NULL, "dead listed");
    if (o0)
        check_int(p, &f, v, n, "dead", 17, true);
    else
        CHECK(dead && dead->loc == SYMLOC_OPTIMIZED_OUT, "dead optimized out at -O2: %d",
              dead ? (int)dead->loc : -1);

    /* types */
    const struct sym_var *u = find_var(v, n, "u");
    const struct sym_type *t = u ? symtab_type(p->st, u->type) : NULL;
    CHECK(t && t->kind == SYMT_TYPEDEF && t->name && strcmp(t->name, "uint_t") == 0 &&
              t->size == 4 && symtab_type(p->st, t->target)->kind == SYMT_UINT,
          "uint_t typedef");
    const struct sym_var *c = find_var(v, n, "c"), *uc = find_var(v, n, "uc"),
                         *flag = find_var(v, n, "flag");
    CHECK(c && strip(p->st, c->type)->kind == SYMT_CHAR, "char kind");
    CHECK(uc && strip(p->st, uc->type)->kind == SYMT_UCHAR, "unsigned char kind");
    CHECK(flag && strip(p->st, flag->type)->kind == SYMT_BOOL, "_Bool kind");
    const struct sym_var *col = find_var(v, n, "col");
    t = col ? strip(p->st, col->type) : NULL;
    CHECK(t && t->kind == SYMT_ENUM && t->name && strcmp(t->name, "enum color") == 0 &&
              t->nmembers == 3 && t->enumerators && strcmp(t->enumerators[2].name, "BLUE") == 0 &&
              t->enumerators[2].value == -2 && t->enumerators[1].value == 5,
          "enum color");
    const struct sym_var *d = find_var(v, n, "d"), *fl = find_var(v, n, "fl");
    double dv = 0;
    float fv = 0;
    CHECK(d && strip(p->st, d->type)->kind == SYMT_FLOAT && var_bytes(p, &f, d, &dv, 8) == 0 &&
              dv == 3.25, "double d = %g", dv);
    CHECK(fl && strip(p->st, fl->type)->size == 4 && var_bytes(p, &f, fl, &fv, 4) == 0 &&
              fv == -1.5f, "float fl = %g", fv);
    const struct sym_var *str = find_var(v, n, "str");
    uint64_t ptr = 0;
    char buf[64];
    t = str ? strip(p->st, str->type) : NULL;
    CHECK(t && t->kind == SYMT_POINTER && t->size == 8 && strip(p->st, t->target)->kind ==
              SYMT_CHAR && symtab_type(p->st, t->target)->kind == SYMT_CONST, "const char *");
    CHECK(str && var_bytes(p, &f, str, &ptr, 8) == 0 && read_string(p, ptr, buf, 7) &&
              strcmp(buf, "rewind") == 0, "str = \"%s\"", buf);
    const struct sym_var *arr = find_var(v, n, "arr");
    t = arr ? strip(p->st, arr->type) : NULL;
    int32_t ints[6] = {0};
    CHECK(t && t->kind == SYMT_ARRAY && t->count == 5 && t->size == 20 &&
              strip(p->st, t->target)->kind == SYMT_INT, "int[5]");
    CHECK(arr && var_bytes(p, &f, arr, ints, 20) == 0 && ints[2] == 30 && ints[4] == 50,
          "arr[2] = %d", ints[2]);
    const struct sym_var *grid = find_var(v, n, "grid");
    t = grid ? strip(p->st, grid->type) : NULL;
    const struct sym_type *row = t ? symtab_type(p->st, t->target) : NULL;
    CHECK(t && t->kind == SYMT_ARRAY && t->count == 2 && t->size == 24 && row &&
              row->kind == SYMT_ARRAY && row->count == 3 && row->size == 12,
          "int[2][3]");
    CHECK(grid && var_bytes(p, &f, grid, ints, 24) == 0 && ints[5] == 6 && ints[3] == 4,
          "grid[1][2] = %d", ints[5]);

    const struct sym_var *first = find_var(v, n, "first");
    t = first ? strip(p->st, first->type) : NULL;
    CHECK(t && t->kind == SYMT_STRUCT && t->name && strcmp(t->name, "struct node") == 0 &&
              t->nmembers == 6, "struct node");
    uint8_t sb[64] = {0}, sb2[64] = {0};
    if (t && t->size <= sizeof sb && first && var_bytes(p, &f, first, sb, t->size) == 0) {
        const struct sym_member *mv = member(p->st, t, "value"), *mn = member(p->st, t, "next"),
                                *mp = member(p->st, t, "pos"), *mf = member(p->st, t, "fl"),
                                *mc = member(p->st, t, "col");
        int32_t val = 0;
        if (mv)
            memcpy(&val, sb + mv->offset, 4);
        CHECK(mv && val == 1, "first.value = %d", val);
        const struct sym_type *pt = mp ? strip(p->st, mp->type) : NULL;
        const struct sym_member *py = member(p->st, pt, "y");
        int32_t y = 0;
        if (mp && py)
            memcpy(&y, sb + mp->offset + py->offset, 4);
        CHECK(py && y == 2, "first.pos.y = %d", y);
        const struct sym_type *ft = mf ? strip(p->st, mf->type) : NULL;
        const struct sym_member *ba = member(p->st, ft, "a"), *bb = member(p->st, ft, "b"),
                                *bc = member(p->st, ft, "c"), *bd = member(p->st, ft, "d");
        CHECK(ba && bb && bc && bd && ba->bit_size == 3 && bb->bit_size == 5 &&
                  bc->bit_size == 4 && bd->bit_size == 20, "bit sizes");
        if (ba && bb && bc && bd && mf) {
            const uint8_t *fb = sb + mf->offset;
            CHECK(bitfield(fb, ba, false) == 5 && bitfield(fb, bb, false) == 31 &&
                      bitfield(fb, bc, true) == 7 && bitfield(fb, bd, false) == 12345,
                  "first.fl = {%" PRId64 ", %" PRId64 ", %" PRId64 ", %" PRId64 "}",
                  bitfield(fb, ba, false), bitfield(fb, bb, false), bitfield(fb, bc, true),
                  bitfield(fb, bd, false));
        }
        int32_t cv = 0;
        if (mc)
            memcpy(&cv, sb + mc->offset, 4);
        CHECK(mc && cv == 5, "first.col = %d", cv);
        uint64_t next = 0;
        if (mn)
            memcpy(&next, sb + mn->offset, 8);
        const struct sym_type *nt = mn ? strip(p->st, mn->type) : NULL;
        CHECK(nt && nt->kind == SYMT_POINTER && strip(p->st, nt->target) == t,
              "next is struct node *");
        const struct sym_member *mname = member(p->st, t, "name");
        CHECK(next && read_mem(p, next, sb2, t->size) == 0 && mname &&
                  strcmp((char *)sb2 + mname->offset, "second") == 0, "first.next->name");
        if (mf && bc)
            CHECK(bitfield(sb2 + mf->offset, bc, true) == -3, "second.fl.c = %" PRId64,
                  bitfield(sb2 + mf->offset, bc, true));
    } else {
        CHECK(0, "first unreadable");
    }
    const struct sym_var *un = find_var(v, n, "n");
    t = un ? strip(p->st, un->type) : NULL;
    uint32_t bits = 0;
    CHECK(t && t->kind == SYMT_UNION && t->size == 4 && t->nmembers == 3 &&
              var_bytes(p, &f, un, &bits, 4) == 0 && bits == 0x3f800000, "union num");

    /* types by name, for casts */
    uint32_t id;
    const struct sym_var *firstv = find_var(v, n, "first");
    const struct sym_type *node = firstv ? strip(p->st, firstv->type) : NULL;
    CHECK(symtab_type_by_name(p->st, pc, "int", &id) == 0 &&
              symtab_type(p->st, id)->kind == SYMT_INT && symtab_type(p->st, id)->size == 4,
          "type int");
    CHECK(symtab_type_by_name(p->st, pc, "unsigned long", &id) == 0 &&
              symtab_type(p->st, id)->kind == SYMT_UINT && symtab_type(p->st, id)->size == 8,
          "type unsigned long");
    CHECK(symtab_type_by_name(p->st, pc, "unsigned long long int", &id) == 0 &&
              symtab_type(p->st, id)->kind == SYMT_UINT && symtab_type(p->st, id)->size == 8,
          "type unsigned long long (made up)");
    CHECK(symtab_type_by_name(p->st, pc, "struct node", &id) == 0 &&
              symtab_type(p->st, id) == node, "type struct node");
    CHECK(symtab_type_by_name(p->st, pc, "const struct node **", &id) == 0 &&
              symtab_type(p->st, id)->kind == SYMT_POINTER &&
              symtab_type(p->st, symtab_type(p->st, id)->target)->kind == SYMT_POINTER &&
              symtab_type(p->st, symtab_type(p->st, symtab_type(p->st, id)->target)->target) ==
                  node, "type const struct node **");
    CHECK(symtab_type_by_name(p->st, pc, "uint_t", &id) == 0 &&
              symtab_type(p->st, id)->kind == SYMT_TYPEDEF, "type uint_t");
    CHECK(symtab_type_by_name(p->st, pc, "enum color", &id) == 0 &&
              symtab_type(p->st, id)->kind == SYMT_ENUM, "type enum color");
    CHECK(symtab_type_by_name(p->st, pc, "union num", &id) == 0 &&
              symtab_type(p->st, id)->kind == SYMT_UNION, "type union num");
    CHECK(symtab_type_by_name(p->st, pc, "void", &id) == 0 && id == 0, "type void");
    CHECK(symtab_type_by_name(p->st, pc, "void *", &id) == 0 &&
              symtab_type(p->st, id)->kind == SYMT_POINTER && symtab_type(p->st, id)->target == 0,
          "type void *");
    CHECK(symtab_type_by_name(p->st, pc, "struct nosuch", &id) == -1 &&
              symtab_type_by_name(p->st, pc, "long short", &id) == -1 &&
              symtab_type_by_name(p->st, pc, "foo bar", &id) == -1 &&
              symtab_type_by_name(p->st, pc, "", &id) == -1, "unknown type names");

    /* globals */
    struct sym_var g[16];
    int ng = symtab_cu_globals(p->st, pc, g, 16);
    CHECK(ng == 4, "cu_globals: %d", ng);
    check_int(p, &f, g, ng, "global_counter", 42, true);
    const struct sym_var *sr = find_var(g, ng, "static_ratio");
    CHECK(sr && sr->kind == SYMVAR_GLOBAL &&
              (var_bytes(p, &f, sr, &dv, 8) == 0 ? dv == 2.5
                                                 : !o0 && sr->loc == SYMLOC_OPTIMIZED_OUT),
          "static_ratio (constant-folded away at -O2)");
    const struct sym_var *gm = find_var(g, ng, "global_msg");
    CHECK(gm && var_bytes(p, &f, gm, &ptr, 8) == 0 && read_string(p, ptr, buf, 6) &&
              strcmp(buf, "hello") == 0, "global_msg");
    struct sym_var one;
    CHECK(symtab_find_global(p->st, pc, "global_counter", &one) == 0 &&
              var_int(p, &f, &one, &(int64_t){0}) == 0 && one.loc == SYMLOC_MEMORY,
          "find_global");
    CHECK(symtab_find_global(p->st, 0, "static_ratio", &one) == 0, "find_global without pc");
    CHECK(symtab_find_global(p->st, pc, "stdout", &one) == 0 && one.loc == SYMLOC_MEMORY &&
              read_mem(p, one.addr, &ptr, 8) == 0 && ptr != 0, "stdout from libc's symbols");
    CHECK(symtab_find_global(p->st, pc, "no_such_variable", &one) == -1, "unknown global");

    /* names in expressions: a global, a function with its type (main's parameters), nothing */
    struct sym_named nm;
    CHECK(symtab_find_global(p->st, pc, "global_counter", &one) == 0 &&
              symtab_named(p->st, pc, "global_counter", &nm) == 0 && nm.kind == SYMNAMED_VARIABLE &&
              nm.address == one.addr, "named global");
    const struct sym_type *mt = NULL;
    CHECK(symtab_named(p->st, pc, "main", &nm) == 0 && nm.kind == SYMNAMED_FUNCTION &&
              nm.definitions == 1 && (mt = symtab_type(p->st, nm.type)) && mt->kind == SYMT_FUNCTION &&
              mt->count == 1 && mt->name == NULL,
          "named function main");
    struct sym_function mainfn;
    CHECK(symtab_function_at(p->st, pc, &mainfn) == 0 && nm.address == mainfn.entry, "main's entry");
    CHECK(symtab_named(p->st, pc, "no_such_name", &nm) == -1 && symtab_named(p->st, pc, "a::", &nm) == -1,
          "unknown names");

    /* main's caller is in libc; the unwind ends cleanly */
    struct unwound uw;
    unwind_all(p, &uw);
    CHECK(uw.n >= 2 && uw.n < 8 && uw.last == 1, "unwind from main: %d frames, last %d", uw.n,
          uw.last);
    CHECK(uw.n >= 2 && ends_with(uw.modules[1], "libc.so.6"), "main called from libc: %s",
          uw.n >= 2 ? uw.modules[1] : "?");
}

static void test_vars(const char *prog, bool o0)
{
    struct proc p;
    if (proc_start(&p, prog) != 0) {
        CHECK(0, "cannot start %s", prog);
        return;
    }
    if (stop_at(&p, "dwarf/vars.c", "vars.c", "BREAK vars_deep") == 0)
        check_vars_deep(&p, o0);
    if (stop_at(&p, "dwarf/vars.c", "vars.c", "BREAK vars_inner") == 0) {
        struct sym_frame f;
        get_frame(&p, &f);
        struct sym_var v[64];
        int n = symtab_frame_vars(p.st, &f, read_mem, &p, v, 64);
        check_int(&p, &f, v, n, "x", 2, true);
        check_int(&p, &f, v, n, "inner", 5, true);
        CHECK(!find_var(v, n, "deepest"), "deepest out of scope");
        const struct sym_var *x = find_var(v, n, "x");
        CHECK(x && x->scope_depth == 1, "x depth 1");
    }
    proc_end(&p);
}

/* ---- recurse.c ---- */

static void test_recurse(const char *prog, bool o0)
{
    struct proc p;
    if (proc_start(&p, prog) != 0) {
        CHECK(0, "cannot start %s", prog);
        return;
    }
    if (stop_at(&p, "dwarf/recurse.c", "recurse.c", "BREAK fact_base") == 0) {
        struct unwound uw;
        unwind_all(&p, &uw);
        print_unwind(&p, &uw);
        CHECK(uw.n >= 6, "%d frames", uw.n);
        for (int k = 0; k < 5 && k < uw.n; k++) {
            CHECK(uw.names[k] && strcmp(uw.names[k], "fact") == 0, "frame %d: %s", k,
                  uw.names[k]);
            struct sym_var v[16];
            int n = symtab_frame_vars(p.st, &uw.frames[k], read_mem, &p, v, 16);
            check_int(&p, &uw.frames[k], v, n, "n", k + 1, o0);
            if (k > 0)
                CHECK(uw.frames[k].cfa > uw.frames[k - 1].cfa, "CFAs grow");
        }
        CHECK(uw.n >= 6 && uw.names[5] && strcmp(uw.names[5], "main") == 0, "frame 5: %s",
              uw.n >= 6 ? uw.names[5] : "?");
        CHECK(uw.last == 1, "unwind ends at the outermost frame (%d)", uw.last);
        struct sym_inline in[4];
        CHECK(symtab_inlined_at(p.st, uw.frames[0].regs[16], in, 4) == 0, "nothing inlined");
    }
    proc_end(&p);
}

static void test_function_breakpoint(const char *prog, bool o0)
{
    struct proc p;
    if (proc_start(&p, prog) != 0) {
        CHECK(0, "cannot start %s", prog);
        return;
    }
    uint64_t addrs[8];
    int n = symtab_function_addrs(p.st, "fact", addrs, 8);
    CHECK(n == 1, "function_addrs(fact) = %d", n);
    struct sym_function fn;
    if (n == 1 && symtab_function_at(p.st, addrs[0], &fn) == 0) {
        CHECK(fn.body == addrs[0] && (o0 ? fn.body > fn.entry : fn.body >= fn.entry),
              "fact: entry %" PRIx64 " body %" PRIx64, fn.entry, fn.body);
        struct src_loc loc;
        if (o0)
            CHECK(symtab_addr_to_line(p.st, addrs[0], &loc) == 0 &&
                      loc.line == marker_line("dwarf/recurse.c", "if (n <= 1)"),
                  "after the prologue: line %d", loc.line);
        if (run_to(&p, addrs, 1) == 0) {
            struct sym_frame f;
            get_frame(&p, &f);
            struct sym_var v[16];
            int nv = symtab_frame_vars(p.st, &f, read_mem, &p, v, 16);
            check_int(&p, &f, v, nv, "n", 5, true);
        } else {
            CHECK(0, "fact not reached");
        }
    }
    CHECK(symtab_function_addrs(p.st, "no_such_function", addrs, 8) == -1, "unknown function");
    CHECK(symtab_function_addrs(p.st, "qsort", addrs, 8) >= 1, "qsort in libc");
    if (symtab_function_addrs(p.st, "qsort", addrs, 8) >= 1 &&
        symtab_function_at(p.st, addrs[0], &fn) == 0)
        CHECK(!fn.has_debug_info && fn.name && strcmp(fn.name, "qsort") == 0 &&
                  ends_with(fn.module, "libc.so.6"), "qsort from the ELF symbols");
    proc_end(&p);
}

/* ---- callback.c ---- */

static void test_callback(const char *prog, bool o0)
{
    struct proc p;
    if (proc_start(&p, prog) != 0) {
        CHECK(0, "cannot start %s", prog);
        return;
    }
    /* the PLT stub main calls qsort through: a synthetic symbol, unwound by the linker's CFI */
    uint64_t plt[2];
    struct sym_function fn;
    CHECK(symtab_function_addrs(p.st, "qsort@plt", plt, 2) == 1 &&
              symtab_function_at(p.st, plt[0] + 4, &fn) == 0 && fn.name &&
              strcmp(fn.name, "qsort@plt") == 0 && !fn.has_debug_info && fn.low == plt[0],
          "qsort@plt");
    if (run_to(&p, plt, 1) == 0) {
        struct unwound uw;
        unwind_all(&p, &uw);
        CHECK(uw.n >= 2 && uw.names[1] && strcmp(uw.names[1], "main") == 0,
              "from the PLT stub to main");
    }
    if (stop_at(&p, "dwarf/callback.c", "callback.c", "BREAK compare") == 0) {
        struct unwound uw;
        unwind_all(&p, &uw);
        print_unwind(&p, &uw);
        CHECK(uw.names[0] && strcmp(uw.names[0], "compare_items") == 0, "frame 0: %s",
              uw.names[0]);
        int m = frame_named(&uw, "main");
        CHECK(m >= 2, "main reached through libc: frame %d of %d", m, uw.n);
        for (int k = 1; k < m; k++)
            CHECK(ends_with(uw.modules[k], "libc.so.6"), "frame %d in %s", k, uw.modules[k]);
        CHECK(frame_named(&uw, "qsort_r") > 0, "qsort_r frame");
        CHECK(uw.last == 1, "unwind ends at the outermost frame (%d)", uw.last);
        struct sym_var v[16];
        int n = symtab_frame_vars(p.st, &uw.frames[0], read_mem, &p, v, 16);
        const struct sym_var *a = find_var(v, n, "a");
        uint64_t ptr = 0;
        int32_t key = 0;
        CHECK(a && var_bytes(&p, &uw.frames[0], a, &ptr, 8) == 0 &&
                  read_mem(&p, ptr, &key, 4) == 0 &&
                  (key == 5 || key == 3 || key == 9 || key == 1 || key == 7 || key == 2),
              "a->key = %d", key);
        if (m > 0) {
            n = symtab_frame_vars(p.st, &uw.frames[m], read_mem, &p, v, 16);
            check_int(&p, &uw.frames[m], v, n, "argc", 1, o0);
            const struct sym_var *items = find_var(v, n, "items");
            const struct sym_type *t = items ? strip(p.st, items->type) : NULL;
            uint8_t buf[96];
            char label[8] = "";
            CHECK(t && t->kind == SYMT_ARRAY && t->count == 6 && t->size == 96 &&
                      var_bytes(&p, &uw.frames[m], items, buf, 96) == 0,
                  "main's items");
            if (t && t->size == 96) {
                memcpy(&key, buf, 4);
                memcpy(&ptr, buf + 8, 8);
                CHECK(key == 5 && read_string(&p, ptr, label, 5) && strcmp(label, "five") == 0,
                      "items[0] = {%d, \"%s\"}", key, label);
            }
        }
    }
    proc_end(&p);
}

static void test_inline(const char *prog, bool o0)
{
    struct proc p;
    if (proc_start(&p, prog) != 0) {
        CHECK(0, "cannot start %s", prog);
        return;
    }
    uint64_t addrs[8];
    int n = symtab_function_addrs(p.st, "clamp_add", addrs, 8);
    CHECK(n >= 1, "function_addrs(clamp_add) = %d (inlined copies)", n);
    int line = marker_line("dwarf/callback.c", "BREAK inline_body"), actual;
    n = symtab_line_to_addrs(p.st, "callback.c", line, addrs, 8, &actual);
    CHECK(n >= 1 || !o0, "inline body line: %d", n);
    if (n >= 1 && run_to(&p, addrs, n) >= 0) {
        struct sym_frame f;
        get_frame(&p, &f);
        struct sym_inline in[4];
        int ni = symtab_inlined_at(p.st, f.regs[16], in, 4);
        int call = marker_line("dwarf/callback.c", "total = clamp_add(");
        CHECK(ni == 1 && in[0].name && strcmp(in[0].name, "clamp_add") == 0 &&
                  in[0].call_site.line == call && ends_with(in[0].call_site.file, "callback.c"),
              "inlined_at: %d %s line %d", ni, ni ? in[0].name : "", ni ? in[0].call_site.line : 0);
        struct sym_function fn;
        CHECK(symtab_function_at(p.st, f.regs[16], &fn) == 0 && fn.name &&
                  strcmp(fn.name, "main") == 0, "inlined into main");
        struct sym_var v[32];
        int nv = symtab_frame_vars(p.st, &f, read_mem, &p, v, 32);
        const struct sym_var *a = find_var(v, nv, "a"), *sum = find_var(v, nv, "sum");
        CHECK(a && a->kind == SYMVAR_PARAM && sum && !find_var(v, nv, "items"),
              "the inlined function's variables");
        int64_t s;
        if (o0) {  /* the first call: clamp_add(0, 1 * (argc + 4)) */
            check_int(&p, &f, v, nv, "a", 0, true);
            check_int(&p, &f, v, nv, "b", 5, true);
            check_int(&p, &f, v, nv, "sum", 5, true);
        } else if (sum && var_int(&p, &f, sum, &s) == 0) {
            CHECK(s >= 0 && s <= 100, "sum = %" PRId64, s);
        }
        nv = symtab_frame_vars_at(p.st, &f, 1, read_mem, &p, v, 32);
        CHECK(find_var(v, nv, "items") && find_var(v, nv, "total") && find_var(v, nv, "argc") &&
                  !find_var(v, nv, "sum"), "the caller's variables at inline depth 1");
        if (o0)
            check_int(&p, &f, v, nv, "i", 0, true);
        CHECK(symtab_frame_vars_at(p.st, &f, 2, read_mem, &p, v, 32) == 0, "no depth 2");
    }
    proc_end(&p);
}

static void test_lines(const char *prog, bool o0)
{
    struct proc p;
    if (proc_start(&p, prog) != 0) {
        CHECK(0, "cannot start %s", prog);
        return;
    }
    uint64_t addrs[64];
    int actual = -5;
    CHECK(symtab_line_to_addrs(p.st, "nonexistent.c", 10, addrs, 8, &actual) == -1,
          "unknown file");
    CHECK(symtab_line_to_addrs(p.st, "back.c", 10, addrs, 8, &actual) == -1,
          "suffix matches whole path components only");
    int line = marker_line("dwarf/callback.c", "MOVED");
    int n = symtab_line_to_addrs(p.st, "callback.c", line, addrs, 8, &actual);
    CHECK(n >= 1 && actual == line + 1, "moved to the next line: %d -> %d", line, actual);
    char full[4096];
    if (realpath("dwarf/callback.c", full)) {
        int a2;
        uint64_t addrs2[8];
        CHECK(symtab_line_to_addrs(p.st, full, line, addrs2, 8, &a2) == n && a2 == actual &&
                  addrs2[0] == addrs[0], "full path");
        CHECK(symtab_line_to_addrs(p.st, "tests/dwarf/callback.c", line, addrs2, 8, &a2) == n,
              "partial path");
    }
    /* a line between functions (as gdb: the next function's first line, here an inlined one's
     * first line in its copies), above the first function, and above main */
    line = marker_line("dwarf/callback.c", "BETWEEN");
    int inline_body = marker_line("dwarf/callback.c", "BREAK inline_body");
    n = symtab_line_to_addrs(p.st, "callback.c", line, addrs, 8, &actual);
    CHECK(n >= 1 && actual > line && actual <= inline_body,
          "between functions: to the inlined function's first line: %d (line %d)", n, actual);
    for (int k = 0; k < n; k++) {
        struct src_loc at;
        /* (at -O2 the inlined function's first rows share one address: it shows the last) */
        CHECK(symtab_addr_to_line(p.st, addrs[k], &at) == 0 && at.line >= actual &&
                  at.line <= inline_body,
              "address %d of the moved breakpoint is in the inlined function: line %d", k,
              at.line);
    }
    uint64_t cmp_addrs[8];
    int cmp_line;
    int cmp_n = symtab_line_to_addrs(p.st, "callback.c", marker_line("dwarf/callback.c", "int compare_items("),
                                     cmp_addrs, 8, &cmp_line);
    for (int above = 1; above <= marker_line("dwarf/callback.c", "int compare_items("); above++) {
        n = symtab_line_to_addrs(p.st, "callback.c", above, addrs, 8, &actual);
        CHECK(n == cmp_n && cmp_n >= 1 && actual == cmp_line && addrs[0] == cmp_addrs[0],
              "line %d above the first function: to its first line %d, got %d (line %d)", above,
              cmp_line, n, actual);
    }
    int main_first, main_n;
    uint64_t main_first_addr[8];
    main_n = symtab_line_to_addrs(p.st, "callback.c", marker_line("dwarf/callback.c", "int main("),
                                  main_first_addr, 8, &main_first);
    n = symtab_line_to_addrs(p.st, "callback.c", marker_line("dwarf/callback.c", "volatile int sink"),
                             addrs, 8, &actual);
    CHECK(main_n == 1 && n == 1 && addrs[0] == main_first_addr[0] && actual == main_first,
          "a global's line above main: to main's first line %d, got line %d", main_first, actual);
    n = symtab_line_to_addrs(p.st, "callback.c", marker_line("dwarf/callback.c", "return argv[0]") + 2,
                             addrs, 8, &actual);
    CHECK(n == 0 && actual == 0, "after the last function: no code (%d, line %d)", n, actual);
    line = marker_line("dwarf/callback.c", "int main(");
    n = symtab_line_to_addrs(p.st, "callback.c", line, addrs, 8, &actual);
    uint64_t main_addr[2];
    CHECK(symtab_function_addrs(p.st, "main", main_addr, 2) == 1, "main");
    CHECK(n == 1 && addrs[0] == main_addr[0] && (o0 ? actual > line : actual >= line),
          "a function's first line skips the prologue: line %d", actual);
    struct sym_function fn;
    if (symtab_function_at(p.st, main_addr[0], &fn) == 0) {
        n = symtab_line_starts(p.st, fn.low, fn.high, addrs, 64);
        bool ok = n >= 5;
        for (int i = 0; i < n; i++)
            ok &= addrs[i] >= fn.low && addrs[i] < fn.high && (i == 0 || addrs[i] > addrs[i - 1]);
        CHECK(ok, "line starts of main: %d", n);
        struct src_loc loc;
        CHECK(symtab_addr_to_line(p.st, fn.entry, &loc) == 0 &&
                  loc.line >= marker_line("dwarf/callback.c", "int main(") + 1 &&
                  loc.line <= marker_line("dwarf/callback.c", "int main(") + (o0 ? 1 : 2),
              "main's entry is on the line of its '{': %d", loc.line);
    }
    proc_end(&p);
}

/* ---- signal.c: unwinding through a signal frame, from inside libc, from a function's entry ---- */

static void test_unwind_edges(const char *prog, bool o0)
{
    struct proc p;
    if (proc_start(&p, prog) != 0) {
        CHECK(0, "cannot start %s", prog);
        return;
    }
    struct unwound uw;
    if (stop_at(&p, "dwarf/signal.c", "signal.c", "BREAK handler") == 0) {
        unwind_all(&p, &uw);
        print_unwind(&p, &uw);
        int m = frame_named(&uw, "main"), r = frame_named(&uw, "__restore_rt");
        CHECK(uw.names[0] && strcmp(uw.names[0], "on_signal") == 0, "frame 0: %s", uw.names[0]);
        CHECK(r == 1 && m > r + 1 && uw.last == 1,
              "through the signal frame to main: __restore_rt %d, main %d, last %d", r, m,
              uw.last);
        if (r == 1) {
            /* the trampoline's pc and the interrupted pc are exact (not return addresses) */
            CHECK(!(uw.frames[r + 1].valid & SYM_FRAME_RETADDR) &&
                      !(uw.frames[r].valid & SYM_FRAME_RETADDR) &&
                      (uw.frames[r + 2].valid & SYM_FRAME_RETADDR), "signal frames' pcs");
            for (int k = r + 1; k < m; k++)
                CHECK(ends_with(uw.modules[k], "libc.so.6"), "interrupted in libc: %s",
                      uw.modules[k]);
        }
    }
    /* a function's first instruction (nothing pushed yet: the CFI still knows), and inside libc
     * in a function without debug information; -O2 calls them in the other order */
    uint64_t a[4], stops[2] = {0, 0};
    struct sym_function fn;
    if (symtab_function_addrs(p.st, "twice", a, 4) == 1 && symtab_function_at(p.st, a[0], &fn) == 0)
        stops[0] = fn.entry;
    if (symtab_function_addrs(p.st, "write", a, 4) >= 1)
        stops[1] = a[0];
    CHECK(stops[0] && stops[1], "twice and write");
    bool seen[2] = {false, false};
    for (int round = 0; round < 2 && stops[0] && stops[1]; round++) {
        uint64_t want[2];
        int nwant = 0, which[2];
        for (int k = 0; k < 2; k++)
            if (!seen[k]) {
                which[nwant] = k;
                want[nwant++] = stops[k];
            }
        int hit = run_to(&p, want, nwant);
        if (hit < 0)
            break;
        int k = which[hit];
        seen[k] = true;
        unwind_all(&p, &uw);
        if (k == 0) {
            CHECK(uw.n >= 2 && uw.names[1] && strcmp(uw.names[1], "main") == 0 && uw.last == 1,
                  "from twice's entry: frame 1 %s", uw.n >= 2 ? uw.names[1] : "?");
            struct sym_var v[8];
            int n = symtab_frame_vars(p.st, &uw.frames[0], read_mem, &p, v, 8);
            if (!o0)  /* at -O2 v is in rdi from the first instruction */
                check_int(&p, &uw.frames[0], v, n, "v", SIGUSR1, true);
            continue;
        }
        print_unwind(&p, &uw);
        CHECK(uw.names[0] && strcmp(uw.names[0], "write") == 0 &&
                  ends_with(uw.modules[0], "libc.so.6"), "in write: %s", uw.names[0]);
        struct sym_function f0;
        CHECK(symtab_function_at(p.st, uw.frames[0].regs[16], &f0) == 0 && !f0.has_debug_info,
              "libc has no debug information here");
        CHECK(frame_named(&uw, "main") == 1 && uw.last == 1, "from write to main: %d",
              frame_named(&uw, "main"));
        struct sym_var v[8];
        CHECK(symtab_frame_vars(p.st, &uw.frames[0], read_mem, &p, v, 8) == 0,
              "no variables without debug information");
        struct src_loc loc;
        CHECK(symtab_addr_to_line(p.st, uw.frames[0].regs[16], &loc) == -1, "no line in libc");
    }
    CHECK(seen[0] && seen[1], "twice's entry and write reached");
    proc_end(&p);
}

/* ---- crash.c: unwinding from pc 0 after a call through a null function pointer ---- */

/* Runs until the program stops with signal `sig` (not delivered); 0 or -1. */
static int run_to_signal(struct proc *p, int sig)
{
    for (;;) {
        int status;
        ptrace(PTRACE_CONT, p->pid, NULL, NULL);
        if (waitpid(p->pid, &status, 0) != p->pid || WIFEXITED(status) || WIFSIGNALED(status)) {
            p->exited = true;
            return -1;
        }
        if (WSTOPSIG(status) == sig) {
            sync_modules(p);
            return 0;
        }
    }
}

static void test_crash(const char *prog, bool o0)
{
    struct proc p;
    if (proc_start(&p, prog) != 0) {
        CHECK(0, "cannot start %s", prog);
        return;
    }
    if (run_to_signal(&p, SIGSEGV) == 0) {
        struct unwound uw;
        unwind_all(&p, &uw);
        print_unwind(&p, &uw);
        CHECK(uw.frames[0].regs[16] == 0 && uw.names[0] == NULL, "crashed at pc 0");
        CHECK(uw.n >= 3 && uw.names[1] && strcmp(uw.names[1], "call_hook") == 0 && uw.names[2] &&
                  strcmp(uw.names[2], "main") == 0 && uw.last == 1,
              "from pc 0 to call_hook and main");
        struct src_loc loc;
        if (uw.n >= 2)
            CHECK(symtab_addr_to_line(p.st, uw.frames[1].regs[16] - 1, &loc) == 0 &&
                      loc.line == marker_line("dwarf/crash.c", "BREAK call"),
                  "the call's line: %d", loc.line);
        if (uw.n >= 2 && o0) {
            struct sym_var v[4];
            int n = symtab_frame_vars(p.st, &uw.frames[1], read_mem, &p, v, 4);
            check_int(&p, &uw.frames[1], v, n, "v", 7, true);
        }
    } else {
        CHECK(0, "%s did not crash", prog);
    }
    proc_end(&p);
}

static void test_bad_input(void)
{
    struct symtab *st = symtab_new();
    CHECK(symtab_add_module(st, "/nonexistent/file", "x", 0) == -1, "missing file");
    CHECK(symtab_add_module(st, "dwarf/vars.c", "x", 0) == -1, "not an ELF file");
    struct src_loc loc;
    struct sym_function fn;
    struct sym_var v[4];
    struct sym_frame f = {0}, c;
    uint64_t a[4];
    int actual;
    CHECK(symtab_addr_to_line(st, 0x401000, &loc) == -1, "empty: line");
    CHECK(symtab_function_at(st, 0x401000, &fn) == -1, "empty: function");
    CHECK(symtab_frame_vars(st, &f, NULL, NULL, v, 4) == 0, "empty: vars");
    CHECK(symtab_unwind(st, &f, &c, NULL, NULL) == -1, "empty: unwind");
    CHECK(symtab_function_addrs(st, "main", a, 4) == -1, "empty: function_addrs");
    CHECK(symtab_line_to_addrs(st, "x.c", 1, a, 4, &actual) == -1, "empty: line_to_addrs");
    CHECK(symtab_type(st, 0) && symtab_type(st, 0)->kind == SYMT_VOID, "type 0 is void");
    CHECK(symtab_type(st, 123456) == NULL, "bad type id");
    CHECK(symtab_cu_globals(st, 0x401000, v, 4) == 0, "empty: globals");
    /* a stripped executable: ELF symbols at most, no crash */
    CHECK(symtab_add_module(st, "/bin/true", "true", 0x555555554000) == 0, "/bin/true");
    CHECK(symtab_add_module(st, "/bin/true", "true", 0x555555554000) == 0, "idempotent");
    CHECK(symtab_addr_to_line(st, 0x555555556000, &loc) == -1, "no line info");
    f.regs[16] = 0x555555556000;
    f.valid = 1u << 16;
    symtab_frame_vars(st, &f, NULL, NULL, v, 4);
    symtab_unwind(st, &f, &c, NULL, NULL);
    symtab_function_at(st, 0x555555556000, &fn);
    passed++;
    symtab_free(st);
    symtab_free(NULL);
}

/*
 * The programs are built -O0 and -O2 (DWARF 5, gcc's default). DWARF 4 builds (NAME-O0-dwarf4,
 * NAME-O2-dwarf4: -gdwarf-4) are tested too when the Makefile has built them.
 */
int main(void)
{
    const char *variants[] = {"O0", "O2", "O0-dwarf4", "O2-dwarf4"};
    for (int i = 0; i < 4; i++) {
        bool o0 = variants[i][1] == '0';
        char prog[256];
        snprintf(prog, sizeof prog, "../build/dwarf/vars-%s", variants[i]);
        if (i >= 2 && access(prog, X_OK) != 0) {
            printf("note: %s not built, DWARF 4 variants not tested\n", prog);
            break;
        }
        test_vars(prog, o0);
        snprintf(prog, sizeof prog, "../build/dwarf/recurse-%s", variants[i]);
        test_recurse(prog, o0);
        test_function_breakpoint(prog, o0);
        snprintf(prog, sizeof prog, "../build/dwarf/callback-%s", variants[i]);
        test_callback(prog, o0);
        test_inline(prog, o0);
        test_lines(prog, o0);
        snprintf(prog, sizeof prog, "../build/dwarf/signal-%s", variants[i]);
        test_unwind_edges(prog, o0);
        snprintf(prog, sizeof prog, "../build/dwarf/crash-%s", variants[i]);
        test_crash(prog, o0);
    }
    test_bad_input();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
