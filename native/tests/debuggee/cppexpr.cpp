/*
 * cppexpr.cpp: a C++17 program for the tests of C++ expressions in evaluate: members through this
 * and implicitly inside a method (a local shadowing one), static members, enumerators of a class
 * scope and namespace variables, casts between classes with a non-primary base (its offset is not
 * 0), references, and libstdc++ containers indexed and sized through their formatters. It stops at
 * the marked lines inside Account::deposit and in main.
 */
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace bank {
int branch_code = 7;
}

struct Named {
    int tag;
    virtual ~Named() = default;
};

struct Logged {
    long entries;
    virtual void log() const { std::printf("logged %ld\n", entries); }
    virtual ~Logged() = default;
};

struct Account : Named, Logged {
    enum Kind { Checking = 1, Savings = 2 };
    static int opened;
    int balance;
    Kind kind;
    Account(int b, Kind k) : balance(b), kind(k)
    {
        tag = 5;
        entries = 9;
        opened++;
    }
    __attribute__((noinline)) int deposit(int amount)
    {
        int kind = 100; /* shadows the member */
        balance += amount;
        std::printf("deposit %d -> %d (%d)\n", amount, balance, kind); /* METHOD_STOP */
        return balance;
    }
    __attribute__((noinline)) int twice() const { return balance * 2; }
};

int Account::opened = 0;

int main()
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    Account account(40, Account::Savings);
    account.deposit(2);
    Logged *logged = &account;
    Named *named = &account;
    Account &ref = account;
    int value = 3;
    int &value_ref = value;
    std::vector<int> numbers{4, 8, 15, 16, 23, 42};
    std::map<int, int> squares{{2, 4}, {3, 9}, {10, 100}};
    std::map<std::string, int> ages{{"ann", 31}, {"bob", 42}};
    std::printf("%d %d %ld %d %d %zu %d %d\n", ref.balance, value_ref, logged->entries, named->tag,
                account.twice(), numbers.size(), squares[3], ages["bob"]); /* MAIN_STOP */
    return 0;
}
