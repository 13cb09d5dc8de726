/*
 * symbols_cxx.c: C++ facts the variables view needs beyond C types: the dynamic (most-derived)
 * class of a polymorphic object, found from the ELF symbol of the vtable its vptr points into
 * ("_ZTV6Circle" = vtable for Circle) and the class definition of that name in the DWARF.
 * Only simple and namespace-qualified class names are understood (not templates or local classes):
 * anything else answers "unknown", never a guess.
 */
#include "symbols_internal.h"

#include <dwarf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NAME_PARTS 8

struct qualified_name {
    char parts[MAX_NAME_PARTS][128];
    int n;
};

/* One <source-name> (<length><identifier>) at *p, advancing it. */
static bool source_name(const char **p, char *out, size_t cap)
{
    char *end;
    unsigned long len = strtoul(*p, &end, 10);
    if (end == *p || len == 0 || len >= cap || strnlen(end, len) < len)
        return false;
    memcpy(out, end, len);
    out[len] = '\0';
    *p = end + len;
    return true;
}

/* The class a vtable symbol names: "_ZTV6Circle", "_ZTVN2ns6CircleE", "_ZTVSt9exception". */
static bool parse_vtable_name(const char *sym, struct qualified_name *q)
{
    if (strncmp(sym, "_ZTV", 4) != 0)
        return false;
    const char *p = sym + 4;
    q->n = 0;
    bool nested = *p == 'N';
    if (nested)
        p++;
    if (p[0] == 'S' && p[1] == 't') {
        strcpy(q->parts[q->n++], "std");
        p += 2;
    }
    do {
        if (q->n == MAX_NAME_PARTS || !source_name(&p, q->parts[q->n], sizeof q->parts[0]))
            return false;
        q->n++;
    } while (nested && *p != 'E');
    return nested ? p[0] == 'E' && p[1] == '\0' : *p == '\0';
}

/* The class definition `q` among the children of `scope` (namespaces descended by name). */
static bool find_class(Dwarf_Die *scope, const struct qualified_name *q, int part, Dwarf_Die *out)
{
    Dwarf_Die c;
    if (dwarf_child(scope, &c) != 0)
        return false;
    bool last = part == q->n - 1;
    do {
        int tag = dwarf_tag(&c);
        const char *name = dwarf_diename(&c);
        if (!name || strcmp(name, q->parts[part]) != 0)
            continue;
        if (!last && tag == DW_TAG_namespace && find_class(&c, q, part + 1, out))
            return true;
        if (last && (tag == DW_TAG_class_type || tag == DW_TAG_structure_type) &&
            !dwarf_hasattr(&c, DW_AT_declaration)) {
            *out = c;
            return true;
        }
    } while (dwarf_siblingof(&c, &c) == 0);
    return false;
}

static bool class_type(struct symtab *st, struct sym_module *m, const struct qualified_name *q,
                       uint32_t *type)
{
    if (!m->dw)
        return false;
    sym_module_index(st, m);
    for (size_t i = 0; i < m->ncus; i++) {
        Dwarf_Die die;
        if (find_class(&m->cus[i].die, q, 0, &die)) {
            *type = sym_type_of_die(st, m, &die);
            return *type != 0;
        }
    }
    return false;
}

static const struct sym_elfsym *vtable_symbol(struct symtab *st, uint64_t vptr, int *module)
{
    for (int i = 0; i < st->nmods; i++) {
        struct sym_module *m = st->mods[i];
        for (size_t k = 0; k < m->nobjsyms; k++) {
            const struct sym_elfsym *s = &m->objsyms[k];
            if (vptr >= s->addr && vptr < s->addr + s->size && strncmp(s->name, "_ZTV", 4) == 0) {
                *module = i;
                return s;
            }
        }
    }
    return NULL;
}

int symtab_dynamic_type(struct symtab *st, sym_read_mem read, void *ctx, uint64_t object,
                        uint32_t *type, uint64_t *start)
{
    uint64_t vptr;
    int64_t offset_to_top;
    int module;
    struct qualified_name q;
    if (!st || read(ctx, object, &vptr, sizeof vptr) != 0 || vptr < 16 ||
        read(ctx, vptr - 16, &offset_to_top, sizeof offset_to_top) != 0)
        return -1;
    const struct sym_elfsym *s = vtable_symbol(st, vptr, &module);
    if (!s || !parse_vtable_name(s->name, &q))
        return -1;
    /* the class is defined where its vtable is, as a rule; any module with its DWARF will do */
    bool found = class_type(st, st->mods[module], &q, type);
    for (int i = 0; !found && i < st->nmods; i++)
        found = i != module && class_type(st, st->mods[i], &q, type);
    if (!found)
        return -1;
    *start = object + (uint64_t)offset_to_top;
    return 0;
}

/* One template argument of a class name, trimmed: its type when every part of it is known. */
static bool argument_type(struct symtab *st, const char *text, size_t len, uint32_t *type)
{
    char arg[256], tagged[272];
    while (len > 0 && *text == ' ')
        text++, len--;
    while (len > 0 && text[len - 1] == ' ')
        len--;
    if (len == 0 || len >= sizeof arg || memchr(text, '<', len))
        return false; /* nested templates are not spelled by name here */
    memcpy(arg, text, len);
    arg[len] = '\0';
    if (symtab_type_by_name(st, 0, arg, type) == 0)
        return true;
    snprintf(tagged, sizeof tagged, "struct %s", arg);
    return symtab_type_by_name(st, 0, tagged, type) == 0;
}

int symtab_template_args_by_name(struct symtab *st, uint32_t id, uint32_t *args, int max)
{
    const struct sym_type *t = symtab_type(st, id);
    const char *open = t && t->name ? strchr(t->name, '<') : NULL;
    const char *close = t && t->name ? strrchr(t->name, '>') : NULL;
    if (!open || !close || close < open || close[1] != '\0')
        return 0;
    int n = 0, depth = 0;
    const char *start = open + 1;
    for (const char *p = open + 1; p <= close; p++) {
        if (*p == '<' || *p == '(')
            depth++;
        else if ((*p == '>' || *p == ')') && p < close)
            depth--;
        if ((*p == ',' && depth == 0) || p == close) {
            if (n == max || !argument_type(st, start, (size_t)(p - start), &args[n]))
                return 0; /* all of them or none: a partial list would shift the others */
            n++;
            start = p + 1;
        }
    }
    return n;
}

const char *symtab_function_qualified_name(struct symtab *st, uint64_t pc)
{
    struct sym_module *m = st ? sym_indexed_module_at(st, pc) : NULL;
    struct sym_func *f = m ? sym_func_at(m, pc) : NULL;
    Dwarf_Die die, decl;
    Dwarf_Attribute a;
    if (!f || !f->name || !m->dw || !dwarf_offdie(m->dw, f->die_off, &die))
        return NULL;
    /* an out-of-line instance names its origin, a definition its declaration in the class */
    if (dwarf_attr(&die, DW_AT_abstract_origin, &a) && dwarf_formref_die(&a, &decl))
        die = decl;
    if (dwarf_attr(&die, DW_AT_specification, &a) && dwarf_formref_die(&a, &decl))
        die = decl;
    const char *q = sym_cxx_qualified(st, &die, f->name);
    return q != f->name ? q : NULL; /* unchanged: not C++, or at the top of its unit */
}

