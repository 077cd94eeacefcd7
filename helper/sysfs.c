/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sysfs.c - the one sysfs layer: walk to a device's PCI function, resolve a path. */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "macro.h"
#include "sysfs.h"

/* Upper bounds on what we read: far above any real machine, below a runaway tree. */
#define MAX_DIR_ENTRIES 65536

int sysfs_read(const char *path, char *buf, size_t size)
{
	_cleanup_close_ int fd = -1;
	ssize_t l;

	if (size == 0)
		return -EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	l = read(fd, buf, size - 1);
	if (l < 0)
		return -errno;
	buf[l] = '\0';
	while (l > 0 && buf[l - 1] == '\n')
		buf[--l] = '\0';
	return (int)l;
}

int sysfs_read_at(const char *dir, const char *name, char *buf, size_t size)
{
	char p[PATH_MAX];

	if (!strprintf(p, sizeof(p), "%s/%s", dir, name))
		return -ENAMETOOLONG;
	return sysfs_read(p, buf, size);
}

int sysfs_read_link(const char *dir, const char *name, char *buf, size_t size)
{
	char p[PATH_MAX], target[PATH_MAX];
	ssize_t l;

	if (!strprintf(p, sizeof(p), "%s/%s", dir, name))
		return -ENAMETOOLONG;
	l = readlink(p, target, sizeof(target) - 1);
	if (l < 0)
		return -errno;
	target[l] = '\0';
	return sysfs_resolve_link(dir, target, buf, size);
}

bool sysfs_exists(const char *syspath)
{
	char p[PATH_MAX];

	return strprintf(p, sizeof(p), "%s/uevent", syspath) && access(p, F_OK) == 0;
}

int sysfs_subsystem(const char *syspath, char *buf, size_t size)
{
	char p[PATH_MAX], target[PATH_MAX];
	ssize_t l;

	if (!strprintf(p, sizeof(p), "%s/subsystem", syspath))
		return -ENAMETOOLONG;
	l = readlink(p, target, sizeof(target) - 1);
	if (l < 0)
		return -errno;
	target[l] = '\0';
	return strprintf(buf, size, "%s", path_basename(target)) ? 0 : -ENAMETOOLONG;
}

int sysfs_canonical(const char *arg, char *buf, size_t size)
{
	char p[PATH_MAX], real[PATH_MAX];

	if (startswith(arg, "/devices/")) {
		if (!strprintf(p, sizeof(p), "/sys%s", arg))
			return -ENAMETOOLONG;
	} else if (startswith(arg, "/sys/")) {
		if (!strprintf(p, sizeof(p), "%s", arg))
			return -ENAMETOOLONG;
	} else
		return -EINVAL;
	if (path_has_dot_component(p))
		return -EINVAL;
	/* Follows /sys/class/... links (ELOOP on a loop); a missing device is ENODEV. */
	if (!realpath(p, real))
		return errno == ENOENT || errno == ENOTDIR ? -ENODEV : -errno;
	if (!startswith(real, "/sys/devices/"))
		return -EINVAL;
	return strprintf(buf, size, "%s", real) ? 0 : -ENAMETOOLONG;
}

/* Is the directory path[0..len) a PCI function (subsystem -> bus/pci)? -ENOENT: gone. */
static int is_pci_function(const char *path, size_t len)
{
	char dir[PATH_MAX], sub[16];
	int r;

	if (len >= sizeof(dir))
		return -ENAMETOOLONG;
	memcpy(dir, path, len);
	dir[len] = '\0';
	r = sysfs_subsystem(dir, sub, sizeof(sub));
	if (r == -ENOENT)
		return access(dir, F_OK) < 0 ? -ENOENT : 0;
	if (r == -ENAMETOOLONG)
		return 0;
	return r < 0 ? r : streq(sub, "pci");
}

/* A BDF's routing ID: bus << 8 | devfn, as SR-IOV numbers VFs. */
static int rid_of(const char *bdf, uint32_t *domain, unsigned *rid, struct pci_hop *hop)
{
	uint8_t bus, slot, func;

	if (pci_parse_bdf(bdf, domain, &bus, &slot, &func) < 0)
		return -EBADMSG;
	*rid = (unsigned)bus << 8 | (unsigned)slot << 3 | func;
	if (hop) {
		hop->slot = slot;
		hop->func = func;
	}
	return 0;
}

/*
 * A VF's index is fixed by the PF's SR-IOV capability: VF i has routing ID
 * PF + sriov_offset + i * sriov_stride (PCIe SR-IOV 3.3.9-10; the kernel's
 * pci_iov_virtfn_devfn()). Two reads and one readlink to confirm: constant cost, where
 * a scan of virtfn<N> links costs O(N) per VF and O(N^2) at coldplug.
 */
static int vf_index(const char *syspath, unsigned *index, struct pci_hop *pf_hop,
		    char *pf_bdf, size_t pf_size)
{
	char pfp[PATH_MAX], num[16], vfn[24], t[PATH_MAX];
	unsigned offset, stride, pf_rid, vf_rid, d;
	uint32_t pf_dom, vf_dom;
	int r;

	r = sysfs_read_link(syspath, "physfn", pfp, sizeof(pfp));
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r == -EINVAL ? -EBADMSG : r;
	if (rid_of(path_basename(pfp), &pf_dom, &pf_rid, pf_hop) < 0 ||
	    rid_of(path_basename(syspath), &vf_dom, &vf_rid, NULL) < 0 ||
	    pf_dom != vf_dom)
		return -EBADMSG;
	if (sysfs_read_at(pfp, "sriov_offset", num, sizeof(num)) < 0 ||
	    parse_uint(num, 65535, &offset) < 0)
		return -EBADMSG;
	if (sysfs_read_at(pfp, "sriov_stride", num, sizeof(num)) < 0 ||
	    parse_uint(num, 65535, &stride) < 0 || stride == 0)
		return -EBADMSG;
	if (vf_rid < pf_rid + offset)
		return -EBADMSG;
	d = vf_rid - pf_rid - offset;
	if (d % stride != 0 || d / stride > PCIPATH_MAX_VF)
		return -EBADMSG;
	/* The PF must list us under that index, or the tree is not what SR-IOV says. */
	snprintf(vfn, sizeof(vfn), "virtfn%u", d / stride);
	r = sysfs_read_link(pfp, vfn, t, sizeof(t));
	if (r < 0 || !streq(path_basename(t), path_basename(syspath)))
		return r == -ENOENT || r >= 0 ? -EBADMSG : r;
	*index = d / stride;
	if (pf_bdf && !strprintf(pf_bdf, pf_size, "%s", path_basename(pfp)))
		return -ENAMETOOLONG;
	return 1;
}

/*
 * Native NVMe multipath puts namespaces under /sys/devices/virtual/nvme-subsystem/, away
 * from the controller. Like systemd's path_id (find_real_nvme_parent), take the
 * controller named by the block device ("nvme0n1p2" -> class nvme "nvme0").
 */
static int nvme_controller(const char *name, char *buf, size_t size)
{
	const char *p = startswith(name, "nvme"), *end;
	char ctrl[32];

	if (!p)
		return -EINVAL;
	end = p + strspn(p, "0123456789");
	if (end == p || *end != 'n' || (size_t)(end - name) >= sizeof(ctrl))
		return -EINVAL;
	memcpy(ctrl, name, (size_t)(end - name));
	ctrl[end - name] = '\0';
	return sysfs_read_link("/sys/class/nvme", ctrl, buf, size);
}

/* "Not under PCI" only for a device that exists and is no PCI function itself. */
static int no_function(const char *syspath)
{
	char sub[16];

	if (!sysfs_exists(syspath))
		return -ENODEV;
	return sysfs_subsystem(syspath, sub, sizeof(sub)) == 0 && streq(sub, "pci")
		       ? -EBADMSG
		       : 0;
}

int sysfs_function_of(const char *syspath, struct pci_path *path, char *buf, size_t size,
		      size_t ends[PCIPATH_MAX_HOPS])
{
	char ctrl[PATH_MAX];
	const char *sp = syspath;
	int n;

	if (startswith(syspath, "/sys/devices/virtual/nvme-subsystem/")) {
		if (nvme_controller(path_basename(syspath), ctrl, sizeof(ctrl)) < 0)
			return 0;
		sp = ctrl;
	}
	/* The kernel names the route in the syspath (path.h): the string is the walk. */
	n = pcipath_route(sp, path, ends);
	if (n <= 0)
		return n;
	if (ends[n - 1] >= size)
		return -ENAMETOOLONG;
	memcpy(buf, sp, ends[n - 1]);
	buf[ends[n - 1]] = '\0';
	return n;
}

int sysfs_walk(const char *syspath, unsigned flags, struct pcipath_fn *fn)
{
	size_t ends[PCIPATH_MAX_HOPS];
	unsigned vf;
	int n, r;

	fn->physfn[0] = '\0';
	n = sysfs_function_of(syspath, &fn->path, fn->syspath, sizeof(fn->syspath), ends);
	if (n == 0)
		return no_function(syspath);
	if (n == -EBADMSG)
		return sysfs_exists(syspath) ? -EBADMSG : -ENODEV;
	if (n < 0)
		return n;
	fn->bdf = path_basename(fn->syspath);

	/*
	 * Each hop must be a PCI function that is still there: a directory that vanishes
	 * under us fails here (libudev's parent walk would skip it and name the wrong
	 * function). A function the PCI bus lists is one, and so are its ancestors.
	 */
	for (int i = 0; !(flags & SYSFS_WALK_LISTED) && i < n; i++) {
		r = is_pci_function(fn->syspath, ends[i]);
		if (r <= 0)
			return r == 0 ? -EBADMSG : r == -ENOENT ? -ENODEV : r;
	}
	/* Our function (the last hop) may be an SR-IOV VF, named after its PF. */
	r = vf_index(fn->syspath, &vf, &fn->path.hops[n - 1], fn->physfn,
		     sizeof(fn->physfn));
	if (r < 0)
		return sysfs_exists(fn->syspath) ? r : -ENODEV;
	if (r > 0)
		fn->path.hops[n - 1].vf = (int32_t)vf;
	return 1;
}

/* The root bus's directory: /sys/devices/pciDDDD:BB, or nested (VMD, Hyper-V). */
static int find_root(uint32_t domain, uint8_t bus, char *buf, size_t size)
{
	static const char dir[] = "/sys/bus/pci/devices";
	_cleanup_closedir_ DIR *d = NULL;
	struct dirent *de;
	char root[32], sp[PATH_MAX];
	size_t seen = 0;
	struct stat st;

	snprintf(root, sizeof(root), "pci%04x:%02x", domain, bus);
	if (!strprintf(buf, size, "/sys/devices/%s", root))
		return -ENAMETOOLONG;
	if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	d = opendir(dir);
	if (!d)
		return -ENOENT;
	while ((de = readdir(d)) && ++seen < MAX_DIR_ENTRIES) {
		char *c;

		if (de->d_name[0] == '.' ||
		    sysfs_read_link(dir, de->d_name, sp, sizeof(sp)) < 0)
			continue;
		c = strstr(sp, root);
		if (c && c[-1] == '/' && c[strlen(root)] == '/') {
			c[strlen(root)] = '\0';
			return strprintf(buf, size, "%s", sp) ? 0 : -ENAMETOOLONG;
		}
	}
	return -ENOENT;
}

int sysfs_resolve(const struct pci_path *p, char *buf, size_t size, char *reason,
		  size_t reason_size)
{
	char cur[PATH_MAX], done[PCIPATH_MAX_LEN] = "", dummy[8];
	struct pci_path sofar = *p;

	if (!reason) {
		reason = dummy;
		reason_size = sizeof(dummy);
	}
	reason[0] = '\0';
	if (p->n_hops == 0 || p->n_hops > PCIPATH_MAX_HOPS)
		return -EINVAL;
	if (find_root(p->domain, p->bus, cur, sizeof(cur)) < 0) {
		strprintf(reason, reason_size, "no root bus pci%04x:%02x", p->domain,
			  p->bus);
		return -ENOENT;
	}
	for (unsigned i = 0; i < p->n_hops; i++) {
		const struct pci_hop *h = &p->hops[i];
		_cleanup_closedir_ DIR *d = opendir(cur);
		char match[64] = "", hop[16], where[PCIPATH_MAX_LEN + 40];
		struct dirent *de;
		unsigned n_match = 0;
		size_t seen = 0;

		if (h->func)
			snprintf(hop, sizeof(hop), "%02x.%u", h->slot, h->func);
		else
			snprintf(hop, sizeof(hop), "%02x", h->slot);
		if (i == 0)
			snprintf(where, sizeof(where), "on root bus pci%04x:%02x",
				 p->domain, p->bus);
		else
			snprintf(where, sizeof(where), "below %s (%s)", done,
				 path_basename(cur));
		if (!d) {
			strprintf(reason, reason_size, "cannot read %s: %s", cur,
				  strerror(errno));
			return errno == ENOENT ? -ENOENT : -EIO;
		}
		while ((de = readdir(d))) {
			uint32_t dom;
			uint8_t bus, slot, func;
			char pf[PATH_MAX];

			if (++seen > MAX_DIR_ENTRIES)
				break;
			if (pci_parse_bdf(de->d_name, &dom, &bus, &slot, &func) < 0 ||
			    dom != p->domain || slot != h->slot || func != h->func)
				continue;
			/* A VF sits beside its PF, maybe with the same slot: not this hop. */
			if (!strprintf(pf, sizeof(pf), "%s/%s/physfn", cur, de->d_name) ||
			    access(pf, F_OK) == 0)
				continue;
			n_match++;
			strprintf(match, sizeof(match), "%s", de->d_name);
		}
		if (n_match == 0) {
			strprintf(reason, reason_size, "no PCI function %s %s", hop,
				  where);
			return -ENOENT;
		}
		if (n_match > 1) {
			strprintf(reason, reason_size,
				  "malformed sysfs: %u functions %s %s", n_match, hop,
				  where);
			return -EBADMSG;
		}
		if (strlen(cur) + 1 + strlen(match) >= sizeof(cur))
			return -ENAMETOOLONG;
		strcat(cur, "/");
		strcat(cur, match);

		if (h->vf >= 0) {
			char vfn[32], t[PATH_MAX];

			if (i + 1 != p->n_hops) {
				strprintf(reason, reason_size,
					  "a VF (hop %u) has no functions below it",
					  i + 1);
				return -ENOENT;
			}
			snprintf(vfn, sizeof(vfn), "virtfn%d", (int)h->vf);
			if (sysfs_read_link(cur, vfn, t, sizeof(t)) < 0) {
				strprintf(reason, reason_size, "%s (%s) has no VF %d",
					  hop, match, (int)h->vf);
				return -ENOENT;
			}
			memcpy(cur, t, strlen(t) + 1);
		}
		sofar.n_hops = i + 1;
		if (pcipath_format(&sofar, done, sizeof(done)) < 0)
			return -EINVAL;
	}
	return strprintf(buf, size, "%s", cur) ? 0 : -ENAMETOOLONG;
}

int sysfs_behind_usb(const char *fn_syspath, const char *syspath, int *port_number)
{
	size_t fl = strlen(fn_syspath), l = strlen(syspath);
	char dir[PATH_MAX], sub[16], num[16];
	bool usb = false;

	if (port_number)
		*port_number = -1;
	if (l <= fl || l >= sizeof(dir) || strncmp(syspath, fn_syspath, fl) != 0 ||
	    syspath[fl] != '/')
		return -EINVAL;
	/* Each directory between the function and the device, once: bounded by l. */
	for (size_t i = fl + 1; i < l; i++) {
		if (syspath[i] != '/')
			continue;
		memcpy(dir, syspath, i);
		dir[i] = '\0';
		if (sysfs_subsystem(dir, sub, sizeof(sub)) < 0)
			continue;
		if (streq(sub, "usb"))
			usb = true;
		else if (streq(sub, "usb-serial") && port_number &&
			 sysfs_read_at(dir, "port_number", num, sizeof(num)) >= 0) {
			unsigned u;

			if (parse_uint(num, 65535, &u) < 0)
				return -EBADMSG;
			*port_number = (int)u;
		}
	}
	return usb;
}

/* "MAJOR:MINOR" of a device's dev attribute. */
static int read_devnum(const char *syspath, unsigned *maj, unsigned *min)
{
	char v[32];
	char *colon;

	if (sysfs_read_at(syspath, "dev", v, sizeof(v)) < 0 || !(colon = strchr(v, ':')))
		return -ENOENT;
	*colon = '\0';
	if (parse_uint(v, 4095, maj) < 0 || parse_uint(colon + 1, 1048575, min) < 0)
		return -EBADMSG;
	return 0;
}

int sysfs_uart_list(const char *fn_syspath, const char *tty_syspath,
		    struct sysfs_uart *ports, size_t max)
{
	static const char dir[] = "/sys/class/tty";
	_cleanup_closedir_ DIR *d = NULL;
	size_t fl = strlen(fn_syspath), seen = 0, n = 0;
	unsigned my_major, my_minor;
	struct dirent *de;
	int r;

	r = read_devnum(tty_syspath, &my_major, &my_minor);
	if (r < 0)
		return r == -ENOENT ? -EINVAL : r; /* no device node: nothing to name */
	d = opendir(dir);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		struct sysfs_uart u;

		if (de->d_name[0] == '.')
			continue;
		if (++seen > MAX_DIR_ENTRIES)
			return -E2BIG;
		if (sysfs_read_link(dir, de->d_name, u.syspath, sizeof(u.syspath)) < 0 ||
		    strncmp(u.syspath, fn_syspath, fl) != 0 || u.syspath[fl] != '/')
			continue;
		/* Gone since the scan, or another kind of tty (hvc, USB): not a port. */
		if (read_devnum(u.syspath, &u.major, &u.minor) < 0 ||
		    u.major != my_major ||
		    sysfs_behind_usb(fn_syspath, u.syspath, NULL) != 0)
			continue;
		if (n >= max)
			return -E2BIG;
		/* In line order (the minor), so the index is the rank. */
		size_t i = n++;
		while (i > 0 && ports[i - 1].minor > u.minor) {
			ports[i] = ports[i - 1];
			i--;
		}
		ports[i] = u;
	}
	return (int)n;
}

int sysfs_uart_ports(const char *fn_syspath, const char *tty_syspath, int *index,
		     int *n_ports)
{
	struct sysfs_uart ports[SYSFS_MAX_UART_PORTS];
	const char *me = path_basename(tty_syspath);
	int n = sysfs_uart_list(fn_syspath, tty_syspath, ports, ARRAY_SIZE(ports));

	if (n < 0)
		return n;
	for (int i = 0; i < n; i++)
		if (streq(path_basename(ports[i].syspath), me)) {
			*index = i;
			*n_ports = n;
			return 0;
		}
	return -ENODEV;
}
