/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli-hwdb.c - the command's udev hwdb lookups: vendor and device names, labels. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libudev.h>

#include "cli-hwdb.h"
#include "log.h"
#include "macro.h"
#include "path.h"
#include "util.h"

struct udev *udev_ctx;
static struct udev_hwdb *hwdb;

struct udev *get_udev(void)
{
	if (!udev_ctx)
		udev_ctx = udev_new();
	if (!udev_ctx)
		ERR("cannot create udev context: %s", strerror(errno));
	return udev_ctx;
}

/* Names for a modalias; empty strings when the hwdb has none (or --numeric). */
void lookup_names(const char *modalias, bool numeric, struct names *n)
{
	struct udev_list_entry *e;

	/* Machines repeat the same few devices: remember the last lookups. */
	static struct {
		char modalias[128];
		struct names names;
	} cache[32];
	static unsigned n_cache, next;

	memset(n, 0, sizeof(*n));
	if (numeric || !modalias[0] || !get_udev())
		return;
	for (unsigned i = 0; i < n_cache; i++)
		if (streq(cache[i].modalias, modalias)) {
			*n = cache[i].names;
			return;
		}
	if (!hwdb)
		hwdb = udev_hwdb_new(udev_ctx);
	if (!hwdb)
		return;
	udev_list_entry_foreach(e, udev_hwdb_get_properties_list_entry(hwdb, modalias, 0))
	{
		const char *k = udev_list_entry_get_name(e);
		const char *v = udev_list_entry_get_value(e);

		if (streq(k, "ID_VENDOR_FROM_DATABASE"))
			strprintf(n->vendor, sizeof(n->vendor), "%s", v);
		else if (streq(k, "ID_MODEL_FROM_DATABASE"))
			strprintf(n->device, sizeof(n->device), "%s", v);
		else if (streq(k, "ID_PCI_CLASS_FROM_DATABASE"))
			strprintf(n->class_, sizeof(n->class_), "%s", v);
		else if (streq(k, "ID_PCI_SUBCLASS_FROM_DATABASE"))
			strprintf(n->subclass, sizeof(n->subclass), "%s", v);
	}
	if (strprintf(cache[next].modalias, sizeof(cache[next].modalias), "%s",
		      modalias)) {
		cache[next].names = *n;
		next = (next + 1) % ARRAY_SIZE(cache);
		if (n_cache < ARRAY_SIZE(cache))
			n_cache++;
	}
}

/*
 * The hwdb label of a path (PCIPATH_LABEL of a pcipath: entry, pcipath(7)), "" when
 * none or not a valid label: what udev's rules would name /dev/by-pcilabel/<label>.
 */
void lookup_label(const char *canon, char *buf, size_t size)
{
	struct udev_list_entry *e;
	char key[PCIPATH_MAX_LEN + 8];

	buf[0] = '\0';
	if (!get_udev())
		return;
	if (!hwdb)
		hwdb = udev_hwdb_new(udev_ctx);
	if (!hwdb)
		return;
	snprintf(key, sizeof(key), "pcipath:%s", canon);
	udev_list_entry_foreach(e, udev_hwdb_get_properties_list_entry(hwdb, key, 0))
	{
		const char *v = udev_list_entry_get_value(e);

		if (streq(udev_list_entry_get_name(e), "PCIPATH_LABEL") &&
		    pcipath_label_valid(v) && strlen(v) < size)
			memcpy(buf, v, strlen(v) + 1);
	}
}

void cli_hwdb_close(void)
{
	hwdb = udev_hwdb_unref(hwdb);
	udev_ctx = udev_unref(udev_ctx);
}
