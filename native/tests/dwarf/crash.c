/*
 * crash.c: a program for test_symbols that crashes by calling a null function pointer, so that
 * the unwinder must start from pc 0 (no module, no CFI) and still find the caller and main.
 */
#include <stdio.h>

typedef void (*callback_fn)(int);

volatile callback_fn hook;

__attribute__((noinline)) void call_hook(int v)
{
    hook(v); /* BREAK call */
    printf("not reached\n");
}

int main(void)
{
    call_hook(7);
    return 0;
}
