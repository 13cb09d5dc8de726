/* replay_harness.c: see replay_harness.h. */
#include "replay_harness.h"

#include "record.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void replay_test_husk(void)
{
    char self[PATH_MAX], link[PATH_MAX + 16];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    self[n > 0 ? n : 0] = 0;
    *strrchr(self, '/') = 0;
    snprintf(link, sizeof link, "%s/rewind-husk", self);
    if (access(link, X_OK) == 0)
        return;
    if (access("../build/rewind-husk", X_OK) != 0 && system("make -s -C .. build/rewind-husk") != 0)
        fatal("cannot build the husk");
    if (symlink("../rewind-husk", link) < 0 && errno != EEXIST)
        fatal("cannot link %s: %s", link, strerror(errno));
}

int replay_test_record(const char *dir, char *const argv[], const char *out_file)
{
    return replay_test_record_every(dir, argv, out_file, 0, NULL);
}

int replay_test_record_every(const char *dir, char *const argv[], const char *out_file,
                             uint64_t snapshot_every, struct record_result *res_out)
{
    fflush(stdout);
    int saved = dup(1), fd = open(out_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, 1);
    close(fd);
    char cwd[PATH_MAX] = "";
    if (!getcwd(cwd, sizeof cwd))
        fatal("getcwd: %s", strerror(errno));
    extern char **environ;
    struct record_request req = {.trace_dir = dir, .program = argv[0], .argv = argv, .envp = environ,
                                 .cwd = cwd, .snapshot_every = snapshot_every};
    struct record_result res;
    record_run(&req, &res);
    dup2(saved, 1);
    close(saved);
    if (res.error_code)
        fprintf(stderr, "recording %s failed: %s\n", argv[0], res.message);
    if (res_out)
        *res_out = res;
    return res.error_code ? -1 : 0;
}

int replay_test_record_scenario(const char *tmp, const char *name, char *dir, size_t dirlen)
{
    char bin[PATH_MAX], outfile[PATH_MAX + 80];
    const char *slash = strchr(name, '/');
    snprintf(bin, sizeof bin, slash ? "../build/%s" : "../build/scenarios/%s", name);
    snprintf(dir, dirlen, "%s/sc-%s", tmp, slash ? slash + 1 : name);
    snprintf(outfile, sizeof outfile, "%s.out", dir);
    char *argv[] = {bin, NULL};
    return access(bin, X_OK) != 0 ? -1 : replay_test_record(dir, argv, outfile);
}

void replay_test_run_to_end(struct replay *r, struct replay_stop *st)
{
    do
        replay_resume(r, RUN_CONTINUE, st);
    while (st->reason == RSTOP_SIGNAL || st->reason == RSTOP_BREAKPOINT);
}

static void append_output(void *ctx, int stream, const uint8_t *bytes, size_t n)
{
    (void)stream;
    buf_put(ctx, bytes, n);
}

int replay_test_straight(const char *dir, struct buf *out, struct replay_stop *st)
{
    struct replay *r = replay_open(dir, append_output, out, st);
    if (!r)
        return -1;
    replay_test_run_to_end(r, st);
    replay_close(r);
    return 0;
}

int replay_test_scenario_straight(const char *tmp, const char *name, char *dir, size_t dirlen,
                                  struct buf *out, struct replay_stop *st)
{
    if (replay_test_record_scenario(tmp, name, dir, dirlen) < 0) {
        snprintf(st->message, sizeof st->message, "cannot record %s", name);
        return -1;
    }
    return replay_test_straight(dir, out, st);
}
