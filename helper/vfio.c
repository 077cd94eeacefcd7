/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vfio.c - which vfio group node belongs to a PCI function (SPEC 3's vfio entry). */

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "macro.h"
#include "vfio.h"

bool vfio_driver_is_vfio_pci(const char *driver)
{
	size_t l;

	if (!driver)
		return false;
	if (streq(driver, "vfio-pci"))
		return true;
	/* Variant drivers are named <vendor>[_-]vfio[_-]pci by convention. */
	l = strlen(driver);
	return l > 9 &&
	       (streq(driver + l - 9, "_vfio_pci") || streq(driver + l - 9, "-vfio-pci"));
}

int vfio_group_node_name(const char *id, bool noiommu, char *buf, size_t size)
{
	size_t l = id ? strlen(id) : 0;
	int r;

	/* The kernel's group ids are small decimals: a name, never a path. */
	if (l == 0 || l > 10 || strspn(id, "0123456789") != l || (id[0] == '0' && l > 1))
		return -EINVAL;
	r = snprintf(buf, size, "%s%s", noiommu ? "noiommu-" : "", id);
	return r < 0 || (size_t)r >= size ? -ENOSPC : r;
}

int vfio_group_of_function(const char *syspath, char *buf, size_t size)
{
	char p[PATH_MAX], grp[PATH_MAX];
	const char *id;
	struct stat st;
	ssize_t l;
	int r;

	r = snprintf(p, sizeof(p), "%s/iommu_group", syspath);
	if (r < 0 || (size_t)r >= sizeof(p))
		return -ENAMETOOLONG;
	l = readlink(p, grp, sizeof(grp) - 1);
	if (l < 0)
		return errno == ENOTDIR ? -ENOENT : -errno;
	grp[l] = '\0';
	id = strrchr(grp, '/');
	id = id ? id + 1 : grp;
	/* No-IOMMU groups get their own node name, and their class device says so. */
	r = snprintf(p, sizeof(p), "/sys/class/vfio/noiommu-%.10s", id);
	if (r < 0 || (size_t)r >= sizeof(p))
		return -ENAMETOOLONG;
	return vfio_group_node_name(id, stat(p, &st) == 0, buf, size);
}
