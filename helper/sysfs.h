/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sysfs.h - from a device in sysfs to its PCI function and PCI path, with libudev. */
#pragma once

#include <libudev.h>

#include "path.h"

/*
 * Open a device from a syspath ("/sys/..."; symlinks such as /sys/class/block/vda are
 * followed) or a devpath ("/devices/..."). Refuses anything that leads outside
 * /sys/devices. Returns NULL with *err set to a negative errno.
 */
struct udev_device *pcipath_device_open(struct udev *udev, const char *arg, int *err);

/*
 * Find the nearest PCI function of dev (dev itself when it is one) and the path to it.
 * Returns 1 and a new reference in *ret_pci, 0 when dev has no PCI function among its
 * ancestors, or a negative errno: -ENODEV (device gone), -EBADMSG (malformed tree),
 * -E2BIG (deeper than PCIPATH_MAX_HOPS).
 */
int pcipath_walk(struct udev_device *dev, struct pci_path *path,
		 struct udev_device **ret_pci);

/* The same, giving the PCI function's syspath instead: no second udev_device to build. */
int pcipath_walk_syspath(struct udev_device *dev, struct pci_path *path,
			 char *pci_syspath, size_t size);

/* Is dev still in sysfs? The last check before printing, for devices removed mid-walk. */
int pcipath_device_exists(struct udev_device *dev);
