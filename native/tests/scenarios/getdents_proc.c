/* getdents_proc: lists /proc with opendir/readdir (getdents64) and counts the numeric entries
 * (processes: a number that changes from run to run), reports a few fixed entries and whether its
 * own pid is listed, and counts its own /proc/self/fd. Replay must return the recorded entries. */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    DIR *d = opendir("/proc");
    if (!d) {
        perror("/proc");
        return 1;
    }
    int numeric = 0, total = 0, self = 0, cpuinfo = 0, meminfo = 0, own = 0;
    long maxpid = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        total++;
        if (isdigit((unsigned char)e->d_name[0])) {
            numeric++;
            long p = atol(e->d_name);
            if (p > maxpid)
                maxpid = p;
            own |= p == getpid();
        }
        self |= strcmp(e->d_name, "self") == 0;
        cpuinfo |= strcmp(e->d_name, "cpuinfo") == 0;
        meminfo |= strcmp(e->d_name, "meminfo") == 0;
    }
    closedir(d);
    printf("/proc: %d entries, %d numeric, highest pid %ld\n", total, numeric, maxpid);
    printf("self %d cpuinfo %d meminfo %d, own pid %d listed %d\n", self, cpuinfo, meminfo, getpid(), own);
    d = opendir("/proc/self/fd");
    int fds = 0;
    while ((e = readdir(d)) != NULL)
        fds += isdigit((unsigned char)e->d_name[0]) != 0;
    closedir(d);
    printf("open fds seen in /proc/self/fd: %d\n", fds);
    return 0;
}
