/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-of.c - pcipath of: the PCI path of a node, link, syspath, BDF or interface. */

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "cli-hwdb.h"
#include "cli-sysfs.h"
#include "cli-util.h"
#include "commands.h"
#include "kinds.h"
#include "log.h"
#include "macro.h"
#include "path.h"
#include "sysfs.h"

static void help_of(void)
{
	printf("Usage: %s of ARG [--json]\n"
	       "Print the PCI path of a device. ARG is a device node (/dev/vda), a link "
	       "to\n"
	       "one (/dev/disk/by-id/...), a sysfs path (/sys/class/net/eth0, "
	       "/devices/...),\n"
	       "a BDF (0000:05:00.0 or 05:00.0) or a network interface name.\n\n"
	       "  -j --json  {\"path\", \"tag\", \"bdf\", \"syspath\"} of the PCI "
	       "function\n"
	       "  -h --help  Show this help\n",
	       program_invocation_short_name);
}

/* ARG -> a syspath or devpath sysfs_canonical() takes. */
static int of_syspath(const char *arg, char *buf, size_t size)
{
	char bdf[20];
	struct stat st;

	switch (cli_classify_arg(arg)) {
	case CLI_ARG_SYSFS:
		strprintf(buf, size, "%s", arg);
		return 0;
	case CLI_ARG_BDF:
		cli_normalize_bdf(arg, bdf);
		strprintf(buf, size, "/sys/bus/pci/devices/%s", bdf);
		if (access(buf, F_OK) < 0) {
			ERR("of: %s: no such PCI function", bdf);
			return -ENOENT;
		}
		return 0;
	case CLI_ARG_IFNAME:
		strprintf(buf, size, "/sys/class/net/%s", arg);
		if (access(buf, F_OK) == 0)
			return 0;
		/* "vda": not an interface, maybe a node in /dev. */
		strprintf(buf, size, "/dev/%s", arg);
		if (stat(buf, &st) < 0) {
			ERR("of: %s: no such network interface or device node", arg);
			return -ENOENT;
		}
		break;
	case CLI_ARG_FILE:
		if (stat(arg, &st) < 0) {
			ERR("of: %s: %s", arg, strerror(errno));
			return -errno;
		}
		strprintf(buf, size, "%s", arg);
		break;
	default:
		ERR("of: '%s' is no device node, sysfs path, BDF or interface name", arg);
		return -EINVAL;
	}

	if (S_ISBLK(st.st_mode) || S_ISCHR(st.st_mode)) {
		strprintf(buf, size, "/sys/dev/%s/%u:%u",
			  S_ISBLK(st.st_mode) ? "block" : "char", major(st.st_rdev),
			  minor(st.st_rdev));
		return 0;
	}
	if (S_ISDIR(st.st_mode)) {
		/* e.g. /dev/by-pcipath/02/01/net -> /sys/class/net/enp2s1 */
		char real[PATH_MAX];

		if (realpath(buf, real) && startswith(real, "/sys/")) {
			strprintf(buf, size, "%s", real);
			return 0;
		}
	}
	ERR("of: %s: not a device node", arg);
	return -EINVAL;
}

int cmd_of(int argc, char *argv[])
{
	static const struct option options[] = {
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{},
	};
	char sp[PATH_MAX], dev[PATH_MAX], canon[PCIPATH_MAX_LEN];
	struct pcipath_fn fn;
	const char *arg;
	bool json = false;
	int opt, r;

	while ((opt = getopt_long(argc, argv, "jh", options, NULL)) >= 0) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'h':
			help_of();
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (!want_operands(argc, 1, "of", "missing ARG"))
		return CLI_EXIT_USAGE;
	arg = argv[optind];
	if (of_syspath(arg, sp, sizeof(sp)) < 0)
		return CLI_EXIT_ERR;
	r = sysfs_canonical(sp, dev, sizeof(dev));
	if (r < 0) {
		ERR("of: %s: %s", arg,
		    r == -EINVAL ? "not a device in /sys/devices" : strerror(-r));
		return CLI_EXIT_ERR;
	}
	r = sysfs_walk(dev, 0, &fn);
	if (r == 0) {
		ERR("of: %s: no PCI function among its ancestors", arg);
		return CLI_EXIT_ERR;
	}
	if (r < 0) {
		ERR("of: %s: %s", arg, log_strerror(r));
		return CLI_EXIT_ERR;
	}
	if (pcipath_format(&fn.path, canon, sizeof(canon)) < 0)
		return CLI_EXIT_ERR;
	if (json)
		return print_path_result(true, canon, fn.bdf, fn.syspath);
	printf("%s\n", canon);
	return finish_output();
}
