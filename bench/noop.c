/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* noop.c - the benchmarks' baselines: exits 0; built static, and linked like today's
 * pcipath_id (dynamic, libudev). */

#ifdef BENCH_LINK_LIBUDEV
#include <libudev.h>

/* Referenced, never called: keeps libudev a load-time dependency under --as-needed. */
void *volatile pcipath_bench_keep = (void *)udev_unref;
#endif

int main(void)
{
	return 0;
}
