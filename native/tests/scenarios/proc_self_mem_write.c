/* proc_self_mem_write: writes the program's own memory through /proc/self/mem (a debugger-like
 * self-patching program). Writes through that file change memory behind the syscall table's back,
 * so Rewind stops the recording at the open, naming the file; what came before replays.
 * Tested by UnrecordableEffectsTest. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

static volatile uint64_t target = 1;

int main(void)
{
    printf("before: pid %d\n", getpid());
    fflush(stdout);
    int fd = open("/proc/self/mem", O_RDWR);
    uint64_t v = 0x1234;
    if (fd < 0 || pwrite(fd, &v, sizeof v, (off_t)(uintptr_t)&target) != sizeof v)
        perror("write /proc/self/mem");
    printf("after: %llx\n", (unsigned long long)target);
    return 0;
}
