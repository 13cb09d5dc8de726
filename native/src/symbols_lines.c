/*
 * symbols_lines.c: source lines. Each module's line tables (every CU's, DWARF 4 or 5, through
 * dwarf_getsrclines) are flattened into one array of rows sorted by run-time address, with file
 * names made absolute from the CU's comp_dir and interned (rows compare files by pointer). Rows of
 * code the linker discarded (at address 0) are dropped. On top of it: pc -> line, line ->
 * breakpoint addresses (gdb's rules: exact is_stmt rows, else the next line with code in the same
 * file, also when that is a later function's first line (a line above or between functions), one
 * address per innermost block, prologue skipped at a function's first line), the
 * line starts of a range for stepping, and a function's post-prologue address.
 */
#include "symbols_internal.h"
#include "util.h"

#include <dwarf.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static bool row_in_code(struct sym_module *m, uint64_t link, bool end)
{
    for (int i = 0; i < m->nexec; i++)
        if (end ? link > m->exec[i].low && link <= m->exec[i].high
                : link >= m->exec[i].low && link < m->exec[i].high)
            return true;
    return false;
}

void sym_lines_load(struct symtab *st, struct sym_module *m, struct sym_cu *cu)
{
    Dwarf_Lines *lines;
    size_t n;
    if (dwarf_getsrclines(&cu->die, &lines, &n) != 0 || n == 0)
        return;
    if (m->nlines + n > m->caplines) {
        m->caplines = (m->nlines + n) * 2;
        m->lines = xrealloc(m->lines, m->caplines * sizeof *m->lines);
    }
    const char *last_raw = NULL, *last_file = NULL;
    for (size_t i = 0; i < n; i++) {
        Dwarf_Line *l = dwarf_onesrcline(lines, i);
        Dwarf_Addr addr;
        int lineno = 0, col = 0;
        bool stmt = false, end = false, pe = false;
        if (!l || dwarf_lineaddr(l, &addr) != 0)
            continue;
        dwarf_lineno(l, &lineno);
        dwarf_linecol(l, &col);
        dwarf_linebeginstatement(l, &stmt);
        dwarf_lineendsequence(l, &end);
        dwarf_lineprologueend(l, &pe);
        if (!row_in_code(m, addr, end))
            continue;
        const char *raw = dwarf_linesrc(l, NULL, NULL);
        if (raw != last_raw) {
            last_raw = raw;
            last_file = sym_intern_path(st, cu->comp_dir, raw);
        }
        m->lines[m->nlines++] = (struct sym_line){
            .addr = addr + m->bias, .file = last_file, .line = lineno,
            .col = (uint16_t)(col < 0 ? 0 : col > 65535 ? 65535 : col),
            .flags = (uint8_t)((stmt ? SYML_STMT : 0) | (end ? SYML_END : 0) |
                               (pe ? SYML_PROLOGUE_END : 0))};
    }
}

static bool line_before(const struct sym_line *a, const struct sym_line *b)
{
    if (a->addr != b->addr)
        return a->addr < b->addr;
    /* at one address, a sequence's end comes before the next sequence's rows */
    return (a->flags & SYML_END) && !(b->flags & SYML_END);
}

/* Stable merge sort: rows at one address keep their table order (the last one wins). */
static void sort_lines(struct sym_line *v, struct sym_line *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    sort_lines(v, tmp, h);
    sort_lines(v + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = line_before(&v[j], &v[i]) ? v[j++] : v[i++];
    while (i < h)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

void sym_lines_finish(struct sym_module *m)
{
    if (m->nlines == 0)
        return;
    struct sym_line *tmp = xmalloc(m->nlines * sizeof *tmp);
    sort_lines(m->lines, tmp, m->nlines);
    free(tmp);
    size_t cap = 16;
    m->files = xmalloc(cap * sizeof *m->files);
    for (size_t i = 0; i < m->nlines; i++) {
        const char *f = m->lines[i].file;
        if (!f)
            continue;
        bool seen = false;
        for (size_t j = m->nfiles; j > 0 && !seen; j--)
            seen = m->files[j - 1] == f;
        if (seen)
            continue;
        if (m->nfiles == cap) {
            cap *= 2;
            m->files = xrealloc(m->files, cap * sizeof *m->files);
        }
        m->files[m->nfiles++] = f;
    }
}

/* Index of the first row with addr > pc. */
static size_t upper_row(struct sym_module *m, uint64_t pc)
{
    size_t lo = 0, hi = m->nlines;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->lines[mid].addr <= pc)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The row covering pc: the last at its address, unless that one is not a statement and an
 * earlier row at the same address is (as gdb reads optimized code's line views). */
static const struct sym_line *row_at(struct sym_module *m, uint64_t pc)
{
    size_t i = upper_row(m, pc);
    if (i == 0 || (m->lines[i - 1].flags & SYML_END))
        return NULL;
    const struct sym_line *r = &m->lines[i - 1];
    if (!(r->flags & SYML_STMT))
        for (size_t j = i - 1; j > 0 && m->lines[j - 1].addr == r->addr; j--) {
            const struct sym_line *q = &m->lines[j - 1];
            if (q->flags & SYML_END)
                break;
            if (q->flags & SYML_STMT) {
                r = q;
                break;
            }
        }
    return r;
}

int symtab_addr_to_line(struct symtab *st, uint64_t pc, struct src_loc *out)
{
    if (!st || !out)
        return -1;
    struct sym_module *m = sym_indexed_module_at(st, pc);
    if (!m)
        return -1;
    const struct sym_line *r = row_at(m, pc);
    if (!r)
        return -1;
    out->file = r->file;
    out->line = r->line;
    out->column = r->col;
    return 0;
}

/* Whether rows a and b (b right after a in the table) continue one line: same line and file,
 * no sequence end between. */
static bool same_run(const struct sym_line *a, const struct sym_line *b)
{
    return !(a->flags & SYML_END) && !(b->flags & SYML_END) && a->line == b->line && a->file == b->file;
}

int symtab_line_row(struct symtab *st, uint64_t pc, struct sym_row *out)
{
    if (!st || !out)
        return -1;
    struct sym_module *m = sym_indexed_module_at(st, pc);
    if (!m)
        return -1;
    const struct sym_line *r = row_at(m, pc);
    if (!r)
        return -1;
    /* consecutive rows of one line make one range: a row that only continues the line (after a
     * call returns, say) starts nothing (gdb's line table keeps such rows apart only by their
     * discriminator, and steps through them) */
    size_t first = (size_t)(r - m->lines), next = upper_row(m, pc);
    while (first > 0 && same_run(&m->lines[first - 1], &m->lines[first]))
        first--;
    while (next < m->nlines && same_run(&m->lines[next - 1], &m->lines[next]))
        next++;
    out->addr = m->lines[first].addr;
    out->end = next < m->nlines ? m->lines[next].addr : pc + 1;
    out->file = r->file;
    out->line = r->line;
    out->is_stmt = (m->lines[first].flags & SYML_STMT) != 0;
    return 0;
}

/* "loop.c" matches "/x/src/loop.c", "src/loop.c" matches "/x/src/loop.c", a full path itself. */
static bool file_matches(const char *path, const char *query)
{
    size_t lp = strlen(path), lq = strlen(query);
    while (lq > 2 && query[0] == '.' && query[1] == '/') {
        query += 2;
        lq -= 2;
    }
    if (lq == 0 || lq > lp)
        return false;
    if (strcmp(path + lp - lq, query) != 0)
        return false;
    return lq == lp || query[0] == '/' || path[lp - lq - 1] == '/';
}

#define MAXMATCH 32

static int matching_files(struct sym_module *m, const char *query, const char **out)
{
    int n = 0;
    for (size_t i = 0; i < m->nfiles && n < MAXMATCH; i++)
        if (file_matches(m->files[i], query))
            out[n++] = m->files[i];
    return n;
}

static bool in_set(const char **set, int n, const char *f)
{
    for (int i = 0; i < n; i++)
        if (set[i] == f)
            return true;
    return false;
}

uint64_t sym_func_body(struct sym_module *m, struct sym_func *f)
{
    if (f->body)
        return f->body;
    /* the range holding the entry */
    struct sym_func *r = f;
    if (f->entry < f->low || f->entry >= f->high) {
        r = NULL;
        for (size_t i = 0; i < m->nfuncs && !r; i++)
            if (m->funcs[i].die_off == f->die_off && f->entry >= m->funcs[i].low &&
                f->entry < m->funcs[i].high)
                r = &m->funcs[i];
        if (!r) {
            f->body = f->entry;
            return f->body;
        }
    }
    uint64_t body = f->entry;
    size_t i = upper_row(m, f->entry);
    while (i > 0 && m->lines[i - 1].addr == f->entry)
        i--;
    bool found = false;
    for (size_t j = i; j < m->nlines && m->lines[j].addr < r->high; j++)
        if ((m->lines[j].flags & (SYML_PROLOGUE_END | SYML_END)) == SYML_PROLOGUE_END) {
            body = m->lines[j].addr;
            found = true;
            break;
        }
    if (!found) {
        /* gcc: after a frame-pointer prologue (push %rbp; mov %rsp,%rbp), the second row of the
         * function; a frameless (optimized) function has no prologue to skip */
        uint8_t code[8];
        if (sym_read_code(m, f->entry, code, sizeof code) == 0) {
            const uint8_t *c = code;
            if (c[0] == 0xf3 && c[1] == 0x0f && c[2] == 0x1e && c[3] == 0xfa)
                c += 4;  /* endbr64 */
            if (c[0] == 0x55 && c[1] == 0x48 && c[2] == 0x89 && c[3] == 0xe5)
                for (size_t j = i; j < m->nlines && m->lines[j].addr < r->high; j++)
                    if (m->lines[j].addr > f->entry && !(m->lines[j].flags & SYML_END)) {
                        body = m->lines[j].addr;
                        break;
                    }
        }
    }
    for (size_t j = 0; j < m->nfuncs; j++)
        if (m->funcs[j].die_off == f->die_off)
            m->funcs[j].body = body;
    f->body = body;
    return body;
}

struct cand {
    struct sym_module *m;
    uint64_t addr;
};

int symtab_line_to_addrs(struct symtab *st, const char *file, int line, uint64_t *addrs, int max,
                         int *actual_line)
{
    if (actual_line)
        *actual_line = 0;
    if (!st || !file || !*file)
        return -1;
    bool known = false;
    int best = INT_MAX;
    for (int i = 0; i < st->nmods; i++) {
        struct sym_module *m = st->mods[i];
        sym_module_index(st, m);
        const char *set[MAXMATCH];
        int ns = matching_files(m, file, set);
        if (!ns)
            continue;
        known = true;
        for (size_t j = 0; j < m->nlines; j++) {
            const struct sym_line *r = &m->lines[j];
            if ((r->flags & (SYML_STMT | SYML_END)) == SYML_STMT && r->line >= line &&
                r->line < best && in_set(set, ns, r->file))
                best = r->line;
        }
    }
    if (!known)
        return -1;
    if (best == INT_MAX)
        return 0;
    int n = 0, reported = best;
    bool moved_reported = false;
    /* keys of the innermost blocks already given an address */
    size_t nkeys = 0, capkeys = 16;
    struct {
        struct sym_module *m;
        Dwarf_Off off;
    } *keys = xmalloc(capkeys * sizeof *keys);
    for (int i = 0; i < st->nmods; i++) {
        struct sym_module *m = st->mods[i];
        const char *set[MAXMATCH];
        int ns = matching_files(m, file, set);
        for (size_t j = 0; ns && j < m->nlines; j++) {
            const struct sym_line *r = &m->lines[j];
            if ((r->flags & (SYML_STMT | SYML_END)) != SYML_STMT || r->line != best ||
                !in_set(set, ns, r->file))
                continue;
            uint64_t addr = r->addr;
            struct sym_func *f = sym_func_at(m, addr);
            Dwarf_Off key = 0;
            if (f) {
                /* (a line above a function or between two, comments or blank, has no code of
                 * its own: like gdb, it moves on to the next function's first line, inlined
                 * copies included, past the prologue below) */
                Dwarf_Die chain[64];
                int nc = sym_scope_chain(m, f, addr, chain, 64);
                key = nc > 0 ? dwarf_dieoffset(&chain[nc - 1]) : f->die_off;
            }
            bool dup = false;
            for (size_t k = 0; k < nkeys && !dup; k++)
                dup = keys[k].m == m && keys[k].off == key && (key != 0 || f == NULL);
            if (dup)
                continue;
            if (nkeys == capkeys) {
                capkeys *= 2;
                keys = xrealloc(keys, capkeys * sizeof *keys);
            }
            keys[nkeys].m = m;
            keys[nkeys++].off = key;
            if (f && addr >= f->entry && addr < f->high) {
                uint64_t body = sym_func_body(m, f);
                if (addr < body) {
                    addr = body;
                    const struct sym_line *br = row_at(m, body);
                    if (br && !moved_reported && n == 0) {
                        reported = br->line;
                        moved_reported = true;
                    }
                }
            }
            bool have = false;
            for (int k = 0; k < n && !have; k++)
                have = addrs[k] == addr;
            if (!have && n < max)
                addrs[n++] = addr;
        }
    }
    free(keys);
    if (actual_line)
        *actual_line = n ? reported : 0;
    return n;
}

int symtab_line_starts(struct symtab *st, uint64_t low, uint64_t high, uint64_t *addrs, int max)
{
    if (!st || low >= high)
        return 0;
    struct sym_module *m = sym_indexed_module_at(st, low);
    if (!m)
        return 0;
    size_t i = upper_row(m, low);
    while (i > 0 && m->lines[i - 1].addr >= low)
        i--;
    int n = 0;
    for (; i < m->nlines && m->lines[i].addr < high && n < max; i++) {
        const struct sym_line *r = &m->lines[i];
        if ((r->flags & (SYML_STMT | SYML_END)) != SYML_STMT || r->line == 0)
            continue;
        if (n > 0 && addrs[n - 1] == r->addr)
            continue;
        addrs[n++] = r->addr;
    }
    return n;
}
