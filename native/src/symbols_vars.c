/*
 * symbols_vars.c: variables. For a frame: the parameters and locals of the innermost function
 * instance at its pc (an inlined subroutine counts as a function; symtab_frame_vars_at reaches the
 * functions it is inlined into), from the nested lexical blocks containing pc, inner names
 * shadowing outer ones, each location evaluated for that frame (symbols_frames.c). Variables the
 * abstract origin of an inlined or optimized instance declares but the instance omits are listed
 * as optimized out, as gdb does. For a compilation unit: its global and static variables; by name:
 * a global anywhere (the CU of pc first), completed by ELF symbols for variables defined in code
 * without debug information (stdout in libc).
 */
#include "symbols_internal.h"
#include "util.h"

#include <dwarf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sym_vars_free(struct sym_module *m)
{
    free(m->gvars);
}

/* Fills `out` from a variable or parameter DIE, its location evaluated with ev. */
static void make_var(struct symtab *st, struct sym_module *m, Dwarf_Die *die, struct sym_eval *ev,
                     enum sym_var_kind kind, uint32_t depth, bool no_location,
                     struct sym_var *out)
{
    memset(out, 0, sizeof *out);
    out->name = sym_die_name(die);
    out->kind = kind;
    out->type = sym_type_attr(st, m, die);
    out->scope_depth = depth;
    sym_decl_loc(st, m, die, &out->decl);
    struct sym_loc loc = {.kind = SYMLOC_OPTIMIZED_OUT};
    Dwarf_Attribute a;
    if (no_location) {
        /* from the abstract origin only: no location in this instance */
    } else if (dwarf_attr(die, DW_AT_location, &a)) {
        sym_eval_attr(ev, &a, &loc);
    } else if (dwarf_attr_integrate(die, DW_AT_const_value, &a)) {
        Dwarf_Block b;
        Dwarf_Word w;
        Dwarf_Sword s;
        unsigned form = dwarf_whatform(&a);
        if (form == DW_FORM_sdata || form == DW_FORM_implicit_const) {
            if (dwarf_formsdata(&a, &s) == 0) {
                loc.kind = SYMLOC_VALUE;
                memcpy(loc.bytes, &s, 8);
                loc.nbytes = 8;
            }
        } else if (dwarf_formudata(&a, &w) == 0) {
            loc.kind = SYMLOC_VALUE;
            memcpy(loc.bytes, &w, 8);
            loc.nbytes = 8;
        } else if (dwarf_formblock(&a, &b) == 0 && b.length <= sizeof loc.bytes) {
            loc.kind = SYMLOC_VALUE;
            memcpy(loc.bytes, b.data, b.length);
            loc.nbytes = (uint32_t)b.length;
        }
    }
    /* a register the unwinder could not recover; vector and x87 registers (DWARF 17 and up)
     * are caller-saved, so only the innermost frame has them */
    if (loc.kind == SYMLOC_REGISTER && loc.reg < SYM_NREGS &&
        (!ev->frame || !(ev->frame->valid & (1u << loc.reg))))
        loc.kind = SYMLOC_OPTIMIZED_OUT;
    if (loc.kind == SYMLOC_REGISTER && loc.reg >= SYM_NREGS &&
        (!ev->frame || (ev->frame->valid & SYM_FRAME_RETADDR)))
        loc.kind = SYMLOC_OPTIMIZED_OUT;
    if (loc.kind == SYMLOC_VALUE && loc.nbytes == 8) {
        uint64_t size = sym_type_size(st, out->type);
        if (size > 0 && size < 8)
            loc.nbytes = (uint32_t)size;
    }
    out->loc = loc.kind;
    out->addr = loc.addr;
    out->reg = loc.reg;
    memcpy(out->bytes, loc.bytes, sizeof out->bytes);
    out->nbytes = loc.nbytes;
}

/* ---- frame variables ---- */

struct collect {
    struct symtab *st;
    struct sym_module *m;
    struct sym_eval *ev;
    struct sym_var *params, *locals;
    int nparams, nlocals, max;
};

static bool name_taken(struct collect *c, const char *name)
{
    if (!name)
        return false;
    for (int i = 0; i < c->nlocals; i++)
        if (c->locals[i].name && strcmp(c->locals[i].name, name) == 0)
            return true;
    for (int i = 0; i < c->nparams; i++)
        if (c->params[i].name && strcmp(c->params[i].name, name) == 0)
            return true;
    return false;
}

static void add_one(struct collect *c, Dwarf_Die *die, uint32_t depth, bool no_location)
{
    int tag = dwarf_tag(die);
    bool param = tag == DW_TAG_formal_parameter;
    if (c->nparams + c->nlocals >= c->max)
        return;
    if (!param && dwarf_hasattr(die, DW_AT_declaration))
        return;  /* an extern declaration inside a function: see symtab_find_global */
    const char *name = sym_die_name(die);
    if (!name || name_taken(c, name))
        return;
    struct sym_var *o = param ? &c->params[c->nparams++] : &c->locals[c->nlocals++];
    make_var(c->st, c->m, die, c->ev, param ? SYMVAR_PARAM : SYMVAR_LOCAL, depth, no_location,
             o);
}

/* The variables declared directly in `scope` (lexical blocks without addresses are part of their
 * parent, as gdb reads them), then those of its abstract origin that this instance omits. */
static void collect_scope(struct collect *c, Dwarf_Die *scope, uint32_t depth, bool params,
                          int level)
{
    Dwarf_Off origins[256];
    int norigins = 0;
    Dwarf_Die child;
    if (level > 8)
        return;
    if (dwarf_child(scope, &child) == 0) {
        do {
            int tag = dwarf_tag(&child);
            if (tag == DW_TAG_variable || (params && tag == DW_TAG_formal_parameter)) {
                Dwarf_Attribute a;
                Dwarf_Die o;
                if (norigins < 256 && dwarf_attr(&child, DW_AT_abstract_origin, &a) &&
                    dwarf_formref_die(&a, &o))
                    origins[norigins++] = dwarf_dieoffset(&o);
                add_one(c, &child, depth, false);
            } else if (tag == DW_TAG_lexical_block && !sym_die_has_ranges(&child)) {
                collect_scope(c, &child, depth, false, level + 1);
            }
        } while (dwarf_siblingof(&child, &child) == 0);
    }
    Dwarf_Attribute a;
    Dwarf_Die abs;
    if (!dwarf_attr(scope, DW_AT_abstract_origin, &a) || !dwarf_formref_die(&a, &abs) ||
        dwarf_child(&abs, &child) != 0 || norigins >= 256)
        return;
    do {
        int tag = dwarf_tag(&child);
        if (tag != DW_TAG_variable && !(params && tag == DW_TAG_formal_parameter))
            continue;
        Dwarf_Off off = dwarf_dieoffset(&child);
        bool seen = false;
        for (int i = 0; i < norigins && !seen; i++)
            seen = origins[i] == off;
        if (!seen)
            add_one(c, &child, depth, true);
    } while (dwarf_siblingof(&child, &child) == 0);
}

int symtab_frame_vars_at(struct symtab *st, const struct sym_frame *frame, int inline_depth,
                         sym_read_mem read, void *ctx, struct sym_var *out, int max)
{
    if (!st || !frame || !out || max <= 0 || inline_depth < 0 ||
        !(frame->valid & (1u << 16)))
        return 0;
    uint64_t pc = sym_frame_lookup_pc(frame);
    struct sym_module *m = sym_indexed_module_at(st, pc);
    if (!m)
        return 0;
    struct sym_func *f = sym_func_at(m, pc);
    if (!f)
        return 0;
    Dwarf_Die chain[64];
    int nc = sym_scope_chain(m, f, pc, chain, 64);
    if (nc == 0)
        return 0;
    /* the function levels: the subprogram, then each inlined subroutine */
    int levels[64], nlevels = 0;
    levels[nlevels++] = 0;
    for (int i = 1; i < nc; i++)
        if (dwarf_tag(&chain[i]) == DW_TAG_inlined_subroutine)
            levels[nlevels++] = i;
    if (inline_depth >= nlevels)
        return 0;
    int li = nlevels - 1 - inline_depth;
    int first = levels[li];
    int last = li + 1 < nlevels ? levels[li + 1] - 1 : nc - 1;

    struct sym_eval ev = {.st = st, .m = m, .frame = frame, .read = read, .ctx = ctx, .pc = pc,
                          .fb_die = &chain[0]};
    struct collect c = {st, m, &ev, xmalloc((size_t)max * sizeof *out),
                        xmalloc((size_t)max * sizeof *out), 0, 0, max};
    for (int i = last; i >= first; i--)
        collect_scope(&c, &chain[i], (uint32_t)(i - first), i == first, 0);
    int n = 0;
    for (int i = 0; i < c.nparams && n < max; i++)
        out[n++] = c.params[i];
    for (int i = 0; i < c.nlocals && n < max; i++)
        out[n++] = c.locals[i];
    free(c.params);
    free(c.locals);
    return n;
}

int symtab_frame_vars(struct symtab *st, const struct sym_frame *frame, sym_read_mem read,
                      void *ctx, struct sym_var *out, int max)
{
    return symtab_frame_vars_at(st, frame, 0, read, ctx, out, max);
}

/* ---- globals ---- */

static bool is_definition(Dwarf_Die *die)
{
    return dwarf_hasattr(die, DW_AT_location) || dwarf_hasattr(die, DW_AT_const_value) ||
           !dwarf_hasattr(die, DW_AT_declaration);
}

static void make_global(struct symtab *st, struct sym_module *m, Dwarf_Die *die,
                        struct sym_var *out)
{
    struct sym_eval ev = {.st = st, .m = m};
    make_var(st, m, die, &ev, SYMVAR_GLOBAL, 0, false, out);
}

void sym_make_global(struct symtab *st, struct sym_module *m, Dwarf_Die *die, struct sym_var *out)
{
    make_global(st, m, die, out);
}

/* The name a global is listed by: in C++ qualified by its namespaces and, for a static member
 * (a definition completing a declaration in its class), its class: "bank::branch_code",
 * "Account::opened", as gdb's `info variables` names them. */
static const char *global_name(struct symtab *st, Dwarf_Die *die, const char *prefix,
                               const char *name)
{
    Dwarf_Attribute a;
    Dwarf_Die decl;
    if (dwarf_attr(die, DW_AT_specification, &a) && dwarf_formref_die(&a, &decl))
        return sym_cxx_qualified(st, &decl, name); /* few: their scopes are looked up */
    if (!*prefix)
        return name;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s%s", prefix, name);
    return sym_intern(st, buf);
}

/* Whether the namespace holds the C++ library's own globals, not the program's. */
static bool library_namespace(Dwarf_Die *ns)
{
    const char *name = dwarf_diename(ns);
    return name && (strcmp(name, "std") == 0 || strncmp(name, "__gnu", 5) == 0 ||
                     strcmp(name, "__cxxabiv1") == 0);
}

/* The variable definitions among scope's children, and in C++ those of its namespaces. */
static void list_globals(struct symtab *st, struct sym_module *m, Dwarf_Die *scope, bool cxx,
                         const char *prefix, int depth, struct sym_var *out, int *n, int max)
{
    Dwarf_Die child;
    if (depth > 8 || dwarf_child(scope, &child) != 0)
        return;
    do {
        int tag = dwarf_tag(&child);
        if (cxx && tag == DW_TAG_namespace && !library_namespace(&child)) {
            const char *ns = dwarf_diename(&child);
            char inner[512];
            snprintf(inner, sizeof inner, "%s%s::", prefix, ns ? ns : "(anonymous namespace)");
            list_globals(st, m, &child, cxx, inner, depth + 1, out, n, max);
            continue;
        }
        const char *name = tag == DW_TAG_variable ? sym_die_name(&child) : NULL;
        if (!name || !is_definition(&child) || *n >= max)
            continue;
        make_global(st, m, &child, &out[*n]);
        out[(*n)++].name = cxx ? global_name(st, &child, prefix, name) : name;
    } while (dwarf_siblingof(&child, &child) == 0);
}

int symtab_cu_globals(struct symtab *st, uint64_t pc, struct sym_var *out, int max)
{
    if (!st || !out || max <= 0)
        return 0;
    struct sym_module *m = sym_indexed_module_at(st, pc);
    if (!m)
        return 0;
    struct sym_cu *cu = sym_cu_at(m, pc);
    if (!cu)
        return 0;
    /* definitions only: a declaration completed by a definition (DW_AT_specification) is
     * listed once, through the definition, and extern declarations belong to other CUs */
    int lang = dwarf_srclang(&cu->die);
    bool cxx = lang == DW_LANG_C_plus_plus || lang == DW_LANG_C_plus_plus_03 ||
               lang == DW_LANG_C_plus_plus_11 || lang == DW_LANG_C_plus_plus_14 || lang == 0x2a ||
               lang == 0x2b;
    int n = 0;
    list_globals(st, m, &cu->die, cxx, "", 0, out, &n, max);
    return n;
}

static int cmp_gvar(const void *a, const void *b)
{
    const struct sym_tagdef *x = a, *y = b;
    return strcmp(x->name, y->name);
}

/* Whether a CU-level definition is known by its bare name: not a C++ static member, whose
 * definition completes its class's declaration and is named only with the class. */
static bool bare_named(struct symtab *st, Dwarf_Die *die, const char *name)
{
    const char *full = global_name(st, die, "", name);
    return full && strcmp(full, name) == 0;
}

static void build_gvars(struct symtab *st, struct sym_module *m)
{
    m->gvars_built = true;
    size_t cap = 0;
    for (size_t i = 0; i < m->ncus; i++) {
        Dwarf_Die child;
        if (dwarf_child(&m->cus[i].die, &child) != 0)
            continue;
        do {
            if (dwarf_tag(&child) != DW_TAG_variable || !is_definition(&child))
                continue;
            const char *name = sym_die_name(&child);
            if (!name || !bare_named(st, &child, name))
                continue;
            if (m->ngvars == cap) {
                cap = cap ? cap * 2 : 64;
                m->gvars = xrealloc(m->gvars, cap * sizeof *m->gvars);
            }
            m->gvars[m->ngvars++] =
                (struct sym_tagdef){name, DW_TAG_variable, dwarf_dieoffset(&child)};
        } while (dwarf_siblingof(&child, &child) == 0);
    }
    if (m->ngvars)
        qsort(m->gvars, m->ngvars, sizeof *m->gvars, cmp_gvar);
}

/* A definition named `name` in module m (external ones preferred). */
static bool module_global(struct symtab *st, struct sym_module *m, const char *name,
                          Dwarf_Die *out)
{
    sym_module_index(st, m);
    if (!m->dw)
        return false;
    if (!m->gvars_built)
        build_gvars(st, m);
    struct sym_tagdef key = {name, 0, 0};
    struct sym_tagdef *d = bsearch(&key, m->gvars, m->ngvars, sizeof key, cmp_gvar);
    if (!d)
        return false;
    while (d > m->gvars && strcmp(d[-1].name, name) == 0)
        d--;
    bool found = false;
    for (; d < m->gvars + m->ngvars && strcmp(d->name, name) == 0; d++) {
        Dwarf_Die die;
        if (!dwarf_offdie(m->dw, d->off, &die))
            continue;
        if (!found || dwarf_hasattr_integrate(&die, DW_AT_external)) {
            *out = die;
            found = true;
        }
    }
    return found;
}

static int cmp_elf_name(const void *a, const void *b)
{
    const struct sym_elfsym *x = a, *y = b;
    return strcmp(x->name, y->name);
}

static const struct sym_elfsym *module_objsym(struct sym_module *m, const char *name)
{
    struct sym_elfsym key = {.name = name};
    if (!m->nobjsyms)
        return NULL;
    return bsearch(&key, m->objsyms, m->nobjsyms, sizeof key, cmp_elf_name);
}

int symtab_find_global(struct symtab *st, uint64_t pc, const char *name, struct sym_var *out)
{
    if (!st || !name || !out)
        return -1;
    struct sym_module *pm = sym_module_at(st, pc);
    uint32_t decl_type = 0;
    struct src_loc decl = {0};
    if (pm) {
        sym_module_index(st, pm);
        struct sym_cu *cu = sym_cu_at(pm, pc);
        Dwarf_Die child;
        if (cu && dwarf_child(&cu->die, &child) == 0) {
            /* the CU of pc first: its statics hide other CUs' globals */
            Dwarf_Die decl_die;
            bool have_decl = false;
            do {
                if (dwarf_tag(&child) != DW_TAG_variable)
                    continue;
                const char *n = sym_die_name(&child);
                if (!n || strcmp(n, name) != 0 || !bare_named(st, &child, n))
                    continue;
                if (is_definition(&child)) {
                    make_global(st, pm, &child, out);
                    return 0;
                }
                decl_die = child;
                have_decl = true;
            } while (dwarf_siblingof(&child, &child) == 0);
            if (have_decl) {
                decl_type = sym_type_attr(st, pm, &decl_die);
                sym_decl_loc(st, pm, &decl_die, &decl);
            }
        }
    }
    Dwarf_Die die;
    if (pm && module_global(st, pm, name, &die)) {
        make_global(st, pm, &die, out);
        return 0;
    }
    for (int i = 0; i < st->nmods; i++)
        if (st->mods[i] != pm && module_global(st, st->mods[i], name, &die)) {
            make_global(st, st->mods[i], &die, out);
            return 0;
        }
    /* no debug information defines it: an ELF symbol, with the declared type if any */
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < st->nmods; i++) {
            struct sym_module *m = st->mods[i];
            if ((pass == 0) != (m == pm))
                continue;
            const struct sym_elfsym *s = module_objsym(m, name);
            if (!s)
                continue;
            memset(out, 0, sizeof *out);
            out->name = s->name;
            out->kind = SYMVAR_GLOBAL;
            out->type = decl_type;
            out->loc = SYMLOC_MEMORY;
            out->addr = s->addr;
            out->decl = decl;
            return 0;
        }
    return -1;
}
