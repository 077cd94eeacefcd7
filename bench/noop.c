/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* noop.c - the benchmark's baseline: linked like pcipath_id (libudev), does nothing. */

#include <libudev.h>

/* Referenced, never called: keeps libudev a load-time dependency under --as-needed. */
void *volatile pcipath_bench_keep = (void *)udev_unref;

int main(void)
{
	return 0;
}
