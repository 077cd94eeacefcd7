/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-normalize.c - libFuzzer target: pcipath_parse, and format's round trip. */

#include "fuzz.h"
#include "path.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, canon[PCIPATH_MAX_LEN], again[PCIPATH_MAX_LEN];
	struct pci_path p, q;
	const char *reason;

	if (size > 4096)
		return 0;
	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (pcipath_parse(s, &p, &reason) == 0) {
		/* What normalize prints must parse back to itself. */
		if (pcipath_format(&p, canon, sizeof(canon)) < 0)
			abort();
		if (pcipath_parse(canon, &q, &reason) != 0 ||
		    pcipath_format(&q, again, sizeof(again)) < 0 ||
		    strcmp(canon, again) != 0)
			abort();
	} else if (!reason || !*reason || strchr(reason, '\n')) {
		abort(); /* every refusal has a one-line reason */
	}
	free(s);
	return 0;
}
