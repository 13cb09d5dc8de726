/*
 * symbols_internal.h: the data shared by the symbol layer's files (symbols.c: modules, ELF symbols;
 * symbols_funcs.c: the DWARF index, functions, scopes; symbols_lines.c: line tables;
 * symbols_frames.c: DWARF expressions and CFI unwinding; symbols_types.c: C types;
 * symbols_vars.c: variables). Not for other modules: they use symbols.h.
 *
 * Addresses stored here are run-time addresses (link-time + the module's bias) unless a name says
 * "link". Strings are interned in the symtab's pool or owned by libdw (valid until symtab_free).
 */
#ifndef REWIND_SYMBOLS_INTERNAL_H
#define REWIND_SYMBOLS_INTERNAL_H

#include "symbols.h"

#include <elfutils/libdw.h>
#include <gelf.h>

struct sym_range {
    uint64_t low, high;
};

/* An ELF symbol (function or object), run-time address. */
struct sym_elfsym {
    uint64_t addr, size;
    const char *name;
    uint8_t bind, type;
};

/* A compile unit of a module. */
struct sym_cu {
    Dwarf_Die die;
    Dwarf_Off off;              /* of the CU DIE: the cus array is sorted by it */
    const char *comp_dir;       /* NULL when absent */
    struct sym_range *ranges;
    int nranges;
    Dwarf_Files *files;         /* lazily from dwarf_getsrcfiles; NULL until then */
    bool files_tried;
};

/* One address range of an out-of-line function instance (a DW_TAG_subprogram with code). A
 * function in several ranges (hot/cold parts) has one entry per range, sharing die_off. */
struct sym_func {
    uint64_t low, high;
    uint64_t entry;
    uint64_t body;              /* computed lazily; 0 until then */
    Dwarf_Off die_off;
    const char *name;
    int cu;
    int decl_line;
};

/* An inlined copy of a function (DW_TAG_inlined_subroutine), for function breakpoints. */
struct sym_inl {
    uint64_t entry;
    const char *name;
};

/* A line-table row. */
enum { SYML_STMT = 1, SYML_END = 2, SYML_PROLOGUE_END = 4 };
struct sym_line {
    uint64_t addr;
    const char *file;           /* interned absolute path: compare pointers */
    int32_t line;
    uint16_t col;
    uint8_t flags;
};

/* A complete struct/union/enum definition by name, to complete declarations. */
struct sym_tagdef {
    const char *name;
    int tag;
    Dwarf_Off off;
};

struct sym_module {
    char *path, *name;
    int index;                  /* position in st->mods */
    uint64_t bias;
    int fd;
    Elf *elf;
    Dwarf *dw;                  /* NULL without DWARF */
    Dwarf_CFI *cfi_eh;          /* from .eh_frame (ours to end), may be NULL */
    Dwarf_CFI *cfi_dbg;         /* from .debug_frame (owned by dw), may be NULL */
    struct sym_range *load;     /* PT_LOAD ranges, run-time */
    int nload;
    struct sym_range *exec;     /* executable PT_LOAD ranges, link-time */
    int nexec;
    struct sym_elfsym *funcsyms; /* sorted by address, one per address */
    size_t nfuncsyms;
    struct sym_elfsym *objsyms; /* sorted by name */
    size_t nobjsyms;
    struct sym_elfsym *funcnames; /* every function symbol, aliases too (free and __libc_free at
                                     one address), sorted by name: for lookups by name */
    size_t nfuncnames;
    struct sym_elfsym *ifuncsyms; /* STT_GNU_IFUNC symbols (their address is the resolver's),
                                     also in funcsyms unless another name took their address */
    size_t nifuncsyms;

    bool indexed;               /* the fields below are valid */
    struct sym_cu *cus;
    size_t ncus;
    struct sym_func *funcs;     /* sorted by low */
    size_t nfuncs;
    struct sym_inl *inls;
    size_t ninls, capinls;
    struct sym_line *lines;     /* sorted by address, end rows before others at one address */
    size_t nlines, caplines;
    const char **files;         /* the distinct interned files of `lines` */
    size_t nfiles;
    struct sym_tagdef *tagdefs; /* sorted by name; built lazily */
    size_t ntagdefs;
    bool tagdefs_built;
    struct sym_tagdef *gvars;   /* CU-level variable definitions by name; built lazily */
    size_t ngvars;
    bool gvars_built;
};

struct sym_strpool {
    char **slots;
    size_t cap, n;
};

/* A type being built: its DIE, and for the inner dimensions of a multi-dimensional array the
 * subrange index. */
struct sym_pending {
    uint32_t id;
    struct sym_module *m;
    Dwarf_Die die;
    int dim;
};

struct symtab {
    struct sym_module **mods;
    int nmods;
    struct sym_strpool pool;
    /* types: a type's id is id_base + its index in types[] (index 0 unused: id 0 is void), so
     * the ids of a table made to replace another never name a different type than before */
    struct sym_type **types;
    uint32_t ntypes, captypes;
    uint32_t id_base;
    uint64_t *tkeys;            /* hash table of keys ... */
    uint32_t *tvals;            /* ... and ids */
    size_t tcap, tn;
    struct {                    /* sym_intern_path's cache: libdw's file strings are stable */
        const char *dir, *file, *path;
    } pathcache[64];
    struct sym_pending *pending;
    size_t npending, cappending;
    bool filling;
};

/* symbols.c */
const char *sym_intern(struct symtab *st, const char *s);
const char *sym_intern_path(struct symtab *st, const char *comp_dir, const char *file);
struct sym_module *sym_module_at(struct symtab *st, uint64_t pc);
/* The module containing pc with its DWARF index built (sym_module_index), or NULL. */
struct sym_module *sym_indexed_module_at(struct symtab *st, uint64_t pc);
const struct sym_elfsym *sym_elf_func_at(struct sym_module *m, uint64_t pc, uint64_t *high);
int sym_read_code(struct sym_module *m, uint64_t addr, void *out, size_t n);

/* symbols_funcs.c */
void sym_module_index(struct symtab *st, struct sym_module *m);
struct sym_func *sym_func_at(struct sym_module *m, uint64_t pc);
struct sym_cu *sym_cu_at(struct sym_module *m, uint64_t pc);
struct sym_cu *sym_cu_of_die(struct sym_module *m, Dwarf_Die *die);
const char *sym_die_name(Dwarf_Die *die);
bool sym_die_has_ranges(Dwarf_Die *die);
bool sym_die_contains(struct sym_module *m, Dwarf_Die *die, uint64_t pc);
int sym_scope_chain(struct sym_module *m, struct sym_func *f, uint64_t pc, Dwarf_Die *chain,
                    int max);
void sym_decl_loc(struct symtab *st, struct sym_module *m, Dwarf_Die *die, struct src_loc *out);

/* symbols_lines.c */
void sym_lines_load(struct symtab *st, struct sym_module *m, struct sym_cu *cu);
void sym_lines_finish(struct sym_module *m);
uint64_t sym_func_body(struct sym_module *m, struct sym_func *f);

/* symbols_frames.c: DWARF expression evaluation */
struct sym_loc {
    enum sym_loc_kind kind;
    uint64_t addr;
    int reg;
    uint8_t bytes[16];
    uint32_t nbytes;
};
struct sym_eval {
    struct symtab *st;
    struct sym_module *m;
    const struct sym_frame *frame;  /* NULL for globals */
    sym_read_mem read;
    void *ctx;
    uint64_t pc;                /* the lookup pc (a return address minus one in callers) */
    bool cfa_done, cfa_ok;
    uint64_t cfa;
    Dwarf_Die *fb_die;          /* the subprogram with DW_AT_frame_base, or NULL */
    bool fb_done, fb_ok;
    uint64_t fb;
    Dwarf_Attribute *attr;      /* the attribute the operations come from */
};
int sym_eval_expr(struct sym_eval *ev, const Dwarf_Op *ops, size_t nops, struct sym_loc *out);
int sym_eval_attr(struct sym_eval *ev, Dwarf_Attribute *attr, struct sym_loc *out);
int sym_frame_cfa(struct symtab *st, const struct sym_frame *frame, sym_read_mem read, void *ctx,
                  uint64_t *cfa);
uint64_t sym_frame_lookup_pc(const struct sym_frame *frame);

/* symbols_types.c */
uint32_t sym_type_of_die(struct symtab *st, struct sym_module *m, Dwarf_Die *type_die);
uint32_t sym_type_attr(struct symtab *st, struct sym_module *m, Dwarf_Die *die);
uint64_t sym_type_size(struct symtab *st, uint32_t id);
/* `name` qualified by the C++ namespaces and classes die is nested in ("bank::branch_code"); the
 * name itself outside C++ or at the top of its unit. */
const char *sym_cxx_qualified(struct symtab *st, Dwarf_Die *die, const char *name);
/* symbols_rust.c: a Rust enum's DW_TAG_variant_part, read (never NULL); freed with the type. */
const struct sym_variants *sym_rust_variants(struct symtab *st, struct sym_module *m, Dwarf_Die *part);
void sym_rust_variants_free(const struct sym_variants *v);
/* A Rust function's path as rust-gdb shows it ("values::parse::Parser::next", from its legacy
 * mangled linkage name, generic arguments kept from DW_AT_name); NULL for other languages, or a
 * name it cannot demangle (v0 mangling: then the plain DW_AT_name is used). */
const char *sym_rust_function_name(struct symtab *st, Dwarf_Die *die);
/* A Rust pointer type's own name ("&str" is a struct; "&i32", "*const u8", "Box<T, A>" are
 * pointers); NULL in other languages, whose pointer types are named by what they point to. */
const char *sym_rust_pointer_name(Dwarf_Die *die);
/* An ELF symbol of a Rust function without debug information, demangled when it is legacy-mangled
 * with rustc's hash (_ZN3std2rt10lang_start17h0123456789abcdefE: "std::rt::lang_start"); else NULL. */
const char *sym_rust_symbol_name(struct symtab *st, const char *symbol);
bool sym_find_tagdef(struct symtab *st, struct sym_module *m, const char *name, int tag,
                     Dwarf_Die *out);
/* A type made up without a DIE (keys have bit 63 set), or the one already made for `key`. */
uint32_t sym_type_synth(struct symtab *st, uint64_t key, enum sym_type_kind kind,
                        const char *name, uint64_t size, uint32_t target);
void sym_types_free(struct symtab *st);

/* symbols_vars.c */
void sym_vars_free(struct sym_module *m);
/* The global or static variable `die` (a definition) of module m, its location evaluated. */
void sym_make_global(struct symtab *st, struct sym_module *m, Dwarf_Die *die, struct sym_var *out);

#endif
