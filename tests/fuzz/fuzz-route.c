/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-route.c - syspath string -> PCI route (what every walk starts with). */

#include <errno.h>

#include "fuzz.h"
#include "path.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size, 8192);
	size_t ends[PCIPATH_MAX_HOPS];
	char canon[PCIPATH_MAX_LEN];
	struct pci_path p;
	int n;

	if (!s)
		return 0;
	n = pcipath_route(s, &p, ends);
	FUZZ_ASSERT(n == 0 || n == -EBADMSG || n == -E2BIG ||
		    (n > 0 && n <= PCIPATH_MAX_HOPS));
	if (n > 0) {
		FUZZ_ASSERT((unsigned)n == p.n_hops);
		/* Each hop's component ends further right, inside the string, at a '/' or
		 * the end: the function's syspath is a prefix of the device's. */
		for (int i = 0; i < n; i++) {
			FUZZ_ASSERT(ends[i] <= strlen(s));
			FUZZ_ASSERT(s[ends[i]] == '/' || s[ends[i]] == '\0');
			FUZZ_ASSERT(i == 0 || ends[i] > ends[i - 1]);
		}
		FUZZ_ASSERT(pcipath_format(&p, canon, sizeof(canon)) > 0);
	}
	free(s);
	return 0;
}
