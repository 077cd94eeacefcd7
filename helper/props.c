/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* props.c - decide a device's properties and link entry from its PCI path (SPEC 2, 3). */

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysmacros.h>

#include <libudev.h>

#include "macro.h"
#include "path.h"
#include "props.h"
#include "sysfs.h"

_printf_(3, 4) static void out_add(struct outbuf *o, const char *key, const char *fmt,
				   ...)
{
	va_list ap;
	int r;

	if (o->overflow)
		return;
	r = snprintf(o->buf + o->len, sizeof(o->buf) - o->len, "%s=", key);
	if (r < 0 || (size_t)r >= sizeof(o->buf) - o->len)
		goto overflow;
	o->len += (size_t)r;
	va_start(ap, fmt);
	r = vsnprintf(o->buf + o->len, sizeof(o->buf) - o->len, fmt, ap);
	va_end(ap);
	if (r < 0 || (size_t)r + 1 >= sizeof(o->buf) - o->len)
		goto overflow;
	o->len += (size_t)r;
	o->buf[o->len++] = '\n';
	o->buf[o->len] = '\0';
	return;
overflow:
	o->overflow = true;
}

/* "vport3p1" -> 1: the port number the kernel gives virtio-serial ports. */
static int vport_number(const char *sysname)
{
	unsigned dev, port;
	char tail;

	if (sscanf(sysname, "vport%up%u%c", &dev, &port, &tail) != 2)
		return -EINVAL;
	return port > 65535 ? -ERANGE : (int)port;
}

static bool has_usb_ancestor_below(struct udev_device *dev, const char *pci_syspath)
{
	struct udev_device *usb =
		udev_device_get_parent_with_subsystem_devtype(dev, "usb", NULL);

	return usb && startswith(udev_device_get_syspath(usb), pci_syspath);
}

/*
 * A PCI UART's ports, numbered from 0 in line order (the tty minor), among the ttys of
 * the same function that are not behind USB. Bounded: a function has a few ports.
 */
static int uart_port_index(struct udev_device *tty, const char *pci_syspath, int *index,
			   int *n_ports)
{
	struct udev_device *pci;
	struct udev_enumerate *e;
	struct udev_list_entry *it;
	dev_t me = udev_device_get_devnum(tty);
	int idx = 0, n = 0, r = 0;

	if (major(me) == 0)
		return -EINVAL;
	pci = udev_device_new_from_syspath(udev_device_get_udev(tty), pci_syspath);
	if (!pci)
		return -ENODEV;
	e = udev_enumerate_new(udev_device_get_udev(tty));
	if (!e) {
		udev_device_unref(pci);
		return -ENOMEM;
	}
	if (udev_enumerate_add_match_subsystem(e, "tty") < 0 ||
	    udev_enumerate_add_match_parent(e, pci) < 0 ||
	    udev_enumerate_scan_devices(e) < 0) {
		r = -EIO;
		goto out;
	}
	udev_list_entry_foreach(it, udev_enumerate_get_list_entry(e))
	{
		struct udev_device *d;
		dev_t dn;

		if (n >= 256) {
			r = -E2BIG;
			goto out;
		}
		d = udev_device_new_from_syspath(udev_device_get_udev(tty),
						 udev_list_entry_get_name(it));
		if (!d)
			continue; /* gone since the scan */
		dn = udev_device_get_devnum(d);
		if (major(dn) == major(me) && !has_usb_ancestor_below(d, pci_syspath)) {
			n++;
			if (minor(dn) < minor(me))
				idx++;
		}
		udev_device_unref(d);
	}
	if (n == 0)
		r = -ENODEV;
	*index = idx;
	*n_ports = n;
out:
	udev_enumerate_unref(e);
	udev_device_unref(pci);
	return r;
}

/* Decide the node's kind and numbers. Returns 1 when it gets an entry, 0 when not. */
static int node_of(struct udev_device *dev, const char *pci_syspath,
		   const char *subsystem, pcipath_getprop_fn getprop, void *ud,
		   struct pcipath_node *node)
{
	const char *sysname = udev_device_get_sysname(dev);
	const char *bdf = strrchr(pci_syspath, '/') + 1;
	const char *devtype;
	unsigned u;
	int r;

	memset(node, 0, sizeof(*node));
	if (streq(subsystem, "block")) {
		node->kind = PCIPATH_DISK;
		/* NVMe multipath's per-path disks (nvme1c1n1) are hidden: no node, no name */
		if (!getprop(ud, "DEVNAME"))
			return 0;
		/* path_id's ID_PATH (60-persistent-storage.rules) names the transport. */
		node->transport = pcipath_transport(getprop(ud, "ID_PATH"), bdf);
		if (!node->transport)
			return 0;
		/* DEVTYPE from the event under udev: reading uevent costs more than our walk */
		devtype = getprop(ud, "DEVTYPE");
		if (!devtype)
			devtype = udev_device_get_devtype(dev);
		if (streq0(devtype, "partition")) {
			if (parse_uint(getprop(ud, "PARTN"), 65535, &u) < 0 || u == 0)
				return 0;
			node->part = (int)u;
		}
		return 1;
	}
	if (streq(subsystem, "drm")) {
		unsigned n;
		char tail;

		if (sscanf(sysname, "card%u%c", &n, &tail) == 1)
			node->kind = PCIPATH_CARD;
		else if (sscanf(sysname, "renderD%u%c", &n, &tail) == 1)
			node->kind = PCIPATH_RENDER;
		else
			return 0; /* connectors have no device node */
		return 1;
	}
	if (streq(subsystem, "tty")) {
		node->kind = PCIPATH_TTY;
		if (has_usb_ancestor_below(dev, pci_syspath)) {
			struct udev_device *port =
				udev_device_get_parent_with_subsystem_devtype(
					dev, "usb-serial", NULL);
			const char *pn =
				port ? udev_device_get_sysattr_value(port, "port_number")
				     : NULL;

			node->transport = pcipath_transport(getprop(ud, "ID_PATH"), bdf);
			if (!node->transport || !startswith(node->transport, "-usb-"))
				return 0;
			/* cdc-acm has one tty per interface, which the transport names */
			if (pn && parse_uint(pn, 65535, &u) < 0)
				return -EBADMSG;
			node->port = pn ? (int)u : 0;
			return 1;
		}
		r = uart_port_index(dev, pci_syspath, &node->port, &node->n_ports);
		if (r == -EINVAL) /* no device node: nothing to link */
			return 0;
		return r < 0 ? r : 1;
	}
	if (streq(subsystem, "virtio-ports")) {
		node->kind = PCIPATH_VPORT;
		r = vport_number(sysname);
		if (r < 0)
			return 0;
		node->port = r;
		return 1;
	}
	if (streq(subsystem, "net")) {
		const char *dp = udev_device_get_sysattr_value(dev, "dev_port");

		node->kind = PCIPATH_NET;
		if (!dp && !pcipath_device_exists(dev))
			return -ENODEV; /* every netdev has dev_port: it went away */
		if (dp) {
			if (parse_uint(dp, 65535, &u) < 0)
				return -EBADMSG;
			node->port = (int)u;
		}
		return 1;
	}
	if (streq(subsystem, "vfio-dev")) {
		node->kind = PCIPATH_VFIO_DEV;
		return 1;
	}
	return 0;
}

/*
 * Prints, for /dev/sda1 on virtio-scsi at 1c.4/00:
 *   ID_PCI_PATH=1c.4/00
 *   ID_PCI_PATH_TAG=1c.4-00
 *   ID_PCI_PATH_FUNCTION=0000:01:00.0
 *   ID_PCI_PATH_ENTRY=disk-scsi-0:0:0:0-part1
 *   ID_PCI_PATH_DISK=1c.4/00-scsi-0:0:0:0-part1
 * and, for a disk behind USB under systemd 254+, ID_PCI_PATH_DISK_WITH_USB_REVISION.
 * ID_PCI_PATH_ENTRY is the name under /dev/by-pcipath/<path>/ (block, drm, tty,
 * virtio-ports, net, vfio-dev); ID_PCI_PATH_DISK the name under /dev/disk/by-pcipath/.
 */
int pcipath_props(struct udev_device *dev, pcipath_getprop_fn getprop, void *userdata,
		  struct outbuf *out)
{
	char pci[PATH_MAX];
	struct pci_path path;
	struct pcipath_node node;
	char canon[PCIPATH_MAX_LEN], tag[PCIPATH_MAX_LEN], entry[256];
	const char *subsystem;
	int r;

	/* The event's SUBSYSTEM under udev; by hand, a failed read may mean "removed". */
	subsystem = getprop(userdata, "SUBSYSTEM");
	if (!subsystem)
		subsystem = udev_device_get_subsystem(dev);
	if (!subsystem && !pcipath_device_exists(dev))
		return -ENODEV;

	r = pcipath_walk_syspath(dev, &path, pci, sizeof(pci));
	if (r <= 0)
		return r;
	r = pcipath_format(&path, canon, sizeof(canon));
	if (r < 0)
		return r;
	r = pcipath_tag(canon, tag, sizeof(tag));
	if (r < 0)
		return r;
	out_add(out, "ID_PCI_PATH", "%s", canon);
	out_add(out, "ID_PCI_PATH_TAG", "%s", tag);
	/* For the rules' hwdb model lookup (--device=+pci:...): the function is no
	 * ancestor of NVMe multipath namespaces. A bus number: never for names. */
	out_add(out, "ID_PCI_PATH_FUNCTION", "%s", strrchr(pci, '/') + 1);

	r = subsystem ? node_of(dev, pci, subsystem, getprop, userdata, &node) : 0;
	if (r < 0)
		return r;
	if (r > 0) {
		r = pcipath_entry(&node, entry, sizeof(entry));
		if (r < 0)
			return r;
		out_add(out, "ID_PCI_PATH_ENTRY", "%s", entry);
		if (node.kind == PCIPATH_DISK) {
			if (node.part)
				out_add(out, "ID_PCI_PATH_DISK", "%s%s-part%d", canon,
					node.transport, node.part);
			else
				out_add(out, "ID_PCI_PATH_DISK", "%s%s", canon,
					node.transport);
		}
		/*
		 * systemd 254 and later: path_id also sets ID_PATH_WITH_USB_REVISION
		 * (...-usbv3-0:1:1.0-...) when the path crosses USB, and by-path makes a
		 * second link from it; so do we (SPEC section 3), from the same transport
		 * rule. ID_PCI_PATH_DISK itself never changes with the systemd version.
		 */
		if (node.kind == PCIPATH_DISK) {
			const char *rev = pcipath_transport(
				getprop(userdata, "ID_PATH_WITH_USB_REVISION"),
				strrchr(pci, '/') + 1);
			const char *key = "ID_PCI_PATH_DISK_WITH_USB_REVISION";

			if (rev && !streq(rev, node.transport) && node.part)
				out_add(out, key, "%s%s-part%d", canon, rev, node.part);
			else if (rev && !streq(rev, node.transport))
				out_add(out, key, "%s%s", canon, rev);
		}
	}
	return out->overflow ? -ENOSPC : 1;
}
