/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sysfs.c - walk sysfs from any device up to its PCI function and root bus. */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libudev.h>

#include "macro.h"
#include "sysfs.h"

/* No device's syspath has ".." or "." components; refusing them keeps us inside /sys. */
static int has_dot_components(const char *p)
{
	for (const char *c = p; (c = strstr(c, "/.")); c++)
		if (c[2] == '\0' || c[2] == '/' ||
		    (c[2] == '.' && (c[3] == '\0' || c[3] == '/')))
			return 1;
	return 0;
}

struct udev_device *pcipath_device_open(struct udev *udev, const char *arg, int *err)
{
	char buf[PATH_MAX], real[PATH_MAX];
	struct udev_device *dev;
	int r;

	if (startswith(arg, "/devices/"))
		r = snprintf(buf, sizeof(buf), "/sys%s", arg);
	else if (startswith(arg, "/sys/"))
		r = snprintf(buf, sizeof(buf), "%s", arg);
	else {
		*err = -EINVAL;
		return NULL;
	}
	if (r < 0 || (size_t)r >= sizeof(buf)) {
		*err = -ENAMETOOLONG;
		return NULL;
	}
	if (has_dot_components(buf)) {
		*err = -EINVAL;
		return NULL;
	}
	/* Follows /sys/class/... links; fails with ELOOP on a symlink loop. */
	if (!realpath(buf, real)) {
		*err = -errno;
		return NULL;
	}
	if (!startswith(real, "/sys/devices/")) {
		*err = -EINVAL;
		return NULL;
	}
	dev = udev_device_new_from_syspath(udev, real);
	if (!dev)
		*err = errno > 0 ? -errno : -ENODEV;
	return dev;
}

int pcipath_device_exists(struct udev_device *dev)
{
	char p[PATH_MAX];
	int r = snprintf(p, sizeof(p), "%s/uevent", udev_device_get_syspath(dev));

	return r > 0 && (size_t)r < sizeof(p) && access(p, F_OK) == 0;
}

static const char *basename_of(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/*
 * An SR-IOV VF is named after its PF: "<PF hop>v<index>". The kernel links the VF to
 * its PF (physfn) and the PF to each VF (virtfn<index>); VF indices are dense, so the
 * search ends at the first missing virtfn link (and at 65536, the SR-IOV maximum).
 */
static int vf_hop(const char *syspath, struct pci_hop *hop)
{
	char p[PATH_MAX], target[PATH_MAX];
	uint32_t domain;
	uint8_t bus, slot, func;
	const char *vf_name = basename_of(syspath);
	ssize_t l;

	snprintf(p, sizeof(p), "%s/physfn", syspath);
	l = readlink(p, target, sizeof(target) - 1);
	if (l < 0)
		return errno == ENOENT ? 0 : -errno;
	target[l] = '\0';
	if (pci_parse_bdf(basename_of(target), &domain, &bus, &slot, &func) < 0)
		return -EBADMSG;

	for (int32_t i = 0; i < 65536; i++) {
		int r = snprintf(p, sizeof(p), "%s/physfn/virtfn%d", syspath, (int)i);

		if (r < 0 || (size_t)r >= sizeof(p))
			return -ENAMETOOLONG;
		l = readlink(p, target, sizeof(target) - 1);
		if (l < 0)
			return errno == ENOENT ? -EBADMSG : -errno;
		target[l] = '\0';
		if (streq(basename_of(target), vf_name)) {
			hop->slot = slot;
			hop->func = func;
			hop->vf = i;
			return 1;
		}
	}
	return -EBADMSG;
}

/*
 * Native NVMe multipath puts namespaces under /sys/devices/virtual/nvme-subsystem/, away
 * from the controller. Like systemd's path_id (find_real_nvme_parent), take the
 * controller named by the block device ("nvme0n1p2" -> class nvme "nvme0").
 */
static struct udev_device *nvme_controller(struct udev_device *dev)
{
	const char *name = udev_device_get_sysname(dev), *p, *end;
	char ctrl[32];

	if (!name || !(p = startswith(name, "nvme")))
		return NULL;
	end = p + strspn(p, "0123456789");
	if (end == p || *end != 'n' || (size_t)(end - name) >= sizeof(ctrl))
		return NULL;
	memcpy(ctrl, name, (size_t)(end - name));
	ctrl[end - name] = '\0';
	return udev_device_new_from_subsystem_sysname(udev_device_get_udev(dev), "nvme",
						      ctrl);
}

/*
 * libudev's parent lookup skips directories that vanish under it, so a device removed
 * mid-walk could hand us a grandparent. The tree is the truth: no PCI function may sit
 * in the device's syspath below the one we found, and each PCI function's parent must
 * be its own directory's parent.
 */
static int below_nearest(const char *pci_syspath, const char *dev_syspath)
{
	const char *rest = startswith(dev_syspath, pci_syspath);
	char comp[NAME_MAX + 1];
	uint32_t d;
	uint8_t b, s, f;

	if (!rest || (*rest != '/' && *rest != '\0'))
		return 0;
	while (*rest == '/') {
		size_t l = strcspn(rest + 1, "/");

		if (l < sizeof(comp)) {
			memcpy(comp, rest + 1, l);
			comp[l] = '\0';
			if (pci_parse_bdf(comp, &d, &b, &s, &f) == 0)
				return 0;
		}
		rest += 1 + l;
	}
	return 1;
}

static int is_dir_parent(struct udev_device *parent, struct udev_device *child)
{
	const char *ps = udev_device_get_syspath(parent),
		   *cs = udev_device_get_syspath(child);
	const char *slash = strrchr(cs, '/');

	return slash && (size_t)(slash - cs) == strlen(ps) &&
	       strncmp(ps, cs, strlen(ps)) == 0;
}

int pcipath_walk(struct udev_device *dev, struct pci_path *path,
		 struct udev_device **ret_pci)
{
	struct pci_hop rev[PCIPATH_MAX_HOPS];
	struct udev_device *start = dev, *ctrl = NULL, *pci, *cur;
	unsigned n = 0;
	int r;

	if (startswith(udev_device_get_devpath(dev),
		       "/devices/virtual/nvme-subsystem/")) {
		ctrl = nvme_controller(dev);
		if (!ctrl)
			return pcipath_device_exists(dev) ? 0 : -ENODEV;
		start = ctrl;
	}

	pci = streq0(udev_device_get_subsystem(start), "pci")
		      ? start
		      : udev_device_get_parent_with_subsystem_devtype(start, "pci", NULL);
	if (!pci) {
		/* Not under PCI, or removed while we looked: only the latter is an error. */
		r = pcipath_device_exists(dev) ? 0 : -ENODEV;
		goto out;
	}

	if (!below_nearest(udev_device_get_syspath(pci),
			   udev_device_get_syspath(start))) {
		r = pcipath_device_exists(dev) ? -EBADMSG : -ENODEV;
		goto out;
	}

	for (cur = pci;;) {
		struct udev_device *parent;
		uint32_t domain;
		uint8_t bus;

		if (n >= PCIPATH_MAX_HOPS) {
			r = -E2BIG;
			goto out;
		}
		if (pci_parse_bdf(udev_device_get_sysname(cur), &domain, &bus,
				  &rev[n].slot, &rev[n].func) < 0) {
			r = -EBADMSG;
			goto out;
		}
		rev[n].vf = -1;
		if (cur == pci) {
			r = vf_hop(udev_device_get_syspath(cur), &rev[n]);
			if (r < 0)
				goto out;
		}
		n++;

		parent = udev_device_get_parent(cur);
		if (!parent || !is_dir_parent(parent, cur)) {
			r = pcipath_device_exists(cur) && pcipath_device_exists(dev)
				    ? -EBADMSG
				    : -ENODEV;
			goto out;
		}
		if (!streq0(udev_device_get_subsystem(parent), "pci")) {
			/* The host bridge: pciDDDD:BB, a device of no subsystem. */
			if (pci_parse_root(udev_device_get_sysname(parent), &path->domain,
					   &path->bus) < 0) {
				r = -EBADMSG;
				goto out;
			}
			break;
		}
		cur = parent;
	}

	path->n_hops = n;
	for (unsigned i = 0; i < n; i++)
		path->hops[i] = rev[n - 1 - i];
	*ret_pci = udev_device_ref(pci);
	r = 1;
out:
	udev_device_unref(ctrl);
	return r;
}
