/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-predict-qmp.c - libFuzzer: a query-pci reply through parse, resolve, output. */

#include "fuzz-predict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_predict(PREDICT_QMP, predict_parse_qmp, data, size);
}
