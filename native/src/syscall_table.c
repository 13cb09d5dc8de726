/*
 * syscall_table.c: the syscall table, expanded from syscall_table.def.
 *
 * The recorder asks this table what each syscall wrote in the tracee (so the bytes go into the
 * trace) and the replayer asks it which syscalls must really run again (REAL), which are handled
 * by name (SPECIAL) and which are replaced by their recorded effects (EMULATE). The knowledge is
 * the .def file; this file only turns its rows into an array indexed by syscall number, and checks
 * at compile time that every row's number is the one <sys/syscall.h> gives its name, so a typo in
 * the .def cannot silently shift a row onto another syscall. syscall_outputs() (which turns a row
 * plus the actual arguments and result into memory ranges) lives in syscall_outputs.c.
 */
#include "syscall_table.h"

#include <sys/syscall.h>

/* Numbers newer than Debian 12's <asm/unistd_64.h> (from the kernel's syscall_64.tbl). */
#ifndef SYS_cachestat
#define SYS_cachestat 451
#endif
#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif
#ifndef SYS_futex_wake
#define SYS_futex_wake 454
#endif
#ifndef SYS_futex_wait
#define SYS_futex_wait 455
#endif
#ifndef SYS_futex_requeue
#define SYS_futex_requeue 456
#endif
#ifndef SYS_statmount
#define SYS_statmount 457
#endif
#ifndef SYS_listmount
#define SYS_listmount 458
#endif
#ifndef SYS_lsm_get_self_attr
#define SYS_lsm_get_self_attr 459
#endif
#ifndef SYS_lsm_set_self_attr
#define SYS_lsm_set_self_attr 460
#endif
#ifndef SYS_lsm_list_modules
#define SYS_lsm_list_modules 461
#endif
#ifndef SYS_mseal
#define SYS_mseal 462
#endif
#ifndef SYS_setxattrat
#define SYS_setxattrat 463
#endif
#ifndef SYS_listxattrat
#define SYS_listxattrat 465
#endif
#ifndef SYS_removexattrat
#define SYS_removexattrat 466
#endif
#ifndef SYS_open_tree_attr
#define SYS_open_tree_attr 467
#endif
#ifndef SYS_file_getattr
#define SYS_file_getattr 468
#endif
#ifndef SYS_file_setattr
#define SYS_file_setattr 469
#endif

/* Row -> compile-time checks: the number matches SYS_<name> and fits in the table. */
#define SC(nr, name, replay, special, block, ...)                                                 \
    _Static_assert((nr) == SYS_##name, "syscall_table.def: " #name " is not syscall " #nr);   \
    _Static_assert((nr) >= 0 && (nr) < SYSCALL_TABLE_SIZE, "syscall_table.def: " #name        \
                   " does not fit in SYSCALL_TABLE_SIZE");
#include "syscall_table.def"
#undef SC

/* Row -> designated initializer of the table. Unused output slots stay zero (kind 0 ends them). */
#define OUT(k_, a_, l_, s_) { .kind = OUT_##k_, .arg = (a_), .len_arg = (l_), .size = (s_) }
#define SC(nr, name_, replay_, special, block_, ...)                                               \
    [nr] = { .name = #name_, .replay = SC_##replay_, .special_outputs = (special),               \
             .block = SC_BLOCK_##block_, .out = { __VA_ARGS__ } },
static const struct syscall_desc table[SYSCALL_TABLE_SIZE] = {
#include "syscall_table.def"
};
#undef SC
#undef OUT

/* A row with name NULL for numbers the table does not know (and for out-of-range numbers). */
static const struct syscall_desc unknown_row;

const struct syscall_desc *syscall_lookup(long nr)
{
    if (nr < 0 || nr >= SYSCALL_TABLE_SIZE)
        return &unknown_row;
    return &table[nr];
}

const char *syscall_name(long nr)
{
    return syscall_lookup(nr)->name;
}
