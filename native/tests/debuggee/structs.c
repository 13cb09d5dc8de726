/*
 * structs.c: debuggee of the DAP expression and breakpoint-condition tests: a linked list built
 * on the heap, an array of structs (char array, nested struct, enum, bit-fields), an int array
 * filled in a ten-round loop, a string and a static counter. Tests find lines by the markers.
 */
#include <stdio.h>
#include <stdlib.h>

struct node {
    int value;
    struct node *next;
};
typedef struct node node_t;

struct point {
    int x;
    int y;
};
enum shape { CIRCLE, SQUARE = 4, TRIANGLE };
struct item {
    char name[8];
    struct point where;
    enum shape shape;
    unsigned flags : 3;
    int delta : 5;
};

struct item items[3] = {
    {"alpha", {1, 2}, CIRCLE, 1, -1},
    {"beta", {3, 4}, SQUARE, 2, -2},
    {"gamma", {5, 6}, TRIANGLE, 5, 7},
};
int squares[10];
const char *title = "rewind";
static int calls;

static node_t *push(node_t *head, int value)
{
    node_t *n = malloc(sizeof *n);
    n->value = value;
    n->next = head;
    return n;
}

static int visit(node_t *n, int depth)
{
    calls++;
    int seen = n->value * 10 + depth; /* VISIT */
    return seen;
}

int main(void)
{
    node_t *list = NULL;
    for (int i = 1; i <= 3; i++) {
        list = push(list, i);
    }
    long sum = 0;
    for (int i = 0; i < 10; i++) {
        squares[i] = i * i;
        sum += squares[i]; /* LOOP_BODY */
    }
    struct item *chosen = &items[1];
    int total = 0;
    for (node_t *p = list; p != NULL; p = p->next) {
        total += visit(p, total); /* WALK */
    }
    printf("sum=%ld total=%d chosen=%s\n", sum, total, chosen->name); /* DONE */
    fflush(stdout);
    return 0;
}
