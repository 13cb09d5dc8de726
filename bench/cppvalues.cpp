/*
 * cppvalues.cpp: the program of bench/cpp-values: a frame holding a 10,000-element std::vector and
 * a 1,000-entry std::map (and a few small values), stopped at BENCH_STOP once per round.
 */
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? std::atoi(argv[1]) : 20;
    std::vector<int> big(10000);
    for (int i = 0; i < 10000; i++)
        big[i] = i * 3;
    std::map<int, int> table;
    for (int i = 0; i < 1000; i++)
        table[i] = i * i;
    std::string name = "cpp-values";
    long total = 0;
    for (int k = 0; k < rounds; k++) {
        big[k] = -k;
        total += big[k] + table[k]; /* BENCH_STOP */
    }
    std::printf("%s %ld\n", name.c_str(), total);
    return 0;
}
