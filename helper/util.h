/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* util.h - pure string helpers for sysfs text: uevent lines, link targets, names. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "macro.h"

/*
 * The value of KEY in a uevent file's text ("KEY=value" lines) copied into buf (cut to
 * size); NULL when absent.
 */
const char *uevent_get(const char *text, const char *key, char *buf, size_t size);

/*
 * The absolute, normalized path a symlink in dir points to ("/sys/class/block",
 * "../../devices/pci0000:00/0000:00:02.0/virtio1/block/vda"). Returns the length, or
 * -EINVAL (dir not absolute, or ".." above "/") / -ENAMETOOLONG.
 */
int sysfs_resolve_link(const char *dir, const char *target, char *buf, size_t size);

/* The last component of a path ("/a/b" -> "b"). */
const char *path_basename(const char *p);

/* Does the path have a "." or ".." component? No syspath has one. */
bool path_has_dot_component(const char *p);

/* snprintf that says whether all of it fit (true) or it was cut (false). */
_printf_(3, 4) bool strprintf(char *buf, size_t size, const char *fmt, ...);
