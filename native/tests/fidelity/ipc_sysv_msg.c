/* ipc_sysv_msg: a System V message queue: msgsnd of typed messages, msgrcv by exact type, by
 * "lowest type <= n" (negative msgtyp) and the first one (0); MSG_NOERROR truncates, without it
 * a too small buffer is E2BIG; IPC_NOWAIT on an empty queue is ENOMSG; msgctl IPC_STAT reports
 * msg_qnum, msg_lspid/msg_lrpid (our pid) and msg_stime; IPC_RMID removes it (then EINVAL). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/ipc.h>
#include <sys/msg.h>
#include <unistd.h>

struct message {
    long type;
    char text[32];
};

int main(void)
{
    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    OK(q >= 0, "msgget IPC_PRIVATE");
    struct message m = {3, "three"};
    OK(msgsnd(q, &m, 6, 0) == 0, "send type 3");
    m = (struct message){1, "one"};
    OK(msgsnd(q, &m, 4, 0) == 0, "send type 1");
    m = (struct message){2, "two, a longer text"};
    OK(msgsnd(q, &m, 19, 0) == 0, "send type 2");
    struct msqid_ds ds;
    OK(msgctl(q, IPC_STAT, &ds) == 0 && ds.msg_qnum == 3 && ds.msg_lspid == getpid() && ds.msg_stime > 0,
       "IPC_STAT: 3 messages, last sender us");
    SHOW("queue %d stime %ld", q, (long)ds.msg_stime);
    struct message r;
    memset(&r, 0, sizeof r);
    OK(msgrcv(q, &r, sizeof r.text, 2, 0) == 19 && r.type == 2 && strcmp(r.text, "two, a longer text") == 0,
       "receive type 2 exactly");
    memset(&r, 0, sizeof r);
    OK(msgrcv(q, &r, sizeof r.text, -3, 0) == 4 && r.type == 1 && strcmp(r.text, "one") == 0,
       "msgtyp -3: the lowest type first");
    errno = 0;
    OK(msgrcv(q, &r, 2, 0, 0) == -1 && errno == E2BIG, "2-byte buffer without MSG_NOERROR: E2BIG");
    memset(&r, 0, sizeof r);
    OK(msgrcv(q, &r, 2, 0, MSG_NOERROR) == 2 && r.type == 3 && memcmp(r.text, "th", 2) == 0 && r.text[2] == 0,
       "MSG_NOERROR truncates to 2 bytes");
    errno = 0;
    OK(msgrcv(q, &r, sizeof r.text, 0, IPC_NOWAIT) == -1 && errno == ENOMSG, "empty, IPC_NOWAIT: ENOMSG");
    OK(msgctl(q, IPC_STAT, &ds) == 0 && ds.msg_qnum == 0 &&
       ds.msg_lrpid == getpid(), "empty, last receiver us");
    OK(msgctl(q, IPC_RMID, NULL) == 0, "IPC_RMID");
    errno = 0;
    OK(msgsnd(q, &m, 4, IPC_NOWAIT) == -1 && (errno == EINVAL || errno == EIDRM), "removed: EINVAL");
    return FIDELITY_END();
}
