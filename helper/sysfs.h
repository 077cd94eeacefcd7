/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sysfs.h - the one sysfs layer: device -> PCI function and path, path -> function. */
#pragma once

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "path.h"
#include "util.h"

/*
 * Every pcipath program (the udev helpers and each command) finds PCI paths here and
 * nowhere else. No libudev: the helper must cost what a static no-op costs (issue 11),
 * and the route is in the syspath string anyway (path.h's pcipath_route()).
 */

/* The nearest PCI function of a device, as the walk found it. */
struct pcipath_fn {
	struct pci_path path;
	char syspath[PATH_MAX]; /* /sys/devices/.../0000:01:00.0 */
	const char *bdf;	/* its last component, inside syspath */
	char physfn[24];	/* an SR-IOV VF's PF ("0000:01:00.0"), "" for no VF */
};

/*
 * A device's canonical syspath from what a user or udev gives: a syspath ("/sys/...",
 * symlinks such as /sys/class/block/vda resolved) or a devpath ("/devices/..."). Refuses
 * anything outside /sys/devices (-EINVAL) and "." or ".." components; -ENODEV when it
 * does not exist, -ELOOP for a symlink loop.
 */
int sysfs_canonical(const char *arg, char *buf, size_t size);

/*
 * The nearest PCI function of a device (the device itself when it is one): its path
 * (VFs not told apart) and syspath, from the syspath string; an NVMe multipath
 * namespace is mapped to its controller as systemd's path_id does (one readlink).
 * ends[i]: where hop i's component ends in buf. Returns the number of hops, 0 when
 * the device has no PCI function above it, -EBADMSG, -E2BIG, -ENAMETOOLONG.
 */
int sysfs_function_of(const char *syspath, struct pci_path *path, char *buf, size_t size,
		      size_t ends[PCIPATH_MAX_HOPS]);

/* The walk may trust the route: syspath is a function /sys/bus/pci/devices lists. */
#define SYSFS_WALK_LISTED 1U

/*
 * The walk every program uses: sysfs_function_of(), each hop confirmed as a live PCI
 * function (one readlink each, unless SYSFS_WALK_LISTED), and an SR-IOV VF named after
 * its PF (sriov_offset/stride, one readlink to confirm). Returns 1, 0 when the device
 * has no PCI function above it, or -ENODEV (gone), -EBADMSG (malformed tree), -E2BIG.
 */
int sysfs_walk(const char *syspath, unsigned flags, struct pcipath_fn *fn);

/*
 * The syspath of the function at path, found from the root bus down hop by hop among
 * the children's names (bus numbers come from the tree; a VF hop follows virtfn<N>).
 * Returns 0, -ENOENT when the path leads nowhere, -EBADMSG for a malformed tree;
 * reason (may be NULL) then says why in one line.
 */
int sysfs_resolve(const struct pci_path *path, char *buf, size_t size, char *reason,
		  size_t reason_size);

/* Does the device still exist (its uevent file)? The last check before printing. */
bool sysfs_exists(const char *syspath);

/* The basename of a device's subsystem link ("block"), or -errno. */
int sysfs_subsystem(const char *syspath, char *buf, size_t size);

/* A small attribute's content without its trailing newlines; the length or -errno. */
int sysfs_read(const char *path, char *buf, size_t size);
/* The same for dir/name. */
int sysfs_read_at(const char *dir, const char *name, char *buf, size_t size);
/* The absolute, normalized target of the symlink dir/name; the length or -errno. */
int sysfs_read_link(const char *dir, const char *name, char *buf, size_t size);

/* A serial port of a PCI function (a tty with a node, not behind USB). */
struct sysfs_uart {
	char syspath[PATH_MAX];
	unsigned major, minor;
};
#define SYSFS_MAX_UART_PORTS 64

/*
 * The serial ports of the PCI function at fn_syspath that share tty_syspath's major, in
 * line order: how many, or -EINVAL when tty_syspath has no node, -E2BIG past max.
 */
int sysfs_uart_list(const char *fn_syspath, const char *tty_syspath,
		    struct sysfs_uart *ports, size_t max);

/* The index of tty_syspath among them and their count; -ENODEV when not among them. */
int sysfs_uart_ports(const char *fn_syspath, const char *tty_syspath, int *index,
		     int *n_ports);

/*
 * For a device below fn_syspath: is there a USB device between them (a USB serial or
 * storage device behind a PCI USB controller)? With port_number, also the usb-serial
 * port number of that device, -1 when there is none (cdc-acm). Returns 1, 0, -errno.
 */
int sysfs_behind_usb(const char *fn_syspath, const char *syspath, int *port_number);
