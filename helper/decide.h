/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* decide.h - pure decisions: a device's facts -> its properties and link entry (SPEC 2, 3). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "path.h"

/*
 * What the sysfs layer and udev's event tell about one device. Strings may be NULL
 * (unknown or absent). Nothing here is read from a device's own strings into a name:
 * only kernel numbers (partition, port, dev_port) and path_id's transport are.
 */
struct pcipath_facts {
	/* SUBSYSTEM: block, drm, tty, virtio-ports, net, vfio-dev */
	const char *subsystem;
	/* The kernel name: vda1, card0, ttyS4, vport3p1 */
	const char *sysname;
	/* DEVNAME; NULL: no device node */
	const char *devname;
	/* DEVTYPE ("partition") and PARTN */
	const char *devtype, *partn;
	/* ID_PATH from path_id (60-persistent-storage.rules), and on systemd 254+ the
	 * ID_PATH_WITH_USB_REVISION it also sets for routes through USB */
	const char *id_path, *id_path_usb_revision;
	/* net: the dev_port attribute */
	const char *dev_port;
	/* A USB device between the PCI function and the node */
	bool behind_usb;
	/* usb-serial port_number, -1 when none (cdc-acm) */
	int usb_port;
	/* PCI UART: rank in line order among the function's ports, and their count
	 * (<= 0: unknown, no node) */
	int uart_index, uart_ports;
};

/* Everything pcipath_id prints for one device. Empty strings are not printed. */
struct pcipath_props {
	/* ID_PCI_PATH and ID_PCI_PATH_TAG */
	char path[PCIPATH_MAX_LEN], tag[PCIPATH_MAX_LEN];
	/* ID_PCI_PATH_FUNCTION: the BDF (for scripts), ID_PCI_PATH_MODALIAS: the
	 * function's modalias, for the rules' hwdb lookup by model */
	char function[24], modalias[64];
	/* ID_PCI_PATH_ENTRY: the name under /dev/by-pcipath/<path>/ */
	char entry[192];
	/* ID_PCI_PATH_DISK: the name under /dev/disk/by-pcipath/, and
	 * ID_PCI_PATH_DISK_WITH_USB_REVISION: by-path's second USB link (-usbv3-...) */
	char disk[PCIPATH_MAX_LEN + 192], disk_usb_revision[PCIPATH_MAX_LEN + 192];
};

/*
 * Decide the properties of a device whose nearest PCI function is bdf at path, with
 * the modalias of its uevent (NULL or "": none known). Pure: no I/O. facts may be NULL
 * for the function itself (no entry). Returns 1 with an entry, 0 without one (a path
 * but no link: a function, a drm connector, a hidden NVMe path), or -EBADMSG (also a
 * modalias that is not the kernel's pci:v...) / -ENOSPC / -EINVAL (nothing must be
 * printed).
 */
int pcipath_decide(const struct pci_path *path, const char *bdf, const char *modalias,
		   const struct pcipath_facts *facts, struct pcipath_props *out);

/*
 * The KEY=value lines of props, as pcipath_id prints them, e.g. for /dev/sda1 on
 * virtio-scsi at 1c.4/00:
 *   ID_PCI_PATH=1c.4/00
 *   ID_PCI_PATH_TAG=1c.4-00
 *   ID_PCI_PATH_FUNCTION=0000:01:00.0
 *   ID_PCI_PATH_ENTRY=disk-scsi-0:0:0:0-part1
 *   ID_PCI_PATH_DISK=1c.4/00-scsi-0:0:0:0-part1
 * and for a USB disk under systemd 254+ also ID_PCI_PATH_DISK_WITH_USB_REVISION=
 * 06/00-usbv3-0:1:1.0-scsi-0:0:0:0. Returns the length, or -ENOSPC.
 */
int pcipath_props_format(const struct pcipath_props *props, char *buf, size_t size);

/* The names of the properties pcipath_id prints, in their order. */
#define PCIPATH_N_PROPS 7
extern const char *const pcipath_prop_names[PCIPATH_N_PROPS];
