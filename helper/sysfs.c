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
	char buf[PATH_MAX];
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
	/*
	 * libudev follows /sys/class/... links itself (ELOOP on a loop) and hands back
	 * the resolved syspath: one walk of the path, not two. Check where it led.
	 */
	dev = udev_device_new_from_syspath(udev, buf);
	if (!dev) {
		*err = errno > 0 ? -errno : -ENODEV;
		return NULL;
	}
	if (!startswith(udev_device_get_syspath(dev), "/sys/devices/")) {
		udev_device_unref(dev);
		*err = -EINVAL;
		return NULL;
	}
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

	if ((size_t)snprintf(p, sizeof(p), "%s/physfn", syspath) >= sizeof(p))
		return -ENAMETOOLONG;
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

/* Is the directory path[0..len) a PCI function (subsystem -> bus/pci)? -ENOENT: gone. */
static int is_pci_function(const char *path, size_t len)
{
	char link[PATH_MAX], target[PATH_MAX];
	ssize_t l;

	if (len + sizeof("/subsystem") > sizeof(link))
		return -ENAMETOOLONG;
	memcpy(link, path, len);
	memcpy(link + len, "/subsystem", sizeof("/subsystem"));
	l = readlink(link, target, sizeof(target) - 1);
	if (l < 0) {
		link[len] = '\0';
		return errno == ENOENT && access(link, F_OK) < 0 ? -ENOENT : 0;
	}
	target[l] = '\0';
	return streq(basename_of(target), "pci");
}

int pcipath_walk_syspath(struct udev_device *dev, struct pci_path *path,
			 char *pci_syspath, size_t size)
{
	struct udev_device *start = dev, *ctrl = NULL;
	char p[PATH_MAX];
	size_t comp_end[PCIPATH_MAX_HOPS + 1], len;
	unsigned n = 0, depth = 0;
	const char *sp;
	int r = 0;

	if (startswith(udev_device_get_devpath(dev),
		       "/devices/virtual/nvme-subsystem/")) {
		ctrl = nvme_controller(dev);
		if (!ctrl)
			return pcipath_device_exists(dev) ? 0 : -ENODEV;
		start = ctrl;
	}

	/*
	 * The kernel names the route in the syspath: /sys/devices/.../pciDDDD:BB, then one
	 * directory per PCI function down to ours (".../pci0000:00/0000:00:1c.2/
	 * 0000:01:00.0/virtio1/block/vda"). Reading it from the string costs no
	 * sd_device per ancestor, and a directory that vanishes under us fails a readlink
	 * instead of being skipped, as libudev's parent walk would.
	 */
	sp = udev_device_get_syspath(start);
	len = strlen(sp);
	if (len >= sizeof(p)) {
		r = -ENAMETOOLONG;
		goto out;
	}
	memcpy(p, sp, len + 1);

	/* From the end: skip non-PCI components, then take the run of BDF components. */
	for (size_t i = len; i > 0 && depth < 4096; depth++) {
		size_t s = i;
		char save;
		uint32_t d;
		uint8_t b;
		struct pci_hop hop = {.vf = -1};

		while (s > 0 && p[s - 1] != '/')
			s--;
		if (s == 0)
			break;
		save = p[i];
		p[i] = '\0';
		if (pci_parse_bdf(p + s, &d, &b, &hop.slot, &hop.func) == 0) {
			if (n >= PCIPATH_MAX_HOPS) {
				r = -E2BIG;
				goto out;
			}
			path->hops[n] = hop;
			comp_end[n++] = i;
		} else if (n > 0) {
			/* The run of PCI functions ends at the host bridge: pciDDDD:BB. */
			r = pci_parse_root(p + s, &path->domain, &path->bus) == 0
				    ? 1
				    : -EBADMSG;
			p[i] = save;
			if (r < 0)
				goto fail;
			break;
		}
		p[i] = save;
		i = s - 1;
	}
	if (n == 0) {
		/* No PCI function above: not for us, unless it is gone or is one itself. */
		r = streq0(udev_device_get_subsystem(start), "pci") ? -EBADMSG : 0;
		goto fail;
	}
	if (r != 1) {
		r = -EBADMSG;
		goto fail;
	}

	/* Each hop must be a PCI function that is still there. */
	for (unsigned i = 0; i < n; i++) {
		r = is_pci_function(p, comp_end[i]);
		if (r <= 0) {
			r = r == 0 ? -EBADMSG : r == -ENOENT ? -ENODEV : r;
			goto out;
		}
	}
	/* Our function (the first found, the last hop) may be an SR-IOV VF. */
	p[comp_end[0]] = '\0';
	r = vf_hop(p, &path->hops[0]);
	if (r < 0)
		goto out;

	/* Found from the leaf up: reverse into root-to-leaf order. */
	for (unsigned i = 0; i < n / 2; i++) {
		struct pci_hop t = path->hops[i];

		path->hops[i] = path->hops[n - 1 - i];
		path->hops[n - 1 - i] = t;
	}
	path->n_hops = n;
	if (strlen(p) >= size) {
		r = -ENAMETOOLONG;
		goto out;
	}
	strcpy(pci_syspath, p);
	r = 1;
	goto out;
fail:
	if (r == 0 || r == -EBADMSG)
		r = pcipath_device_exists(dev) ? r : -ENODEV;
out:
	udev_device_unref(ctrl);
	return r;
}

int pcipath_walk(struct udev_device *dev, struct pci_path *path,
		 struct udev_device **ret_pci)
{
	char p[PATH_MAX];
	int r = pcipath_walk_syspath(dev, path, p, sizeof(p));

	if (r <= 0)
		return r;
	*ret_pci = udev_device_new_from_syspath(udev_device_get_udev(dev), p);
	return *ret_pci ? 1 : -ENODEV;
}
