/*
 * symbols.h: what the debug information says about a replayed process (DWARF 4/5 via elfutils
 * libdw, ELF symbol tables as fallback): source lines, functions, call frames (CFI unwinding),
 * variables and their C types.
 *
 * A `symtab` holds the modules (executable, shared libraries) loaded in one address space, each an
 * ELF file (the trace's blob copy) plus its load bias. Everything is keyed by addresses of the
 * replayed process; memory and registers come through the caller's reader, so this module never
 * touches a process itself. Strings returned are owned by the symtab and valid until it is freed.
 *
 * Invariant: no query ever crashes on missing or partial debug information: it answers "unknown"
 * (a negative return or an empty list), and a variable whose location is not available at the pc is
 * reported with SYMVAR_OPTIMIZED_OUT.
 */
#ifndef REWIND_SYMBOLS_H
#define REWIND_SYMBOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct symtab;

struct symtab *symtab_new(void);
/* A table to replace `previous` (may be NULL): its type ids come after all of previous's, so an id
 * a client kept from the old table never names another type in the new one. */
struct symtab *symtab_new_after(const struct symtab *previous);
void symtab_free(struct symtab *st);

/*
 * Adds the ELF file at `path` (a blob copy of the original) loaded with `bias` (the difference
 * between run-time and link-time addresses: 0 for non-PIE executables, the mapping start of file
 * offset 0 for PIE executables and shared libraries). `name` is the original path, for display.
 * Returns 0, or -1 if the file is not a readable ELF file. Idempotent per (path, bias).
 */
int symtab_add_module(struct symtab *st, const char *path, const char *name, uint64_t bias);

/* ---- source lines ---- */

struct src_loc {
    const char *file;       /* absolute path when the CU's comp_dir allows it */
    int line;               /* 1-based; 0 when unknown */
    int column;
};

/* The line-table row covering pc (the last row at or before pc in its sequence). 0 or -1. */
int symtab_addr_to_line(struct symtab *st, uint64_t pc, struct src_loc *out);

/*
 * Breakpoint addresses for a source line: `file` matches a line-table file by full path or by
 * path suffix ("loop.c", "src/loop.c"). If `line` has no code, the next line that has code in the
 * same file is used and reported in *actual_line, as gdb does: within the same function, or for a
 * line above or between functions the next function's first line (past its prologue, or its
 * first line in each inlined copy). 0 addresses: no code at the line or after it. Addresses are the
 * is_stmt rows that begin the line (one per inlined copy / per function instance). Returns the
 * number of addresses written (at most max), or -1 when the file is unknown to every module.
 */
int symtab_line_to_addrs(struct symtab *st, const char *file, int line, uint64_t *addrs, int max,
                         int *actual_line);

/* Added for the motion engine (replay_motion.c): the line-table row covering pc, as
 * symtab_addr_to_line picks it, with where it starts and where the next row starts. */
struct sym_row {
    uint64_t addr;          /* the row's address (pc is at the start of the row when equal) */
    uint64_t end;           /* the next row's address: the row covers [addr, end) */
    const char *file;       /* interned: equal files are equal pointers within one symtab */
    int line;
    bool is_stmt;
};
/* 0, or -1 when no row covers pc. */
int symtab_line_row(struct symtab *st, uint64_t pc, struct sym_row *out);

/* Every is_stmt row address that starts a line inside [low, high) (for line stepping). */
int symtab_line_starts(struct symtab *st, uint64_t low, uint64_t high, uint64_t *addrs, int max);

/* ---- functions ---- */

struct sym_function {
    const char *name;       /* DWARF subprogram name, else the ELF symbol, else NULL */
    uint64_t low, high;     /* [low, high) of the function instance containing pc */
    uint64_t entry;         /* entry address */
    uint64_t body;          /* first address after the prologue (the second line-table row of the
                               function, as gdb does), or entry when unknown */
    bool has_debug_info;    /* false for e.g. libc functions known only from ELF symbols */
    const char *module;     /* module name */
};

/* The function containing pc. 0 or -1. */
int symtab_function_at(struct symtab *st, uint64_t pc, struct sym_function *out);

/* The function containing pc: its entry address and its DWARF return type (0: void). 0 with the
 * type known, 1 without debug information (*return_type 0), -1 when no named function covers pc. */
int symtab_function_type(struct symtab *st, uint64_t pc, uint64_t *entry, uint32_t *return_type);

/* Whether the function containing pc is a C++ non-static member function (it takes `this`). */
bool symtab_function_is_method(struct symtab *st, uint64_t pc);

/* Body addresses (after the prologue) of every function named `name`. Count, or -1 if none. */
int symtab_function_addrs(struct symtab *st, const char *name, uint64_t *addrs, int max);
/* Whether `name` is an IFUNC (STT_GNU_IFUNC) symbol at addr: addr is then its resolver, which
 * returns the implementation to call. */
bool symtab_is_ifunc(struct symtab *st, const char *name, uint64_t addr);

/* Functions inlined at pc, innermost first (name and call site). Count written. */
struct sym_inline {
    const char *name;
    struct src_loc call_site;
};
int symtab_inlined_at(struct symtab *st, uint64_t pc, struct sym_inline *out, int max);

/* Added for the motion engine: the inlined calls (DW_TAG_inlined_subroutine) containing pc,
 * outermost first, each named by an id that is the same for every pc inside that one inlined
 * copy (module index and DIE offset). Count written (0 outside inlined code or without DWARF). */
int symtab_inline_context(struct symtab *st, uint64_t pc, uint64_t *ids, int max);
/* How many of the innermost inlined calls at pc pc enters (pc - 1 lies outside them): gdb shows
 * a step that stops there at the call site, in the caller, with these calls hidden. */
int symtab_inline_entries(struct symtab *st, uint64_t pc);

/* ---- call frames ---- */

/* Registers in DWARF numbering for x86-64: 0 rax, 1 rdx, 2 rcx, 3 rbx, 4 rsi, 5 rdi, 6 rbp, 7 rsp,
 * 8..15 r8..r15, 16 return address (rip). */
#define SYM_NREGS 17
struct sym_frame {
    uint64_t regs[SYM_NREGS];
    uint32_t valid;         /* bit n: regs[n] is known */
    uint64_t cfa;           /* canonical frame address of this frame (0 until unwound) */
};

/* Added by the symbols layer: bit 31 of sym_frame.valid, set by symtab_unwind on every caller frame
 * except a signal trampoline's (__restore_rt) and the interrupted context below it. regs[16] is then a return address (the
 * instruction after the call), so symbol lookups for that frame must use regs[16] - 1: the
 * symtab_* calls taking a frame do so themselves; callers passing a bare pc to
 * symtab_addr_to_line / symtab_function_at / symtab_inlined_at should pass regs[16] - 1. */
#define SYM_FRAME_RETADDR (1u << 31)

/* Reads n bytes of the process's memory at addr; 0 or -1. */
typedef int (*sym_read_mem)(void *ctx, uint64_t addr, void *out, size_t n);

/*
 * Computes the caller of `frame` with the module's CFI (.eh_frame or .debug_frame), falling back to
 * the frame pointer chain when no CFI covers the pc. Also fills frame->cfa. Returns 0, 1 when
 * `frame` is the outermost frame, -1 when unwinding failed.
 */
int symtab_unwind(struct symtab *st, struct sym_frame *frame, struct sym_frame *caller,
                  sym_read_mem read, void *ctx);

/* ---- types ---- */

enum sym_type_kind {
    SYMT_VOID, SYMT_INT, SYMT_UINT, SYMT_CHAR, SYMT_UCHAR, SYMT_BOOL, SYMT_FLOAT, SYMT_POINTER,
    SYMT_ARRAY, SYMT_STRUCT, SYMT_UNION, SYMT_ENUM, SYMT_TYPEDEF, SYMT_FUNCTION, SYMT_CONST,
    SYMT_VOLATILE, SYMT_UNKNOWN,
};

struct sym_member {
    const char *name;       /* NULL for anonymous members */
    uint32_t type;          /* type id */
    uint64_t offset;        /* byte offset in the aggregate */
    uint32_t bit_offset;    /* for bitfields: bit offset from `offset`, little-endian numbering */
    uint32_t bit_size;      /* 0 when not a bitfield */
    bool is_base;           /* a C++ base class (DW_TAG_inheritance; name NULL) */
};

struct sym_enumerator {
    const char *name;
    int64_t value;
};

/* One variant of a Rust enum (DW_TAG_variant): the member holding its fields, chosen when the
 * discriminant equals `discr` (has_discr), or when no other variant's value matches (the default). */
struct sym_variant {
    const char *name;       /* "Some", "Word" */
    uint32_t type;          /* type id of the variant's struct */
    uint64_t offset;        /* its offset in the enum */
    bool has_discr;
    uint64_t discr;         /* DW_AT_discr_value, truncated to 64 bits */
};

/* A DW_TAG_variant_part (symbols_rust.c). understood is false when its shape is one we do not read
 * (a discriminant list, a value wider than 64 bits): then no variant is ever chosen. */
struct sym_variants {
    bool understood;
    uint32_t discr_type;    /* type id of the discriminant (0: none, the enum has one variant) */
    uint64_t discr_offset;
    uint32_t n;
    const struct sym_variant *v;
};

struct sym_type {
    enum sym_type_kind kind;
    const char *name;       /* "int", "struct node", "my_typedef", NULL for unnamed */
    uint64_t size;          /* bytes (0 for void/function/incomplete) */
    uint32_t target;        /* pointer/typedef/const/volatile/array element: type id (0 = void) */
    uint64_t count;         /* array element count (0 = unknown/flexible); multi-dimensional
                               arrays are arrays of arrays */
    uint32_t nmembers;      /* struct/union members, or enum enumerators */
    const struct sym_member *members;
    const struct sym_enumerator *enumerators;
    uint8_t reference;      /* pointers: 1 for a C++ lvalue reference, 2 for an rvalue one */
    uint32_t ntargs;        /* structs/classes: C++ template type arguments (packs flattened) */
    const uint32_t *targs;
    const struct sym_variants *variants; /* structs: a Rust enum's variant part, else NULL */
};

/* Type ids are small integers valid for the symtab's lifetime; 0 is void. NULL for a bad id. */
const struct sym_type *symtab_type(struct symtab *st, uint32_t id);

/* Whether a variant part's discriminant is an integer of 1 to 8 bytes (or absent with one variant). */
bool symtab_rust_discriminant_ok(struct symtab *st, const struct sym_variants *v);

/*
 * Added by the symbols layer, for casts and sizeof in expressions: the type named `name` as C
 * spells it: a base type in any spelling ("unsigned long", "long unsigned int"), "struct node",
 * "union num", "enum color", a typedef name, any of them followed by '*'s ("struct node *"),
 * qualifiers ignored. Looked up in the CU of pc first, then everywhere; a base type or pointer type
 * the program's debug information lacks is made up. 0 with *id set ("void" is id 0), or -1.
 */
int symtab_type_by_name(struct symtab *st, uint64_t pc, const char *name, uint32_t *id);

/*
 * The most-derived class of the polymorphic C++ object at `object`, from the symbol of the vtable
 * its first word points into ("vtable for Circle"): *type gets the class's type id, *start where
 * the whole object begins (object + the vtable's offset-to-top). -1 when the object has no vtable
 * the program's symbols name, or the class has no debug information.
 */
int symtab_dynamic_type(struct symtab *st, sym_read_mem read, void *ctx, uint64_t object,
                        uint32_t *type, uint64_t *start);

/*
 * The template type arguments of class `id` read from its name ("std::_List_iterator<Point>" gives
 * Point), for a class whose debug information lists none (g++ leaves them out of some library
 * classes): each argument is found by name as symtab_type_by_name does (or as "struct NAME").
 * All arguments or none: 0 when one is a value, a nested template, or unknown. Count written.
 */
int symtab_template_args_by_name(struct symtab *st, uint32_t id, uint32_t *args, int max);

/*
 * The C++ function containing pc named with the namespaces and classes it is declared in, as gdb
 * names it in `<...>` after an address: "Account::twice", "std::_Function_handler<int(int),
 * int(*)(int)>::_M_manager"; NULL when it has no scope to add (not C++, at the top of its unit) or
 * no debug information.
 */
const char *symtab_function_qualified_name(struct symtab *st, uint64_t pc);

/* Added by the symbols layer: the type "pointer to `target`" (made up when the program has none
 * of its own). */
uint32_t symtab_pointer_to(struct symtab *st, uint32_t target);

/* ---- variables ---- */

enum sym_var_kind { SYMVAR_LOCAL, SYMVAR_PARAM, SYMVAR_GLOBAL };
enum sym_loc_kind {
    SYMLOC_MEMORY,          /* the value lives at `addr` */
    SYMLOC_REGISTER,        /* in DWARF register `reg` of the frame */
    SYMLOC_VALUE,           /* a computed value (DW_OP_stack_value / implicit value): `bytes` */
    SYMLOC_OPTIMIZED_OUT,   /* no location at this pc */
    SYMLOC_PIECES,          /* composed of pieces: not supported yet, shown as unavailable */
};

struct sym_var {
    const char *name;
    enum sym_var_kind kind;
    uint32_t type;
    uint32_t scope_depth;   /* 0 = function level, 1 = first nested block, ... */
    enum sym_loc_kind loc;
    uint64_t addr;          /* SYMLOC_MEMORY */
    int reg;                /* SYMLOC_REGISTER */
    uint8_t bytes[16];      /* SYMLOC_VALUE (little-endian, up to 16 bytes) */
    uint32_t nbytes;
    struct src_loc decl;
};

/*
 * The variables visible at frame->regs[16] (the pc) in `frame`: parameters and locals of the
 * innermost function instance (nested blocks that contain pc included, inner shadows outer),
 * locations evaluated for that frame (DW_OP_fbreg via the frame base, DW_OP_call_frame_cfa, location
 * lists, registers). Count written (at most max).
 */
int symtab_frame_vars(struct symtab *st, const struct sym_frame *frame, sym_read_mem read,
                      void *ctx, struct sym_var *out, int max);

/*
 * Added by the symbols layer: symtab_frame_vars for one inline level of the frame, for showing the
 * virtual frames of inlined calls. inline_depth 0 is the innermost function (the same as
 * symtab_frame_vars), 1 the function it is inlined into, ..., and symtab_inlined_at's count is the
 * concrete (out-of-line) function. Count written; 0 when the depth does not exist.
 */
int symtab_frame_vars_at(struct symtab *st, const struct sym_frame *frame, int inline_depth,
                         sym_read_mem read, void *ctx, struct sym_var *out, int max);

/* Global and static variables of the compilation unit containing pc. Count written. */
int symtab_cu_globals(struct symtab *st, uint64_t pc, struct sym_var *out, int max);

/* A global/static variable by name (the CU of pc first, then every CU). 0 or -1. */
int symtab_find_global(struct symtab *st, uint64_t pc, const char *name, struct sym_var *out);

/* ---- names in expressions (symbols_named.c) ---- */

enum sym_named_kind { SYMNAMED_NONE, SYMNAMED_VARIABLE, SYMNAMED_FUNCTION };

struct sym_named {
    enum sym_named_kind kind;
    uint64_t address;       /* a variable in memory: its address (0 otherwise); a function: its entry */
    uint32_t type;          /* the variable's type; the function's type (0: no debug information) */
    uint32_t definitions;   /* functions: how many distinct functions have the name (overloads) */
    struct sym_var var;     /* SYMNAMED_VARIABLE: the variable (its location, a constant's bytes) */
};

/*
 * What `name` stands for as a variable or function of the whole program: an unqualified name is a
 * global (the CU of pc first, as symtab_find_global) or else a function; a qualified one
 * (`ns::var`, `Class::member`, `crate::module::STATIC`) a namespace-scope variable or static
 * member, or else a function of that qualified name. 0, or -1 when nothing has the name.
 */
int symtab_named(struct symtab *st, uint64_t pc, const char *name, struct sym_named *out);

#endif
