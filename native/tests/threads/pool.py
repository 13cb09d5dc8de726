# pool.py: a Python threading pool of four workers taking jobs from a queue.Queue under a lock;
# prints the total, a hash of which worker took each job (a schedule), the time and the pid.
import threading, queue, random, time, os
q = queue.Queue()
lock = threading.Lock()
total = [0]
order = []
def worker(n):
    while True:
        item = q.get()
        if item is None:
            break
        s = sum(i * i for i in range(item))
        with lock:
            total[0] += s
            order.append((n, item))
threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
for t in threads: t.start()
for i in range(200): q.put(random.randint(1000, 3000))
for t in threads: q.put(None)
for t in threads: t.join()
print(total[0], len(order), hash(tuple(order)), time.time(), os.getpid(), threading.active_count())
