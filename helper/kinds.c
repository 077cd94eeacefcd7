/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kinds.c - the table of node kinds (SPEC 3), shared by the helper, the CLI and tests. */

#include <errno.h>
#include <string.h>

#include "kinds.h"
#include "macro.h"

const struct pcipath_subsystem pcipath_subsystems[] = {
	{"block", PCIPATH_CLASS_BLOCK, PCIPATH_DISK, true},
	{"drm", PCIPATH_CLASS_DRM, PCIPATH_CARD, true},
	{"tty", PCIPATH_CLASS_SERIAL, PCIPATH_TTY, true},
	{"virtio-ports", PCIPATH_CLASS_SERIAL, PCIPATH_VPORT, true},
	{"net", PCIPATH_CLASS_NET, PCIPATH_NET, true},
	{"vfio-dev", PCIPATH_CLASS_VFIO, PCIPATH_VFIO_DEV, true},
	{"vfio", PCIPATH_CLASS_VFIO, PCIPATH_VFIO, false},
};
const size_t pcipath_n_subsystems = ARRAY_SIZE(pcipath_subsystems);

static const char *const class_names[_PCIPATH_CLASS_MAX] = {
	[PCIPATH_CLASS_BLOCK] = "block",   [PCIPATH_CLASS_DRM] = "drm",
	[PCIPATH_CLASS_SERIAL] = "serial", [PCIPATH_CLASS_NET] = "net",
	[PCIPATH_CLASS_VFIO] = "vfio",
};

const struct pcipath_subsystem *pcipath_subsystem_lookup(const char *name)
{
	for (size_t i = 0; name && i < ARRAY_SIZE(pcipath_subsystems); i++)
		if (streq(name, pcipath_subsystems[i].name))
			return &pcipath_subsystems[i];
	return NULL;
}

/* "card0" is prefix "card" and digits only. */
static bool prefix_digits(const char *name, const char *prefix)
{
	const char *p = startswith(name, prefix);

	return p && *p && strspn(p, "0123456789") == strlen(p);
}

int pcipath_node_kind(const char *subsystem, const char *sysname)
{
	const struct pcipath_subsystem *s = pcipath_subsystem_lookup(subsystem);

	if (!s)
		return -EINVAL;
	if (s->kind == PCIPATH_CARD) {
		if (sysname && prefix_digits(sysname, "card"))
			return PCIPATH_CARD;
		if (sysname && prefix_digits(sysname, "renderD"))
			return PCIPATH_RENDER;
		return -EINVAL; /* connectors (card0-Virtual-1) have no device node */
	}
	return (int)s->kind;
}

int pcipath_class_from_string(const char *s)
{
	for (int i = 0; s && i < _PCIPATH_CLASS_MAX; i++)
		if (streq(s, class_names[i]))
			return i;
	return -EINVAL;
}

const char *pcipath_class_to_string(int class)
{
	return class >= 0 && class < _PCIPATH_CLASS_MAX ? class_names[class] : "any";
}

int pcipath_class_of_subsystem(const char *subsystem)
{
	const struct pcipath_subsystem *s = pcipath_subsystem_lookup(subsystem);

	return s ? (int)s->class : -EINVAL;
}
