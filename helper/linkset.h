/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linkset.h - the links and altnames a device should have now, from its properties. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "rtnl.h"

/*
 * What pcipath_link makes (pcipath_link(8)), computed the same way on every event and
 * by `pcipath wait`, which checks that it exists:
 *   net   by-pcipath/<path>/<entry> -> /sys/class/net/<ifname>, altname pcipath-<tag>
 *   pci   by-pcipath/<path>/vfio -> ../../vfio/<group> (bound to a vfio-pci driver)
 *   all   with a hwdb PCIPATH_LABEL: by-pcilabel/<label>/<entry> (and for disks
 *         disk/by-pcilabel/<label><transport>[-part<N>]); net: the altname <label>
 * Names are relative to /dev.
 */
#define LINKSET_MAX_LINKS  8
#define LINKSET_MAX_ALTS   4
#define LINKSET_NAME_MAX   512
#define LINKSET_TARGET_MAX 512

struct linkset_link {
	char name[LINKSET_NAME_MAX];
	char target[LINKSET_TARGET_MAX];
};

struct linkset {
	unsigned n_links, n_alts;
	struct linkset_link links[LINKSET_MAX_LINKS];
	char alts[LINKSET_MAX_ALTS][RTNL_ALTNAME_MAX];
};

typedef const char *(*linkset_getprop_fn)(void *userdata, const char *key);

/* What the caller read from the system for this device. */
struct linkset_facts {
	const char *ifname;	/* net: the interface's name now; NULL when it is gone */
	const char *vfio_group; /* pci: group node name ("5", "noiommu-5") when the
				   function is bound to a vfio-pci driver, else NULL */
};

/*
 * The set the device with these properties (an event's environment, or udev's db)
 * should have. Nothing when the device is removed, opted out or PCIPATH_IGNORE=1.
 * Returns 0, or -EINVAL when the properties are malformed (*reason says which);
 * *bad_label is set when PCIPATH_LABEL was given but is no valid label.
 */
int linkset_wanted(linkset_getprop_fn getprop, void *userdata,
		   const struct linkset_facts *facts, struct linkset *out,
		   bool *bad_label, const char **reason);

/* Add a link or altname; -ENOSPC when full, -ENAMETOOLONG when it does not fit. */
int linkset_add_link(struct linkset *s, const char *name, const char *target);
int linkset_add_alt(struct linkset *s, const char *altname);

/* Lookups by name; NULL when absent. */
const struct linkset_link *linkset_find_link(const struct linkset *s, const char *name);
bool linkset_has_alt(const struct linkset *s, const char *altname);

/* A link name pcipath_link may manage: below by-pcipath/, by-pcilabel/ or
 * disk/by-pcilabel/, components of [A-Za-z0-9:._-], none "." or "..". */
bool linkset_name_ours(const char *name);

/* An entry under /dev/by-pcipath/<path>/ that pcipath_link makes for net interfaces. */
bool linkset_net_entry(const char *entry);
