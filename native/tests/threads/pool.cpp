// pool.cpp: a C++ std::thread pool of four workers taking jobs from a queue under a mutex and a
// condition variable; prints the sum, and a hash of which worker took each job (a schedule).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <queue>
#include <random>
#include <thread>
#include <vector>
int main() {
    std::mutex m; std::condition_variable cv; std::queue<int> q; bool done = false;
    std::atomic<long> sum{0}; std::vector<int> order;
    std::vector<std::thread> pool;
    for (int n = 0; n < 4; n++)
        pool.emplace_back([&, n] {
            for (;;) {
                std::unique_lock<std::mutex> lk(m);
                cv.wait(lk, [&] { return done || !q.empty(); });
                if (q.empty()) return;
                int v = q.front(); q.pop(); order.push_back(n);
                lk.unlock();
                long s = 0; for (int i = 0; i < v * 100; i++) s += i % 7;
                sum += s;
            }
        });
    std::mt19937 gen(std::chrono::system_clock::now().time_since_epoch().count());
    for (int i = 0; i < 500; i++) { { std::lock_guard<std::mutex> lk(m); q.push(gen() % 1000); } cv.notify_one(); }
    { std::lock_guard<std::mutex> lk(m); done = true; } cv.notify_all();
    for (auto &t : pool) t.join();
    long h = 0; for (int n : order) h = h * 31 + n;
    std::cout << sum << " " << order.size() << " " << h << " "
              << std::chrono::steady_clock::now().time_since_epoch().count() << std::endl;
}
