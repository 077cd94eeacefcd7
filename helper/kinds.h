/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kinds.h - the one table of node kinds: subsystem -> entry kind -> what the CLI calls it. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "path.h"

/* What `pcipath wait --kind` and `pcipath list` call a node (SPEC 3's table rows). */
enum pcipath_class {
	PCIPATH_CLASS_BLOCK,
	PCIPATH_CLASS_DRM,
	PCIPATH_CLASS_SERIAL,
	PCIPATH_CLASS_NET,
	PCIPATH_CLASS_VFIO,
	_PCIPATH_CLASS_MAX,
	PCIPATH_CLASS_ANY = -1,
};

struct pcipath_subsystem {
	const char *name;	  /* the sysfs class: block, drm, tty, ... */
	enum pcipath_class class; /* its row of SPEC 3 */
	enum pcipath_kind kind;	  /* its entry's kind (drm: card, or render by name) */
	bool below_function;	  /* its devices sit below their PCI function in sysfs */
};

/*
 * Every subsystem pcipath names nodes of. Those below_function are what the rules run
 * the helper for (with "pci" itself); vfio group nodes live under /devices/virtual and
 * are found from their function. A test checks the rules' SUBSYSTEM list against this.
 */
extern const struct pcipath_subsystem pcipath_subsystems[];
extern const size_t pcipath_n_subsystems;

/* The table row of a subsystem, or NULL. */
const struct pcipath_subsystem *pcipath_subsystem_lookup(const char *name);

/*
 * The entry kind of a device: by subsystem, and for drm by name (card<N>, renderD<N>;
 * connectors have no node). -EINVAL when it gets no entry.
 */
int pcipath_node_kind(const char *subsystem, const char *sysname);

/* "block" -> PCIPATH_CLASS_BLOCK; -EINVAL for an unknown name. */
int pcipath_class_from_string(const char *s);
/* PCIPATH_CLASS_NET -> "net"; "any" for PCIPATH_CLASS_ANY. */
const char *pcipath_class_to_string(int class);
/* The class of a subsystem, or -EINVAL when none of ours. */
int pcipath_class_of_subsystem(const char *subsystem);
