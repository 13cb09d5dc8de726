/*
 * vars.c: a program for test_symbols with a variable of every C type the debugger shows (integer
 * kinds, char, bool, float/double, enum, pointers, char*, arrays, structs, unions, bitfields,
 * typedefs), nested blocks that shadow a name, a global and a file-static variable, a static local,
 * and (at -O2) a variable the compiler drops. The BREAK comments mark the lines the test stops at.
 */
#include <stdio.h>

typedef unsigned int uint_t;
enum color { RED, GREEN = 5, BLUE = -2 };
struct flags {
    unsigned a : 3;
    unsigned b : 5;
    int c : 4;
    unsigned d : 20;
};
struct point {
    int x, y;
};
union num {
    int i;
    float f;
    unsigned char bytes[4];
};
struct node {
    int value;
    struct node *next;
    char name[8];
    struct point pos;
    struct flags fl;
    enum color col;
};

int global_counter = 42;
static double static_ratio = 2.5;
const char *global_msg = "hello";
volatile int sink;

/* Keeps a variable in memory (its address escapes) even at -O2. */
__attribute__((noinline)) static void use(const void *p)
{
    __asm__ volatile("" : : "r"(p) : "memory");
}

__attribute__((noinline)) static int compute(int v)
{
    sink = v;
    return sink * 17;
}

int main(int argc, char **argv)
{
    int x = 1;
    uint_t u = 7;
    char c = 'Z';
    const char *str = "rewind";
    int arr[5] = {10, 20, 30, 40, 50};
    int grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
    struct node second = {2, NULL, "second", {3, 4}, {1, 2, -3, 99}, BLUE};
    struct node first = {1, &second, "first", {1, 2}, {5, 31, 7, 12345}, GREEN};
    union num n;
    n.f = 1.0f;
    enum color col = BLUE;
    double d = 3.25;
    float fl = -1.5f;
    long big = -1234567890123L;
    unsigned char uc = 200;
    _Bool flag = 1;
    short sh = -7;
    static int calls = 3;
    int dead = compute(argc);
    use(&x), use(&u), use(&c), use(&str), use(arr), use(grid), use(&first), use(&n), use(&col);
    use(&d), use(&fl), use(&big), use(&uc), use(&flag), use(&sh);
    {
        int x = 2;
        int inner = 5;
        use(&x);
        use(&inner);
        {
            int x = 3;
            int deepest = x + inner;
            use(&deepest); /* BREAK vars_deep */
        }
        use(&x); /* BREAK vars_inner */
    }
    calls++;
    global_counter += calls;
    printf("%d %s %g %d\n", global_counter, global_msg, static_ratio, x);
    return argv[0] ? 0 : 1;
}
