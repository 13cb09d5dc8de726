/* environment: the environment the program started with (from the initial stack, recorded as
 * it was): a few well-known variables, a test variable, and the count and a hash of all of them.
 * Replay must rebuild the recorded stack, not the replayer's environment. */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(void) {
    const char *names[] = {"HOME", "PATH", "USER", "LANG", "REWIND_SCENARIO_VAR", "PWD"};
    for (int i = 0; i < 6; i++) {
        const char *v = getenv(names[i]);
        printf("%s=%s\n", names[i], v ? v : "(unset)");
    }
    int n = 0;
    unsigned h = 0;
    for (char **e = environ; *e; e++, n++)
        for (const char *p = *e; *p; p++)
            h = h * 31 + (unsigned char)*p;
    printf("%d variables, hash %08x\n", n, h);
    printf("environ at %p\n", (void *)environ);
    return 0;
}
