/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-text.c - sysfs text: uevent lines, link targets, transports (util.c, path.c).
 * Input: key, then NUL, then the text/target; the first line of the text is also an
 * ID_PATH for pcipath_transport() with the key as the BDF. */

#include <errno.h>

#include "fuzz.h"
#include "path.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size, 8192), *text, buf[256], link[512];
	const char *v, *t;
	int r;

	if (!s)
		return 0;
	text = s + strlen(s) + 1;
	if ((size_t)(text - s) > size)
		text = s + size;
	v = uevent_get(text, s, buf, sizeof(buf));
	FUZZ_ASSERT(!v || (v == buf && strlen(buf) < sizeof(buf)));
	r = sysfs_resolve_link("/sys/class/block", text, link, sizeof(link));
	FUZZ_ASSERT(r == -EINVAL || r == -ENAMETOOLONG ||
		    (r > 0 && (size_t)r == strlen(link)));
	if (r > 0) {
		FUZZ_ASSERT(link[0] == '/' && !path_has_dot_component(link));
		FUZZ_ASSERT(!strstr(link, "//"));
	}
	t = pcipath_transport(text, s);
	/* A transport is path_id's suffix, inside ID_PATH, in the link-name alphabet. */
	if (t) {
		FUZZ_ASSERT(t >= text && t <= text + strlen(text));
		FUZZ_ASSERT(!*t || *t == '-');
		FUZZ_ASSERT(!strchr(t, '/') && !strchr(t, ' '));
	}
	free(s);
	return 0;
}
