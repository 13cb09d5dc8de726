/* proc_info.c: see proc_info.h. */
#include "proc_info.h"

#include <stdio.h>
#include <string.h>

/* The pid-valued line `field` ("PPid", "Tgid") of /proc/PID/status, or -1. */
static pid_t status_pid(pid_t pid, const char *field)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    FILE *f = fopen(path, "re");
    if (!f)
        return -1;
    size_t len = strlen(field);
    pid_t value = -1;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, field, len) && line[len] == ':' && sscanf(line + len + 1, "%d", &value) == 1)
            break;
    fclose(f);
    return value;
}

pid_t proc_parent_of(pid_t pid) { return status_pid(pid, "PPid"); }

pid_t proc_thread_group_of(pid_t tid) { return status_pid(tid, "Tgid"); }

bool proc_task_ended(pid_t tid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", tid);
    FILE *f = fopen(path, "re");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = 0;
    /* the state follows the name in parentheses, which may itself hold ") " */
    char *paren = strrchr(buf, ')');
    return !paren || (paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X'));
}
