/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli-hwdb.h - the command's udev hwdb lookups: vendor and device names, labels. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* The hwdb's names of a PCI function (ID_*_FROM_DATABASE); "" when none. */
struct names {
	char vendor[128], device[128], class_[128], subclass[128];
};

/* The command's one udev context (hwdb, monitor), made on first use; NULL on error. */
extern struct udev *udev_ctx;
struct udev *get_udev(void);

/* Names for a modalias; empty strings when the hwdb has none (or numeric). */
void lookup_names(const char *modalias, bool numeric, struct names *n);

/*
 * The hwdb label of a path (PCIPATH_LABEL of a pcipath: entry, pcipath(7)), "" when
 * none or not a valid label: what udev's rules would name /dev/by-pcilabel/<label>.
 */
void lookup_label(const char *canon, char *buf, size_t size);

/* Drop the hwdb and the udev context (at exit). */
void cli_hwdb_close(void);
