/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli-util.h - pure helpers of the pcipath command: argument forms, timeouts, output. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "macro.h"
#include "path.h"
#include "util.h"

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

/* Seconds with up to 3 decimals ("2", "0.5") -> milliseconds, at most a day. */
int cli_parse_timeout(const char *s, long *ret_ms);

/* Text output: non-printable bytes as \xNN, so one record stays one line. */
void text_safe(FILE *f, const char *s);
