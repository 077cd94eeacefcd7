/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli-util.h - pure helpers of the pcipath command: argument forms, JSON, sysfs names. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "macro.h"
#include "path.h"

/* Exit codes of pcipath(1). */
#define CLI_EXIT_OK	 0
#define CLI_EXIT_ERR	 1   /* error, or nothing there */
#define CLI_EXIT_USAGE	 2   /* bad option, argument count or option value */
#define CLI_EXIT_TIMEOUT 124 /* wait: nothing appeared in time (as timeout(1)) */

/* What `pcipath of ARG` was given. */
enum cli_arg {
	CLI_ARG_INVALID,
	CLI_ARG_SYSFS,	/* /sys/... or /devices/... */
	CLI_ARG_FILE,	/* any other path: a device node or a link to one */
	CLI_ARG_BDF,	/* 0000:05:00.0, or 05:00.0 (domain 0000, as lspci prints it) */
	CLI_ARG_IFNAME, /* a network interface name */
};

enum cli_arg cli_classify_arg(const char *arg);

/* "05:00.0" or "0000:05:00.0" -> "0000:05:00.0". Returns 0 or -EINVAL. */
int cli_normalize_bdf(const char *arg, char buf[static 20]);

/* Node kinds `wait --kind` and `list` know (SPEC 3's table). */
enum cli_kind {
	CLI_KIND_BLOCK,
	CLI_KIND_DRM,
	CLI_KIND_SERIAL,
	CLI_KIND_NET,
	CLI_KIND_VFIO,
	_CLI_KIND_MAX,
	CLI_KIND_ANY = -1,
};

/* "block" -> CLI_KIND_BLOCK; -EINVAL for an unknown name. */
int cli_kind_from_string(const char *s);
const char *cli_kind_to_string(int kind);
/* The kind of a sysfs class (subsystem) name, or -EINVAL when none of ours. */
int cli_kind_of_subsystem(const char *subsystem);

/* Seconds with up to 3 decimals ("2", "0.5") -> milliseconds, at most a day. */
int cli_parse_timeout(const char *s, long *ret_ms);

/* snprintf that says whether all of it fit (true) or it was truncated (false). */
_printf_(3, 4) bool strprintf(char *buf, size_t size, const char *fmt, ...);

/* A JSON string literal, quotes included; NULL gives null. */
void json_string(FILE *f, const char *s);
/* Text output: non-printable bytes as \xNN, so one record stays one line. */
void text_safe(FILE *f, const char *s);

/*
 * The absolute, normalized path a sysfs symlink in dir points to ("/sys/class/block",
 * "../../devices/pci0000:00/0000:00:02.0/virtio1/block/vda"). Returns the length, or
 * -EINVAL (not absolute, or ".." above "/") / -ENAMETOOLONG.
 */
int sysfs_resolve_link(const char *dir, const char *target, char *buf, size_t size);

/*
 * The length of the prefix of syspath naming its nearest PCI function: up to the last
 * component in BDF form ("/sys/devices/pci0000:00/0000:00:02.0/virtio1/block/vda" ->
 * length of "/sys/devices/pci0000:00/0000:00:02.0"). 0 when there is none.
 */
size_t pci_function_prefix(const char *syspath);

/*
 * The PCI path of a PCI function from its syspath alone: the last pciDDDD:BB component
 * and the BDF components after it ("/sys/devices/pci0000:00/0000:00:1c.2/0000:01:00.0"
 * -> 1c.2/00). VFs are not told apart here (the caller checks physfn). Returns 0,
 * -EINVAL when syspath is no PCI function, -E2BIG when too deep.
 */
int pcipath_from_syspath(const char *syspath, struct pci_path *p);

/* Order of PCI paths: root (domain, bus), then hop by hop (slot, function, VF). */
int pcipath_compare(const struct pci_path *a, const struct pci_path *b);

/* Is a a prefix of b (b is a itself or below it)? VF hops only match themselves. */
bool pcipath_is_prefix(const struct pci_path *a, const struct pci_path *b);
