/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli-util.c - pure helpers of the pcipath command (no I/O but the FILE they print to). */

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli-util.h"
#include "macro.h"
#include "path.h"

bool strprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return r >= 0 && (size_t)r < size;
}

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

static const char *const kind_names[_CLI_KIND_MAX] = {
	[CLI_KIND_BLOCK] = "block",   [CLI_KIND_DRM] = "drm",
	[CLI_KIND_SERIAL] = "serial", [CLI_KIND_NET] = "net",
	[CLI_KIND_VFIO] = "vfio",
};

int cli_kind_from_string(const char *s)
{
	for (int i = 0; i < _CLI_KIND_MAX; i++)
		if (s && streq(s, kind_names[i]))
			return i;
	return -EINVAL;
}

const char *cli_kind_to_string(int kind)
{
	return kind >= 0 && kind < _CLI_KIND_MAX ? kind_names[kind] : "any";
}

int cli_kind_of_subsystem(const char *subsystem)
{
	static const struct {
		const char *subsystem;
		int kind;
	} map[] = {
		{"block", CLI_KIND_BLOCK},   {"drm", CLI_KIND_DRM},
		{"tty", CLI_KIND_SERIAL},    {"virtio-ports", CLI_KIND_SERIAL},
		{"net", CLI_KIND_NET},	     {"vfio", CLI_KIND_VFIO},
		{"vfio-dev", CLI_KIND_VFIO},
	};

	for (size_t i = 0; subsystem && i < ARRAY_SIZE(map); i++)
		if (streq(subsystem, map[i].subsystem))
			return map[i].kind;
	return -EINVAL;
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

void json_string(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		switch (*c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		default:
			/* Bytes >= 0x80 pass: sysfs and hwdb strings are UTF-8 or ASCII. */
			if (*c < 0x20 || *c == 0x7f)
				fprintf(f, "\\u%04x", *c);
			else
				fputc(*c, f);
		}
	}
	fputc('"', f);
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

int sysfs_resolve_link(const char *dir, const char *target, char *buf, size_t size)
{
	size_t len;
	const char *p;

	if (!dir || !target || dir[0] != '/')
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
		strcpy(buf, "/");
		len = 1;
	}
	return (int)len;
}

static bool component_is_bdf(const char *s, size_t l)
{
	char c[32];
	uint32_t d;
	uint8_t b, sl, f;

	if (l >= sizeof(c))
		return false;
	memcpy(c, s, l);
	c[l] = '\0';
	return pci_parse_bdf(c, &d, &b, &sl, &f) == 0;
}

size_t pci_function_prefix(const char *syspath)
{
	size_t best = 0;

	for (const char *p = syspath; p && *p;) {
		size_t l;

		if (*p == '/') {
			p++;
			continue;
		}
		l = strcspn(p, "/");
		if (component_is_bdf(p, l))
			best = (size_t)(p - syspath) + l;
		p += l;
	}
	return best;
}

int pcipath_from_syspath(const char *syspath, struct pci_path *p)
{
	const char *comp[PCIPATH_MAX_HOPS + 1];
	size_t lens[PCIPATH_MAX_HOPS + 1];
	unsigned n = 0;
	bool rooted = false;
	const char *s;

	memset(p, 0, sizeof(*p));
	/* Collect the trailing run of BDF components, and the root just before it. */
	for (s = syspath; s && *s;) {
		size_t l;

		if (*s == '/') {
			s++;
			continue;
		}
		l = strcspn(s, "/");
		if (component_is_bdf(s, l)) {
			if (!rooted)
				return -EINVAL;
			if (n >= PCIPATH_MAX_HOPS)
				return -E2BIG;
			comp[n] = s;
			lens[n++] = l;
		} else {
			char root[32];

			n = 0;
			rooted = false;
			if (l < sizeof(root)) {
				memcpy(root, s, l);
				root[l] = '\0';
				rooted = pci_parse_root(root, &p->domain, &p->bus) == 0;
			}
		}
		s += l;
	}
	if (n == 0)
		return -EINVAL;
	for (unsigned i = 0; i < n; i++) {
		char c[32];
		uint32_t d;
		uint8_t b;

		memcpy(c, comp[i], lens[i]);
		c[lens[i]] = '\0';
		if (pci_parse_bdf(c, &d, &b, &p->hops[i].slot, &p->hops[i].func) < 0)
			return -EINVAL;
		p->hops[i].vf = -1;
	}
	p->n_hops = n;
	return 0;
}

int pcipath_compare(const struct pci_path *a, const struct pci_path *b)
{
	if (a->domain != b->domain)
		return a->domain < b->domain ? -1 : 1;
	if (a->bus != b->bus)
		return a->bus < b->bus ? -1 : 1;
	for (unsigned i = 0; i < a->n_hops && i < b->n_hops; i++) {
		const struct pci_hop *x = &a->hops[i], *y = &b->hops[i];

		if (x->slot != y->slot)
			return x->slot < y->slot ? -1 : 1;
		if (x->func != y->func)
			return x->func < y->func ? -1 : 1;
		if (x->vf != y->vf)
			return x->vf < y->vf ? -1 : 1;
	}
	return a->n_hops < b->n_hops ? -1 : a->n_hops > b->n_hops ? 1 : 0;
}

bool pcipath_is_prefix(const struct pci_path *a, const struct pci_path *b)
{
	if (a->domain != b->domain || a->bus != b->bus || a->n_hops > b->n_hops)
		return false;
	for (unsigned i = 0; i < a->n_hops; i++) {
		const struct pci_hop *x = &a->hops[i], *y = &b->hops[i];

		if (x->slot != y->slot || x->func != y->func || x->vf != y->vf)
			return false;
	}
	return true;
}
