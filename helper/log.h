/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* log.h - ERR/WRN/INF/DBG for pcipath's programs: stderr, and kmsg under udev. */
#pragma once

#include <stdarg.h>
#include <stdbool.h>

#include "macro.h"

/* syslog(3) priorities, as systemd's and kmod's logs use them. */
enum {
	LOG_LEVEL_ERR = 3,
	LOG_LEVEL_WARNING = 4,
	LOG_LEVEL_NOTICE = 5,
	LOG_LEVEL_INFO = 6,
	LOG_LEVEL_DEBUG = 7,
};

/*
 * Read the level from $PCIPATH_LOG_LEVEL, else $SYSTEMD_LOG_LEVEL (a name such as
 * "debug" or a number 0..7; default "info"). With kmsg, warnings and errors also go to
 * /dev/kmsg when stderr is no terminal: udev logs a program's stderr only at debug
 * level, and the journal reads the kernel log ($PCIPATH_NO_KMSG: not there). Cheap: no
 * allocation, no stdio.
 */
void log_setup(bool kmsg);
int log_get_level(void);

_printf_(2, 3) void log_msg(int level, const char *fmt, ...);
void log_vmsg(int level, const char *fmt, va_list ap);

/* A negative errno as a message, with the meanings pcipath gives some of them. */
const char *log_strerror(int negative_errno);

#define ERR(fmt, ...) log_msg(LOG_LEVEL_ERR, fmt, ##__VA_ARGS__)
#define WRN(fmt, ...) log_msg(LOG_LEVEL_WARNING, fmt, ##__VA_ARGS__)
#define INF(fmt, ...) log_msg(LOG_LEVEL_INFO, fmt, ##__VA_ARGS__)
#define DBG(fmt, ...)                                                 \
	do {                                                          \
		if (log_get_level() >= LOG_LEVEL_DEBUG)               \
			log_msg(LOG_LEVEL_DEBUG, fmt, ##__VA_ARGS__); \
	} while (0)
