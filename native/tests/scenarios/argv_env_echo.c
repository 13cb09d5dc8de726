/* argv_env_echo: prints every argument it was given, the addresses of argv and envp on the
 * initial stack, and the auxiliary vector entries that vary (AT_RANDOM bytes, AT_SYSINFO_EHDR).
 * Replay must rebuild the recorded initial stack exactly. */
#include <stdio.h>
#include <sys/auxv.h>

int main(int argc, char **argv, char **envp) {
    printf("argc %d at %p envp %p\n", argc, (void *)argv, (void *)envp);
    for (int i = 0; i < argc; i++)
        printf("argv[%d] = '%s'\n", i, argv[i]);
    int n = 0;
    while (envp[n])
        n++;
    printf("%d environment entries, first '%s'\n", n, n ? envp[0] : "");
    const unsigned char *r = (const unsigned char *)getauxval(AT_RANDOM);
    printf("AT_RANDOM:");
    for (int i = 0; r && i < 16; i++)
        printf("%02x", r[i]);
    printf("\n");
    printf("AT_SYSINFO_EHDR %#lx AT_PAGESZ %lu AT_HWCAP %#lx\n", getauxval(AT_SYSINFO_EHDR),
           getauxval(AT_PAGESZ), getauxval(AT_HWCAP));
    printf("AT_EXECFN %s\n", (const char *)getauxval(AT_EXECFN));
    return 0;
}
