/* ipc_sysv_msg_child: a System V message queue between parent and child: the parent blocks in
 * msgrcv until the child sends, messages of two types arrive in the order sent, the child's
 * pid shows in IPC_STAT msg_lspid. With msg_qbytes lowered to two messages, the child sending
 * six must wait on the full queue for the parent's receives. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>

struct message {
    long type;
    char text[16];
};

int main(void)
{
    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    OK(q >= 0, "msgget");
    struct msqid_ds ds;
    msgctl(q, IPC_STAT, &ds);
    ds.msg_qbytes = 32;
    OK(msgctl(q, IPC_SET, &ds) == 0, "msg_qbytes 32");
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        for (int i = 0; i < 6; i++) {
            struct message m = {1 + i % 2, ""};
            snprintf(m.text, sizeof m.text, "msg%d", i);
            if (msgsnd(q, &m, 16, 0) != 0)
                _exit(1);
        }
        _exit(0);
    }
    int in_order = 1;
    for (int i = 0; i < 6; i++) {
        struct message m;
        char want[16];
        snprintf(want, sizeof want, "msg%d", i);
        if (msgrcv(q, &m, 16, 0, 0) != 16 || strcmp(m.text, want) != 0 || m.type != 1 + i % 2)
            in_order = 0;
    }
    OK(in_order, "six messages in the order sent, with their types");
    int st;
    OK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child sent all six");
    OK(msgctl(q, IPC_STAT, &ds) == 0 && ds.msg_lspid == p && ds.msg_qnum == 0, "last sender the child, empty");
    SHOW("queue %d child %d", q, p);
    msgctl(q, IPC_RMID, NULL);
    return FIDELITY_END();
}
