/*
 * temp_dirs.h: the agent's temporary folders (a replay's copies of shared files and its System V
 * segment files). Their owners remove them at a normal end; when the agent is told to end by a
 * signal (rewind's TERM, its parent gone), the signal handler removes every folder still tracked,
 * so a killed session leaves nothing in $TMPDIR (except after SIGKILL, which runs no code).
 */
#ifndef REWIND_TEMP_DIRS_H
#define REWIND_TEMP_DIRS_H

/* Notes a folder just made (mkdtemp); ignored when too many are tracked already. */
void temp_dir_track(const char *path);

/* Forgets a folder (its owner is about to remove it, or has). */
void temp_dir_untrack(const char *path);

/* Removes the folder path and the files in it (not subfolders), and forgets it. */
void temp_dir_remove(const char *path);

/* Removes every tracked folder and the files in it (not subfolders). Async-signal-safe. */
void temp_dirs_remove_all(void);

#endif
