/* uname: the kernel's identity (uname), the host name (gethostname) and the domain name, the
 * kind of machine facts a program prints in a banner. Replay returns the recorded strings. */
#include <stdio.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    struct utsname u;
    if (uname(&u) != 0)
        return 1;
    printf("sysname %s\nnodename %s\nrelease %s\nversion %s\nmachine %s\n", u.sysname,
           u.nodename, u.release, u.version, u.machine);
    char host[256];
    gethostname(host, sizeof host);
    printf("gethostname %s\n", host);
    char dom[256];
    getdomainname(dom, sizeof dom);
    printf("domainname %s\n", dom);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    printf("at %lld.%09ld\n", (long long)ts.tv_sec, ts.tv_nsec);
    return 0;
}
