/* net_abstract_unix: abstract AF_UNIX names (sun_path starting with NUL, no file): bind with an
 * exact length, getsockname returns the same bytes and length, a second bind of the name is
 * EADDRINUSE, connect by the name works; autobind (bind with only the family) gives a
 * kernel-chosen 5 hex digit abstract name. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <ctype.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(void)
{
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    int n = snprintf(a.sun_path + 1, sizeof a.sun_path - 1, "rewind-fidelity-%d", getpid());
    socklen_t len = offsetof(struct sockaddr_un, sun_path) + 1 + n;
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    OK(bind(l, (struct sockaddr *)&a, len) == 0 && listen(l, 1) == 0, "bind an abstract name");
    struct sockaddr_un got;
    socklen_t glen = sizeof got;
    memset(&got, 0xee, sizeof got);
    OK(getsockname(l, (struct sockaddr *)&got, &glen) == 0 && glen == len && memcmp(&got, &a, len) == 0,
       "getsockname: the same bytes and length");
    int other = socket(AF_UNIX, SOCK_STREAM, 0);
    errno = 0;
    OK(bind(other, (struct sockaddr *)&a, len) == -1 && errno == EADDRINUSE, "taken: EADDRINUSE");
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    OK(connect(c, (struct sockaddr *)&a, len) == 0, "connect by the name");
    int s = accept(l, NULL, NULL);
    OK(s >= 0 && write(c, "z", 1) == 1, "accepted");
    char z = 0;
    OK(read(s, &z, 1) == 1 && z == 'z', "data");
    int ab = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un fam = {.sun_family = AF_UNIX};
    OK(bind(ab, (struct sockaddr *)&fam, sizeof(sa_family_t)) == 0, "autobind");
    glen = sizeof got;
    memset(&got, 0, sizeof got);
    OK(getsockname(ab, (struct sockaddr *)&got, &glen) == 0 &&
       glen == offsetof(struct sockaddr_un, sun_path) + 6 &&
           got.sun_path[0] == 0 && isxdigit(got.sun_path[1]) && isxdigit(got.sun_path[5]),
       "autobind name: NUL and 5 hex digits");
    SHOW("autobind name %.5s, ours %s", got.sun_path + 1, a.sun_path + 1);
    return FIDELITY_END();
}
