/*
 * symbols_typenames.c: types by name, for the casts and sizeof of the expression evaluator.
 * A name is parsed as C spells it: base types in any word order ("unsigned long" is gcc's
 * "long unsigned int"), "struct/union/enum TAG", typedef names, trailing '*'s, qualifiers ignored.
 * Lookups go to the CU of pc first (its own statics and typedefs win), then the module, then every
 * module. Base types the program never uses, and pointer types, are made up as synthetic types
 * (symbols_types.c) so that a cast always has a type to name.
 */
#include "symbols_internal.h"
#include "util.h"

#include <dwarf.h>
#include <stdio.h>
#include <string.h>

#define SYNTH_POINTER (1ull << 63)
#define SYNTH_BASE ((1ull << 63) | (1ull << 62))

uint32_t symtab_pointer_to(struct symtab *st, uint32_t target)
{
    if (!st)
        return 0;
    return sym_type_synth(st, SYNTH_POINTER | target, SYMT_POINTER, NULL, 8, target);
}

struct base_spec {
    const char *name;       /* gcc's DW_AT_name */
    enum sym_type_kind kind;
    uint64_t size;
};

static const struct base_spec base_types[] = {
    {"char", SYMT_CHAR, 1},
    {"signed char", SYMT_CHAR, 1},
    {"unsigned char", SYMT_UCHAR, 1},
    {"short int", SYMT_INT, 2},
    {"short unsigned int", SYMT_UINT, 2},
    {"int", SYMT_INT, 4},
    {"unsigned int", SYMT_UINT, 4},
    {"long int", SYMT_INT, 8},
    {"long unsigned int", SYMT_UINT, 8},
    {"long long int", SYMT_INT, 8},
    {"long long unsigned int", SYMT_UINT, 8},
    {"_Bool", SYMT_BOOL, 1},
    {"float", SYMT_FLOAT, 4},
    {"double", SYMT_FLOAT, 8},
    {"long double", SYMT_FLOAT, 16},
    {"__int128", SYMT_INT, 16},
    {"__int128 unsigned", SYMT_UINT, 16},
};

/* The index in base_types of a C base type spelling, or -1. */
static int parse_base(const char *words)
{
    int u = 0, s = 0, sh = 0, lg = 0, in = 0, ch = 0, b = 0, f = 0, d = 0, i128 = 0, n = 0;
    char buf[256];
    if (strlen(words) >= sizeof buf)
        return -1;
    memcpy(buf, words, strlen(words) + 1);
    for (char *save, *w = strtok_r(buf, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        n++;
        if (!strcmp(w, "unsigned")) u++;
        else if (!strcmp(w, "signed")) s++;
        else if (!strcmp(w, "short")) sh++;
        else if (!strcmp(w, "long")) lg++;
        else if (!strcmp(w, "int")) in++;
        else if (!strcmp(w, "char")) ch++;
        else if (!strcmp(w, "_Bool") || !strcmp(w, "bool")) b++;
        else if (!strcmp(w, "float")) f++;
        else if (!strcmp(w, "double")) d++;
        else if (!strcmp(w, "__int128")) i128++;
        else return -1;
    }
    if (n == 0 || (u && s) || u > 1 || s > 1 || in > 1 || lg > 2 || (sh && lg))
        return -1;
    int other = ch + b + f + d + i128;
    if (other > 1 || (other && (sh || in || (lg && !d))) || ((b || f || d) && (u || s)))
        return -1;
    const char *name;
    if (ch)
        name = u ? "unsigned char" : s ? "signed char" : "char";
    else if (b)
        name = "_Bool";
    else if (f)
        name = "float";
    else if (d)
        name = lg == 1 ? "long double" : lg ? NULL : "double";
    else if (i128)
        name = u ? "__int128 unsigned" : "__int128";
    else if (sh)
        name = u ? "short unsigned int" : "short int";
    else if (lg == 1)
        name = u ? "long unsigned int" : "long int";
    else if (lg == 2)
        name = u ? "long long unsigned int" : "long long int";
    else
        name = u ? "unsigned int" : "int";
    for (size_t i = 0; name && i < sizeof base_types / sizeof base_types[0]; i++)
        if (!strcmp(base_types[i].name, name))
            return (int)i;
    return -1;
}

/* A top-level DIE of a CU with this tag and name (definitions before declarations). */
static bool cu_find(Dwarf_Die *cudie, int tag, const char *name, Dwarf_Die *out)
{
    Dwarf_Die child;
    bool found = false;
    if (dwarf_child(cudie, &child) != 0)
        return false;
    do {
        if (dwarf_tag(&child) != tag)
            continue;
        const char *n = dwarf_diename(&child);
        if (!n || strcmp(n, name) != 0)
            continue;
        *out = child;
        found = true;
        if (!dwarf_hasattr(&child, DW_AT_declaration))
            return true;
    } while (dwarf_siblingof(&child, &child) == 0);
    return found;
}

/* Searches the CU of pc, then pc's module, then every module. */
static bool find_named(struct symtab *st, uint64_t pc, int tag, const char *name,
                       struct sym_module **mout, Dwarf_Die *out)
{
    struct sym_module *pm = sym_module_at(st, pc);
    if (pm) {
        sym_module_index(st, pm);
        struct sym_cu *cu = sym_cu_at(pm, pc);
        if (cu && cu_find(&cu->die, tag, name, out)) {
            *mout = pm;
            return true;
        }
    }
    bool tagged = tag != DW_TAG_typedef && tag != DW_TAG_base_type;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < st->nmods; i++) {
            struct sym_module *m = st->mods[i];
            if ((pass == 0) != (m == pm))
                continue;
            sym_module_index(st, m);
            if (tagged) {
                if (sym_find_tagdef(st, m, name, tag, out)) {
                    *mout = m;
                    return true;
                }
                continue;
            }
            for (size_t c = 0; c < m->ncus; c++)
                if (cu_find(&m->cus[c].die, tag, name, out)) {
                    *mout = m;
                    return true;
                }
        }
    return false;
}

static bool skip_word(const char **p, const char *w)
{
    size_t n = strlen(w);
    if (strncmp(*p, w, n) == 0 && ((*p)[n] == ' ' || (*p)[n] == '\t' || (*p)[n] == '*' ||
                                   (*p)[n] == 0)) {
        *p += n;
        while (**p == ' ' || **p == '\t')
            (*p)++;
        return true;
    }
    return false;
}

int symtab_type_by_name(struct symtab *st, uint64_t pc, const char *name, uint32_t *id)
{
    if (!st || !name || !id)
        return -1;
    char buf[256];
    size_t len = strlen(name);
    if (len >= sizeof buf)
        return -1;
    /* the pointer depth from the trailing '*'s */
    int stars = 0;
    while (len > 0 && (name[len - 1] == '*' || name[len - 1] == ' ' || name[len - 1] == '\t')) {
        stars += name[len - 1] == '*';
        len--;
    }
    /* drop qualifiers anywhere */
    const char *p = name;
    size_t o = 0;
    while (p < name + len) {
        while (p < name + len && (*p == ' ' || *p == '\t'))
            p++;
        if (skip_word(&p, "const") || skip_word(&p, "volatile") || skip_word(&p, "restrict"))
            continue;
        while (p < name + len && *p != ' ' && *p != '\t')
            buf[o++] = *p++;
        buf[o++] = ' ';
    }
    while (o > 0 && buf[o - 1] == ' ')
        o--;
    buf[o] = 0;
    if (!buf[0])
        return -1;
    uint32_t t = 0;
    struct sym_module *m;
    Dwarf_Die die;
    const char *q = buf;
    int tag = skip_word(&q, "struct") ? DW_TAG_structure_type
            : skip_word(&q, "union")  ? DW_TAG_union_type
            : skip_word(&q, "enum")   ? DW_TAG_enumeration_type
                                      : 0;
    if (tag) {
        if (!*q || !find_named(st, pc, tag, q, &m, &die))
            return -1;
        t = sym_type_of_die(st, m, &die);
    } else if (!strcmp(buf, "void")) {
        t = 0;
    } else {
        int b = parse_base(buf);
        if (b >= 0) {
            const struct base_spec *bs = &base_types[b];
            if (find_named(st, pc, DW_TAG_base_type, bs->name, &m, &die))
                t = sym_type_of_die(st, m, &die);
            else
                t = sym_type_synth(st, SYNTH_BASE | (uint64_t)b, bs->kind, bs->name, bs->size, 0);
        } else if (find_named(st, pc, DW_TAG_typedef, buf, &m, &die)) {
            t = sym_type_of_die(st, m, &die);
        } else {
            return -1;
        }
    }
    for (int i = 0; i < stars; i++)
        t = symtab_pointer_to(st, t);
    *id = t;
    return 0;
}
