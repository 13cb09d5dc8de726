/*
 * husk.c: the empty process a replay starts from.
 *
 * The agent starts this static, libc-free program under ptrace (linked far from where programs
 * live, at 1 TiB), and the husk does only two things: grows its stack to the size given in argv[1]
 * (bytes), so the recorded program's stack fits in the kernel's stack mapping, then stops itself
 * with SIGSTOP. The agent then unmaps everything but the stack, maps the recorded address space,
 * and sets the recorded registers: the husk's own code never runs again. The `syscall` instruction
 * right before the stop is the one the agent injects its syscalls through.
 */
#include <stddef.h>

#define SYS_getpid 39
#define SYS_kill 62
#define SYS_exit 60
#define SIGSTOP 19

static long raw_syscall2(long nr, long a, long b)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b) : "rcx", "r11", "memory");
    return ret;
}

static unsigned long parse_ulong(const char *s)
{
    unsigned long v = 0;
    while (s && *s >= '0' && *s <= '9')
        v = v * 10 + (unsigned long)(*s++ - '0');
    return v;
}

__attribute__((noreturn, used)) void husk_main(long *sp)
{
    long argc = sp[0];
    char **argv = (char **)(sp + 1);
    unsigned long depth = argc > 1 ? parse_ulong(argv[1]) : 0;

    /* Touch the stack page by page downwards: the kernel extends the [stack] mapping. */
    volatile char *p = (volatile char *)sp;
    for (unsigned long done = 0; done < depth; done += 4096) {
        p -= 4096;
        *p = 0;
    }
    long pid = raw_syscall2(SYS_getpid, 0, 0);
    raw_syscall2(SYS_kill, pid, SIGSTOP);
    for (;;)
        raw_syscall2(SYS_exit, 127, 0); /* only reached if the agent let the husk run */
}

__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "    mov %rsp, %rdi\n"
        "    and $-16, %rsp\n"
        "    call husk_main\n"
        "    hlt\n");
