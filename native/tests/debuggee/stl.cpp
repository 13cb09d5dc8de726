/*
 * stl.cpp: a C++17 program holding the libstdc++ containers and a class hierarchy, for the tests of
 * C++ values in the Locals scope. It prints what it holds (the forward ground truth), then stops at
 * the line marked STL_STOP (and SHAPE_STOP inside a virtual method).
 */
#include <cstdio>
#include <iterator>
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

/* The forward ground truth: "truth NAME: DISPLAY", each value as the variables view should show it. */
static std::string truth(const char *name, const std::string &display) { return std::string("truth ") + name + ": " + display; }
static std::string number(int v) { return std::to_string(v); }
static std::string quoted(const std::string &s) { return "\"" + s + "\""; }

template <typename C, typename F>
static std::string seq(const C &c, F show)
{
    std::string out = "size=" + std::to_string(std::distance(c.begin(), c.end())) + " {";
    int n = 0;
    for (const auto &e : c) {
        if (n == 8) {
            out += ", ...";
            break;
        }
        out += (n++ ? ", " : "") + show(e);
    }
    return out + "}";
}

template <typename C> static std::string seq(const C &c) { return seq(c, number); }

template <typename M, typename F>
static std::string keyed(const M &m, F showKey)
{
    std::string out = "size=" + std::to_string(m.size()) + " {";
    int n = 0;
    for (const auto &[k, v] : m)
        out += (n++ ? ", [" : "[") + showKey(k) + "] = " + std::to_string(v);
    return out + "}";
}

/* Damaged containers: words that make no vector, and a map whose tree leads to unreadable memory. */
struct Junk {
    long words[8];
};

int main()
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    Junk junk_vector{{0x1000, 0x7fff00000000, 0x10}};
    Junk junk_map{{0, 0, 0x10, 0x10, 0x10, 5}}; /* header: colour, parent, left, right; 5 nodes */
    auto *bogus_vector = reinterpret_cast<std::vector<int> *>(&junk_vector);
    auto *bogus_map = reinterpret_cast<std::map<int, int> *>(&junk_map);
    Junk junk_forward{}; /* head -> a node whose link is itself, value 7: a cycle */
    junk_forward.words[0] = reinterpret_cast<long>(&junk_forward.words[2]);
    junk_forward.words[2] = reinterpret_cast<long>(&junk_forward.words[2]);
    junk_forward.words[3] = 7;
    auto *bogus_forward = reinterpret_cast<std::forward_list<int> *>(&junk_forward);
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
    std::printf("%s\n", truth("numbers", seq(numbers)).c_str());
    std::printf("%s\n", truth("words", seq(words, quoted)).c_str());
    std::printf("%s\n", truth("small", quoted(small)).c_str());
    std::printf("%s\n", truth("heap", quoted(heap)).c_str());
    std::printf("%s\n", truth("view", quoted(std::string(view))).c_str());
    std::printf("%s\n", truth("ages", keyed(ages, quoted)).c_str());
    std::printf("%s\n", truth("squares", keyed(squares, number)).c_str());
    std::printf("%s\n", truth("primes", seq(primes)).c_str());
    std::printf("%s\n", truth("twice", seq(twice)).c_str());
    std::printf("%s\n", truth("uset", seq(uset)).c_str());
    std::printf("%s\n", truth("listed", seq(listed)).c_str());
    std::printf("%s\n", truth("forward", seq(forward)).c_str());
    std::printf("%s\n", truth("queue", seq(queue)).c_str());
    std::printf("%s\n", truth("fixed", seq(fixed)).c_str());
    std::printf("%s\n", truth("owned", std::to_string(*owned)).c_str());
    std::printf("%s\n", truth("empty_owned", empty_owned ? "?" : "nullptr").c_str());
    std::string counts = " (use count " + std::to_string(shared.use_count()) + ", weak count 1)";
    std::printf("%s\n", truth("shared", std::to_string(*shared) + counts).c_str());
    std::printf("%s\n", truth("shared_too", std::to_string(*shared_too) + counts).c_str());
    std::printf("%s\n", truth("weak", std::to_string(*weak.lock()) + counts).c_str());
    std::printf("%s\n", truth("some", std::to_string(*some)).c_str());
    std::printf("%s\n", truth("none", none ? "?" : "nullopt").c_str());
    std::printf("%s\n", truth("alt", "index " + std::to_string(alt.index()) + ": " + quoted(std::get<1>(alt))).c_str());
    std::printf("%s\n", truth("tup", "{" + std::to_string(std::get<0>(tup)) + ", " + std::to_string(int(std::get<1>(tup)))
                + " '" + std::get<1>(tup) + "', 2.5}").c_str());
    std::printf("%s\n", truth("duo", "{first = " + std::to_string(duo.first) + ", second = " + quoted(duo.second) + "}").c_str());
    std::printf("%s\n", truth("big", seq(big)).c_str());
    std::printf("%s\n", truth("table", "size=" + std::to_string(table.size())).c_str());
    std::printf("%s\n", truth("answer_ref", std::to_string(answer_ref)).c_str());
    std::printf("big[9998] %d big[9999] %d table[998] %d table[999] %d\n", big[9998], big[9999], table[998], table[999]);
    sink(&numbers); sink(&words); sink(&small); sink(&heap); sink(&view); sink(&ages); sink(&squares);
    sink(&primes); sink(&twice); sink(&uset); sink(&listed); sink(&forward); sink(&queue); sink(&fixed);
    sink(&owned); sink(&empty_owned); sink(&shared); sink(&shared_too); sink(&weak); sink(&some); sink(&none);
    sink(bogus_vector); sink(bogus_map); sink(bogus_forward);
    sink(&alt); sink(&tup); sink(&duo); sink(&big); sink(&table); sink(&shape_ref); sink(&answer_ref);
    double total = shape->area() + shape_ref.area(); /* STL_STOP */
    std::printf("total %g\n", total);
    return 0;
}
