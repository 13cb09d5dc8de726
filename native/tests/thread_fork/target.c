/*
 * thread_fork/target.c: the live multithreaded program test_thread_fork and test_thread_fork_state
 * copy (built by them with gcc at run time). `target N [plain]`: main starts N workers (and, unless
 * plain, a waiter and a spinner), and every thread stops where the test stops it:
 *  - worker i: a getppid(MARKER + i) with ymm8 loaded with a per-thread value, held across it;
 *  - main: a getppid(MARKER_MAIN) once all threads are started;
 *  - the waiter: blocked in futex(gate, FUTEX_WAIT_BITSET, 0, .., WAITER_BITSET) until main,
 *    after its marker, sets gate and wakes it;
 *  - the spinner: announces itself with getppid(MARKER_SPIN), then spins without syscalls until
 *    main releases it.
 * Each thread checks its own TLS (%fs), stack, registers, ymm8, signal mask, alternate signal stack
 * and name after the stop point, and adds to a mutex-protected sum (commutative: the result does
 * not depend on the schedule). main joins them all (clear_child_tid) and prints one report with one
 * write; a failed check prints BAD. Exit status: 1 + sum % 100. mainexits: main ends at once
 * (pthread_exit: the leader is a zombie from then on) and a thread does its part.
 */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MARKER 0x7e570000UL
#define MARKER_MAIN (MARKER + 0xfff)
#define MARKER_SPIN (MARKER + 0xffe)
#define WAITER_BITSET 0x7e57
#define MAXT 64

static __thread unsigned long tls_val;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned long shared_sum;
static int shared_count;
static int gate;
static atomic_int release_spin;
static char results[MAXT + 2][256];
static char altstacks[MAXT + 2][16384];

static void add_shared(unsigned long v)
{
    pthread_mutex_lock(&mu);
    shared_sum += v;
    shared_count++;
    pthread_mutex_unlock(&mu);
}

/* The thread's mask, name and alternate stack, as a check against what it set (1: as set). */
static int own_state_ok(unsigned long want_mask_bit, const char *want_name, int slot)
{
    sigset_t now;
    pthread_sigmask(SIG_BLOCK, NULL, &now);
    char name[16] = {0};
    prctl(PR_GET_NAME, name);
    stack_t ss;
    sigaltstack(NULL, &ss);
    return sigismember(&now, (int)want_mask_bit) == 1 && !strcmp(name, want_name) &&
           ss.ss_sp == altstacks[slot] && ss.ss_size == sizeof altstacks[slot];
}

static void set_own_state(int sig, const char *name, int slot)
{
    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, sig);
    pthread_sigmask(SIG_BLOCK, &m, NULL);
    prctl(PR_SET_NAME, name);
    stack_t ss = {.ss_sp = altstacks[slot], .ss_size = sizeof altstacks[slot]};
    sigaltstack(&ss, NULL);
}

static void *worker(void *arg)
{
    long i = (long)arg;
    char name[16];
    snprintf(name, sizeof name, "w%ld", i);
    tls_val = 0x1000 + (unsigned long)i * 77;
    int sig = SIGRTMIN + (int)(i % 8);
    set_own_state(sig, name, (int)i);
    volatile unsigned char buf[512];
    for (int k = 0; k < 512; k++)
        buf[k] = (unsigned char)(k * (i + 3) + 7);
    unsigned long h = (unsigned long)i * 0x9e3779b97f4a7c15UL ^ tls_val;
    unsigned long in[4] = {(unsigned long)i, (unsigned long)i * 3, 0xabc0UL + (unsigned long)i,
                           ~(unsigned long)i};
    unsigned long out[4];
    unsigned long magic = MARKER + (unsigned long)i;
    __asm__ volatile("vmovdqu %[in], %%ymm8\n\t"
                     "mov $110, %%eax\n\t" /* getppid: the stop point */
                     "mov %[magic], %%rdi\n\t"
                     "syscall\n\t"
                     "vmovdqu %%ymm8, %[out]\n\t"
                     "vzeroupper\n\t"
                     : [out] "=m"(out)
                     : [in] "m"(in), [magic] "r"(magic)
                     : "rax", "rdi", "rcx", "r11", "xmm8", "memory");
    unsigned sum = 0;
    for (int k = 0; k < 512; k++) {
        sum += buf[k];
        h = h * 31 + buf[k];
    }
    int ok = tls_val == 0x1000 + (unsigned long)i * 77 && !memcmp(in, out, sizeof in) &&
             own_state_ok((unsigned long)sig, name, (int)i);
    add_shared(h & 0xffff);
    snprintf(results[i], sizeof results[i], "%s %s tls=%lu sum=%u h=%lx ymm=%lx,%lx,%lx,%lx\n",
             name, ok ? "ok" : "BAD", tls_val, sum, h, out[0], out[1], out[2], out[3]);
    return NULL;
}

static void *waiter(void *arg)
{
    int slot = (int)(long)arg;
    tls_val = 0x5151;
    set_own_state(SIGUSR1, "waiter", slot);
    long rc = syscall(SYS_futex, &gate, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL, NULL, WAITER_BITSET);
    int e = rc < 0 ? errno : 0;
    /* (EAGAIN only when run alone: under the tests it is blocked before main goes on) */
    int ok = (rc == 0 || e == EAGAIN) && tls_val == 0x5151 &&
             own_state_ok(SIGUSR1, "waiter", slot) &&
             __atomic_load_n(&gate, __ATOMIC_SEQ_CST) == 1;
    add_shared(0x5151);
    if (ok)
        snprintf(results[slot], sizeof results[slot], "waiter ok\n");
    else
        snprintf(results[slot], sizeof results[slot], "waiter BAD rc=%ld errno=%d\n", rc, e);
    return NULL;
}

static void *spinner(void *arg)
{
    int slot = (int)(long)arg;
    tls_val = 0x5959;
    set_own_state(SIGUSR2, "spinner", slot);
    volatile unsigned long k = tls_val * 3;
    syscall(SYS_getppid, MARKER_SPIN);
    unsigned long x = 1;
    while (!atomic_load(&release_spin))
        x = x * 6364136223846793005UL + 1;
    int ok = k == 0x5959 * 3 && tls_val == 0x5959 && own_state_ok(SIGUSR2, "spinner", slot);
    add_shared(0x5959 + (x & 0));
    snprintf(results[slot], sizeof results[slot], "spinner %s\n", ok ? "ok" : "BAD");
    return NULL;
}

static pthread_t th[MAXT + 2];
static int nthreads;

/* main's part after the threads are started (in mainexits mode, a thread's): the stop point,
 * the wake-ups, the joins and the report. The exit status. */
static int finish(void)
{
    tls_val = 0x4242;
    syscall(SYS_getppid, MARKER_MAIN);
    __atomic_store_n(&gate, 1, __ATOMIC_SEQ_CST);
    syscall(SYS_futex, &gate, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    atomic_store(&release_spin, 1);
    for (int i = 0; i < nthreads; i++)
        pthread_join(th[i], NULL);
    char report[(MAXT + 3) * 256];
    size_t len = 0;
    for (int i = 0; i < nthreads; i++)
        len += (size_t)snprintf(report + len, sizeof report - len, "%s", results[i]);
    len += (size_t)snprintf(report + len, sizeof report - len, "main %s sum=%lu count=%d\n",
                            tls_val == 0x4242 && shared_count == nthreads ? "ok" : "BAD",
                            shared_sum, shared_count);
    if (write(1, report, len) != (ssize_t)len)
        return 101;
    return 1 + (int)(shared_sum % 100);
}

static void *reporter(void *arg)
{
    (void)arg;
    exit(finish());
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 4;
    const char *mode = argc > 2 ? argv[2] : "";
    int plain = !strcmp(mode, "plain");
    if (n < 0 || n > MAXT)
        return 100;
    for (long i = 0; i < n; i++)
        pthread_create(&th[i], NULL, worker, (void *)i);
    if (!plain) {
        pthread_create(&th[n], NULL, waiter, (void *)(long)n);
        pthread_create(&th[n + 1], NULL, spinner, (void *)(long)(n + 1));
    }
    nthreads = plain ? n : n + 2;
    if (!strcmp(mode, "mainexits")) { /* main ends first; a thread does the rest */
        pthread_t r;
        pthread_create(&r, NULL, reporter, NULL);
        pthread_exit(NULL);
    }
    return finish();
}
