/* pushf_flags: the program reads its own flags with pushf (and calls getppid, whose `syscall`
 * leaves the flags in r11) and prints them: a replay that single-steps these instructions must
 * leave the program's state as it was recorded (the step's trap flag is the debugger's). */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    unsigned long flags;
    __asm__ volatile(".globl pushf_here\npushf_here: pushfq\n\tpopq %0" : "=r"(flags));
    unsigned long r11;
    __asm__ volatile(".globl syscall_here\nmov $110, %%eax\nsyscall_here: syscall\n\tmov %%r11, %0"
                     : "=r"(r11) : : "rax", "rcx", "r11", "memory");
    printf("flags %#lx, r11 after a syscall %#lx\n", flags & 0xfff, r11 & 0xfff);
    return 0;
}
