/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-path.c - parse, format and tag round trip of any input (SPEC 1). */

#include <errno.h>

#include "fuzz.h"
#include "path.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size, 4096);
	char canon[PCIPATH_MAX_LEN], again[PCIPATH_MAX_LEN], tag[PCIPATH_MAX_LEN];
	struct pci_path p, q;
	const char *reason;
	int r;

	if (!s)
		return 0;
	r = pcipath_parse(s, &p, &reason);
	if (r < 0) {
		FUZZ_ASSERT(reason && *reason);
		free(s);
		return 0;
	}
	FUZZ_ASSERT(!reason && p.n_hops > 0 && p.n_hops <= PCIPATH_MAX_HOPS);
	/* Whatever parses formats, and the canonical form is a fixed point. */
	r = pcipath_format(&p, canon, sizeof(canon));
	FUZZ_ASSERT(r > 0 && (size_t)r == strlen(canon));
	FUZZ_ASSERT(pcipath_parse(canon, &q, &reason) == 0);
	FUZZ_ASSERT(pcipath_compare(&p, &q) == 0);
	FUZZ_ASSERT(pcipath_format(&q, again, sizeof(again)) == r && streq(again, canon));
	/* Every shorter buffer is refused, never overrun. */
	for (size_t n = 1; n <= (size_t)r; n++)
		FUZZ_ASSERT(pcipath_format(&p, again, n) == -ENOSPC);
	FUZZ_ASSERT(pcipath_tag(canon, tag, sizeof(tag)) == r);
	FUZZ_ASSERT(!strchr(tag, '/') && !strchr(tag, ':'));
	FUZZ_ASSERT(pcipath_is_prefix(&p, &q) && pcipath_is_prefix(&q, &p));
	free(s);
	return 0;
}
