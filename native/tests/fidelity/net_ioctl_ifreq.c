/* net_ioctl_ifreq: network interface ioctls on a socket: SIOCGIFINDEX of "lo", SIOCGIFNAME back
 * from the index, SIOCGIFFLAGS (IFF_UP|IFF_LOOPBACK), SIOCGIFMTU, SIOCGIFADDR 127.0.0.1,
 * SIOCGIFCONF lists lo with its address; an unknown interface is ENODEV. The kernel writes
 * struct ifreq (40 bytes) and, for SIOCGIFCONF, the array ifc_buf points to. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct ifreq r;
    memset(&r, 0, sizeof r);
    strcpy(r.ifr_name, "lo");
    OK(ioctl(fd, SIOCGIFINDEX, &r) == 0 && r.ifr_ifindex > 0, "SIOCGIFINDEX lo");
    int index = r.ifr_ifindex;
    memset(&r, 0, sizeof r);
    r.ifr_ifindex = index;
    OK(ioctl(fd, SIOCGIFNAME, &r) == 0 && strcmp(r.ifr_name, "lo") == 0, "SIOCGIFNAME: lo");
    OK(ioctl(fd, SIOCGIFFLAGS, &r) == 0 && (r.ifr_flags & IFF_LOOPBACK) && (r.ifr_flags & IFF_UP), "flags");
    OK(ioctl(fd, SIOCGIFMTU, &r) == 0 && r.ifr_mtu > 0, "mtu");
    int mtu = r.ifr_mtu;
    OK(ioctl(fd, SIOCGIFADDR, &r) == 0 &&
           ((struct sockaddr_in *)&r.ifr_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK),
               "address 127.0.0.1");
    struct ifreq list[16];
    memset(list, 0, sizeof list);
    struct ifconf conf = {.ifc_len = sizeof list, .ifc_req = list};
    OK(ioctl(fd, SIOCGIFCONF, &conf) == 0 && conf.ifc_len > 0 &&
       conf.ifc_len % (int)sizeof(struct ifreq) == 0,
       "SIOCGIFCONF");
    int lo_listed = 0;
    for (int i = 0; i < conf.ifc_len / (int)sizeof(struct ifreq); i++)
        if (strcmp(list[i].ifr_name, "lo") == 0 &&
            ((struct sockaddr_in *)&list[i].ifr_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK))
            lo_listed = 1;
    OK(lo_listed, "lo listed with 127.0.0.1");
    memset(&r, 0, sizeof r);
    strcpy(r.ifr_name, "nosuchif0");
    errno = 0;
    OK(ioctl(fd, SIOCGIFINDEX, &r) == -1 && errno == ENODEV, "unknown interface: ENODEV");
    SHOW("lo index %d mtu %d, %d interfaces", index, mtu, conf.ifc_len / (int)sizeof(struct ifreq));
    close(fd);
    return FIDELITY_END();
}
