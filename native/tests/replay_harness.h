/*
 * replay_harness.h: what the replay tests share: the husk next to the test binary, and recording
 * a program into a trace folder with record_run (its stdout into a file).
 */
#ifndef REWIND_REPLAY_HARNESS_H
#define REWIND_REPLAY_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "replay.h"
#include "util.h"

/* Makes sure the husk is found next to this test binary (a link to ../rewind-husk), building it. */
void replay_test_husk(void);

/* Records argv[0] with argv into dir; the program's real stdout goes to out_file. 0 or -1. */
int replay_test_record(const char *dir, char *const argv[], const char *out_file);

struct record_result;

/* As replay_test_record, taking a snapshot about every snapshot_every events while recording;
 * the recorder's result in *res (may be NULL). */
int replay_test_record_every(const char *dir, char *const argv[], const char *out_file,
                             uint64_t snapshot_every, struct record_result *res);

/* Records the scenario program ../build/scenarios/NAME into TMP/sc-NAME (its path into dir);
 * a NAME of the form KIND/PROGRAM is ../build/KIND/PROGRAM (fidelity/thr_race), into
 * TMP/sc-PROGRAM. */
int replay_test_record_scenario(const char *tmp, const char *name, char *dir, size_t dirlen);

/* Resumes r through breakpoints and faults until it ends; the final stop in st. */
void replay_test_run_to_end(struct replay *r, struct replay_stop *st);

/* Replays dir straight to its end: the output it prints appended to out, the final stop in st.
 * 0, or -1 (st->message says why). */
int replay_test_straight(const char *dir, struct buf *out, struct replay_stop *st);

/* Records the scenario program NAME (as replay_test_record_scenario) and replays it straight
 * (as replay_test_straight). 0, or -1 with st->message. */
int replay_test_scenario_straight(const char *tmp, const char *name, char *dir, size_t dirlen,
                                  struct buf *out, struct replay_stop *st);

#endif
