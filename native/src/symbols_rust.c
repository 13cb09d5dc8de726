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
