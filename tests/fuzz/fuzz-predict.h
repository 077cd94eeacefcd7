/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-predict.h - what the three predict targets share: parse, resolve, every output. */
#pragma once

#include <stdio.h>

#include "fuzz.h"
#include "predict.h"

typedef int (*predict_parse_fn)(struct predict_model *m, const char *buf, size_t len);

static inline int fuzz_predict(enum predict_source source, predict_parse_fn parse,
			       const uint8_t *data, size_t size)
{
	struct predict_model m;
	FILE *null;

	predict_model_init(&m, source);
	/* Whatever the input: no crash, no leak, and an error is one line. */
	if (parse(&m, (const char *)data, size) >= 0 && predict_resolve(&m) >= 0) {
		null = fopen("/dev/null", "we");
		if (null) {
			for (int f = PREDICT_TABLE; f <= PREDICT_LINKS; f++)
				predict_print(&m, (enum predict_format)f, null);
			fclose(null);
		}
	}
	FUZZ_ASSERT(!strchr(m.error, '\n'));
	predict_model_free(&m);
	return 0;
}
