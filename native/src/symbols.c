/*
 * symbols.c: the symtab and its modules. Opens each ELF file (libelf) and its DWARF (libdw), reads
 * the ELF symbol tables (.symtab, .dynsym, and for a stripped library the symbol table of its
 * separate debug file) plus synthetic "name@plt" symbols for PLT stubs, for code without debug
 * information; interns strings; maps run-time addresses (link-time address + bias) to modules. The DWARF index and function queries are in
 * symbols_funcs.c, lines in symbols_lines.c, frames in symbols_frames.c, types in
 * symbols_types.c, variables in symbols_vars.c; their shared structures in symbols_internal.h.
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
    size_t slot = (((uintptr_t)file >> 3) ^ ((uintptr_t)comp_dir >> 5)) & 63;
    if (st->pathcache[slot].file == file && st->pathcache[slot].dir == comp_dir)
        return st->pathcache[slot].path;
    size_t n = strlen(file) + (comp_dir ? strlen(comp_dir) : 0) + 2;
    char *tmp = xmalloc(n);
    if (file[0] != '/' && comp_dir && comp_dir[0] == '/')
        snprintf(tmp, n, "%s/%s", comp_dir, file);
    else
        snprintf(tmp, n, "%s", file);
    path_normalize(tmp);
    const char *r = sym_intern(st, tmp);
    free(tmp);
    st->pathcache[slot].file = file;
    st->pathcache[slot].dir = comp_dir;
    st->pathcache[slot].path = r;
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

struct symtab *symtab_new_after(const struct symtab *previous)
{
    struct symtab *st = symtab_new();
    if (previous)
        st->id_base = previous->id_base + (previous->ntypes ? previous->ntypes : 1);
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
    free(m->ifuncsyms);
    free(m->funcnames);
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
    struct sym_elfsym *fs, *os, *is;
    size_t nf, capf, no, capo, ni, capi;
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
            if (type == STT_GNU_IFUNC) {
                if (acc->ni == acc->capi) {
                    acc->capi = acc->capi ? acc->capi * 2 : 64;
                    acc->is = xrealloc(acc->is, acc->capi * sizeof *acc->is);
                }
                acc->is[acc->ni++] = e;
            }
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

static void add_func_sym(struct symacc *acc, struct sym_elfsym e)
{
    if (acc->nf == acc->capf) {
        acc->capf = acc->capf ? acc->capf * 2 : 256;
        acc->fs = xrealloc(acc->fs, acc->capf * sizeof *acc->fs);
    }
    acc->fs[acc->nf++] = e;
}

struct slot {
    uint64_t addr;
    const char *name;
};

static int cmp_slot(const void *a, const void *b)
{
    const struct slot *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* The GOT slots relocated for a named symbol (.rela.plt, .rela.dyn), sorted by address. */
static struct slot *read_slots(Elf *elf, size_t *count)
{
    struct slot *v = NULL;
    size_t n = 0, cap = 0;
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(elf, scn))) {
        GElf_Shdr sh, symsh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_RELA || sh.sh_entsize == 0)
            continue;
        Elf_Scn *symscn = elf_getscn(elf, sh.sh_link);
        Elf_Data *d = elf_getdata(scn, NULL), *sd = symscn ? elf_getdata(symscn, NULL) : NULL;
        if (!d || !sd || !gelf_getshdr(symscn, &symsh))
            continue;
        size_t nr = sh.sh_size / sh.sh_entsize;
        for (size_t i = 0; i < nr; i++) {
            GElf_Rela r;
            GElf_Sym sym;
            const char *name;
            if (!gelf_getrela(d, (int)i, &r) || GELF_R_SYM(r.r_info) == 0 ||
                !gelf_getsym(sd, (int)GELF_R_SYM(r.r_info), &sym) ||
                !(name = elf_strptr(elf, symsh.sh_link, sym.st_name)) || !*name)
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                v = xrealloc(v, cap * sizeof *v);
            }
            v[n++] = (struct slot){r.r_offset, name};
        }
    }
    if (n)
        qsort(v, n, sizeof *v, cmp_slot);
    *count = n;
    return v;
}

/*
 * Synthetic "name@plt" symbols for the PLT stubs (.plt, .plt.sec, .plt.got), as objdump and gdb
 * show them: each stub's `jmp *slot(%rip)` names the symbol its GOT slot is relocated for.
 */
static void scan_plt(struct symtab *st, Elf *elf, uint64_t bias, struct symacc *acc)
{
    size_t shstrndx, nslots = 0;
    if (elf_getshdrstrndx(elf, &shstrndx) != 0)
        return;
    struct slot *slots = NULL;
    bool slots_read = false;
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(elf, scn))) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS ||
            !(sh.sh_flags & SHF_EXECINSTR))
            continue;
        const char *sname = elf_strptr(elf, shstrndx, sh.sh_name);
        if (!sname || strncmp(sname, ".plt", 4) != 0)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        if (!d || !d->d_buf || d->d_size != sh.sh_size)
            continue;
        uint64_t ent = sh.sh_entsize >= 8 && sh.sh_entsize <= 32 ? sh.sh_entsize : 16;
        const uint8_t *c = d->d_buf;
        for (uint64_t off = 0; off + ent <= sh.sh_size; off += ent) {
            /* the first `jmp *disp32(%rip)` (ff 25, maybe bnd-prefixed) in the entry */
            for (uint64_t i = off; i + 6 <= off + ent; i++) {
                if (c[i] != 0xff || c[i + 1] != 0x25)
                    continue;
                int32_t disp;
                memcpy(&disp, c + i + 2, 4);
                if (!slots_read) {
                    slots = read_slots(elf, &nslots);
                    slots_read = true;
                }
                struct slot key = {sh.sh_addr + i + 6 + (uint64_t)(int64_t)disp, NULL};
                const struct slot *sl =
                    nslots ? bsearch(&key, slots, nslots, sizeof key, cmp_slot) : NULL;
                if (sl) {
                    char buf[512];
                    snprintf(buf, sizeof buf, "%s@plt", sl->name);
                    add_func_sym(acc, (struct sym_elfsym){sh.sh_addr + off + bias, ent,
                                                          sym_intern(st, buf), STB_LOCAL,
                                                          STT_FUNC});
                }
                break;
            }
        }
    }
    free(slots);
}

static void read_elf_symbols(struct symtab *st, struct sym_module *m)
{
    struct symacc acc = {0};
    scan_symbols(st, m->elf, m->bias, &acc);
    if (!acc.had_symtab)
        scan_debug_file_symbols(st, m->elf, m->bias, &acc);
    scan_plt(st, m->elf, m->bias, &acc);
    struct sym_elfsym *fs = acc.fs, *os = acc.os;
    size_t nf = acc.nf, no = acc.no;
    if (nf) {
        m->funcnames = xmalloc(nf * sizeof *fs);
        memcpy(m->funcnames, fs, nf * sizeof *fs);
        m->nfuncnames = nf;
        qsort(m->funcnames, nf, sizeof *fs, cmp_sym_name);
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
    m->ifuncsyms = acc.is;
    m->nifuncsyms = acc.ni;
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

struct sym_module *sym_indexed_module_at(struct symtab *st, uint64_t pc)
{
    struct sym_module *m = sym_module_at(st, pc);
    if (m)
        sym_module_index(st, m);
    return m;
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
