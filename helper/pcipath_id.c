/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pcipath_id.c - udev helper: print the PCI path properties of one device. */

/*
 * udev runs us for every event of a PCI function's devices (61-pcipath.rules,
 * IMPORT{program}): our exec is the whole cost of pcipath at boot, so this program
 * links no libudev and uses no stdio (see bench/RESULTS.md). Under udev the event's
 * properties are in our environment; by hand, the uevent file and udev's database.
 */

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decide.h"
#include "kinds.h"
#include "log.h"
#include "macro.h"
#include "sysfs.h"

struct device {
	char syspath[PATH_MAX];
	bool from_env;	   /* run by udev for this very device: its properties are env */
	char uevent[4096]; /* by hand: the uevent file, then udev's db entry */
	char db[8192];
	bool loaded;
};

/* udev's database entry of a device ("E:KEY=value" lines), as udev keys devices. */
static void load_db(struct device *d, const char *subsystem)
{
	char major[16], minor[16], ifindex[16], p[PATH_MAX];
	bool ok;

	if (uevent_get(d->uevent, "MAJOR", major, sizeof(major)) &&
	    uevent_get(d->uevent, "MINOR", minor, sizeof(minor)))
		ok = strprintf(p, sizeof(p), "/run/udev/data/%c%s:%s",
			       streq0(subsystem, "block") ? 'b' : 'c', major, minor);
	else if (uevent_get(d->uevent, "IFINDEX", ifindex, sizeof(ifindex)))
		ok = strprintf(p, sizeof(p), "/run/udev/data/n%s", ifindex);
	else
		ok = strprintf(p, sizeof(p), "/run/udev/data/+%s:%s",
			       subsystem ? subsystem : "", path_basename(d->syspath));
	if (!ok || sysfs_read(p, d->db, sizeof(d->db)) < 0)
		d->db[0] = '\0';
}

/* A property of the event (env), or by hand of the uevent file, else of the db. */
static const char *prop(struct device *d, const char *key, char *buf, size_t size)
{
	char k[64];
	const char *v;

	if (d->from_env)
		return getenv(key);
	if (!d->loaded) {
		char sub[32];

		if (sysfs_read_at(d->syspath, "uevent", d->uevent, sizeof(d->uevent)) < 0)
			d->uevent[0] = '\0';
		load_db(d,
			sysfs_subsystem(d->syspath, sub, sizeof(sub)) == 0 ? sub : NULL);
		d->loaded = true;
	}
	v = uevent_get(d->uevent, key, buf, size);
	if (v)
		return v;
	/* The db's lines are "E:KEY=value": look KEY up as "E:KEY". */
	if (!strprintf(k, sizeof(k), "E:%s", key))
		return NULL;
	return uevent_get(d->db, k, buf, size);
}

/* Gather what the decisions need (decide.h) for a device below fn. */
static int gather(struct device *d, const struct pcipath_fn *fn, const char *subsystem,
		  struct pcipath_facts *f)
{
	static char devname[256], devtype[32], partn[16], id_path[512], id_path_rev[512],
		dev_port[16];
	int r;

	memset(f, 0, sizeof(*f));
	f->subsystem = subsystem;
	f->sysname = path_basename(d->syspath);
	f->usb_port = -1;
	switch (pcipath_node_kind(subsystem, f->sysname)) {
	case PCIPATH_DISK:
		f->devname = prop(d, "DEVNAME", devname, sizeof(devname));
		f->devtype = prop(d, "DEVTYPE", devtype, sizeof(devtype));
		f->partn = prop(d, "PARTN", partn, sizeof(partn));
		f->id_path = prop(d, "ID_PATH", id_path, sizeof(id_path));
		f->id_path_usb_revision = prop(d, "ID_PATH_WITH_USB_REVISION",
					       id_path_rev, sizeof(id_path_rev));
		return 0;
	case PCIPATH_TTY:
		r = sysfs_behind_usb(fn->syspath, d->syspath, &f->usb_port);
		if (r < 0)
			return r;
		f->behind_usb = r > 0;
		if (f->behind_usb) {
			f->id_path = prop(d, "ID_PATH", id_path, sizeof(id_path));
			return 0;
		}
		r = sysfs_uart_ports(fn->syspath, d->syspath, &f->uart_index,
				     &f->uart_ports);
		return r == -EINVAL ? 0 : r; /* -EINVAL: no device node, no entry */
	case PCIPATH_NET:
		r = sysfs_read_at(d->syspath, "dev_port", dev_port, sizeof(dev_port));
		if (r >= 0)
			f->dev_port = dev_port;
		else if (!sysfs_exists(d->syspath))
			return -ENODEV; /* every netdev has dev_port: it went away */
		return 0;
	default:
		return 0;
	}
}

/* Everything to print for the device, or a negative errno (nothing to print). */
static int run(struct device *d, char *out, size_t size)
{
	struct pcipath_fn fn;
	struct pcipath_facts facts;
	struct pcipath_props props;
	static char fn_uevent[4096];
	char sub[32], modalias_buf[80];
	const char *subsystem, *modalias;
	int r;

	/* The event's SUBSYSTEM under udev; by hand, a failed read may mean "removed". */
	subsystem = d->from_env ? getenv("SUBSYSTEM") : NULL;
	if (!subsystem && sysfs_subsystem(d->syspath, sub, sizeof(sub)) == 0)
		subsystem = sub;
	if (!subsystem && !sysfs_exists(d->syspath))
		return -ENODEV;

	r = sysfs_walk(d->syspath, 0, &fn);
	if (r <= 0)
		return r;
	/* The function's modalias, as its uevent file says (and the commands read it):
	 * for the function's own event that is the event's (under udev, our env). */
	if (streq(fn.syspath, d->syspath))
		modalias = prop(d, "MODALIAS", modalias_buf, sizeof(modalias_buf));
	else {
		if (sysfs_read_at(fn.syspath, "uevent", fn_uevent, sizeof(fn_uevent)) < 0)
			fn_uevent[0] = '\0';
		modalias = uevent_get(fn_uevent, "MODALIAS", modalias_buf,
				      sizeof(modalias_buf));
	}
	/* The function itself, or a device without a node kind of ours: path only. */
	if (streq(fn.syspath, d->syspath) || !subsystem ||
	    pcipath_node_kind(subsystem, path_basename(d->syspath)) < 0)
		r = pcipath_decide(&fn.path, fn.bdf, modalias, NULL, &props);
	else {
		r = gather(d, &fn, subsystem, &facts);
		if (r < 0)
			return r;
		r = pcipath_decide(&fn.path, fn.bdf, modalias, &facts, &props);
	}
	if (r < 0)
		return r;
	r = pcipath_props_format(&props, out, size);
	if (r < 0)
		return r;
	/* Removed while we read it: what we computed may be half stale, print nothing. */
	return sysfs_exists(d->syspath) ? r : -ENODEV;
}

static void puts_out(const char *s)
{
	(void)!write(STDOUT_FILENO, s, strlen(s));
}

static void help(void)
{
	puts_out("Usage: pcipath_id [SYSPATH|DEVPATH]\n"
		 "Print the PCI path properties (ID_PCI_PATH=...) of a device, for "
		 "udev's\n"
		 "IMPORT{program}. Without an argument, the device is $DEVPATH.\n\n"
		 "  -h --help     Show this help\n"
		 "     --version  Show the version\n");
}

int main(int argc, char *argv[])
{
	static const struct option options[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{},
	};
	static struct device d;
	static char out[4096];
	const char *arg, *env_devpath = getenv("DEVPATH");
	int opt, r;

	log_setup(true);
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) >= 0) {
		switch (opt) {
		case 'h':
			help();
			return EXIT_SUCCESS;
		case 'V':
			puts_out(PCIPATH_VERSION "\n");
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

	/* udev's DEVPATH is canonical already: no realpath() on the hot path. */
	if (arg == env_devpath && startswith(arg, "/devices/") &&
	    !path_has_dot_component(arg) &&
	    strprintf(d.syspath, sizeof(d.syspath), "/sys%s", arg))
		r = 0;
	else
		r = sysfs_canonical(arg, d.syspath, sizeof(d.syspath));
	if (r < 0) {
		if (r == -EINVAL)
			ERR("%s: not a device in /sys/devices (want a syspath or "
			    "devpath)",
			    arg);
		else
			ERR("%s: %s", arg, strerror(-r));
		return EXIT_FAILURE;
	}
	d.from_env = env_devpath && streq(d.syspath + strlen("/sys"), env_devpath);

	r = run(&d, out, sizeof(out));
	if (r < 0) {
		ERR("%s: %s", d.syspath,
		    r == -ENODEV ? "device removed" : log_strerror(r));
		return EXIT_FAILURE;
	}
	if (r > 0 && write(STDOUT_FILENO, out, (size_t)r) != r) {
		ERR("cannot write output: %s", strerror(errno));
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}
