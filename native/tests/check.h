/*
 * check.h: the C tests' one way to check: check(ok, what) counts a pass or prints "FAIL: what";
 * check_summary() prints the counts and gives the test's exit status.
 */
#ifndef REWIND_TEST_CHECK_H
#define REWIND_TEST_CHECK_H

void check(int ok, const char *what);
int check_summary(void);

#endif
