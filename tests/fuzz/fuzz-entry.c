/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-entry.c - entry names under /dev/by-pcipath/<path>/ (SPEC 3) from any node.
 * Input: 5 bytes of kind and numbers, then the transport string. */

#include <errno.h>

#include "fuzz.h"
#include "path.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pcipath_node n = {0};
	char *t, buf[256], small[8];
	int r;

	if (size < 5)
		return 0;
	t = fuzz_string(data + 5, size - 5, 1024);
	if (!t)
		return 0;
	n.kind = (enum pcipath_kind)(data[0] % 10);
	n.part = (int)(data[1] | data[2] << 8) - 8;
	n.port = (int)data[3] - 8;
	n.n_ports = (int)data[4] - 8;
	n.transport = data[0] & 0x80 ? NULL : t;

	r = pcipath_entry(&n, buf, sizeof(buf));
	FUZZ_ASSERT(r == -EINVAL || r == -ENOSPC || (r > 0 && (size_t)r == strlen(buf)));
	if (r > 0) {
		/* One name: never a path, never "." or "..", no negative number. */
		FUZZ_ASSERT(!strchr(buf, '/') && !streq(buf, ".") && !streq(buf, ".."));
		FUZZ_ASSERT(n.part >= 0 && n.port >= 0);
		FUZZ_ASSERT(pcipath_entry(&n, small, sizeof(small)) ==
			    ((size_t)r < sizeof(small) ? r : -ENOSPC));
	}
	free(t);
	return 0;
}
