/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* decide.c - pure decisions: a device's facts -> properties and entry (no I/O). */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "decide.h"
#include "kinds.h"
#include "macro.h"
#include "path.h"
#include "util.h"

/* "card0" with prefix "card": the decimal number after the prefix, or -EINVAL. */
static int name_number(const char *name, const char *prefix, const char **end)
{
	const char *p = name ? startswith(name, prefix) : NULL;
	unsigned long v = 0;
	size_t n;

	if (!p)
		return -EINVAL;
	n = strspn(p, "0123456789");
	if (n == 0 || n > 6)
		return -EINVAL;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (unsigned long)(p[i] - '0');
	if (end)
		*end = p + n;
	else if (p[n] != '\0')
		return -EINVAL;
	return (int)v;
}

/* "vport3p1" -> 1: the port number the kernel gives virtio-serial ports. */
static int vport_number(const char *sysname)
{
	const char *rest;

	if (name_number(sysname, "vport", &rest) < 0 || *rest != 'p')
		return -EINVAL;
	return name_number(rest, "p", NULL);
}

/* The node's kind and numbers. Returns 1 when it gets an entry, 0 when not. */
static int node_of(const char *bdf, const struct pcipath_facts *f,
		   struct pcipath_node *node)
{
	unsigned u;
	int r;

	memset(node, 0, sizeof(*node));
	r = pcipath_node_kind(f->subsystem, f->sysname);
	if (r < 0)
		return 0;
	node->kind = (enum pcipath_kind)r;
	switch (node->kind) {
	case PCIPATH_DISK:
		/* NVMe multipath's per-path disks (nvme1c1n1) are hidden: no node, no name */
		if (!f->devname)
			return 0;
		/* path_id's ID_PATH (60-persistent-storage.rules) names the transport. */
		node->transport = pcipath_transport(f->id_path, bdf);
		if (!node->transport)
			return 0;
		if (f->devtype && streq(f->devtype, "partition")) {
			if (parse_uint(f->partn, 65535, &u) < 0 || u == 0)
				return 0;
			node->part = (int)u;
		}
		return 1;
	case PCIPATH_CARD:
	case PCIPATH_RENDER:
	case PCIPATH_VFIO_DEV:
		return 1;
	case PCIPATH_TTY:
		if (f->behind_usb) {
			/* USB serial: the USB route names the interface, the port number N */
			node->transport = pcipath_transport(f->id_path, bdf);
			if (!node->transport || !startswith(node->transport, "-usb-"))
				return 0;
			/* cdc-acm has one tty per interface, which the transport names */
			node->port = f->usb_port >= 0 ? f->usb_port : 0;
			return 1;
		}
		if (f->uart_ports <= 0)
			return 0; /* no device node: nothing to link */
		node->port = f->uart_index;
		node->n_ports = f->uart_ports;
		return 1;
	case PCIPATH_VPORT:
		r = vport_number(f->sysname);
		if (r < 0)
			return 0;
		node->port = r;
		return 1;
	case PCIPATH_NET:
		if (f->dev_port) {
			if (parse_uint(f->dev_port, 65535, &u) < 0)
				return -EBADMSG;
			node->port = (int)u;
		}
		return 1;
	case PCIPATH_VFIO:
		return 0; /* group nodes are pcipath_link's, from the function's event */
	}
	return 0;
}

/* <path><transport>[-part<N>]: a name under /dev/disk/by-pcipath/. */
static bool disk_name(char *buf, size_t size, const char *path, const char *transport,
		      int part)
{
	return part ? strprintf(buf, size, "%s%s-part%d", path, transport, part)
		    : strprintf(buf, size, "%s%s", path, transport);
}

/* The kernel's PCI modalias: "pci:v%08Xd%08Xsv%08Xsd%08Xbc%02Xsc%02Xi%02X". */
static bool pci_modalias_valid(const char *m)
{
	if (strncmp(m, "pci:v", 5) != 0)
		return false;
	for (m += 5; *m; m++)
		if (!isalnum((unsigned char)*m))
			return false;
	return true;
}

int pcipath_decide(const struct pci_path *path, const char *bdf, const char *modalias,
		   const struct pcipath_facts *facts, struct pcipath_props *out)
{
	struct pcipath_node node;
	uint32_t dom;
	uint8_t bus, slot, func;
	int r;

	memset(out, 0, sizeof(*out));
	/* The function's name is printed as it is: only as the kernel writes BDFs. */
	if (!bdf || pci_parse_bdf(bdf, &dom, &bus, &slot, &func) < 0)
		return -EINVAL;
	r = pcipath_format(path, out->path, sizeof(out->path));
	if (r < 0)
		return r;
	r = pcipath_tag(out->path, out->tag, sizeof(out->tag));
	if (r < 0)
		return r;
	/* The function's kernel name, for scripts. A bus number: never for names. */
	if (!strprintf(out->function, sizeof(out->function), "%s", bdf))
		return -EINVAL;
	/* For the rules' hwdb lookup by model: a lookup by this key sees the function's
	 * own model only (hwdb --device would go on to every bridge above it), and
	 * works for NVMe multipath namespaces, which have no PCI ancestor. */
	if (modalias && *modalias &&
	    (!pci_modalias_valid(modalias) ||
	     !strprintf(out->modalias, sizeof(out->modalias), "%s", modalias)))
		return -EBADMSG;
	if (!facts)
		return 0;

	r = node_of(bdf, facts, &node);
	if (r <= 0)
		return r;
	r = pcipath_entry(&node, out->entry, sizeof(out->entry));
	if (r < 0)
		return r;
	if (node.kind == PCIPATH_DISK) {
		/*
		 * systemd 254 and later: path_id also sets ID_PATH_WITH_USB_REVISION
		 * (...-usbv3-0:1:1.0-...) when the route crosses USB, and by-path makes a
		 * second link from it; so do we (SPEC 3), by the same transport rule.
		 * ID_PCI_PATH_DISK never changes with the systemd version.
		 */
		const char *rev = pcipath_transport(facts->id_path_usb_revision, bdf);

		if (!disk_name(out->disk, sizeof(out->disk), out->path, node.transport,
			       node.part))
			return -ENOSPC;
		if (rev && !streq(rev, node.transport) &&
		    !disk_name(out->disk_usb_revision, sizeof(out->disk_usb_revision),
			       out->path, rev, node.part))
			return -ENOSPC;
	}
	return 1;
}

/* "KEY=value\n" at buf + *len, when value is set. */
static int add(char *buf, size_t size, size_t *len, const char *key, const char *value)
{
	size_t kl = strlen(key), vl = strlen(value);

	if (vl == 0)
		return 0;
	if (*len + kl + 1 + vl + 1 >= size)
		return -ENOSPC;
	memcpy(buf + *len, key, kl);
	buf[*len + kl] = '=';
	memcpy(buf + *len + kl + 1, value, vl);
	buf[*len + kl + 1 + vl] = '\n';
	*len += kl + vl + 2;
	buf[*len] = '\0';
	return 0;
}

/* In the order printed; the rules' IMPORT{db} lines name each (tests/unit). */
const char *const pcipath_prop_names[PCIPATH_N_PROPS] = {
	"ID_PCI_PATH",
	"ID_PCI_PATH_TAG",
	"ID_PCI_PATH_FUNCTION",
	"ID_PCI_PATH_MODALIAS",
	"ID_PCI_PATH_ENTRY",
	"ID_PCI_PATH_DISK",
	"ID_PCI_PATH_DISK_WITH_USB_REVISION",
};

int pcipath_props_format(const struct pcipath_props *p, char *buf, size_t size)
{
	const char *values[PCIPATH_N_PROPS] = {
		p->path,  p->tag,  p->function,		 p->modalias,
		p->entry, p->disk, p->disk_usb_revision,
	};
	size_t len = 0;

	if (size == 0)
		return -ENOSPC;
	buf[0] = '\0';
	for (size_t i = 0; i < PCIPATH_N_PROPS; i++)
		if (add(buf, size, &len, pcipath_prop_names[i], values[i]) < 0)
			return -ENOSPC;
	return (int)len;
}
