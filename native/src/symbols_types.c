/*
 * symbols_types.c: C types from DWARF. Each type DIE becomes a struct sym_type with a small id,
 * interned in a hash table keyed by (module, DIE offset) so that ids are stable for the symtab's
 * lifetime and recursive types (a struct pointing to itself) terminate. Types are built without
 * deep recursion: a new id is a placeholder queued for filling, referenced types get their own
 * placeholders, and sizes of typedefs, qualifiers and arrays are computed once the queue drains.
 * restrict and _Atomic are transparent; a struct/union/enum declaration is completed from a
 * definition of the same name in the module when there is one. Multi-dimensional arrays become
 * arrays of arrays (the inner ones keyed by their DW_TAG_subrange_type DIE).
 */
#include "symbols_internal.h"
#include "util.h"

#include <dwarf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct sym_type void_type = {.kind = SYMT_VOID, .name = "void"};

/* The type of (session-wide) id, or NULL: ids of this table are id_base + its index. */
static struct sym_type *slot(struct symtab *st, uint32_t id)
{
    if (id <= st->id_base || id - st->id_base >= st->ntypes)
        return NULL;
    return st->types[id - st->id_base];
}

const struct sym_type *symtab_type(struct symtab *st, uint32_t id)
{
    if (!st)
        return NULL;
    if (id == 0)
        return &void_type;
    return slot(st, id);
}

uint64_t sym_type_size(struct symtab *st, uint32_t id)
{
    const struct sym_type *t = symtab_type(st, id);
    return t ? t->size : 0;
}

void sym_types_free(struct symtab *st)
{
    for (uint32_t i = 1; i < st->ntypes; i++) {
        struct sym_type *t = st->types[i];
        free((void *)t->members);
        free((void *)t->enumerators);
        free((void *)t->targs);
        sym_rust_variants_free(t->variants);
        free(t);
    }
    free(st->types);
    free(st->tkeys);
    free(st->tvals);
    free(st->pending);
}

/* ---- the key table ---- */

static uint64_t die_key(struct sym_module *m, Dwarf_Die *die)
{
    uint64_t flags = 0;
    Dwarf_Half version = 0;
    uint8_t unit_type = 0;
    if (dwarf_cu_info(die->cu, &version, &unit_type, NULL, NULL, NULL, NULL, NULL) == 0 &&
        unit_type == DW_UT_type && version < 5)
        flags |= 1;  /* .debug_types: offsets of another section */
    if (dwarf_cu_getdwarf(die->cu) != m->dw)
        flags |= 2;  /* an alternate (dwz) file */
    return ((uint64_t)(m->index + 1) << 44) | (flags << 41) | (dwarf_dieoffset(die) & ((1ull << 41) - 1));
}

static uint64_t mix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return k;
}

static uint32_t key_lookup(struct symtab *st, uint64_t key)
{
    if (!st->tcap)
        return 0;
    for (size_t j = mix(key) & (st->tcap - 1);; j = (j + 1) & (st->tcap - 1)) {
        if (st->tkeys[j] == key)
            return st->tvals[j];
        if (st->tkeys[j] == 0)
            return 0;
    }
}

static void key_insert(struct symtab *st, uint64_t key, uint32_t id)
{
    if ((st->tn + 1) * 2 > st->tcap) {
        size_t ncap = st->tcap ? st->tcap * 2 : 256;
        uint64_t *nk = calloc(ncap, sizeof *nk);
        uint32_t *nv = calloc(ncap, sizeof *nv);
        if (!nk || !nv)
            fatal("out of memory");
        for (size_t i = 0; i < st->tcap; i++) {
            if (!st->tkeys[i])
                continue;
            size_t j = mix(st->tkeys[i]) & (ncap - 1);
            while (nk[j])
                j = (j + 1) & (ncap - 1);
            nk[j] = st->tkeys[i];
            nv[j] = st->tvals[i];
        }
        free(st->tkeys);
        free(st->tvals);
        st->tkeys = nk;
        st->tvals = nv;
        st->tcap = ncap;
    }
    size_t j = mix(key) & (st->tcap - 1);
    while (st->tkeys[j])
        j = (j + 1) & (st->tcap - 1);
    st->tkeys[j] = key;
    st->tvals[j] = id;
    st->tn++;
}

/* ---- struct/union/enum definitions by name ---- */

static int cmp_tagdef(const void *a, const void *b)
{
    const struct sym_tagdef *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : x->tag - y->tag;
}

static bool is_tagged(int tag)
{
    return tag == DW_TAG_structure_type || tag == DW_TAG_union_type ||
           tag == DW_TAG_enumeration_type || tag == DW_TAG_class_type;
}

static void build_tagdefs(struct sym_module *m)
{
    m->tagdefs_built = true;
    size_t cap = 0;
    for (size_t i = 0; i < m->ncus; i++) {
        Dwarf_Die child;
        if (dwarf_child(&m->cus[i].die, &child) != 0)
            continue;
        do {
            int tag = dwarf_tag(&child);
            const char *name = dwarf_diename(&child);
            if (!is_tagged(tag) || !name || dwarf_hasattr(&child, DW_AT_declaration))
                continue;
            if (m->ntagdefs == cap) {
                cap = cap ? cap * 2 : 64;
                m->tagdefs = xrealloc(m->tagdefs, cap * sizeof *m->tagdefs);
            }
            m->tagdefs[m->ntagdefs++] = (struct sym_tagdef){name, tag, dwarf_dieoffset(&child)};
        } while (dwarf_siblingof(&child, &child) == 0);
    }
    if (m->ntagdefs)
        qsort(m->tagdefs, m->ntagdefs, sizeof *m->tagdefs, cmp_tagdef);
}

bool sym_find_tagdef(struct symtab *st, struct sym_module *m, const char *name, int tag,
                     Dwarf_Die *out)
{
    if (!name || !m->dw)
        return false;
    sym_module_index(st, m);
    if (!m->tagdefs_built)
        build_tagdefs(m);
    struct sym_tagdef key = {name, tag, 0};
    struct sym_tagdef *d = m->ntagdefs
                               ? bsearch(&key, m->tagdefs, m->ntagdefs, sizeof key, cmp_tagdef)
                               : NULL;
    return d && dwarf_offdie(m->dw, d->off, out) != NULL;
}

static bool find_definition(struct symtab *st, struct sym_module *m, Dwarf_Die *decl,
                            Dwarf_Die *out)
{
    return sym_find_tagdef(st, m, dwarf_diename(decl), dwarf_tag(decl), out);
}

/* ---- building ---- */

static uint32_t new_type(struct symtab *st, struct sym_module *m, Dwarf_Die *die, int dim,
                         uint64_t key)
{
    if (st->ntypes == 0)
        st->ntypes = 1;  /* id 0 is void */
    if (st->ntypes >= st->captypes) {
        st->captypes = st->captypes ? st->captypes * 2 : 256;
        st->types = xrealloc(st->types, st->captypes * sizeof *st->types);
        st->types[0] = NULL;
    }
    uint32_t idx = st->ntypes++, id = st->id_base + idx;
    struct sym_type *t = calloc(1, sizeof *t);
    if (!t)
        fatal("out of memory");
    t->kind = SYMT_UNKNOWN;
    st->types[idx] = t;
    key_insert(st, key, id);
    if (st->npending == st->cappending) {
        st->cappending = st->cappending ? st->cappending * 2 : 64;
        st->pending = xrealloc(st->pending, st->cappending * sizeof *st->pending);
    }
    st->pending[st->npending++] = (struct sym_pending){id, m, *die, dim};
    return id;
}

static void drain(struct symtab *st, uint32_t first);

/* The dim-th DW_TAG_subrange_type child of an array type. */
static bool subrange(Dwarf_Die *array, int dim, Dwarf_Die *out)
{
    if (dwarf_child(array, out) != 0)
        return false;
    int k = 0;
    do {
        int tag = dwarf_tag(out);
        if (tag == DW_TAG_subrange_type || tag == DW_TAG_enumeration_type)
            if (k++ == dim)
                return true;
    } while (dwarf_siblingof(out, out) == 0);
    return false;
}

static uint32_t type_get(struct symtab *st, struct sym_module *m, Dwarf_Die *die_in, int dim)
{
    Dwarf_Die die = *die_in, def;
    for (int guard = 0; guard < 16; guard++) {
        int tag = dwarf_tag(&die);
        if (dim == 0 && (tag == DW_TAG_restrict_type || tag == DW_TAG_atomic_type)) {
            Dwarf_Attribute a;
            if (!dwarf_attr_integrate(&die, DW_AT_type, &a) || !dwarf_formref_die(&a, &die))
                return 0;
            continue;
        }
        break;
    }
    if (dim == 0 && is_tagged(dwarf_tag(&die)) && dwarf_hasattr(&die, DW_AT_declaration) &&
        find_definition(st, m, &die, &def))
        die = def;
    Dwarf_Die keydie = die;
    if (dim > 0 && !subrange(&die, dim, &keydie))
        return 0;
    uint64_t key = die_key(m, &keydie);
    uint32_t id = key_lookup(st, key);
    if (id)
        return id;
    uint32_t first = st->ntypes ? st->ntypes : 1;
    id = new_type(st, m, &die, dim, key);
    if (!st->filling)
        drain(st, first);
    return id;
}

uint32_t sym_type_synth(struct symtab *st, uint64_t key, enum sym_type_kind kind,
                        const char *name, uint64_t size, uint32_t target)
{
    uint32_t id = key_lookup(st, key);
    if (id)
        return id;
    if (st->ntypes == 0)
        st->ntypes = 1;
    if (st->ntypes >= st->captypes) {
        st->captypes = st->captypes ? st->captypes * 2 : 256;
        st->types = xrealloc(st->types, st->captypes * sizeof *st->types);
        st->types[0] = NULL;
    }
    uint32_t idx = st->ntypes++;
    id = st->id_base + idx;
    struct sym_type *t = calloc(1, sizeof *t);
    if (!t)
        fatal("out of memory");
    t->kind = kind;
    t->name = name;
    t->size = size;
    t->target = target;
    st->types[idx] = t;
    key_insert(st, key, id);
    return id;
}

uint32_t sym_type_of_die(struct symtab *st, struct sym_module *m, Dwarf_Die *type_die)
{
    return type_die ? type_get(st, m, type_die, 0) : 0;
}

uint32_t sym_type_attr(struct symtab *st, struct sym_module *m, Dwarf_Die *die)
{
    Dwarf_Attribute a;
    Dwarf_Die t;
    if (!dwarf_attr_integrate(die, DW_AT_type, &a) || !dwarf_formref_die(&a, &t))
        return 0;
    return type_get(st, m, &t, 0);
}

static uint64_t attr_u(Dwarf_Die *die, unsigned name, uint64_t dflt)
{
    Dwarf_Attribute a;
    Dwarf_Word w;
    if (dwarf_attr_integrate(die, name, &a) && dwarf_formudata(&a, &w) == 0)
        return w;
    return dflt;
}

/* Whether die belongs to a C++ compile unit. */
static bool in_cxx(Dwarf_Die *die)
{
    Dwarf_Die cu;
    if (!dwarf_diecu(die, &cu, NULL, NULL))
        return false;
    int lang = dwarf_srclang(&cu);
    return lang == DW_LANG_C_plus_plus || lang == DW_LANG_C_plus_plus_03 ||
           lang == DW_LANG_C_plus_plus_11 || lang == DW_LANG_C_plus_plus_14 || lang == 0x2a || lang == 0x2b;
}

/* Whether die belongs to a C++ or Rust compile unit (whose type names have no struct/union/enum
 * keyword). */
static bool without_tag_keyword(Dwarf_Die *die)
{
    Dwarf_Die cu;
    return in_cxx(die) || (dwarf_diecu(die, &cu, NULL, NULL) && dwarf_srclang(&cu) == DW_LANG_Rust);
}

/* A C++ type's name qualified by the namespaces and classes around it, as gdb spells it:
 * "std::vector<int, std::allocator<int> >", "(anonymous namespace)::Cache". The scopes are
 * prefixed up to the innermost one that is neither a namespace nor a class (a function's local
 * class keeps its plain name). Not C++, or no enclosing scope: the name itself. */
static const char *cxx_qualified(struct symtab *st, Dwarf_Die *die, const char *n)
{
    if (!n || !in_cxx(die))
        return n;
    Dwarf_Die *scopes = NULL;
    int ns = dwarf_getscopes_die(die, &scopes);
    char buf[1024];
    size_t len = strlen(n);
    if (len >= sizeof buf) {
        free(scopes);
        return n;
    }
    memcpy(buf, n, len + 1);
    bool changed = false;
    for (int i = 1; i < ns; i++) { /* scopes[0] is die itself */
        int tag = dwarf_tag(&scopes[i]);
        if (tag != DW_TAG_namespace && tag != DW_TAG_structure_type && tag != DW_TAG_class_type &&
            tag != DW_TAG_union_type)
            break;
        const char *outer = dwarf_diename(&scopes[i]);
        if (!outer)
            outer = tag == DW_TAG_namespace ? "(anonymous namespace)" : "{unnamed}";
        size_t olen = strlen(outer);
        if (olen + 2 + len >= sizeof buf)
            break;
        memmove(buf + olen + 2, buf, len + 1);
        memcpy(buf, outer, olen);
        memcpy(buf + olen, "::", 2);
        len += olen + 2;
        changed = true;
    }
    free(scopes);
    return changed ? sym_intern(st, buf) : n;
}

const char *sym_cxx_qualified(struct symtab *st, Dwarf_Die *die, const char *name)
{
    return cxx_qualified(st, die, name);
}

/* A struct/union/enum's name as its language spells it: "struct point" in C, "Point" in C++
 * (qualified: "std::vector<int, std::allocator<int> >"). */
static const char *tag_name(struct symtab *st, const char *prefix, Dwarf_Die *die)
{
    const char *n = dwarf_diename(die);
    if (n && in_cxx(die))
        return cxx_qualified(st, die, n);
    if (!n || without_tag_keyword(die))
        return n;
    char buf[512];
    snprintf(buf, sizeof buf, "%s %s", prefix, n);
    return sym_intern(st, buf);
}

/* Element count of a subrange: DW_AT_count, else upper - lower + 1; 0 when not constant. */
static uint64_t subrange_count(Dwarf_Die *sr)
{
    Dwarf_Attribute a;
    Dwarf_Word w;
    Dwarf_Sword s;
    if (dwarf_attr(sr, DW_AT_count, &a))
        return dwarf_formudata(&a, &w) == 0 && w < (1ull << 40) ? w : 0;
    if (!dwarf_attr(sr, DW_AT_upper_bound, &a))
        return 0;
    unsigned form = dwarf_whatform(&a);
    int64_t ub;
    if (form == DW_FORM_sdata || form == DW_FORM_implicit_const) {
        if (dwarf_formsdata(&a, &s) != 0)
            return 0;
        ub = s;
    } else if (form == DW_FORM_data1 || form == DW_FORM_data2 || form == DW_FORM_data4 ||
               form == DW_FORM_data8 || form == DW_FORM_udata) {
        if (dwarf_formudata(&a, &w) != 0)
            return 0;
        ub = (int64_t)w;
        if (form == DW_FORM_data4 && w == 0xffffffffu)
            ub = -1;
    } else {
        return 0;  /* a variable-length array */
    }
    int64_t lb = (int64_t)attr_u(sr, DW_AT_lower_bound, 0);
    if (ub < lb - 1 || ub - lb + 1 > (1ll << 40))
        return 0;
    return (uint64_t)(ub - lb + 1);
}

/* Appends the C++ template type arguments among die's children (a parameter pack's in order);
 * value arguments are left out. */
static void add_targs(struct symtab *st, struct sym_module *m, Dwarf_Die *die, struct sym_type *t,
                      size_t *cap, int depth)
{
    Dwarf_Die c;
    if (depth > 1 || dwarf_child(die, &c) != 0)
        return;
    do {
        int tag = dwarf_tag(&c);
        if (tag == DW_TAG_GNU_template_parameter_pack) {
            add_targs(st, m, &c, t, cap, depth + 1);
            continue;
        }
        if (tag != DW_TAG_template_type_parameter)
            continue;
        if (t->ntargs == *cap) {
            *cap = *cap ? *cap * 2 : 4;
            t->targs = xrealloc((void *)t->targs, *cap * sizeof *t->targs);
        }
        ((uint32_t *)t->targs)[t->ntargs++] = sym_type_attr(st, m, &c);
    } while (dwarf_siblingof(&c, &c) == 0);
}

static void fill_members(struct symtab *st, struct sym_module *m, Dwarf_Die *die,
                         struct sym_type *t)
{
    Dwarf_Die c;
    size_t n = 0, cap = 0;
    struct sym_member *mem = NULL;
    if (dwarf_child(die, &c) == 0) {
        do {
            int tag = dwarf_tag(&c);
            if (tag == DW_TAG_variant_part && !t->variants) {
                t->variants = sym_rust_variants(st, m, &c);
                continue;
            }
            if ((tag != DW_TAG_member && tag != DW_TAG_inheritance) ||
                dwarf_hasattr(&c, DW_AT_declaration))
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                mem = xrealloc(mem, cap * sizeof *mem);
            }
            struct sym_member *o = &mem[n++];
            memset(o, 0, sizeof *o);
            o->name = tag == DW_TAG_member ? dwarf_diename(&c) : NULL;
            o->is_base = tag == DW_TAG_inheritance;
            o->type = sym_type_attr(st, m, &c);
            uint64_t loc = 0;
            Dwarf_Attribute a;
            if (dwarf_attr(&c, DW_AT_data_member_location, &a)) {
                Dwarf_Word w;
                Dwarf_Op *ops;
                size_t nops;
                if (dwarf_formudata(&a, &w) == 0)
                    loc = w;
                else if (dwarf_getlocation(&a, &ops, &nops) == 0 && nops == 1 &&
                         ops[0].atom == DW_OP_plus_uconst)
                    loc = ops[0].number;
            }
            o->offset = loc;
            uint64_t bits = attr_u(&c, DW_AT_bit_size, 0);
            if (!bits)
                continue;
            /* the storage unit: DW_AT_byte_size, else the member type's size */
            Dwarf_Word su = attr_u(&c, DW_AT_byte_size, 0);
            Dwarf_Die td;
            if (!su && dwarf_attr_integrate(&c, DW_AT_type, &a) && dwarf_formref_die(&a, &td))
                dwarf_aggregate_size(&td, &su);
            if (su == 0 || su > 8)
                su = 4;
            uint64_t dbo;
            if (dwarf_hasattr(&c, DW_AT_data_bit_offset))
                dbo = attr_u(&c, DW_AT_data_bit_offset, 0);
            else if (dwarf_hasattr(&c, DW_AT_bit_offset))  /* DWARF 2/3: from the MSB */
                dbo = loc * 8 + su * 8 - attr_u(&c, DW_AT_bit_offset, 0) - bits;
            else
                dbo = loc * 8;
            uint64_t off = dbo / (8 * su) * su;
            if (dbo - off * 8 + bits > su * 8)
                off = dbo / 8;
            o->offset = off;
            o->bit_offset = (uint32_t)(dbo - off * 8);
            o->bit_size = (uint32_t)bits;
        } while (dwarf_siblingof(&c, &c) == 0);
    }
    t->members = mem;
    t->nmembers = (uint32_t)n;
    size_t targcap = 0;
    add_targs(st, m, die, t, &targcap, 0);
}

static void fill_enumerators(struct symtab *st, struct sym_module *m, Dwarf_Die *die,
                             struct sym_type *t)
{
    bool is_signed = true;
    Dwarf_Attribute a;
    Dwarf_Die ut;
    if (dwarf_attr_integrate(die, DW_AT_type, &a) && dwarf_formref_die(&a, &ut)) {
        Dwarf_Die peeled;
        if (dwarf_peel_type(&ut, &peeled) == 0) {
            uint64_t enc = attr_u(&peeled, DW_AT_encoding, DW_ATE_signed);
            is_signed = enc == DW_ATE_signed || enc == DW_ATE_signed_char;
        }
    }
    Dwarf_Die c;
    size_t n = 0, cap = 0;
    struct sym_enumerator *e = NULL;
    if (dwarf_child(die, &c) == 0) {
        do {
            if (dwarf_tag(&c) != DW_TAG_enumerator || !dwarf_attr(&c, DW_AT_const_value, &a))
                continue;
            int64_t v = 0;
            unsigned form = dwarf_whatform(&a);
            Dwarf_Word w;
            Dwarf_Sword s;
            if (form == DW_FORM_sdata || form == DW_FORM_implicit_const) {
                if (dwarf_formsdata(&a, &s) == 0)
                    v = s;
            } else if (dwarf_formudata(&a, &w) == 0) {
                int bits = form == DW_FORM_data1 ? 8 : form == DW_FORM_data2 ? 16
                         : form == DW_FORM_data4 ? 32 : 64;
                if (is_signed && bits < 64 && (w >> (bits - 1)) & 1)
                    w |= ~0ull << bits;
                v = (int64_t)w;
            }
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                e = xrealloc(e, cap * sizeof *e);
            }
            e[n++] = (struct sym_enumerator){dwarf_diename(&c), v};
        } while (dwarf_siblingof(&c, &c) == 0);
    }
    t->enumerators = e;
    t->nmembers = (uint32_t)n;
    (void)st;
    (void)m;
}

static void fill_params(struct symtab *st, struct sym_module *m, Dwarf_Die *die,
                        struct sym_type *t)
{
    Dwarf_Die c;
    size_t n = 0, cap = 0;
    struct sym_member *mem = NULL;
    if (dwarf_child(die, &c) == 0) {
        do {
            int tag = dwarf_tag(&c);
            if (tag != DW_TAG_formal_parameter && tag != DW_TAG_unspecified_parameters)
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 4;
                mem = xrealloc(mem, cap * sizeof *mem);
            }
            /* a variadic function's "..." is a last parameter of that name and type void */
            mem[n++] = tag == DW_TAG_unspecified_parameters
                           ? (struct sym_member){.name = "..."}
                           : (struct sym_member){.type = sym_type_attr(st, m, &c)};
        } while (dwarf_siblingof(&c, &c) == 0);
    }
    t->members = mem;
    t->nmembers = (uint32_t)n;
    /* count 1: the parameters are declared (a C prototype; always in C++ and Rust), so none is
     * "(void)"; count 0: an old-style C declaration "()" */
    t->count = dwarf_hasattr_integrate(die, DW_AT_prototyped) || without_tag_keyword(die) ? 1 : 0;
}

static void fill(struct symtab *st, struct sym_pending *p)
{
    struct sym_type *t = slot(st, p->id);
    struct sym_module *m = p->m;
    Dwarf_Die *die = &p->die;
    int tag = dwarf_tag(die);
    if (tag == DW_TAG_array_type) {
        Dwarf_Die sr;
        t->kind = SYMT_ARRAY;
        if (subrange(die, p->dim, &sr))
            t->count = subrange_count(&sr);
        Dwarf_Die next;
        if (subrange(die, p->dim + 1, &next))
            t->target = type_get(st, m, die, p->dim + 1);
        else
            t->target = sym_type_attr(st, m, die);
        return;
    }
    t->name = dwarf_diename(die);
    t->size = attr_u(die, DW_AT_byte_size, 0);
    switch (tag) {
    case DW_TAG_base_type:
        switch (attr_u(die, DW_AT_encoding, 0)) {
        case DW_ATE_signed: t->kind = SYMT_INT; break;
        case DW_ATE_unsigned: case DW_ATE_UTF: t->kind = SYMT_UINT; break;
        case DW_ATE_signed_char: t->kind = SYMT_CHAR; break;
        case DW_ATE_unsigned_char: t->kind = SYMT_UCHAR; break;
        case DW_ATE_boolean: t->kind = SYMT_BOOL; break;
        case DW_ATE_float: t->kind = SYMT_FLOAT; break;
        default: t->kind = SYMT_UNKNOWN; break;
        }
        break;
    case DW_TAG_unspecified_type:
        t->kind = SYMT_VOID;
        break;
    case DW_TAG_pointer_type:
    case DW_TAG_reference_type:
    case DW_TAG_rvalue_reference_type:
        t->kind = SYMT_POINTER;
        t->reference = tag == DW_TAG_reference_type ? 1 : tag == DW_TAG_rvalue_reference_type ? 2 : 0;
        t->name = sym_rust_pointer_name(die); /* "&i32", "Box<i32, alloc::alloc::Global>"; C's have none */
        if (!t->size)
            t->size = 8;
        t->target = sym_type_attr(st, m, die);
        break;
    case DW_TAG_structure_type:
    case DW_TAG_class_type:
    case DW_TAG_union_type:
        t->kind = tag == DW_TAG_union_type ? SYMT_UNION : SYMT_STRUCT;
        t->name = tag_name(st, tag == DW_TAG_union_type ? "union" : "struct", die);
        fill_members(st, m, die, t);
        break;
    case DW_TAG_enumeration_type:
        t->kind = SYMT_ENUM;
        t->name = tag_name(st, "enum", die);
        t->target = sym_type_attr(st, m, die);
        fill_enumerators(st, m, die, t);
        break;
    case DW_TAG_typedef:
        t->kind = SYMT_TYPEDEF;
        t->name = cxx_qualified(st, die, t->name); /* "std::string", as gdb spells it */
        t->target = sym_type_attr(st, m, die);
        break;
    case DW_TAG_const_type:
    case DW_TAG_volatile_type:
        t->kind = tag == DW_TAG_const_type ? SYMT_CONST : SYMT_VOLATILE;
        t->target = sym_type_attr(st, m, die);
        break;
    case DW_TAG_subroutine_type:
    case DW_TAG_subprogram: /* a function named in an expression: its type */
        t->kind = SYMT_FUNCTION;
        t->name = NULL; /* a function type has no name of its own */
        t->size = 0;
        t->target = sym_type_attr(st, m, die);
        fill_params(st, m, die, t);
        break;
    default:
        t->kind = SYMT_UNKNOWN;
        break;
    }
}

static uint64_t compute_size(struct symtab *st, uint32_t id, int depth)
{
    struct sym_type *t = slot(st, id);
    if (!t || depth > 32)
        return 0;
    switch (t->kind) {
    case SYMT_TYPEDEF:
    case SYMT_CONST:
    case SYMT_VOLATILE:
        return compute_size(st, t->target, depth + 1);
    case SYMT_ARRAY: {
        uint64_t e = compute_size(st, t->target, depth + 1);
        return t->count && e <= (1ull << 40) / t->count ? t->count * e : 0;
    }
    default:
        return t->size;
    }
}

static void drain(struct symtab *st, uint32_t first)
{
    st->filling = true;
    while (st->npending) {
        struct sym_pending p = st->pending[--st->npending];
        fill(st, &p);
    }
    st->filling = false;
    for (uint32_t idx = first; idx < st->ntypes; idx++) {
        struct sym_type *t = st->types[idx];
        if (t->kind == SYMT_TYPEDEF || t->kind == SYMT_CONST || t->kind == SYMT_VOLATILE ||
            t->kind == SYMT_ARRAY)
            t->size = compute_size(st, st->id_base + idx, 0);
    }
}
