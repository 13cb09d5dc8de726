/*
 * cppnames.cpp: a C++17 program for the tests of names beyond a frame's locals in evaluate:
 * functions as values and pointers to them (a local pointer, a table of them, a struct of them
 * reached through a pointer), calls through those pointers, namespace-scope variables (nested
 * namespaces too), static data members (a constexpr one has no storage, only a value) and a
 * variadic function's type; std::function objects (empty, holding a function pointer, holding a
 * lambda with captures). It stops at the marked line in main.
 */
#include <cstdarg>
#include <cstdio>
#include <functional>

namespace geo {
int origin = 11;
namespace inner {
long depth = 12;
}
} // namespace geo

struct Counter {
    static int made;
    static constexpr int limit = 99;
    int id;
    Counter() : id(++made) {}
};
int Counter::made = 0;

__attribute__((noinline)) int compare_ints(int a, int b) { return a < b ? -1 : a > b ? 1 : 0; }
__attribute__((noinline)) int add(int a, int b) { return a + b; }
__attribute__((noinline)) int mul(int a, int b) { return a * b; }
__attribute__((noinline)) int twice(int a) { return 2 * a; }
__attribute__((noinline)) int no_args() { return 5; }

__attribute__((noinline)) int sum_all(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    int s = 0;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, int);
    va_end(ap);
    return s;
}

struct Ops {
    int (*apply)(int, int);
    int (*single)(int);
};

int main(int argc, char **argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    Counter first, second;
    int (*fp)(int) = twice;
    int (*cmp)(int, int) = compare_ints;
    int (*table[2])(int, int) = {add, mul};
    Ops ops_value{add, twice};
    Ops *ops = &ops_value;
    int (*none)(int) = nullptr;
    std::function<int(int)> empty_fn;
    std::function<int(int)> pointer_fn = twice;
    int base = 40;
    long scale = 3;
    std::function<int(int)> lambda_fn = [base, scale](int x) { return base + (int)scale * x; };
    std::printf("%d %d %d %d %d %d %d %ld %d %d\n", fp(3), cmp(1, 2), table[1](4, 5), ops->apply(2, 3),
                second.id, no_args(), geo::origin, geo::inner::depth, sum_all(2, 1, 2),
                none == nullptr && argc > 0 && argv != nullptr); /* MAIN_STOP */
    std::printf("%d %d %d\n", (bool)empty_fn, pointer_fn(4), lambda_fn(1));
    return 0;
}
