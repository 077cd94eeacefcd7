/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli-util.c - pure helpers of the pcipath command (no I/O but the FILE they print to). */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli-util.h"
#include "macro.h"
#include "path.h"

int cli_normalize_bdf(const char *arg, char buf[static 20])
{
	uint32_t domain;
	uint8_t bus, slot, func;
	char tmp[32];

	if (!arg || strlen(arg) > 17)
		return -EINVAL;
	/* lspci's short form "05:00.0" has no domain: it means 0000. */
	if (strlen(arg) == 7) {
		snprintf(tmp, sizeof(tmp), "0000:%s", arg);
		arg = tmp;
	}
	if (pci_parse_bdf(arg, &domain, &bus, &slot, &func) < 0)
		return -EINVAL;
	snprintf(buf, 20, "%04x:%02x:%02x.%u", domain, bus, slot, func);
	return 0;
}

/* What the kernel accepts as an interface name (dev_valid_name()). */
static bool ifname_valid(const char *s)
{
	size_t l = strlen(s);

	if (l == 0 || l >= 16 || streq(s, ".") || streq(s, ".."))
		return false;
	for (; *s; s++)
		if (*s == '/' || *s == ':' || isspace((unsigned char)*s))
			return false;
	return true;
}

enum cli_arg cli_classify_arg(const char *arg)
{
	char bdf[20];

	if (!arg || !*arg)
		return CLI_ARG_INVALID;
	if (startswith(arg, "/sys/") || startswith(arg, "/devices/"))
		return CLI_ARG_SYSFS;
	if (strchr(arg, '/'))
		return CLI_ARG_FILE;
	if (cli_normalize_bdf(arg, bdf) == 0)
		return CLI_ARG_BDF;
	if (ifname_valid(arg))
		return CLI_ARG_IFNAME;
	return CLI_ARG_INVALID;
}

int cli_parse_timeout(const char *s, long *ret_ms)
{
	long sec = 0, ms = 0;
	int digits = 0, frac = 0;

	if (!s || !*s)
		return -EINVAL;
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		sec = sec * 10 + (*s - '0');
		if (sec > 86400)
			return -ERANGE;
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, frac++) {
			if (frac >= 3)
				return -EINVAL;
			ms = ms * 10 + (*s - '0');
		}
		if (frac == 0)
			return -EINVAL;
		for (int i = frac; i < 3; i++)
			ms *= 10;
	}
	if (*s != '\0' || digits == 0)
		return -EINVAL;
	if (sec * 1000 + ms > 86400L * 1000)
		return -ERANGE;
	*ret_ms = sec * 1000 + ms;
	return 0;
}

void text_safe(FILE *f, const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; c && *c; c++) {
		if (*c < 0x20 || *c == 0x7f || *c == '\\')
			fprintf(f, "\\x%02x", *c);
		else
			fputc(*c, f);
	}
}
