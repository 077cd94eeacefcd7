/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* props.h - the KEY=value lines pcipath_id prints for one device. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <libudev.h>

struct outbuf {
	char buf[2048];
	size_t len;
	bool overflow;
};

/* Where udev properties (ID_PATH, PARTN) come from: the event's env, or the udev db. */
typedef const char *(*pcipath_getprop_fn)(void *userdata, const char *key);

/*
 * Fill out with the properties of dev. Returns 1 when dev has a PCI path, 0 when it has
 * none (nothing to print), or a negative errno (nothing must be printed).
 */
int pcipath_props(struct udev_device *dev, pcipath_getprop_fn getprop, void *userdata,
		  struct outbuf *out);
