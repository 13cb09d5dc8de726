/* net_netlink_getlink: a NETLINK_ROUTE socket: RTM_GETLINK dump request; the reply is a series
 * of RTM_NEWLINK messages (ifinfomsg + attributes) ending with NLMSG_DONE; the loopback
 * interface is among them, named "lo" (IFLA_IFNAME) with IFF_LOOPBACK and mtu attribute; the
 * reply carries our sequence number; getsockname gives our netlink port id. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    OK(fd >= 0, "netlink socket");
    struct sockaddr_nl local = {.nl_family = AF_NETLINK};
    socklen_t len = sizeof local;
    OK(bind(fd, (struct sockaddr *)&local, sizeof local) == 0 &&
           getsockname(fd, (struct sockaddr *)&local, &len) == 0 && local.nl_pid != 0, "bound: a port id");
    struct {
        struct nlmsghdr h;
        struct ifinfomsg i;
    } req = {{NLMSG_LENGTH(sizeof(struct ifinfomsg)), RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 4242, 0},
             {.ifi_family = AF_UNSPEC}};
    OK(send(fd, &req, req.h.nlmsg_len, 0) == (ssize_t)req.h.nlmsg_len, "RTM_GETLINK dump request");
    static char buf[65536];
    int done = 0, links = 0, lo_found = 0, seq_ok = 1, lo_mtu = 0;
    while (!done) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            break;
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_seq != 4242)
                seq_ok = 0;
            if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
                done = h->nlmsg_type == NLMSG_DONE ? 1 : -1;
                break;
            }
            if (h->nlmsg_type != RTM_NEWLINK)
                continue;
            links++;
            struct ifinfomsg *ifi = NLMSG_DATA(h);
            int alen = IFLA_PAYLOAD(h), is_lo = 0, mtu = 0;
            for (struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, alen); a = RTA_NEXT(a, alen)) {
                if (a->rta_type == IFLA_IFNAME && strcmp(RTA_DATA(a), "lo") == 0)
                    is_lo = 1;
                if (a->rta_type == IFLA_MTU)
                    mtu = *(int *)RTA_DATA(a);
            }
            if (is_lo && (ifi->ifi_flags & IFF_LOOPBACK)) {
                lo_found = 1;
                lo_mtu = mtu;
            }
        }
    }
    OK(done == 1, "the dump ends with NLMSG_DONE");
    OK(links >= 1 && seq_ok, "RTM_NEWLINK messages with our sequence number");
    OK(lo_found && lo_mtu > 0, "lo: IFF_LOOPBACK, an mtu");
    SHOW("port id %u, %d links, lo mtu %d", local.nl_pid, links, lo_mtu);
    close(fd);
    return FIDELITY_END();
}
