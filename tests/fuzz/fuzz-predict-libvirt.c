/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-predict-libvirt.c - libFuzzer: a domain XML through parse, resolve, output. */

#include <stdio.h>

#include "fuzz.h"
#include "predict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct predict_model m;
	FILE *null;

	predict_model_init(&m, PREDICT_LIBVIRT);
	/* Whatever the input: no crash, no leak, and an error is one line. */
	if (predict_parse_libvirt(&m, (const char *)data, size) >= 0 &&
	    predict_resolve(&m) >= 0) {
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
