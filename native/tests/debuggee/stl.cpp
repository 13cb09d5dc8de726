/*
 * stl.cpp: a C++17 program holding the libstdc++ containers and a class hierarchy, for the tests of
 * C++ values in the Locals scope. It prints what it holds (the forward ground truth), then stops at
 * the line marked STL_STOP (and SHAPE_STOP inside a virtual method).
 */
#include <cstdio>
#include <deque>
#include <forward_list>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>
#include <array>

struct Shape {
    int id;
    explicit Shape(int i) : id(i) {}
    virtual ~Shape() = default;
    virtual double area() const = 0;
};

struct Circle : Shape {
    double radius;
    Circle(int i, double r) : Shape(i), radius(r) {}
    double area() const override
    {
        double a = 3.0 * radius * radius;
        std::printf("circle %d radius %g\n", id, radius); /* SHAPE_STOP */
        return a;
    }
};

struct Square : Shape {
    int side;
    Square(int i, int s) : Shape(i), side(s) {}
    double area() const override { return side * side; }
};

static int sink(const void *p) { return p != nullptr; }

int main()
{
    std::vector<int> numbers{1, 2, 3, 5, 8};
    std::vector<std::string> words{"alpha", "a string longer than fifteen characters"};
    std::string small = "sso";
    std::string heap(40, 'h');
    std::string_view view = "viewed text";
    std::map<std::string, int> ages{{"ann", 31}, {"bob", 42}, {"cyd", 7}};
    std::unordered_map<int, int> squares{{2, 4}, {3, 9}};
    std::set<int> primes{7, 2, 5, 3};
    std::multiset<int> twice{1, 1, 2};
    std::unordered_set<int> uset{11};
    std::list<int> listed{10, 20, 30};
    std::forward_list<int> forward{4, 5};
    std::deque<int> queue{100, 200, 300};
    std::array<int, 3> fixed{{9, 8, 7}};
    std::unique_ptr<int> owned = std::make_unique<int>(77);
    std::unique_ptr<int> empty_owned;
    std::shared_ptr<int> shared = std::make_shared<int>(55);
    std::shared_ptr<int> shared_too = shared;
    std::weak_ptr<int> weak = shared;
    std::optional<int> some = 12;
    std::optional<int> none;
    std::variant<int, std::string> alt = std::string("second");
    std::tuple<int, char, double> tup{1, 'x', 2.5};
    std::pair<int, std::string> duo{3, "three"};
    std::vector<int> big(10000);
    for (int i = 0; i < 10000; i++)
        big[i] = i * 3;
    std::map<int, int> table;
    for (int i = 0; i < 1000; i++)
        table[i] = i * i;
    Circle circle(1, 2.0);
    Square square(2, 3);
    Shape *shape = &circle;
    Shape &shape_ref = square;
    int answer = 42;
    int &answer_ref = answer;
    std::printf("numbers %zu %d %d\n", numbers.size(), numbers[0], numbers[4]);
    std::printf("words %s|%s\n", words[0].c_str(), words[1].c_str());
    std::printf("small %s heap %zu view %.*s\n", small.c_str(), heap.size(), (int)view.size(), view.data());
    std::printf("ages %d %d %d squares %d uset %zu\n", ages["ann"], ages["bob"], ages["cyd"], squares[3], uset.size());
    std::printf("primes %zu twice %zu listed %zu queue %d fixed %d\n", primes.size(), twice.size(), listed.size(),
                queue[2], fixed[0]);
    std::printf("owned %d shared %d use %ld some %d alt %zu tup %d duo %s\n", *owned, *shared, shared.use_count(),
                *some, alt.index(), std::get<0>(tup), duo.second.c_str());
    std::printf("big %d table %d answer %d\n", big[9999], table[999], answer_ref);
    sink(&numbers); sink(&words); sink(&small); sink(&heap); sink(&view); sink(&ages); sink(&squares);
    sink(&primes); sink(&twice); sink(&uset); sink(&listed); sink(&forward); sink(&queue); sink(&fixed);
    sink(&owned); sink(&empty_owned); sink(&shared); sink(&shared_too); sink(&weak); sink(&some); sink(&none);
    sink(&alt); sink(&tup); sink(&duo); sink(&big); sink(&table); sink(&shape_ref); sink(&answer_ref);
    double total = shape->area() + shape_ref.area(); /* STL_STOP */
    std::printf("total %g\n", total);
    return 0;
}
