/* ipc_sysv_info: the System V IPC limits through the *ctl INFO commands: msgctl(IPC_INFO) fills
 * struct msginfo (msgmax, msgmnb, msgmni agree with /proc/sys/kernel/msg*), semctl(IPC_INFO)
 * struct seminfo (semmsl, semmns, semopm, semmni agree with /proc/sys/kernel/sem), shmctl(IPC_INFO)
 * struct shminfo (shmmax agrees with /proc/sys/kernel/shmmax); each returns the highest index. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

static int read_text(const char *path, char *buf, size_t n)
{
    int fd = open(path, O_RDONLY);
    ssize_t r = fd >= 0 ? read(fd, buf, n - 1) : -1;
    if (fd >= 0)
        close(fd);
    buf[r > 0 ? r : 0] = 0;
    return r > 0 ? 0 : -1;
}

int main(void)
{
    char text[256];
    struct msginfo mi;
    memset(&mi, 0xee, sizeof mi);
    OK(msgctl(0, IPC_INFO, (struct msqid_ds *)&mi) >= 0, "msgctl IPC_INFO");
    OK(read_text("/proc/sys/kernel/msgmax", text, sizeof text) == 0 &&
       atoi(text) == mi.msgmax, "msgmax agrees");
    OK(read_text("/proc/sys/kernel/msgmnb", text, sizeof text) == 0 &&
       atoi(text) == mi.msgmnb, "msgmnb agrees");
    OK(read_text("/proc/sys/kernel/msgmni", text, sizeof text) == 0 &&
       atoi(text) == mi.msgmni, "msgmni agrees");
    struct seminfo si;
    memset(&si, 0xee, sizeof si);
    OK(semctl(0, 0, IPC_INFO, &si) >= 0, "semctl IPC_INFO");
    int msl, mns, opm, mni;
    OK(read_text("/proc/sys/kernel/sem", text, sizeof text) == 0 &&
           sscanf(text, "%d %d %d %d", &msl, &mns, &opm, &mni) == 4 && msl == si.semmsl && mns == si.semmns &&
           opm == si.semopm && mni == si.semmni, "sem limits agree");
    struct shminfo shi;
    memset(&shi, 0xee, sizeof shi);
    OK(shmctl(0, IPC_INFO, (struct shmid_ds *)&shi) >= 0, "shmctl IPC_INFO");
    OK(read_text("/proc/sys/kernel/shmmax", text, sizeof text) == 0 && strtoull(text, NULL, 10) == shi.shmmax,
       "shmmax agrees");
    SHOW("msgmax %d semmsl %d shmmax %lu", mi.msgmax, si.semmsl, (unsigned long)shi.shmmax);
    return FIDELITY_END();
}
