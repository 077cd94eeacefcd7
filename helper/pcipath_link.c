/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pcipath_link.c - udev RUN program: the links and altnames udev cannot make itself. */

/*
 * Net interfaces have no device node and a vfio group node lives under
 * /devices/virtual, so udev's SYMLINK cannot give them /dev/by-pcipath names; hwdb
 * labels must not be udev's SYMLINK either (udev settles two claimants silently, by
 * priority). udev runs us (61-pcipath.rules) with the event's properties in our
 * environment:
 *
 *   pcipath_link update   make the device's links what they should be now (linkset.h),
 *                         taking back what it was given before and no longer should
 *                         have (a label dropped, PCIPATH_IGNORE=1, the opt-out flag,
 *                         an unbind, a rename)
 *   pcipath_link remove   take back everything the device was given
 *
 * Like udev's devlink code, we keep a record per device (by udev's device id) and a
 * claim per link (linkdb.h), so nothing we made outlives the device that asked for
 * it, and a contested link stays with its recorded owner.
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "linkdb.h"
#include "linkset.h"
#include "log.h"
#include "macro.h"
#include "path.h"
#include "rtnl.h"
#include "uart.h"
#include "util.h"
#include "vfio.h"

static const char *env(void *userdata, const char *key)
{
	const char *v = getenv(key);

	return v && *v ? v : NULL;
}

/* The interface's name now (after udev's or ip's rename), not the event's. */
static int current_ifname(unsigned ifindex, char buf[static IF_NAMESIZE])
{
	return if_indextoname(ifindex, buf) ? 0 : -ENODEV;
}

/* A function bound to a vfio-pci driver now: its group node name. */
static int current_vfio_group(const char *devpath, char *buf, size_t size)
{
	char p[PATH_MAX], drv[PATH_MAX];
	const char *d;
	ssize_t l;
	int r;

	if (!devpath || strstr(devpath, "/..") || !startswith(devpath, "/devices/"))
		return -EINVAL;
	/* sysfs, not the event's DRIVER: an event may be handled after an unbind. */
	snprintf(p, sizeof(p), "/sys%s/driver", devpath);
	l = readlink(p, drv, sizeof(drv) - 1);
	if (l < 0)
		return -ENOENT;
	drv[l] = '\0';
	d = strrchr(drv, '/');
	if (!vfio_driver_is_vfio_pci(d ? d + 1 : drv))
		return -ENOENT;
	snprintf(p, sizeof(p), "/sys%s", devpath);
	r = vfio_group_of_function(p, buf, size);
	if (r < 0)
		ERR("%s: bound to %s, but no IOMMU group: %s", devpath, d ? d + 1 : drv,
		    strerror(-r));
	return r;
}

/* What the device should have: from the environment, and the system as it is now. */
static int compute_wanted(bool remove, unsigned ifindex, struct linkset *want)
{
	const char *subsystem = env(NULL, "SUBSYSTEM"), *reason;
	char ifname[IF_NAMESIZE], group[32];
	struct linkset_facts facts = {};
	bool bad_label;
	int r;

	memset(want, 0, sizeof(*want));
	if (remove)
		return 0;
	if (streq(subsystem, "net") && current_ifname(ifindex, ifname) == 0)
		facts.ifname = ifname;
	if (streq(subsystem, "pci") && !streq0(env(NULL, "ACTION"), "unbind") &&
	    current_vfio_group(env(NULL, "DEVPATH"), group, sizeof(group)) >= 0)
		facts.vfio_group = group;
	r = linkset_wanted(env, NULL, &facts, want, &bad_label, &reason);
	if (bad_label)
		WRN("%s: PCIPATH_LABEL \"%.80s\" is not [A-Za-z0-9_.-]{1,%d}, ignoring "
		    "it",
		    env(NULL, "DEVPATH") ? env(NULL, "DEVPATH") : "?",
		    env(NULL, "PCIPATH_LABEL"), PCIPATH_LABEL_MAX);
	if (r < 0)
		ERR("%s in the environment", reason);
	return r;
}

/*
 * Altnames: ours to take back are the ones the record says we added; one the
 * interface has already (a .link file's) or another interface has is never recorded.
 */
static int update_altnames(unsigned ifindex, const char *ifname,
			   const struct linkset *old, const struct linkset *want,
			   struct linkset *now)
{
	unsigned owner;
	int r = 0, q;

	for (unsigned i = 0; i < old->n_alts; i++) {
		if (linkset_has_alt(want, old->alts[i]))
			continue;
		q = rtnl_altname_del(ifindex, old->alts[i]);
		if (q < 0 && q != -ENODEV && q != -ENOENT && q != -EINVAL) {
			WRN("%s: cannot remove altname %s: %s", ifname, old->alts[i],
			    strerror(-q));
			(void)linkset_add_alt(now,
					      old->alts[i]); /* ours still: try later */
			r = q;
		}
	}
	for (unsigned i = 0; i < want->n_alts; i++) {
		const char *alt = want->alts[i];

		q = rtnl_name_owner(alt, &owner);
		if (q == 0 && owner == ifindex) {
			if (linkset_has_alt(old, alt))
				(void)linkset_add_alt(now, alt);
			continue;
		}
		if (q == 0) {
			/* Reported, not failed: "when it is free" is the whole promise. */
			if (!linkset_has_alt(old, alt))
				WRN("%s: altname %s is taken by another interface, not "
				    "adding "
				    "it",
				    ifname, alt);
			continue;
		}
		q = rtnl_altname_add(ifindex, alt);
		if (q == 0)
			(void)linkset_add_alt(now, alt);
		else if (q != -ENODEV) {
			WRN("%s: cannot add altname %s: %s", ifname, alt, strerror(-q));
			r = q;
		}
	}
	return r;
}

static int update(bool remove)
{
	const char *subsystem = env(NULL, "SUBSYSTEM"),
		   *ifindex_env = env(NULL, "IFINDEX");
	char id[LINKDB_ID_MAX], ifname[IF_NAMESIZE] = "?", owner[LINKSET_TARGET_MAX];
	struct linkset old, want, now;
	struct linkdb db;
	unsigned ifindex = 0;
	int r, q;

	if (!subsystem) {
		ERR("no SUBSYSTEM in the environment");
		return -EINVAL;
	}
	if (streq(subsystem, "net") &&
	    (!ifindex_env || parse_uint(ifindex_env, INT_MAX, &ifindex) < 0 ||
	     !ifindex)) {
		ERR("no valid IFINDEX in the environment");
		return -EINVAL;
	}
	r = linkdb_device_id(subsystem, env(NULL, "MAJOR"), env(NULL, "MINOR"),
			     ifindex_env, env(NULL, "DEVPATH"), id, sizeof(id));
	if (r < 0) {
		ERR("no device id (SUBSYSTEM, MAJOR/MINOR, IFINDEX, DEVPATH) in the "
		    "environment");
		return r;
	}
	r = compute_wanted(remove || streq0(env(NULL, "ACTION"), "remove"), ifindex,
			   &want);
	if (r < 0)
		return r;

	r = linkdb_open(&db);
	if (r < 0) {
		ERR("cannot open %s: %s", LINKDB_DIR, strerror(-r));
		return r;
	}
	r = linkdb_record_read(&db, id, &old);
	if (r < 0)
		ERR("%s/db/%s: %s", LINKDB_DIR, id, strerror(-r));
	memset(&now, 0, sizeof(now));

	/* First what is no longer wanted, so a renamed link's directory is free again. */
	for (unsigned i = 0; i < old.n_links; i++) {
		const struct linkset_link *l = &old.links[i];

		if (linkset_find_link(&want, l->name))
			continue;
		q = linkdb_release(&db, id, l->name, l->target);
		if (q < 0) {
			ERR("/dev/%s: cannot remove: %s", l->name, strerror(-q));
			(void)linkset_add_link(&now, l->name, l->target);
			r = q;
		}
	}
	for (unsigned i = 0; i < want.n_links; i++) {
		const struct linkset_link *l = &want.links[i];

		q = linkdb_claim(&db, id, l->name, l->target, owner, sizeof(owner));
		if (q >= 0)
			(void)linkset_add_link(&now, l->name, l->target);
		if (q == 0 && !linkset_find_link(&old, l->name))
			WRN("/dev/%s: already names %s, not taking it for %s", l->name,
			    owner, l->target);
		else if (q == -EEXIST)
			WRN("/dev/%s: is no symlink, not replacing it", l->name);
		else if (q < 0)
			ERR("/dev/%s: cannot link to %s: %s", l->name, l->target,
			    strerror(-q));
		if (q < 0)
			r = q;
	}
	if (streq(subsystem, "net")) {
		(void)current_ifname(ifindex, ifname);
		q = update_altnames(ifindex, ifname, &old, &want, &now);
		r = r < 0 ? r : q;
	}
	q = linkdb_record_write(&db, id, &now);
	if (q < 0) {
		ERR("%s/db/%s: cannot write: %s", LINKDB_DIR, id, strerror(-q));
		r = q;
	}
	linkdb_close(&db);
	return r;
}

static void help(void)
{
	printf("Usage: %s update|remove\n"
	       "Keep the /dev/by-pcipath links of net interfaces and vfio groups, their\n"
	       "pcipath-<tag> altnames, and the /dev/by-pcilabel links of hwdb labels, "
	       "over\n"
	       "a device's whole life. Run by udev (61-pcipath.rules) with the event's\n"
	       "properties in the environment: SUBSYSTEM, ACTION, ID_PCI_PATH,\n"
	       "ID_PCI_PATH_ENTRY, IFINDEX, DEVNAME, ... Records in " LINKDB_DIR ".\n",
	       program_invocation_short_name);
}

int main(int argc, char *argv[])
{
	if (argc == 2 && (streq(argv[1], "-h") || streq(argv[1], "--help"))) {
		help();
		return EXIT_SUCCESS;
	}
	log_setup(true);
	/* A PCI UART port's event: re-trigger ports the port count renamed (uart.h). */
	if (argc == 2 && streq(argv[1], "uart")) {
		const char *devpath = getenv("DEVPATH");
		char sp[PATH_MAX];

		if (!devpath || !startswith(devpath, "/devices/") ||
		    !strprintf(sp, sizeof(sp), "/sys%s", devpath)) {
			ERR("no valid DEVPATH in the environment");
			return EXIT_FAILURE;
		}
		return uart_recheck(sp, getenv("ID_PCI_PATH_ENTRY")) < 0 ? EXIT_FAILURE
									 : EXIT_SUCCESS;
	}
	if (argc != 2 || (!streq(argv[1], "update") && !streq(argv[1], "remove"))) {
		ERR("usage: %s update|remove|uart", program_invocation_short_name);
		return EXIT_FAILURE;
	}
	return update(streq(argv[1], "remove")) < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
