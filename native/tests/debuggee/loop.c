/*
 * loop.c: debuggee of the DAP tests: a loop that calls a helper and prints, a non-zero exit
 * status, and globals of many C types. Tests find lines by the markers in the comments.
 */
#include <stdbool.h>
#include <stdio.h>

struct point {
    int x;
    int y;
};
enum color { RED, GREEN = 5, BLUE };
struct flags {
    unsigned a : 3;
    int b : 5;
    unsigned c : 1;
};
union number {
    int i;
    float f;
};
typedef struct point point_t;

int counter_global = 42;
const char *greeting = "hello, rewind";
double ratio = 2.5;
enum color favourite = GREEN;
int numbers[5] = {10, 20, 30, 40, 50};
point_t origin = {3, -4};
struct flags bits = {5, -3, 1};
union number num = {.i = 7};
bool ready = true;
char letter = 'a';
unsigned char byte = 200;
long long big = -1234567890123LL;
unsigned short small = 65535;
float quarter = 0.25f;
char name[16] = "rewind";
int big_array[300];
point_t *origin_ptr = &origin;

int helper(int value)
{
    int doubled = value * 2; /* HELPER_FIRST */
    return doubled + 1;      /* HELPER_RETURN */
}

int main(void)
{
    int total = 0;
    /* NO_CODE: a breakpoint here moves to the loop below */
    for (int i = 0; i < 3; i++) {                /* LOOP_HEAD */
        total += helper(i);                      /* LOOP_CALL */
        printf("i=%d total=%d\n", i, total);     /* LOOP_PRINT */
        fflush(stdout);
    }
    for (int k = 0; k < 300; k++) {
        big_array[k] = k * k;
    }
    fprintf(stderr, "done\n");                   /* AFTER_LOOP */
    return total == 9 ? 3 : 1;
}
