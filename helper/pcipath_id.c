/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pcipath_id.c - udev helper: print the PCI path properties of one device. */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libudev.h>

#include "macro.h"
#include "props.h"
#include "sysfs.h"

struct ctx {
	struct udev_device *dev;
	bool from_env;
};

/*
 * Under udev (IMPORT{program}) the event's properties are in our environment and the
 * udev db may still hold the previous event's; by hand, the db is all there is.
 */
static const char *getprop(void *userdata, const char *key)
{
	struct ctx *c = userdata;

	return c->from_env ? getenv(key) : udev_device_get_property_value(c->dev, key);
}

static void help(void)
{
	printf("Usage: %s [SYSPATH|DEVPATH]\n"
	       "Print the PCI path properties (ID_PCI_PATH=...) of a device, for udev's\n"
	       "IMPORT{program}. Without an argument, the device is $DEVPATH.\n\n"
	       "  -h --help     Show this help\n"
	       "     --version  Show the version\n",
	       program_invocation_short_name);
}

int main(int argc, char *argv[])
{
	static const struct option options[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{},
	};
	struct udev *udev = NULL;
	struct ctx c = {};
	struct outbuf out = {};
	const char *arg, *env_devpath = getenv("DEVPATH");
	int opt, r, ret = EXIT_FAILURE;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) >= 0) {
		switch (opt) {
		case 'h':
			help();
			return EXIT_SUCCESS;
		case 'V':
			puts(PCIPATH_VERSION);
			return EXIT_SUCCESS;
		default:
			return EXIT_FAILURE;
		}
	}
	if (argc - optind > 1) {
		ERR("too many arguments; usage: %s [SYSPATH|DEVPATH]",
		    program_invocation_short_name);
		return EXIT_FAILURE;
	}
	arg = optind < argc ? argv[optind] : env_devpath;
	if (!arg) {
		ERR("no device: give a syspath or devpath, or run from udev ($DEVPATH)");
		return EXIT_FAILURE;
	}

	udev = udev_new();
	if (!udev) {
		ERR("cannot create udev context: %s", strerror(errno));
		return EXIT_FAILURE;
	}
	c.dev = pcipath_device_open(udev, arg, &r);
	if (!c.dev) {
		if (r == -EINVAL)
			ERR("%s: not a device in /sys/devices (want a syspath or "
			    "devpath)",
			    arg);
		else
			ERR("%s: %s", arg, strerror(-r));
		goto out;
	}
	c.from_env = env_devpath && streq(env_devpath, udev_device_get_devpath(c.dev));

	r = pcipath_props(c.dev, getprop, &c, &out);
	/* Removed while we read it: what we computed may be half stale, print nothing. */
	if (r >= 0 && !pcipath_device_exists(c.dev))
		r = -ENODEV;
	if (r < 0) {
		const char *why = r == -EBADMSG	 ? "malformed sysfs tree"
				  : r == -E2BIG	 ? "PCI route deeper than 32 hops"
				  : r == -ENODEV ? "device removed"
						 : strerror(-r);

		ERR("%s: %s", udev_device_get_syspath(c.dev), why);
		goto out;
	}
	if (fwrite(out.buf, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
		ERR("cannot write output: %s", strerror(errno));
		goto out;
	}
	ret = EXIT_SUCCESS;
out:
	udev_device_unref(c.dev);
	udev_unref(udev);
	return ret;
}
