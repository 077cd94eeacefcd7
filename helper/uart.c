/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* uart.c - re-trigger the ports of a PCI UART whose names the port count changed. */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "macro.h"
#include "path.h"
#include "sysfs.h"
#include "uart.h"
#include "util.h"

/* ID_PCI_PATH_ENTRY of a char device in udev's database, "" when none is recorded. */
static void db_entry(unsigned major, unsigned minor, char *buf, size_t size)
{
	char p[64], db[8192];

	buf[0] = '\0';
	snprintf(p, sizeof(p), "/run/udev/data/c%u:%u", major, minor);
	if (sysfs_read(p, db, sizeof(db)) >= 0)
		uevent_get(db, "E:ID_PCI_PATH_ENTRY", buf, size);
}

static int trigger_change(const char *syspath)
{
	char p[PATH_MAX];
	_cleanup_close_ int fd = -1;

	if (!strprintf(p, sizeof(p), "%s/uevent", syspath))
		return -ENAMETOOLONG;
	fd = open(p, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 || write(fd, "change", 6) != 6)
		return -errno;
	return 0;
}

int uart_recheck(const char *tty_syspath, const char *entry)
{
	struct sysfs_uart ports[SYSFS_MAX_UART_PORTS];
	struct pcipath_fn fn;
	int n, r, triggered = 0;

	r = sysfs_walk(tty_syspath, 0, &fn);
	if (r <= 0)
		return r;
	n = sysfs_uart_list(fn.syspath, tty_syspath, ports, ARRAY_SIZE(ports));
	if (n <= 0)
		return n == -EINVAL ? 0 : n;
	for (int i = 0; i < n; i++) {
		struct pcipath_node node = {.kind = PCIPATH_TTY, .port = i, .n_ports = n};
		char want[32], have[64];

		if (pcipath_entry(&node, want, sizeof(want)) < 0)
			return -EINVAL;
		if (streq(ports[i].syspath, tty_syspath))
			strprintf(have, sizeof(have), "%s", entry ? entry : "");
		else
			db_entry(ports[i].major, ports[i].minor, have, sizeof(have));
		/* Not recorded yet: that port's own event is still to come or running. */
		if (!have[0] || streq(have, want))
			continue;
		DBG("%s: named %s, is %s of %d ports: change", ports[i].syspath, have,
		    want, n);
		r = trigger_change(ports[i].syspath);
		if (r < 0) {
			ERR("%s: cannot trigger a change event: %s", ports[i].syspath,
			    strerror(-r));
			return r;
		}
		triggered++;
	}
	return triggered;
}
