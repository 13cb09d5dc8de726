/* stdin_input: reads all of stdin (read(0) through stdio), numbers the lines, and prints a
 * checksum and the time. Replay reads no stdin: the bytes come from the recording. */
#include <stdio.h>
#include <time.h>

int main(void) {
    char line[512];
    int n = 0;
    unsigned sum = 0;
    size_t bytes = 0;
    while (fgets(line, sizeof line, stdin)) {
        n++;
        for (char *p = line; *p; p++, bytes++)
            sum = sum * 33 + (unsigned char)*p;
        if (n <= 5)
            printf("%d: %s", n, line);
    }
    printf("lines %d bytes %zu checksum %08x eof %d\n", n, bytes, sum, feof(stdin));
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    printf("read at %lld.%09ld\n", (long long)ts.tv_sec, ts.tv_nsec);
    return 0;
}
