/*
 * calls.c: a debuggee for evaluate's function calls and type names: libc IFUNCs (strlen, memcmp,
 * strchr) and one of the program's own, a version function that fills a static buffer on each call
 * (cJSON_Version-like: its result exists only in the process where the call ran), string literal
 * arguments, function pointers, and declarations whose type names are compared with gdb's whatis.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct item {
    int type;
    struct item *next;
} item_t;

struct point {
    int x, y;
};

/* declarations for the type names (gdb's whatis in the comments) */
const void *const table[85];          /* const void * const[85] */
const char *names[3] = {"alpha", "beta", "gamma"}; /* const char *[3] */
char *const fixed = "fixed";          /* char * const */
const char *const *name_list = names; /* const char * const * */
int (*matrix_row)[10];                /* int (*)[10] */
int grid[3][4];                       /* int [3][4] */
struct point *const origin = 0;       /* struct point * const */
const volatile int flags = 3;         /* const volatile int */
int *volatile watched;                /* int * volatile */

static char version_text[16];

/* Fills the static buffer: before the first call it is empty. */
const char *lib_version(void)
{
    snprintf(version_text, sizeof version_text, "%d.%d.%d", 1, 7, 19);
    return version_text;
}

static char greeting[64];

/* Writes a new string for its argument into a static buffer and returns it. */
char *greet(const char *who)
{
    snprintf(greeting, sizeof greeting, "hello, %s!", who);
    return greeting;
}

int count_char(const char *s, int c)
{
    int n = 0;
    for (; *s; s++)
        n += *s == c;
    return n;
}

int sum_point(const struct point *p)
{
    return p->x * 10 + p->y;
}

static int twice_plain(int x)
{
    return 2 * x;
}

/* The program's own IFUNC: its resolver returns the implementation. */
static int (*resolve_twice(void))(int)
{
    return twice_plain;
}
int twice(int x) __attribute__((ifunc("resolve_twice")));

int compare(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

int main(void)
{
    item_t head = {7, NULL};
    item_t *const item = &head;
    int (*order)(const void *, const void *) = compare;
    char word[] = "banana";
    int values[] = {3, 1, 2};
    qsort(values, 3, sizeof values[0], order);
    int doubled = twice(values[0]);
    printf("%s %d %d %d\n", word, item->type, doubled, flags); /* CALLS */
    return 0;
}
