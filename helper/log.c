/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* log.c - one log for pcipath's programs: a level, stderr, kmsg under udev. */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "macro.h"

static int max_level = LOG_LEVEL_INFO;
static bool to_kmsg;

static int parse_level(const char *s)
{
	static const char *const names[] = {"emerg",   "alert",	 "crit", "err",
					    "warning", "notice", "info", "debug"};

	if (!s || !*s)
		return -EINVAL;
	if (s[0] >= '0' && s[0] <= '7' && s[1] == '\0')
		return s[0] - '0';
	for (int i = 0; i < (int)ARRAY_SIZE(names); i++)
		if (streq(s, names[i]))
			return i;
	return streq(s, "error")  ? LOG_LEVEL_ERR
	       : streq(s, "warn") ? LOG_LEVEL_WARNING
				  : -EINVAL;
}

void log_setup(bool kmsg)
{
	int l = parse_level(getenv("PCIPATH_LOG_LEVEL"));

	if (l < 0)
		l = parse_level(getenv("SYSTEMD_LOG_LEVEL"));
	if (l >= 0)
		max_level = l;
	/* By hand (a terminal) stderr is enough; PCIPATH_NO_KMSG for tests. */
	to_kmsg = kmsg && !isatty(STDERR_FILENO) && !getenv("PCIPATH_NO_KMSG");
}

int log_get_level(void)
{
	return max_level;
}

void log_vmsg(int level, const char *fmt, va_list ap)
{
	char msg[1024], rec[1100];
	int n, l;

	if (level > max_level)
		return;
	l = vsnprintf(msg, sizeof(msg), fmt, ap);
	if (l < 0)
		return;
	if ((size_t)l >= sizeof(msg))
		l = (int)sizeof(msg) - 1;
	/* One line: a message never spans records, whatever the strings in it hold. */
	for (int i = 0; i < l; i++)
		if (msg[i] == '\n')
			msg[i] = ' ';
	n = snprintf(rec, sizeof(rec), "%s: %s\n", program_invocation_short_name, msg);
	if (n > 0)
		(void)!write(STDERR_FILENO, rec,
			     (size_t)n < sizeof(rec) ? (size_t)n : sizeof(rec) - 1);

	if (to_kmsg && level <= LOG_LEVEL_WARNING) {
		/* One write() is one kmsg record: "<prio>name[pid]: message". */
		int fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC | O_NOCTTY);

		if (fd < 0)
			return;
		n = snprintf(rec, sizeof(rec), "<%d>%s[%d]: %s\n", level,
			     program_invocation_short_name, (int)getpid(), msg);
		if (n > 0)
			(void)!write(fd, rec,
				     (size_t)n < sizeof(rec) ? (size_t)n
							     : sizeof(rec) - 1);
		close(fd);
	}
}

void log_msg(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}

const char *log_strerror(int r)
{
	switch (r) {
	case -EBADMSG:
		return "malformed sysfs tree";
	case -E2BIG:
		return "PCI route deeper than 32 hops";
	default:
		return strerror(r < 0 ? -r : r);
	}
}
