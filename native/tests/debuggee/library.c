/*
 * library.c: a debuggee whose interesting calls are into libc: function breakpoints on malloc,
 * free and write must stop there (gdb allows them) though libc is not mapped at the start.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    char *buffer = malloc(32);
    strcpy(buffer, "library calls\n");
    write(1, buffer, strlen(buffer));
    free(buffer);
    return 0;
}
