/*
 * symbols_named.c: what a name written in an expression stands for when it is no local of the
 * frame: a variable anywhere in the program or a function (gdb's `print main` is
 * `{int (int, char **)} 0x401136 <main>`). Qualified names are C++ namespace-scope variables
 * (`ns::inner::var`), static data members (`Account::count`) and Rust statics
 * (`values::config::LIMIT`): a definition matches when the namespaces it is nested in spell the
 * name, or when its mangled linkage name is the name's (a static member's definition sits at the
 * top of its compilation unit and names its class only through that). Templates' names are not
 * mangled here: they are not found, never guessed.
 */
#include "symbols_internal.h"

#include <dwarf.h>
#include <stdio.h>
#include <string.h>

#define MAX_PARTS 8
#define MAX_DEPTH 8

/* A name split at "::" and its Itanium mangling ("_ZN2ns3varE"; "" when it cannot be mangled). */
struct split_name {
    char parts[MAX_PARTS][128];
    int n;
    char mangled[512];
};

static bool plain_identifier(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
            return false;
    return true;
}

static bool split(const char *name, struct split_name *out)
{
    out->n = 0;
    const char *p = name;
    for (;;) {
        const char *sep = strstr(p, "::");
        size_t len = sep ? (size_t)(sep - p) : strlen(p);
        if (out->n == MAX_PARTS || len == 0 || len >= sizeof out->parts[0])
            return false;
        memcpy(out->parts[out->n], p, len);
        out->parts[out->n++][len] = '\0';
        if (!sep)
            break;
        p = sep + 2;
    }
    /* nested names of plain identifiers: _ZN <len><id>... E; std:: is abbreviated St */
    size_t at = 0;
    bool ok = true;
    int first = 0;
    bool std = out->n > 1 && strcmp(out->parts[0], "std") == 0;
    if (std)
        first = 1;
    bool nested = out->n - first > 1;
    at += (size_t)snprintf(out->mangled, sizeof out->mangled, "_Z%s%s", nested ? "N" : "", std ? "St" : "");
    for (int i = first; i < out->n && ok; i++) {
        ok = plain_identifier(out->parts[i]);
        int w = snprintf(out->mangled + at, sizeof out->mangled - at, "%zu%s", strlen(out->parts[i]),
                         out->parts[i]);
        ok = ok && w > 0 && at + (size_t)w < sizeof out->mangled;
        at += ok ? (size_t)w : 0;
    }
    if (ok && nested)
        ok = at + 1 < sizeof out->mangled && (out->mangled[at++] = 'E', out->mangled[at] = '\0', true);
    if (!ok || out->n < 2)
        out->mangled[0] = '\0';
    return true;
}

static bool is_definition(Dwarf_Die *die)
{
    return dwarf_hasattr(die, DW_AT_location) || dwarf_hasattr(die, DW_AT_const_value) ||
           !dwarf_hasattr(die, DW_AT_declaration);
}

static const char *linkage_name(Dwarf_Die *die)
{
    Dwarf_Attribute a;
    if (dwarf_attr_integrate(die, DW_AT_linkage_name, &a) ||
        dwarf_attr_integrate(die, DW_AT_MIPS_linkage_name, &a))
        return dwarf_formstring(&a);
    return NULL;
}

/* The variable definition `q` names among scope's children: `matched` leading parts are the
 * namespaces scope is nested in (-1 once they no longer spell q's). */
static bool find_variable(Dwarf_Die *scope, const struct split_name *q, int matched, int depth,
                          Dwarf_Die *out)
{
    Dwarf_Die c;
    if (depth > MAX_DEPTH || dwarf_child(scope, &c) != 0)
        return false;
    do {
        int tag = dwarf_tag(&c);
        const char *scope_name = tag == DW_TAG_namespace || tag == DW_TAG_class_type ||
                                         tag == DW_TAG_structure_type ? dwarf_diename(&c) : NULL;
        int next = scope_name && matched >= 0 && matched < q->n - 1 &&
                           strcmp(scope_name, q->parts[matched]) == 0 ? matched + 1 : -1;
        if (tag == DW_TAG_namespace || next >= 0) {
            /* a class is entered only by name: its constexpr static members are there, whole */
            if ((next >= 0 || q->mangled[0]) && find_variable(&c, q, next, depth + 1, out))
                return true;
            continue;
        }
        bool constant_member = tag == DW_TAG_member && dwarf_hasattr(&c, DW_AT_const_value);
        if ((tag != DW_TAG_variable && !constant_member) || !is_definition(&c))
            continue;
        const char *name = sym_die_name(&c);
        if (matched == q->n - 1 && name && strcmp(name, q->parts[matched]) == 0) {
            *out = c;
            return true;
        }
        const char *link = q->mangled[0] ? linkage_name(&c) : NULL;
        if (link && strcmp(link, q->mangled) == 0) {
            *out = c;
            return true;
        }
    } while (dwarf_siblingof(&c, &c) == 0);
    return false;
}

static int qualified_variable(struct symtab *st, const struct split_name *q, struct sym_named *out)
{
    for (int i = 0; i < st->nmods; i++) {
        struct sym_module *m = st->mods[i];
        sym_module_index(st, m);
        for (size_t k = 0; m->dw && k < m->ncus; k++) {
            Dwarf_Die die;
            if (!find_variable(&m->cus[k].die, q, 0, 0, &die))
                continue;
            sym_make_global(st, m, &die, &out->var);
            out->kind = SYMNAMED_VARIABLE;
            return 0;
        }
    }
    return -1;
}

/* The function's type: its DWARF subprogram as a function type (0 without debug information). */
static uint32_t function_type(struct symtab *st, uint64_t pc)
{
    struct sym_module *m = sym_indexed_module_at(st, pc);
    struct sym_func *f = m ? sym_func_at(m, pc) : NULL;
    Dwarf_Die die;
    if (!f || !m->dw || !dwarf_offdie(m->dw, f->die_off, &die))
        return 0;
    return sym_type_of_die(st, m, &die);
}

static int function(struct symtab *st, const char *name, struct sym_named *out)
{
    uint64_t addrs[64], entries[64];
    int n = symtab_function_addrs(st, name, addrs, 64), distinct = 0;
    for (int i = 0; i < n; i++) {
        struct sym_function fn;
        if (symtab_function_at(st, addrs[i], &fn) < 0 || !fn.name)
            continue;
        bool seen = false;
        for (int k = 0; k < distinct && !seen; k++)
            seen = entries[k] == fn.entry;
        if (!seen)
            entries[distinct++] = fn.entry;
    }
    if (distinct == 0)
        return -1;
    out->kind = SYMNAMED_FUNCTION;
    out->address = entries[0];
    out->definitions = (uint32_t)distinct;
    out->type = function_type(st, entries[0]);
    return 0;
}

int symtab_named(struct symtab *st, uint64_t pc, const char *name, struct sym_named *out)
{
    struct split_name q;
    if (!st || !name || !out || !split(name, &q))
        return -1;
    memset(out, 0, sizeof *out);
    if (q.n == 1 && symtab_find_global(st, pc, name, &out->var) == 0) {
        out->kind = SYMNAMED_VARIABLE;
    } else if (q.n > 1 && qualified_variable(st, &q, out) == 0) {
        /* out filled */
    } else if (function(st, name, out) < 0) {
        return -1;
    }
    if (out->kind == SYMNAMED_VARIABLE) {
        out->type = out->var.type;
        out->address = out->var.loc == SYMLOC_MEMORY ? out->var.addr : 0;
        out->definitions = 1;
    }
    return 0;
}
