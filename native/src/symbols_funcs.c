/*
 * symbols_funcs.c: the DWARF index and the function queries. A module's DWARF is indexed on the
 * first query that needs it: compile units with their address ranges, out-of-line function
 * instances (one entry per address range, so hot/cold parts both map back to their function),
 * inlined copies (for function breakpoints), and the line tables (symbols_lines.c). Code the linker
 * discarded keeps debug information at address 0 and is left out. Functions without DWARF are
 * answered from the ELF symbols (symbols.c). The scope walk here (subprogram, lexical blocks,
 * inlined subroutines containing a pc) serves inlined_at and the variables (symbols_vars.c).
 */
#include "symbols_internal.h"
#include "util.h"

#include <dwarf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether a link-time range lies in the module's code (sections discarded by the linker keep
 * their debug information at address 0). */
static bool in_code(struct sym_module *m, uint64_t low, uint64_t high)
{
    for (int i = 0; i < m->nexec; i++)
        if (low >= m->exec[i].low && low < m->exec[i].high && high <= m->exec[i].high)
            return true;
    return false;
}

/* ---- DIE helpers ---- */

const char *sym_die_name(Dwarf_Die *die)
{
    Dwarf_Attribute a;
    if (!dwarf_attr_integrate(die, DW_AT_name, &a))
        return NULL;
    return dwarf_formstring(&a);
}

bool sym_die_has_ranges(Dwarf_Die *die)
{
    return dwarf_hasattr(die, DW_AT_low_pc) || dwarf_hasattr(die, DW_AT_ranges);
}

bool sym_die_contains(struct sym_module *m, Dwarf_Die *die, uint64_t pc)
{
    return dwarf_haspc(die, pc - m->bias) == 1;
}

/* The entry address (link-time) of a DIE with code: DW_AT_entry_pc, DW_AT_low_pc, else the first
 * range listed. */
static int die_entry(Dwarf_Die *die, Dwarf_Addr *entry)
{
    Dwarf_Attribute a;
    if (dwarf_attr(die, DW_AT_entry_pc, &a) || dwarf_hasattr(die, DW_AT_low_pc))
        if (dwarf_entrypc(die, entry) == 0)
            return 0;
    Dwarf_Addr base, start, end;
    if (dwarf_ranges(die, 0, &base, &start, &end) > 0) {
        *entry = start;
        return 0;
    }
    return -1;
}

void sym_decl_loc(struct symtab *st, struct sym_module *m, Dwarf_Die *die, struct src_loc *out)
{
    memset(out, 0, sizeof *out);
    const char *f = dwarf_decl_file(die);
    if (f) {
        struct sym_cu *cu = sym_cu_of_die(m, die);
        out->file = sym_intern_path(st, cu ? cu->comp_dir : NULL, f);
    }
    dwarf_decl_line(die, &out->line);
    dwarf_decl_column(die, &out->column);
}

/* ---- the DWARF index ---- */

struct index_state {
    struct symtab *st;
    struct sym_module *m;
    int cu;
    size_t capfuncs;
};

static void add_func(struct index_state *is, Dwarf_Die *die)
{
    struct sym_module *m = is->m;
    Dwarf_Addr entry = 0;
    bool has_entry = die_entry(die, &entry) == 0;
    const char *name = sym_die_name(die);
    int decl_line = 0;
    dwarf_decl_line(die, &decl_line);
    ptrdiff_t off = 0;
    Dwarf_Addr base, start, end;
    while ((off = dwarf_ranges(die, off, &base, &start, &end)) > 0) {
        if (end <= start || !in_code(m, start, end))
            continue;
        if (m->nfuncs == is->capfuncs) {
            is->capfuncs = is->capfuncs ? is->capfuncs * 2 : 64;
            m->funcs = xrealloc(m->funcs, is->capfuncs * sizeof *m->funcs);
        }
        m->funcs[m->nfuncs++] = (struct sym_func){
            .low = start + m->bias, .high = end + m->bias,
            .entry = (has_entry ? entry : start) + m->bias, .die_off = dwarf_dieoffset(die),
            .name = name, .cu = is->cu, .decl_line = decl_line};
    }
}

static void add_inline(struct index_state *is, Dwarf_Die *die)
{
    struct sym_module *m = is->m;
    Dwarf_Addr entry;
    const char *name = sym_die_name(die);
    if (!name || die_entry(die, &entry) != 0 || !in_code(m, entry, entry + 1))
        return;
    if (m->ninls == m->capinls) {
        m->capinls = m->capinls ? m->capinls * 2 : 64;
        m->inls = xrealloc(m->inls, m->capinls * sizeof *m->inls);
    }
    m->inls[m->ninls++] = (struct sym_inl){entry + m->bias, name};
}

static void walk_dies(struct index_state *is, Dwarf_Die *parent, int depth)
{
    Dwarf_Die child;
    if (depth > 64 || dwarf_child(parent, &child) != 0)
        return;
    do {
        switch (dwarf_tag(&child)) {
        case DW_TAG_subprogram:
            if (sym_die_has_ranges(&child))
                add_func(is, &child);
            walk_dies(is, &child, depth + 1);
            break;
        case DW_TAG_inlined_subroutine:
            add_inline(is, &child);
            walk_dies(is, &child, depth + 1);
            break;
        case DW_TAG_lexical_block:
        case DW_TAG_namespace:
        case DW_TAG_module:
        case DW_TAG_structure_type: /* rustc before 1.64 puts an impl's methods in their type */
        case DW_TAG_union_type:
        case DW_TAG_enumeration_type:
            walk_dies(is, &child, depth + 1);
            break;
        default:
            break;
        }
    } while (dwarf_siblingof(&child, &child) == 0);
}

static int cmp_func(const void *a, const void *b)
{
    const struct sym_func *x = a, *y = b;
    if (x->low != y->low)
        return x->low < y->low ? -1 : 1;
    if (x->high != y->high)
        return x->high > y->high ? -1 : 1;  /* enclosing first */
    return 0;
}

void sym_module_index(struct symtab *st, struct sym_module *m)
{
    if (m->indexed)
        return;
    m->indexed = true;
    if (!m->dw)
        return;
    struct index_state is = {st, m, 0, 0};
    size_t capcus = 0;
    Dwarf_CU *cu = NULL, *next;
    Dwarf_Half version;
    uint8_t unit_type;
    Dwarf_Die cudie, subdie;
    while (dwarf_get_units(m->dw, cu, &next, &version, &unit_type, &cudie, &subdie) == 0) {
        cu = next;
        if (unit_type != DW_UT_compile)
            continue;
        if (m->ncus == capcus) {
            capcus = capcus ? capcus * 2 : 16;
            m->cus = xrealloc(m->cus, capcus * sizeof *m->cus);
        }
        struct sym_cu *c = &m->cus[m->ncus];
        memset(c, 0, sizeof *c);
        c->die = cudie;
        c->off = dwarf_dieoffset(&cudie);
        Dwarf_Attribute a;
        c->comp_dir = dwarf_attr(&cudie, DW_AT_comp_dir, &a) ? dwarf_formstring(&a) : NULL;
        ptrdiff_t off = 0;
        Dwarf_Addr base, start, end;
        int capr = 0;
        while ((off = dwarf_ranges(&cudie, off, &base, &start, &end)) > 0) {
            if (end <= start || !in_code(m, start, end))
                continue;
            if (c->nranges == capr) {
                capr = capr ? capr * 2 : 4;
                c->ranges = xrealloc(c->ranges, (size_t)capr * sizeof *c->ranges);
            }
            c->ranges[c->nranges++] = (struct sym_range){start + m->bias, end + m->bias};
        }
        is.cu = (int)m->ncus;
        m->ncus++;
        walk_dies(&is, &cudie, 0);
        sym_lines_load(st, m, c);
    }
    if (m->nfuncs)
        qsort(m->funcs, m->nfuncs, sizeof *m->funcs, cmp_func);
    sym_lines_finish(m);
}

struct sym_func *sym_func_at(struct sym_module *m, uint64_t pc)
{
    size_t lo = 0, hi = m->nfuncs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->funcs[mid].low <= pc)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* lo = first with low > pc; scan back for the innermost range containing pc */
    for (size_t i = lo, k = 0; i > 0 && k < 64; i--, k++)
        if (pc < m->funcs[i - 1].high)
            return &m->funcs[i - 1];
    return NULL;
}

struct sym_cu *sym_cu_at(struct sym_module *m, uint64_t pc)
{
    struct sym_func *f = sym_func_at(m, pc);
    if (f)
        return &m->cus[f->cu];
    for (size_t i = 0; i < m->ncus; i++)
        for (int j = 0; j < m->cus[i].nranges; j++)
            if (pc >= m->cus[i].ranges[j].low && pc < m->cus[i].ranges[j].high)
                return &m->cus[i];
    return NULL;
}

struct sym_cu *sym_cu_of_die(struct sym_module *m, Dwarf_Die *die)
{
    Dwarf_Die cudie;
    if (!dwarf_diecu(die, &cudie, NULL, NULL))
        return NULL;
    Dwarf_Off off = dwarf_dieoffset(&cudie);
    size_t lo = 0, hi = m->ncus;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->cus[mid].off == off)
            return &m->cus[mid];
        if (m->cus[mid].off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/*
 * The scopes containing pc in function instance f, outermost first: chain[0] is the subprogram,
 * then lexical blocks and inlined subroutines. Count, or 0.
 */
int sym_scope_chain(struct sym_module *m, struct sym_func *f, uint64_t pc, Dwarf_Die *chain,
                    int max)
{
    if (max < 1 || !dwarf_offdie(m->dw, f->die_off, &chain[0]))
        return 0;
    int n = 1;
    while (n < max) {
        Dwarf_Die child;
        bool found = false;
        if (dwarf_child(&chain[n - 1], &child) == 0) {
            do {
                int tag = dwarf_tag(&child);
                Dwarf_Addr entry;
                /* an inlined copy also holds its entry pc, which optimized code may place
                 * just before its ranges (a location view at one address) */
                if ((tag == DW_TAG_lexical_block || tag == DW_TAG_inlined_subroutine) &&
                    (sym_die_contains(m, &child, pc) ||
                     (tag == DW_TAG_inlined_subroutine && dwarf_hasattr(&child, DW_AT_entry_pc) &&
                      dwarf_entrypc(&child, &entry) == 0 && entry + m->bias == pc))) {
                    chain[n++] = child;
                    found = true;
                    break;
                }
            } while (dwarf_siblingof(&child, &child) == 0);
        }
        if (!found)
            break;
    }
    return n;
}

/* ---- function queries ---- */

int symtab_function_at(struct symtab *st, uint64_t pc, struct sym_function *out)
{
    if (!st || !out)
        return -1;
    struct sym_module *m = sym_indexed_module_at(st, pc);
    if (!m)
        return -1;
    memset(out, 0, sizeof *out);
    out->module = m->name;
    struct sym_func *f = sym_func_at(m, pc);
    if (f) {
        Dwarf_Die die;
        const char *rust = m->dw && dwarf_offdie(m->dw, f->die_off, &die) ? sym_rust_function_name(st, &die) : NULL;
        out->name = rust ? rust : f->name;
        out->low = f->low;
        out->high = f->high;
        out->entry = f->entry;
        out->body = sym_func_body(m, f);
        out->has_debug_info = true;
        return 0;
    }
    uint64_t high;
    const struct sym_elfsym *s = sym_elf_func_at(m, pc, &high);
    if (s) {
        const char *rust = sym_rust_symbol_name(st, s->name);
        out->name = rust ? rust : s->name;
        out->low = out->entry = out->body = s->addr;
        out->high = high;
        return 0;
    }
    /* in a module but no symbol covers pc: only the module is known */
    out->low = out->entry = out->body = pc;
    out->high = pc + 1;
    return 0;
}

int symtab_function_type(struct symtab *st, uint64_t pc, uint64_t *entry, uint32_t *return_type)
{
    struct sym_function fn;
    if (symtab_function_at(st, pc, &fn) < 0 || !fn.name)
        return -1;
    *entry = fn.entry;
    *return_type = 0;
    if (!fn.has_debug_info)
        return 1;
    struct sym_module *m = sym_module_at(st, pc);
    struct sym_func *f = m ? sym_func_at(m, pc) : NULL;
    Dwarf_Die die;
    if (!f || !m->dw || !dwarf_offdie(m->dw, f->die_off, &die))
        return 1;
    *return_type = sym_type_attr(st, m, &die);
    return 0;
}

bool symtab_function_is_method(struct symtab *st, uint64_t pc)
{
    struct sym_module *m = sym_module_at(st, pc);
    struct sym_func *f = m ? sym_func_at(m, pc) : NULL;
    Dwarf_Die die;
    if (!f || !m->dw || !dwarf_offdie(m->dw, f->die_off, &die))
        return false;
    /* a non-static member function names its `this` parameter (through its declaration too) */
    Dwarf_Attribute a;
    return dwarf_attr_integrate(&die, DW_AT_object_pointer, &a) != NULL;
}

static int add_addr(uint64_t *addrs, int n, int max, uint64_t a)
{
    for (int i = 0; i < n; i++)
        if (addrs[i] == a)
            return n;
    if (n < max)
        addrs[n++] = a;
    return n;
}

/* Whether the class or namespace around the declaration of the function at DIE offset `off` is
 * named `scope` ("Account", or any qualified tail of its name: "bank::Account"). The declaration
 * is reached through DW_AT_abstract_origin and DW_AT_specification (a method defined out of line). */
static bool declared_in(struct sym_module *m, Dwarf_Off off, const char *scope)
{
    Dwarf_Die die;
    if (!m->dw || !dwarf_offdie(m->dw, off, &die))
        return false;
    for (int i = 0; i < 4; i++) {
        Dwarf_Attribute a;
        Dwarf_Die next;
        if (!dwarf_attr(&die, DW_AT_abstract_origin, &a) && !dwarf_attr(&die, DW_AT_specification, &a))
            break;
        if (!dwarf_formref_die(&a, &next))
            return false;
        die = next;
    }
    Dwarf_Die *scopes = NULL;
    int n = dwarf_getscopes_die(&die, &scopes); /* scopes[0] is die, then its enclosing scopes */
    char q[512] = "";
    for (int i = 1; i < n; i++) {
        int tag = dwarf_tag(&scopes[i]);
        if (tag != DW_TAG_namespace && tag != DW_TAG_class_type && tag != DW_TAG_structure_type &&
            tag != DW_TAG_union_type)
            break;
        const char *part = dwarf_diename(&scopes[i]);
        char inner[512];
        snprintf(inner, sizeof inner, "%s%s%s", part ? part : "(anonymous namespace)", *q ? "::" : "", q);
        snprintf(q, sizeof q, "%s", inner);
    }
    free(scopes);
    size_t lq = strlen(q), ls = strlen(scope);
    return lq > 0 && lq >= ls && strcmp(q + lq - ls, scope) == 0 && (lq == ls || q[lq - ls - 1] == ':');
}

/* Whether the Rust function f's path, as its frames are named ("values::parse::Parser::next": a
 * method's impl block is named by its type), is `name` or ends with "::name". */
static bool rust_path_is(struct symtab *st, struct sym_module *m, struct sym_func *f, const char *name)
{
    Dwarf_Die die;
    const char *path = m->dw && dwarf_offdie(m->dw, f->die_off, &die) ? sym_rust_function_name(st, &die) : NULL;
    if (!path)
        return false;
    size_t lp = strlen(path), ln = strlen(name);
    return lp >= ln && strcmp(path + lp - ln, name) == 0 && (lp == ln || path[lp - ln - 1] == ':');
}

/* Functions named `scope::member`: member functions of a class, functions of a namespace, Rust
 * functions by their paths. */
static int qualified_addrs(struct symtab *st, const char *name, uint64_t *addrs, int max)
{
    const char *sep = NULL;
    for (const char *p = strstr(name, "::"); p; p = strstr(p + 2, "::"))
        sep = p;
    char scope[512];
    if (!sep || sep == name || (size_t)(sep - name) >= sizeof scope)
        return -1;
    memcpy(scope, name, (size_t)(sep - name));
    scope[sep - name] = '\0';
    const char *member = sep + 2;
    int n = 0;
    bool any = false;
    for (int i = 0; i < st->nmods; i++) {
        struct sym_module *m = st->mods[i];
        sym_module_index(st, m);
        for (size_t j = 0; j < m->nfuncs; j++) {
            struct sym_func *f = &m->funcs[j];
            if (f->name && strcmp(f->name, member) == 0 && f->entry >= f->low && f->entry < f->high &&
                (declared_in(m, f->die_off, scope) || rust_path_is(st, m, f, name))) {
                n = add_addr(addrs, n, max, sym_func_body(m, f));
                any = true;
            }
        }
    }
    return any ? n : -1;
}

int symtab_function_addrs(struct symtab *st, const char *name, uint64_t *addrs, int max)
{
    if (!st || !name)
        return -1;
    if (strstr(name, "::"))
        return qualified_addrs(st, name, addrs, max);
    int n = 0;
    bool any = false;
    for (int i = 0; i < st->nmods; i++) {
        struct sym_module *m = st->mods[i];
        sym_module_index(st, m);
        bool found = false;
        for (size_t j = 0; j < m->nfuncs; j++) {
            struct sym_func *f = &m->funcs[j];
            /* one address per instance: the range holding the entry */
            if (f->name && strcmp(f->name, name) == 0 && f->entry >= f->low &&
                f->entry < f->high) {
                n = add_addr(addrs, n, max, sym_func_body(m, f));
                found = true;
            }
        }
        for (size_t j = 0; j < m->ninls; j++)
            if (strcmp(m->inls[j].name, name) == 0) {
                n = add_addr(addrs, n, max, m->inls[j].entry);
                found = true;
            }
        /* ELF symbols by name, aliases included (libc's free is __libc_free's address) */
        if (!found && m->nfuncnames) {
            size_t lo = 0, hi = m->nfuncnames;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (strcmp(m->funcnames[mid].name, name) < 0)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (size_t j = lo; j < m->nfuncnames && strcmp(m->funcnames[j].name, name) == 0; j++) {
                n = add_addr(addrs, n, max, m->funcnames[j].addr);
                found = true;
            }
        }
        any |= found;
    }
    return any ? n : -1;
}

int symtab_inline_context(struct symtab *st, uint64_t pc, uint64_t *ids, int max)
{
    if (!st || !ids || max <= 0)
        return 0;
    struct sym_module *m = sym_indexed_module_at(st, pc);
    struct sym_func *f = m ? sym_func_at(m, pc) : NULL;
    if (!f)
        return 0;
    Dwarf_Die chain[64];
    int nc = sym_scope_chain(m, f, pc, chain, 64);
    int n = 0;
    for (int i = 1; i < nc && n < max; i++)
        if (dwarf_tag(&chain[i]) == DW_TAG_inlined_subroutine)
            ids[n++] = ((uint64_t)m->index << 48) | (uint64_t)dwarf_dieoffset(&chain[i]);
    return n;
}

int symtab_inline_entries(struct symtab *st, uint64_t pc)
{
    struct sym_module *m = st ? sym_indexed_module_at(st, pc) : NULL;
    struct sym_func *f = m ? sym_func_at(m, pc) : NULL;
    if (!f)
        return 0;
    Dwarf_Die chain[64];
    int nc = sym_scope_chain(m, f, pc, chain, 64);
    int n = 0;
    for (int i = nc - 1; i > 0; i--) {
        if (dwarf_tag(&chain[i]) != DW_TAG_inlined_subroutine)
            continue; /* a lexical block: look further out */
        if (sym_die_contains(m, &chain[i], pc - 1))
            break;
        n++;
    }
    return n;
}

int symtab_inlined_at(struct symtab *st, uint64_t pc, struct sym_inline *out, int max)
{
    if (!st || !out || max <= 0)
        return 0;
    struct sym_module *m = sym_indexed_module_at(st, pc);
    if (!m)
        return 0;
    struct sym_func *f = sym_func_at(m, pc);
    if (!f)
        return 0;
    Dwarf_Die chain[64];
    int nc = sym_scope_chain(m, f, pc, chain, 64);
    int n = 0;
    for (int i = nc - 1; i > 0 && n < max; i--) {
        if (dwarf_tag(&chain[i]) != DW_TAG_inlined_subroutine)
            continue;
        struct sym_inline *o = &out[n++];
        memset(o, 0, sizeof *o);
        const char *rust = sym_rust_function_name(st, &chain[i]);
        o->name = rust ? rust : sym_die_name(&chain[i]);
        Dwarf_Attribute a;
        Dwarf_Word w;
        if (dwarf_attr(&chain[i], DW_AT_call_line, &a) && dwarf_formudata(&a, &w) == 0)
            o->call_site.line = (int)w;
        if (dwarf_attr(&chain[i], DW_AT_call_column, &a) && dwarf_formudata(&a, &w) == 0)
            o->call_site.column = (int)w;
        struct sym_cu *cu = &m->cus[f->cu];
        if (!cu->files_tried) {
            size_t nf;
            cu->files_tried = true;
            if (dwarf_getsrcfiles(&cu->die, &cu->files, &nf) != 0)
                cu->files = NULL;
        }
        if (cu->files && dwarf_attr(&chain[i], DW_AT_call_file, &a) &&
            dwarf_formudata(&a, &w) == 0) {
            const char *fn = dwarf_filesrc(cu->files, w, NULL, NULL);
            if (fn)
                o->call_site.file = sym_intern_path(st, cu->comp_dir, fn);
        }
    }
    return n;
}

bool symtab_is_ifunc(struct symtab *st, const char *name, uint64_t addr)
{
    if (!st || !name)
        return false;
    for (int i = 0; i < st->nmods; i++) {
        struct sym_module *m = st->mods[i];
        for (size_t j = 0; j < m->nifuncsyms; j++)
            if (m->ifuncsyms[j].addr == addr && strcmp(m->ifuncsyms[j].name, name) == 0)
                return true;
    }
    return false;
}
