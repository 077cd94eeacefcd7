/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-predict-qemu.c - libFuzzer: a QEMU command line through parse, resolve, output. */

#include "fuzz-predict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_predict(PREDICT_QEMU, predict_parse_qemu, data, size);
}
