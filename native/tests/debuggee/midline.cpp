/*
 * midline.cpp: debuggee of the motion tests, built with g++ -O2 -g: calls whose results feed the
 * rest of their line, so they return into the middle of a line (of the same line, or of a row the
 * optimizer gave another line). `next` must report each line once per statement, as gdb does.
 * Tests find lines by the markers in the comments.
 */
#include <cstdio>
#include <string>
#include <vector>

__attribute__((noipa)) int weigh(const std::string &s)
{
    return static_cast<int>(s.size()) * 3;            /* WEIGH_BODY */
}

__attribute__((noipa)) int bump(int v)
{
    return v + 1;                                      /* BUMP_BODY */
}

int main(int argc, char **argv)
{
    std::vector<std::string> words = {"alpha", "beta", "gamma", "delta"};
    int total = 0;
    for (const std::string &w : words) {               /* CPP_LOOP */
        total += weigh(w) + bump(total);               /* CPP_TWO_CALLS */
        total = bump(total) * (argc + 1);              /* CPP_BUMP */
        std::string label = w + "!";                   /* CPP_LABEL */
        total += weigh(label);                         /* CPP_WEIGH_LABEL */
    }                                                  /* CPP_LOOP_END */
    std::printf("total %d\n", total);                  /* CPP_PRINT */
    return 0;
}
