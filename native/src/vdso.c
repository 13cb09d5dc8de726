/* vdso.c: see vdso.h. */
#include "vdso.h"
#include "util.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

struct vdso_function {
    const char *name; /* without the __vdso_ prefix */
    int nr;
};

static const struct vdso_function known[] = {
    {"clock_gettime", SYS_clock_gettime}, {"gettimeofday", SYS_gettimeofday},
    {"time", SYS_time},                   {"getcpu", SYS_getcpu},
    {"clock_getres", SYS_clock_getres},   {"getrandom", SYS_getrandom},
};

static int nr_for(const char *name)
{
    if (!strncmp(name, "__vdso_", 7))
        name += 7;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (!strcmp(known[i].name, name))
            return known[i].nr;
    return -1;
}

int vdso_patch(struct tracee *t, uint64_t start, uint64_t end)
{
    size_t size = end - start;
    uint8_t *img = xmalloc(size);
    if (tracee_read(t, start, img, size) < 0) {
        free(img);
        return -1;
    }
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img;
    if (size < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_shoff == 0 ||
        eh->e_shoff + (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > size) {
        free(img);
        return -1;
    }
    uint64_t base = 0;
    const Elf64_Phdr *ph = (const Elf64_Phdr *)(img + eh->e_phoff);
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD) {
            base = ph[i].p_vaddr - ph[i].p_offset;
            break;
        }
    const Elf64_Shdr *sh = (const Elf64_Shdr *)(img + eh->e_shoff);
    int patched = 0;
    uint64_t done[64];
    int ndone = 0;
    for (int s = 0; s < eh->e_shnum; s++) {
        if (sh[s].sh_type != SHT_DYNSYM || sh[s].sh_link >= eh->e_shnum)
            continue;
        const Elf64_Shdr *strs = &sh[sh[s].sh_link];
        if (sh[s].sh_offset + sh[s].sh_size > size || strs->sh_offset + strs->sh_size > size)
            continue;
        const Elf64_Sym *syms = (const Elf64_Sym *)(img + sh[s].sh_offset);
        size_t count = sh[s].sh_size / sizeof(Elf64_Sym);
        for (size_t i = 0; i < count; i++) {
            if (ELF64_ST_TYPE(syms[i].st_info) != STT_FUNC || syms[i].st_shndx == SHN_UNDEF ||
                syms[i].st_name >= strs->sh_size)
                continue;
            uint64_t off = syms[i].st_value - base;
            if (off + 8 > size)
                continue;
            int seen = 0;
            for (int k = 0; k < ndone; k++)
                seen |= done[k] == off;
            if (seen || ndone == 64)
                continue;
            done[ndone++] = off;
            const char *name = (const char *)img + strs->sh_offset + syms[i].st_name;
            int nr = nr_for(name);
            uint8_t code[8];
            if (nr >= 0) {
                /* mov $nr,%eax; syscall; ret */
                code[0] = 0xb8;
                memcpy(code + 1, &nr, 4);
                code[5] = 0x0f;
                code[6] = 0x05;
                code[7] = 0xc3;
            } else {
                /* mov $-38,%rax (ENOSYS); ret */
                static const uint8_t enosys[8] = {0x48, 0xc7, 0xc0, 0xda, 0xff, 0xff, 0xff, 0xc3};
                memcpy(code, enosys, 8);
            }
            if (tracee_write(t, start + off, code, sizeof code) < 0) {
                free(img);
                return -1;
            }
            patched++;
        }
    }
    free(img);
    return patched;
}
