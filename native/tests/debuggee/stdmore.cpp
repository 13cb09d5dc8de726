/*
 * stdmore.cpp: a C++17 program holding std::atomic values, std::vector<bool> and wide and UTF
 * strings, for the tests of their formatters; it stops at the marked line with all of them set.
 */
#include <atomic>
#include <cstdio>
#include <string>
#include <vector>

int main()
{
    std::atomic<int> counter{41};
    std::atomic<long> big{-7};
    std::atomic<bool> flag{true};
    int target = 3;
    std::atomic<int *> where{&target};
    std::vector<bool> bits{true, false, true, true, false};
    std::vector<bool> nobits;
    std::vector<bool> many(100, false);
    many[70] = true;
    std::wstring wide = L"wide text";
    std::wstring accents = L"\u00e9t\u00e9";
    std::u16string u16 = u"utf16 \u00e9";
    std::u32string u32 = U"utf32 \U0001F600";
    const wchar_t *wptr = L"pointer";
    counter++;
    std::printf("%d %ld %d %d %d %zu %zu %ls %zu %zu %d\n", counter.load(), big.load(), (int)flag.load(), *where.load(),
                (int)bits[2], nobits.size(), many.size(), wptr, wide.size() + accents.size(), u16.size() + u32.size(),
                (int)many[70]); /* FMT_STOP */
    return 0;
}
