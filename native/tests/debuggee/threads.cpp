// threads.cpp: three C++ std::thread workers (lambdas) adding into a total under a std::mutex;
// ThreadTravelTest stops in add() from every worker, forwards and back.
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

static std::mutex lock;
static long total;

static void add(int id, int i)
{
    std::lock_guard<std::mutex> guard(lock);
    total += id * 100 + i; /* CXX_ADD */
}

int main()
{
    std::vector<std::thread> workers;
    for (int id = 1; id <= 3; id++)
        workers.emplace_back([id] {
            for (int i = 0; i < 3; i++)
                add(id, i);
        });
    for (auto &w : workers)
        w.join();
    std::printf("total %ld\n", total);
    return 0;
}
