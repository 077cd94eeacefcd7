/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tap.h - the unit tests' TAP output: CHECK(cond, fmt, ...) and the closing plan. */
#pragma once

#include <stdio.h>
#include <stdlib.h>

static int n_test, n_fail;

#define CHECK(cond, fmt, ...)                                                          \
	do {                                                                           \
		n_test++;                                                              \
		if (cond)                                                              \
			printf("ok %d - " fmt "\n", n_test, ##__VA_ARGS__);            \
		else {                                                                 \
			n_fail++;                                                      \
			printf("not ok %d - " fmt " (%s:%d)\n", n_test, ##__VA_ARGS__, \
			       __FILE__, __LINE__);                                    \
		}                                                                      \
	} while (0)

/* Print the plan (after the tests, as TAP allows) and the exit status. */
static inline int tap_done(void)
{
	printf("1..%d\n", n_test);
	return n_fail ? EXIT_FAILURE : EXIT_SUCCESS;
}
