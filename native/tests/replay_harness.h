/*
 * replay_harness.h: what the replay tests share: the husk next to the test binary, and recording
 * a program into a trace folder with record_run (its stdout into a file).
 */
#ifndef REWIND_REPLAY_HARNESS_H
#define REWIND_REPLAY_HARNESS_H

#include <stddef.h>
#include <stdint.h>

/* Makes sure the husk is found next to this test binary (a link to ../rewind-husk), building it. */
void replay_test_husk(void);

/* Records argv[0] with argv into dir; the program's real stdout goes to out_file. 0 or -1. */
int replay_test_record(const char *dir, char *const argv[], const char *out_file);

/* As replay_test_record, taking a snapshot about every snapshot_every events while recording. */
int replay_test_record_every(const char *dir, char *const argv[], const char *out_file,
                             uint64_t snapshot_every);

/* Records the scenario program ../build/scenarios/NAME into TMP/sc-NAME (its path into dir). */
int replay_test_record_scenario(const char *tmp, const char *name, char *dir, size_t dirlen);

#endif
