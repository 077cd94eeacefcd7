/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-predict-libvirt.c - libFuzzer: a domain XML through parse, resolve, output. */

#include "fuzz-predict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_predict(PREDICT_LIBVIRT, predict_parse_libvirt, data, size);
}
