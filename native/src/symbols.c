/*
 * symbols.c: the symtab and its modules. Opens each ELF file (libelf) and its DWARF (libdw), reads
 * the ELF symbol tables (.symtab, .dynsym) for functions without debug information, and indexes the
 * DWARF lazily on the first query that needs a module: compile units with their address ranges,
 * out-of-line function instances, inlined copies, line tables (symbols_lines.c). Answers the
 * function queries (function_at, function_addrs, inlined_at) and provides the scope walk that
 * symbols_vars.c uses. Everything is keyed by run-time address = link-time address + bias.
 */
#include "symbols_internal.h"
#include "util.h"

#include <dwarf.h>
#include <elfutils/libdwelf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- string pool ---- */

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 1099511628211ull;
    return h;
}

const char *sym_intern(struct symtab *st, const char *s)
{
    if (!s)
        return NULL;
    struct sym_strpool *p = &st->pool;
    if (p->n * 2 >= p->cap) {
        size_t ncap = p->cap ? p->cap * 2 : 256;
        char **ns = calloc(ncap, sizeof *ns);
        if (!ns)
            fatal("out of memory");
        for (size_t i = 0; i < p->cap; i++) {
            if (!p->slots[i])
                continue;
            size_t j = hash_str(p->slots[i]) & (ncap - 1);
            while (ns[j])
                j = (j + 1) & (ncap - 1);
            ns[j] = p->slots[i];
        }
        free(p->slots);
        p->slots = ns;
        p->cap = ncap;
    }
    size_t j = hash_str(s) & (p->cap - 1);
    while (p->slots[j]) {
        if (strcmp(p->slots[j], s) == 0)
            return p->slots[j];
        j = (j + 1) & (p->cap - 1);
    }
    p->slots[j] = xstrdup(s);
    p->n++;
    return p->slots[j];
}

/* Collapses "//", "/./" and "dir/../" in an absolute path, in place. */
static void path_normalize(char *path)
{
    if (path[0] != '/')
        return;
    char *out = path;
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        const char *seg = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - seg);
        if (len == 1 && seg[0] == '.')
            continue;
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            while (out > path && *--out != '/')
                ;
            continue;
        }
        *out++ = '/';
        memmove(out, seg, len);
        out += len;
    }
    if (out == path)
        *out++ = '/';
    *out = 0;
}

const char *sym_intern_path(struct symtab *st, const char *comp_dir, const char *file)
{
    if (!file)
        return NULL;
    size_t n = strlen(file) + (comp_dir ? strlen(comp_dir) : 0) + 2;
    char *tmp = xmalloc(n);
    if (file[0] != '/' && comp_dir && comp_dir[0] == '/')
        snprintf(tmp, n, "%s/%s", comp_dir, file);
    else
        snprintf(tmp, n, "%s", file);
    path_normalize(tmp);
    const char *r = sym_intern(st, tmp);
    free(tmp);
    return r;
}

/* ---- symtab and modules ---- */

struct symtab *symtab_new(void)
{
    elf_version(EV_CURRENT);
    struct symtab *st = calloc(1, sizeof *st);
    if (!st)
        fatal("out of memory");
    return st;
}

static void module_free(struct sym_module *m)
{
    for (size_t i = 0; i < m->ncus; i++)
        free(m->cus[i].ranges);
    free(m->cus);
    free(m->funcs);
    free(m->inls);
    free(m->lines);
    free(m->files);
    free(m->tagdefs);
    sym_vars_free(m);
    free(m->funcsyms);
    free(m->objsyms);
    free(m->load);
    free(m->exec);
    if (m->cfi_eh)
        dwarf_cfi_end(m->cfi_eh);
    if (m->dw)
        dwarf_end(m->dw);
    if (m->elf)
        elf_end(m->elf);
    if (m->fd >= 0)
        close(m->fd);
    free(m->path);
    free(m->name);
    free(m);
}

void symtab_free(struct symtab *st)
{
    if (!st)
        return;
    sym_types_free(st);
    for (int i = 0; i < st->nmods; i++)
        module_free(st->mods[i]);
    free(st->mods);
    for (size_t i = 0; i < st->pool.cap; i++)
        free(st->pool.slots[i]);
    free(st->pool.slots);
    free(st);
}

static int bind_rank(const struct sym_elfsym *s)
{
    /* Display preference among aliases: fewer leading underscores, then global, weak, local. */
    int u = 0;
    while (s->name[u] == '_')
        u++;
    int b = s->bind == STB_GLOBAL ? 0 : s->bind == STB_WEAK ? 1 : 2;
    return u * 4 + b;
}

static int cmp_sym_addr(const void *a, const void *b)
{
    const struct sym_elfsym *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    int rx = bind_rank(x), ry = bind_rank(y);
    if (rx != ry)
        return rx - ry;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int cmp_sym_name(const void *a, const void *b)
{
    const struct sym_elfsym *x = a, *y = b;
    return strcmp(x->name, y->name);
}

struct symacc {
    struct sym_elfsym *fs, *os;
    size_t nf, capf, no, capo;
    bool had_symtab;
};

static void scan_symbols(struct symtab *st, Elf *elf, uint64_t bias, struct symacc *acc)
{
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(elf, scn))) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM) ||
            sh.sh_entsize == 0)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        if (!d)
            continue;
        acc->had_symtab |= sh.sh_type == SHT_SYMTAB;
        size_t n = sh.sh_size / sh.sh_entsize;
        for (size_t i = 0; i < n; i++) {
            GElf_Sym s;
            if (!gelf_getsym(d, (int)i, &s) || s.st_shndx == SHN_UNDEF || s.st_value == 0)
                continue;
            int type = GELF_ST_TYPE(s.st_info);
            if (type != STT_FUNC && type != STT_GNU_IFUNC && type != STT_OBJECT)
                continue;
            const char *name = elf_strptr(elf, sh.sh_link, s.st_name);
            if (!name || !*name)
                continue;
            struct sym_elfsym e = {s.st_value + bias, s.st_size, sym_intern(st, name),
                                   (uint8_t)GELF_ST_BIND(s.st_info), (uint8_t)type};
            if (type != STT_OBJECT) {
                if (acc->nf == acc->capf) {
                    acc->capf = acc->capf ? acc->capf * 2 : 256;
                    acc->fs = xrealloc(acc->fs, acc->capf * sizeof *acc->fs);
                }
                acc->fs[acc->nf++] = e;
            } else {
                if (acc->no == acc->capo) {
                    acc->capo = acc->capo ? acc->capo * 2 : 256;
                    acc->os = xrealloc(acc->os, acc->capo * sizeof *acc->os);
                }
                acc->os[acc->no++] = e;
            }
        }
    }
}

/*
 * A stripped library (only .dynsym, as Debian ships libc) names its local functions in the
 * separate debug file found by build id (/usr/lib/debug/.build-id/xx/yyyy.debug, e.g. from
 * libc6-dbg). Only its symbol table is used: the module keeps has_debug_info = false.
 */
static void scan_debug_file_symbols(struct symtab *st, Elf *elf, uint64_t bias,
                                    struct symacc *acc)
{
    const void *id;
    ssize_t len = dwelf_elf_gnu_build_id(elf, &id);
    if (len < 2 || len > 64)
        return;
    char path[256];
    int pos = snprintf(path, sizeof path, "/usr/lib/debug/.build-id/%02x/",
                       ((const uint8_t *)id)[0]);
    for (ssize_t i = 1; i < len; i++)
        pos += snprintf(path + pos, sizeof path - (size_t)pos, "%02x", ((const uint8_t *)id)[i]);
    snprintf(path + pos, sizeof path - (size_t)pos, ".debug");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    Elf *dbg = elf_begin(fd, ELF_C_READ_MMAP, NULL);
    const void *id2;
    if (dbg && elf_kind(dbg) == ELF_K_ELF && dwelf_elf_gnu_build_id(dbg, &id2) == len &&
        memcmp(id, id2, (size_t)len) == 0)
        scan_symbols(st, dbg, bias, acc);
    if (dbg)
        elf_end(dbg);
    close(fd);
}

static void read_elf_symbols(struct symtab *st, struct sym_module *m)
{
    struct symacc acc = {0};
    scan_symbols(st, m->elf, m->bias, &acc);
    if (!acc.had_symtab)
        scan_debug_file_symbols(st, m->elf, m->bias, &acc);
    struct sym_elfsym *fs = acc.fs, *os = acc.os;
    size_t nf = acc.nf, no = acc.no;
    if (nf) {
        qsort(fs, nf, sizeof *fs, cmp_sym_addr);
        size_t k = 0;
        for (size_t i = 0; i < nf; i++)
            if (k == 0 || fs[k - 1].addr != fs[i].addr)
                fs[k++] = fs[i];
            else if (fs[k - 1].size == 0)
                fs[k - 1].size = fs[i].size;
        nf = k;
    }
    if (no)
        qsort(os, no, sizeof *os, cmp_sym_name);
    m->funcsyms = fs;
    m->nfuncsyms = nf;
    m->objsyms = os;
    m->nobjsyms = no;
}

int symtab_add_module(struct symtab *st, const char *path, const char *name, uint64_t bias)
{
    if (!st || !path)
        return -1;
    for (int i = 0; i < st->nmods; i++)
        if (st->mods[i]->bias == bias && strcmp(st->mods[i]->path, path) == 0)
            return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    Elf *elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
    GElf_Ehdr eh;
    size_t nph = 0;
    if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh) ||
        gelf_getclass(elf) != ELFCLASS64 || elf_getphdrnum(elf, &nph) != 0) {
        if (elf)
            elf_end(elf);
        close(fd);
        return -1;
    }
    struct sym_module *m = calloc(1, sizeof *m);
    if (!m)
        fatal("out of memory");
    m->fd = fd;
    m->elf = elf;
    m->bias = bias;
    m->path = xstrdup(path);
    m->name = xstrdup(name ? name : path);
    m->load = xmalloc((nph + 1) * sizeof *m->load);
    m->exec = xmalloc((nph + 1) * sizeof *m->exec);
    for (size_t i = 0; i < nph; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD || ph.p_memsz == 0)
            continue;
        m->load[m->nload++] = (struct sym_range){ph.p_vaddr + bias, ph.p_vaddr + ph.p_memsz + bias};
        if (ph.p_flags & PF_X)
            m->exec[m->nexec++] = (struct sym_range){ph.p_vaddr, ph.p_vaddr + ph.p_memsz};
    }
    read_elf_symbols(st, m);
    m->dw = dwarf_begin_elf(elf, DWARF_C_READ, NULL);
    m->cfi_eh = dwarf_getcfi_elf(elf);
    if (m->dw)
        m->cfi_dbg = dwarf_getcfi(m->dw);
    if (st->nmods % 8 == 0)
        st->mods = xrealloc(st->mods, (size_t)(st->nmods + 8) * sizeof *st->mods);
    m->index = st->nmods;
    st->mods[st->nmods++] = m;
    return 0;
}

struct sym_module *sym_module_at(struct symtab *st, uint64_t pc)
{
    for (int i = 0; i < st->nmods; i++) {
        struct sym_module *m = st->mods[i];
        for (int j = 0; j < m->nload; j++)
            if (pc >= m->load[j].low && pc < m->load[j].high)
                return m;
    }
    return NULL;
}

/* Whether a link-time range lies in the module's code (sections discarded by the linker keep
 * their debug information at address 0). */
static bool in_code(struct sym_module *m, uint64_t low, uint64_t high)
{
    for (int i = 0; i < m->nexec; i++)
        if (low >= m->exec[i].low && low < m->exec[i].high && high <= m->exec[i].high)
            return true;
    return false;
}

int sym_read_code(struct sym_module *m, uint64_t addr, void *out, size_t n)
{
    uint64_t link = addr - m->bias;
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(m->elf, scn))) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS || !(sh.sh_flags & SHF_ALLOC))
            continue;
        if (link < sh.sh_addr || link + n > sh.sh_addr + sh.sh_size)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        if (!d || !d->d_buf || link - sh.sh_addr + n > d->d_size)
            return -1;
        memcpy(out, (const char *)d->d_buf + (link - sh.sh_addr), n);
        return 0;
    }
    return -1;
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

const struct sym_elfsym *sym_elf_func_at(struct sym_module *m, uint64_t pc, uint64_t *high)
{
    size_t lo = 0, hi = m->nfuncsyms;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->funcsyms[mid].addr <= pc)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo, k = 0; i > 0 && k < 8; i--, k++) {
        const struct sym_elfsym *s = &m->funcsyms[i - 1];
        if (s->size ? pc < s->addr + s->size : k == 0) {
            uint64_t h = s->size ? s->addr + s->size
                                 : (i < m->nfuncsyms ? m->funcsyms[i].addr : pc + 1);
            if (!s->size) {
                /* unsized: up to the next symbol, within the same segment */
                for (int j = 0; j < m->nload; j++)
                    if (s->addr >= m->load[j].low && s->addr < m->load[j].high) {
                        if (pc >= m->load[j].high)
                            return NULL;
                        if (h > m->load[j].high)
                            h = m->load[j].high;
                    }
            }
            *high = h;
            return s;
        }
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
    struct sym_module *m = sym_module_at(st, pc);
    if (!m)
        return -1;
    sym_module_index(st, m);
    memset(out, 0, sizeof *out);
    out->module = m->name;
    struct sym_func *f = sym_func_at(m, pc);
    if (f) {
        out->name = f->name;
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
        out->name = s->name;
        out->low = out->entry = out->body = s->addr;
        out->high = high;
        return 0;
    }
    /* in a module but no symbol covers pc: only the module is known */
    out->low = out->entry = out->body = pc;
    out->high = pc + 1;
    return 0;
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

int symtab_function_addrs(struct symtab *st, const char *name, uint64_t *addrs, int max)
{
    if (!st || !name)
        return -1;
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
        if (!found)
            for (size_t j = 0; j < m->nfuncsyms; j++)
                if (strcmp(m->funcsyms[j].name, name) == 0) {
                    n = add_addr(addrs, n, max, m->funcsyms[j].addr);
                    found = true;
                }
        any |= found;
    }
    return any ? n : -1;
}

int symtab_inlined_at(struct symtab *st, uint64_t pc, struct sym_inline *out, int max)
{
    if (!st || !out || max <= 0)
        return 0;
    struct sym_module *m = sym_module_at(st, pc);
    if (!m)
        return 0;
    sym_module_index(st, m);
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
        o->name = sym_die_name(&chain[i]);
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
