/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz.h - what every fuzz target defines, and its checks (abort: the fuzzer's crash). */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "macro.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant of the code under test: a violation is a crash the fuzzer reports. */
#define FUZZ_ASSERT(cond)        \
	do {                     \
		if (!(cond))     \
			abort(); \
	} while (0)

/* The input as a NUL-terminated string (caller frees); NULL when too big. */
static inline char *fuzz_string(const uint8_t *data, size_t size, size_t max)
{
	char *s;

	if (size > max)
		return NULL;
	s = malloc(size + 1);
	if (!s)
		return NULL;
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}
