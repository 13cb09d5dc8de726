/*
 * symbols_rust.c: what Rust's DWARF adds to C's types: the variant part of an enum
 * (DW_TAG_variant_part: a discriminant member and one DW_TAG_variant per variant, each with its
 * DW_AT_discr_value or none for the default one, used by niche-optimised enums such as Option<&T>).
 * Invariant: a variant part whose shape is not the one described here (a DW_AT_discr_list, a value
 * that does not fit 64 bits, a discriminant that is not a plain member) is marked not understood,
 * so the values view shows the raw layout instead of choosing a variant by a guess.
 */
#include "symbols_internal.h"
#include "util.h"

#include <dwarf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The byte offset of a member DIE (DW_AT_data_member_location as a constant); false otherwise. */
static bool member_offset(Dwarf_Die *die, uint64_t *out)
{
    Dwarf_Attribute a;
    Dwarf_Word w;
    if (!dwarf_attr(die, DW_AT_data_member_location, &a)) {
        *out = 0;
        return true;
    }
    if (dwarf_formudata(&a, &w) != 0)
        return false;
    *out = w;
    return true;
}

/* The one member of a DW_TAG_variant, with its discriminant value; false when the shape differs. */
static bool read_variant(struct symtab *st, struct sym_module *m, Dwarf_Die *variant,
                         struct sym_variant *out)
{
    Dwarf_Attribute a;
    memset(out, 0, sizeof *out);
    if (dwarf_hasattr(variant, DW_AT_discr_list))
        return false;
    if (dwarf_attr(variant, DW_AT_discr_value, &a)) {
        Dwarf_Word w;
        unsigned form = dwarf_whatform(&a);
        if (form == DW_FORM_block1 || form == DW_FORM_block || form == DW_FORM_data16 ||
            dwarf_formudata(&a, &w) != 0)
            return false;
        out->has_discr = true;
        out->discr = w;
    }
    Dwarf_Die c;
    if (dwarf_child(variant, &c) != 0)
        return false;
    int members = 0;
    do {
        if (dwarf_tag(&c) != DW_TAG_member)
            continue;
        if (++members > 1 || !member_offset(&c, &out->offset))
            return false;
        out->name = dwarf_diename(&c);
        out->type = sym_type_attr(st, m, &c);
    } while (dwarf_siblingof(&c, &c) == 0);
    return members == 1 && out->name && out->type;
}

/* The discriminant member a variant part's DW_AT_discr names (its type, possibly not filled in yet,
 * is checked by the reader of the variants: symtab_rust_discriminant_ok). */
static bool read_discriminant(struct symtab *st, struct sym_module *m, Dwarf_Die *part,
                              struct sym_variants *v)
{
    Dwarf_Attribute a;
    Dwarf_Die d;
    if (!dwarf_attr(part, DW_AT_discr, &a))
        return true; /* no discriminant: one variant only, always chosen */
    if (!dwarf_formref_die(&a, &d) || dwarf_tag(&d) != DW_TAG_member || !member_offset(&d, &v->discr_offset))
        return false;
    v->discr_type = sym_type_attr(st, m, &d);
    return v->discr_type != 0;
}

const struct sym_variants *sym_rust_variants(struct symtab *st, struct sym_module *m, Dwarf_Die *part)
{
    struct sym_variants *v = xmalloc(sizeof *v);
    memset(v, 0, sizeof *v);
    struct sym_variant *list = NULL;
    size_t cap = 0;
    bool ok = read_discriminant(st, m, part, v);
    Dwarf_Die c;
    if (ok && dwarf_child(part, &c) == 0) {
        do {
            if (dwarf_tag(&c) != DW_TAG_variant)
                continue;
            if (v->n == cap) {
                cap = cap ? cap * 2 : 4;
                list = xrealloc(list, cap * sizeof *list);
            }
            if (!read_variant(st, m, &c, &list[v->n])) {
                ok = false;
                break;
            }
            v->n++;
        } while (dwarf_siblingof(&c, &c) == 0);
    }
    v->understood = ok && v->n > 0 && (v->discr_type != 0 || v->n == 1);
    v->v = list;
    return v;
}

void sym_rust_variants_free(const struct sym_variants *v)
{
    if (!v)
        return;
    free((void *)v->v);
    free((void *)v);
}

bool symtab_rust_discriminant_ok(struct symtab *st, const struct sym_variants *v)
{
    if (v->discr_type == 0)
        return v->n == 1;
    const struct sym_type *t = symtab_type(st, v->discr_type);
    while (t && (t->kind == SYMT_TYPEDEF || t->kind == SYMT_CONST || t->kind == SYMT_VOLATILE))
        t = symtab_type(st, t->target);
    return t && (t->kind == SYMT_INT || t->kind == SYMT_UINT || t->kind == SYMT_CHAR ||
                 t->kind == SYMT_UCHAR || t->kind == SYMT_BOOL || t->kind == SYMT_ENUM) &&
           t->size >= 1 && t->size <= 8;
}

/* ---- qualified function names: values::parse::Parser::next ---- */

/* Appends one identifier of a legacy-mangled name, its $..$ escapes and ".." decoded. */
static bool append_ident(char *out, size_t cap, size_t *len, const char *s, size_t n)
{
    static const struct { const char *code; char c; } escapes[] = {
        {"$LT$", '<'}, {"$GT$", '>'}, {"$RF$", '&'}, {"$BP$", '*'}, {"$C$", ','}, {"$SP$", '@'},
        {"$LP$", '('}, {"$RP$", ')'}};
    size_t i = 0;
    if (n >= 2 && s[0] == '_' && s[1] == '$')
        i = 1; /* an identifier starting with '$' is written "_$" */
    while (i < n) {
        char c = s[i];
        size_t used = 1;
        if (c == '.' && i + 1 < n && s[i + 1] == '.') {
            if (*len + 2 >= cap)
                return false;
            out[(*len)++] = ':';
            c = ':';
            used = 2;
        } else if (c == '$') {
            bool known = false;
            for (size_t e = 0; e < sizeof escapes / sizeof escapes[0] && !known; e++) {
                size_t el = strlen(escapes[e].code);
                if (i + el <= n && memcmp(s + i, escapes[e].code, el) == 0)
                    c = escapes[e].c, used = el, known = true;
            }
            unsigned code;
            int consumed = 0;
            if (!known && i + 1 < n && s[i + 1] == 'u' && sscanf(s + i, "$u%2x$%n", &code, &consumed) == 1 &&
                consumed > 0 && i + (size_t)consumed <= n && code >= 0x20 && code < 0x7f)
                c = (char)code, used = (size_t)consumed, known = true;
            if (!known)
                return false;
        }
        if (*len + 1 >= cap)
            return false;
        out[(*len)++] = c;
        i += used;
    }
    out[*len] = '\0';
    return true;
}

/* Whether an identifier is the hash rustc ends legacy names with: "h" and 16 hex digits. */
static bool is_hash(const char *s, size_t n)
{
    if (n != 17 || s[0] != 'h')
        return false;
    for (size_t i = 1; i < n; i++)
        if (!strchr("0123456789abcdef", s[i]))
            return false;
    return true;
}

/*
 * A legacy-mangled name (_ZN6values5parse6Parser4next17h...E) as its path
 * "values::parse::Parser::next", into out; *last_start gets where its last component begins.
 */
static bool demangle_legacy(const char *sym, char *out, size_t cap, size_t *last_start)
{
    if (strncmp(sym, "_ZN", 3) != 0)
        return false;
    const char *p = sym + 3;
    size_t len = 0;
    out[0] = '\0';
    while (*p != 'E') {
        char *end;
        unsigned long n = strtoul(p, &end, 10);
        if (end == p || n == 0 || strnlen(end, n) < n)
            return false;
        if (end[n] == 'E' && is_hash(end, n)) {
            p = end + n;
            break;
        }
        if (len > 0) {
            if (len + 2 >= cap)
                return false;
            out[len++] = ':', out[len++] = ':';
        }
        *last_start = len;
        if (!append_ident(out, cap, &len, end, n))
            return false;
        p = end + n;
    }
    return p[0] == 'E' && p[1] == '\0' && len > 0;
}

/* The DWARF path of a function without a legacy linkage name: its namespaces (an impl's is
 * "{impl#0}") and its DW_AT_name, "std::rt::lang_start_internal"; NULL when it has no name. */
static const char *scoped_name(struct symtab *st, Dwarf_Die *die)
{
    Dwarf_Die origin = *die;
    Dwarf_Attribute a;
    for (int i = 0; i < 4; i++) {
        if (!(dwarf_attr(&origin, DW_AT_abstract_origin, &a) || dwarf_attr(&origin, DW_AT_specification, &a)) ||
            !dwarf_formref_die(&a, &origin))
            break;
    }
    const char *name = dwarf_diename(&origin);
    if (!name)
        return NULL;
    Dwarf_Die *scopes = NULL;
    int n = dwarf_getscopes_die(&origin, &scopes);
    char path[1024] = "";
    size_t len = 0;
    for (int i = n - 1; i >= 1; i--) { /* scopes[0] is the function, scopes[n - 1] its CU */
        int tag = dwarf_tag(&scopes[i]);
        const char *part = dwarf_diename(&scopes[i]);
        if (!part || (tag != DW_TAG_namespace && tag != DW_TAG_structure_type && tag != DW_TAG_union_type &&
                      tag != DW_TAG_enumeration_type))
            continue;
        int w = snprintf(path + len, sizeof path - len, "%s::", part);
        if (w < 0 || (size_t)w >= sizeof path - len) {
            free(scopes);
            return NULL;
        }
        len += (size_t)w;
    }
    free(scopes);
    if (len == 0 || len + strlen(name) >= sizeof path)
        return NULL;
    strcpy(path + len, name);
    return sym_intern(st, path);
}

const char *sym_rust_function_name(struct symtab *st, Dwarf_Die *die)
{
    Dwarf_Die cu;
    if (!dwarf_diecu(die, &cu, NULL, NULL) || dwarf_srclang(&cu) != DW_LANG_Rust)
        return NULL;
    Dwarf_Attribute a;
    const char *linkage = NULL;
    if (dwarf_attr_integrate(die, DW_AT_linkage_name, &a) ||
        dwarf_attr_integrate(die, DW_AT_MIPS_linkage_name, &a))
        linkage = dwarf_formstring(&a);
    char path[1024];
    size_t last = 0;
    if (!linkage || !demangle_legacy(linkage, path, sizeof path, &last))
        return scoped_name(st, die);
    /* the DWARF name keeps generic arguments and closure numbers the mangled path lost:
     * FnOnce::call_once + "call_once<fn(), ()>", lang_start::{{closure}} + "{closure#0}<()>" */
    const char *name = dwarf_attr_integrate(die, DW_AT_name, &a) ? dwarf_formstring(&a) : NULL;
    const char *tail = path + last;
    size_t tail_len = strlen(tail);
    bool closure = strcmp(tail, "{{closure}}") == 0 && name && strncmp(name, "{closure#", 9) == 0;
    bool generic = name && strncmp(name, tail, tail_len) == 0 && name[tail_len] == '<';
    if ((closure || generic) && last + strlen(name) < sizeof path)
        strcpy(path + last, name);
    return sym_intern(st, path);
}

const char *sym_rust_pointer_name(Dwarf_Die *die)
{
    Dwarf_Die cu;
    if (!dwarf_diecu(die, &cu, NULL, NULL) || dwarf_srclang(&cu) != DW_LANG_Rust)
        return NULL;
    return dwarf_diename(die);
}

const char *sym_rust_symbol_name(struct symtab *st, const char *symbol)
{
    char path[1024];
    size_t last = 0;
    size_t n = symbol ? strlen(symbol) : 0;
    /* only Rust's legacy names end in "17h" + 16 hex digits + "E"; C++ names are left alone */
    if (n < 24 || strncmp(symbol + n - 21, "17h", 3) != 0 || !is_hash(symbol + n - 19, 17) ||
        !demangle_legacy(symbol, path, sizeof path, &last))
        return NULL;
    return sym_intern(st, path);
}
