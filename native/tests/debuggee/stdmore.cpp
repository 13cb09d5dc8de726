/*
 * stdmore.cpp: a C++17 program holding std::atomic values, std::vector<bool> and wide and UTF
 * strings, for the tests of their formatters; it stops at the marked line with all of them set.
 */
#include <atomic>
#include <cstdio>
#include <forward_list>
#include <iterator>
#include <list>
#include <map>
#include <string>
#include <unordered_map>
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
    std::vector<int> v{10, 20, 30};
    auto vit = v.begin() + 1;
    std::list<int> l{5, 6};
    auto lit = std::next(l.begin());
    std::map<int, int> m{{1, 100}, {2, 200}};
    auto mit = m.find(2);
    std::unordered_map<int, int> u{{7, 70}};
    auto uit = u.begin();
    std::forward_list<int> fl{8, 9};
    auto fit = fl.begin();
    std::vector<int>::iterator singular{};
    counter++;
    std::printf("%d %d %d %d %d %d\n", *vit, *lit, mit->second, uit->second, *fit, singular == std::vector<int>::iterator{});
    std::printf("%d %ld %d %d %d %zu %zu %ls %zu %zu %d\n", counter.load(), big.load(), (int)flag.load(), *where.load(),
                (int)bits[2], nobits.size(), many.size(), wptr, wide.size() + accents.size(), u16.size() + u32.size(),
                (int)many[70]); /* FMT_STOP */
    return 0;
}
