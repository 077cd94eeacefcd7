/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* util.c - pure string helpers for sysfs text (no I/O). */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

bool strprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return r >= 0 && (size_t)r < size;
}

const char *uevent_get(const char *text, const char *key, char *buf, size_t size)
{
	size_t kl = strlen(key);

	if (size == 0)
		return NULL;
	for (const char *l = text; l && *l;) {
		const char *nl = strchr(l, '\n');
		size_t ll = nl ? (size_t)(nl - l) : strlen(l);

		if (ll > kl && strncmp(l, key, kl) == 0 && l[kl] == '=') {
			size_t vl = ll - kl - 1;

			if (vl >= size)
				vl = size - 1;
			memcpy(buf, l + kl + 1, vl);
			buf[vl] = '\0';
			return buf;
		}
		l = nl ? nl + 1 : NULL;
	}
	return NULL;
}

const char *path_basename(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

bool path_has_dot_component(const char *p)
{
	for (const char *c = p; (c = strstr(c, "/.")); c++)
		if (c[2] == '\0' || c[2] == '/' ||
		    (c[2] == '.' && (c[3] == '\0' || c[3] == '/')))
			return true;
	return false;
}

int sysfs_resolve_link(const char *dir, const char *target, char *buf, size_t size)
{
	size_t len;
	const char *p;

	if (!dir || !target || dir[0] != '/' || size == 0)
		return -EINVAL;
	if (target[0] == '/') {
		buf[0] = '\0';
		len = 0;
	} else {
		len = strlen(dir);
		if (len >= size)
			return -ENAMETOOLONG;
		memcpy(buf, dir, len + 1);
		while (len > 1 && buf[len - 1] == '/')
			buf[--len] = '\0';
		if (len == 1) /* dir is "/" */
			buf[--len] = '\0';
	}
	for (p = target; *p;) {
		size_t l = strcspn(p, "/");

		if (l == 0 || (l == 1 && p[0] == '.')) {
			/* empty or "." component */
		} else if (l == 2 && p[0] == '.' && p[1] == '.') {
			char *slash = strrchr(buf, '/');

			if (!slash)
				return -EINVAL;
			*slash = '\0';
			len = (size_t)(slash - buf);
		} else {
			if (len + 1 + l >= size)
				return -ENAMETOOLONG;
			buf[len++] = '/';
			memcpy(buf + len, p, l);
			len += l;
			buf[len] = '\0';
		}
		p += l;
		if (*p == '/')
			p++;
	}
	if (len == 0) {
		if (size < 2)
			return -ENAMETOOLONG;
		memcpy(buf, "/", 2);
		len = 1;
	}
	return (int)len;
}
