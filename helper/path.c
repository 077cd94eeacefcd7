/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* path.c - pure PCI path logic: format, parse, tag, transport (no I/O). */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "macro.h"
#include "path.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int lowerhexval(char c)
{
	return (c >= 'A' && c <= 'F') ? -1 : hexval(c);
}

int parse_uint(const char *s, unsigned max, unsigned *ret)
{
	unsigned long v = 0;

	if (!s || !*s)
		return -EINVAL;
	if (s[0] == '0' && s[1] != '\0')
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		v = v * 10 + (unsigned)(*s - '0');
		if (v > max)
			return -ERANGE;
	}
	*ret = (unsigned)v;
	return 0;
}

/* Exactly n lower-case hex digits (the kernel's own spelling) into *ret. */
static int parse_hex_fixed(const char *s, size_t n, uint32_t *ret)
{
	uint32_t v = 0;

	for (size_t i = 0; i < n; i++) {
		int d = lowerhexval(s[i]);

		if (d < 0)
			return -EINVAL;
		v = v << 4 | (uint32_t)d;
	}
	*ret = v;
	return 0;
}

/* Domain: 4 to 8 lower-case hex digits, as the kernel prints "%04x". */
static int parse_domain(const char *s, const char **end, uint32_t *ret)
{
	size_t n = strspn(s, "0123456789abcdef");
	uint32_t v;

	if (n < 4 || n > 8 || parse_hex_fixed(s, n, &v) < 0)
		return -EINVAL;
	*ret = v;
	*end = s + n;
	return 0;
}

int pci_parse_bdf(const char *s, uint32_t *domain, uint8_t *bus, uint8_t *slot,
		  uint8_t *func)
{
	uint32_t d, b, sl;
	const char *p;

	if (!s || parse_domain(s, &p, &d) < 0 || *p != ':')
		return -EINVAL;
	p++;
	if (parse_hex_fixed(p, 2, &b) < 0 || p[2] != ':')
		return -EINVAL;
	p += 3;
	if (parse_hex_fixed(p, 2, &sl) < 0 || sl > 0x1f || p[2] != '.')
		return -EINVAL;
	p += 3;
	if (p[0] < '0' || p[0] > '7' || p[1] != '\0')
		return -EINVAL;
	*domain = d;
	*bus = (uint8_t)b;
	*slot = (uint8_t)sl;
	*func = (uint8_t)(p[0] - '0');
	return 0;
}

int pci_parse_root(const char *s, uint32_t *domain, uint8_t *bus)
{
	uint32_t d, b;
	const char *p;

	if (!s || !(p = startswith(s, "pci")) || parse_domain(p, &p, &d) < 0 || *p != ':')
		return -EINVAL;
	p++;
	if (parse_hex_fixed(p, 2, &b) < 0 || p[2] != '\0')
		return -EINVAL;
	*domain = d;
	*bus = (uint8_t)b;
	return 0;
}

int pcipath_format(const struct pci_path *p, char *buf, size_t size)
{
	size_t len = 0;
	int r;

	if (!p || p->n_hops == 0 || p->n_hops > PCIPATH_MAX_HOPS || size == 0)
		return -EINVAL;

	if (p->domain != 0 || p->bus != 0) {
		r = snprintf(buf, size, "pci%04x:%02x/", p->domain, p->bus);
		if (r < 0 || (size_t)r >= size)
			return -ENOSPC;
		len = (size_t)r;
	}

	for (unsigned i = 0; i < p->n_hops; i++) {
		const struct pci_hop *h = &p->hops[i];
		const char *sep = i ? "/" : "";

		/* Only the last hop may be a VF: a VF has no functions below it. */
		if (h->slot > 0x1f || h->func > 7 || h->vf > PCIPATH_MAX_VF ||
		    (h->vf >= 0 && i + 1 != p->n_hops))
			return -EINVAL;
		/* Function 0 is written without ".0" (QEMU's addr=SS). */
		if (h->func && h->vf >= 0)
			r = snprintf(buf + len, size - len, "%s%02x.%uv%d", sep, h->slot,
				     h->func, (int)h->vf);
		else if (h->func)
			r = snprintf(buf + len, size - len, "%s%02x.%u", sep, h->slot,
				     h->func);
		else if (h->vf >= 0)
			r = snprintf(buf + len, size - len, "%s%02xv%d", sep, h->slot,
				     (int)h->vf);
		else
			r = snprintf(buf + len, size - len, "%s%02x", sep, h->slot);
		if (r < 0 || (size_t)r >= size - len)
			return -ENOSPC;
		len += (size_t)r;
	}
	return (int)len;
}

/*
 * One hop of input: slot as 1-2 hex digits (either case), optional ".F", optional "vN".
 * The hop ends at '/' or NUL.
 */
static int parse_hop(const char *s, size_t n, struct pci_hop *h, const char **reason)
{
	size_t i = 0;
	unsigned slot = 0, digits = 0;

	while (i < n && hexval(s[i]) >= 0 && digits < 3) {
		slot = slot << 4 | (unsigned)hexval(s[i]);
		i++;
		digits++;
	}
	if (digits == 0) {
		*reason = "a hop must start with a slot number (00..1f)";
		return -EINVAL;
	}
	if (digits > 2) {
		*reason = "a slot has at most two hex digits";
		return -EINVAL;
	}
	if (slot > 0x1f) {
		*reason = "slot out of range (00..1f)";
		return -ERANGE;
	}
	h->slot = (uint8_t)slot;
	h->func = 0;
	h->vf = -1;

	if (i < n && s[i] == '.') {
		i++;
		if (i >= n || s[i] < '0' || s[i] > '7') {
			*reason = "a function is one digit 0..7";
			return -EINVAL;
		}
		h->func = (uint8_t)(s[i] - '0');
		i++;
	}
	if (i < n && s[i] == 'v') {
		char num[8];
		unsigned vf;
		size_t l = n - i - 1;

		if (l == 0 || l >= sizeof(num)) {
			*reason = "a VF index is a decimal number 0..65535";
			return -EINVAL;
		}
		memcpy(num, s + i + 1, l);
		num[l] = '\0';
		if (parse_uint(num, PCIPATH_MAX_VF, &vf) < 0) {
			*reason = "a VF index is a decimal number 0..65535";
			return -EINVAL;
		}
		h->vf = (int32_t)vf;
		i = n;
	}
	if (i != n) {
		*reason = "unexpected character in hop (want SS[.F][vN])";
		return -EINVAL;
	}
	return 0;
}

int pcipath_parse(const char *s, struct pci_path *p, const char **reason)
{
	const char *dummy, *hop;
	unsigned n = 0;

	if (!reason)
		reason = &dummy;
	*reason = NULL;
	if (!s || !*s) {
		*reason = "empty PCI path";
		return -EINVAL;
	}
	memset(p, 0, sizeof(*p));

	hop = s;
	if (startswith(s, "pci")) {
		const char *slash = strchr(s, '/');
		char root[16];
		size_t l = slash ? (size_t)(slash - s) : strlen(s);

		if (!slash || l >= sizeof(root)) {
			*reason = "a root (pciDDDD:BB) must be followed by hops";
			return -EINVAL;
		}
		memcpy(root, s, l);
		root[l] = '\0';
		if (pci_parse_root(root, &p->domain, &p->bus) < 0) {
			*reason = "malformed root, want pciDDDD:BB in lower-case hex";
			return -EINVAL;
		}
		hop = slash + 1;
	}

	for (;;) {
		const char *end = strchr(hop, '/');
		size_t l = end ? (size_t)(end - hop) : strlen(hop);
		int r;

		if (l == 0) {
			*reason = "empty hop (leading, trailing or doubled '/')";
			return -EINVAL;
		}
		if (n >= PCIPATH_MAX_HOPS) {
			*reason = "too many hops";
			return -E2BIG;
		}
		r = parse_hop(hop, l, &p->hops[n], reason);
		if (r == -ERANGE && n == 0 && hop == s) {
			/*
			 * Kata's root-bus form: "20/00/02" names root bus 0x20. A slot can't
			 * be >= 0x20, so a first hop that large can only be a bus number; we
			 * insist on two more hops, as Kata does (a root bus holds root ports).
			 */
			unsigned bus = 0;
			int ok = l == 2;

			for (size_t i = 0; ok && i < l; i++)
				ok = hexval(hop[i]) >= 0;
			for (size_t i = 0; ok && i < l; i++)
				bus = bus << 4 | (unsigned)hexval(hop[i]);
			if (ok && end && strchr(end + 1, '/')) {
				p->bus = (uint8_t)bus;
				hop = end + 1;
				continue;
			}
			*reason = ok ? "slot out of range (00..1f); a root bus >= 20 in "
				       "Kata's form needs at least two more hops"
				     : "slot out of range (00..1f)";
			return -EINVAL;
		}
		if (r < 0)
			return -EINVAL;
		/* A VF has no functions below it: its hop is the last. */
		if (p->hops[n].vf >= 0 && end) {
			*reason = "a VF hop (SSvN) must be the last hop";
			return -EINVAL;
		}
		n++;
		if (!end)
			break;
		hop = end + 1;
	}
	p->n_hops = n;
	*reason = NULL;
	return 0;
}

int pcipath_tag(const char *canonical, char *buf, size_t size)
{
	size_t l = strlen(canonical);

	if (l >= size)
		return -ENOSPC;
	for (size_t i = 0; i <= l; i++)
		buf[i] = canonical[i] == '/'   ? '-'
			 : canonical[i] == ':' ? '_'
					       : canonical[i];
	return (int)l;
}

/*
 * A transport goes into link names: "" or "-..." of path_id's alphabet (it only writes
 * numbers and fixed words), never a '/' or a control character.
 */
static bool transport_ok(const char *t)
{
	size_t l = strlen(t);

	return l <= 128 && (l == 0 || t[0] == '-') &&
	       strspn(t, "abcdefghijklmnopqrstuvwxyz"
			 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:._-") == l;
}

const char *pcipath_transport(const char *id_path, const char *bdf)
{
	const char *p = id_path, *t;
	size_t bl;

	if (!id_path || !bdf)
		return NULL;
	bl = strlen(bdf);
	/* path_id writes "pci-<bdf>" once, maybe after a platform-/acpi- prefix. */
	for (;;) {
		p = strstr(p, "pci-");
		if (!p)
			return NULL;
		if ((p == id_path || p[-1] == '-') && strncmp(p + 4, bdf, bl) == 0 &&
		    (p[4 + bl] == '\0' || p[4 + bl] == '-'))
			break;
		p += 4;
	}
	t = p + 4 + bl;
	return transport_ok(t) ? t : NULL;
}

int pcipath_entry(const struct pcipath_node *node, char *buf, size_t size)
{
	const char *t = node->transport ? node->transport : "";
	int r;

	if (!transport_ok(t) || node->part < 0 || node->port < 0)
		return -EINVAL;

	switch (node->kind) {
	case PCIPATH_DISK:
		if (!node->transport)
			return -EINVAL;
		r = node->part ? snprintf(buf, size, "disk%s-part%d", t, node->part)
			       : snprintf(buf, size, "disk%s", t);
		break;
	case PCIPATH_CARD:
		r = snprintf(buf, size, "card");
		break;
	case PCIPATH_RENDER:
		r = snprintf(buf, size, "render");
		break;
	case PCIPATH_TTY:
		if (*t) /* USB serial: the USB route names the interface, N the port */
			r = snprintf(buf, size, "tty%s-port%d", t, node->port);
		else if (node->n_ports <= 0 || node->port >= node->n_ports)
			return -EINVAL;
		else if (node->n_ports == 1)
			r = snprintf(buf, size, "tty");
		else
			r = snprintf(buf, size, "tty-port%d", node->port);
		break;
	case PCIPATH_VPORT:
		r = snprintf(buf, size, "vport%d", node->port);
		break;
	case PCIPATH_NET:
		r = node->port ? snprintf(buf, size, "net-port%d", node->port)
			       : snprintf(buf, size, "net");
		break;
	case PCIPATH_VFIO:
		r = snprintf(buf, size, "vfio");
		break;
	case PCIPATH_VFIO_DEV:
		r = snprintf(buf, size, "vfio-dev");
		break;
	default:
		return -EINVAL;
	}
	if (r < 0 || (size_t)r >= size)
		return -ENOSPC;
	return r;
}

bool pcipath_label_valid(const char *label)
{
	size_t n = label ? strlen(label) : 0;

	return n > 0 && n <= PCIPATH_LABEL_MAX && !streq(label, ".") &&
	       !streq(label, "..") &&
	       strspn(label, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			     "0123456789_.-") == n;
}

/* Is s[0..l) a PCI function's name as the kernel writes it ("0000:05:00.0")? */
static int parse_bdf_n(const char *s, size_t l, struct pci_hop *hop)
{
	char c[24];
	uint32_t d;
	uint8_t b;

	if (l >= sizeof(c))
		return -EINVAL;
	memcpy(c, s, l);
	c[l] = '\0';
	return pci_parse_bdf(c, &d, &b, &hop->slot, &hop->func);
}

int pcipath_route(const char *syspath, struct pci_path *p, size_t ends[PCIPATH_MAX_HOPS])
{
	size_t comp[PCIPATH_MAX_HOPS];
	bool rooted = false;
	unsigned n = 0;

	if (!syspath)
		return -EINVAL;
	memset(p, 0, sizeof(*p));
	/*
	 * From the end: skip what is below the nearest PCI function (virtio1/block/vda),
	 * then take the run of BDF components up to the host bridge that starts it. Every
	 * turn moves left by one component, so the loop ends at the string's start.
	 */
	for (size_t i = strlen(syspath); i > 0 && !rooted;) {
		size_t s = i;
		struct pci_hop hop = {.vf = -1};

		while (s > 0 && syspath[s - 1] != '/')
			s--;
		if (parse_bdf_n(syspath + s, i - s, &hop) == 0) {
			if (n >= PCIPATH_MAX_HOPS)
				return -E2BIG;
			p->hops[n] = hop;
			comp[n++] = i;
		} else if (n > 0) {
			char root[24];

			/* The run of PCI functions starts at a host bridge, pciDDDD:BB. */
			if (i - s >= sizeof(root))
				return -EBADMSG;
			memcpy(root, syspath + s, i - s);
			root[i - s] = '\0';
			if (pci_parse_root(root, &p->domain, &p->bus) < 0)
				return -EBADMSG;
			rooted = true;
		}
		if (s == 0)
			break;
		i = s - 1;
	}
	if (n == 0)
		return 0;
	if (!rooted)
		return -EBADMSG;
	/* Found from the leaf up: reverse into root-to-leaf order. */
	for (unsigned k = 0; k < n / 2; k++) {
		struct pci_hop t = p->hops[k];

		p->hops[k] = p->hops[n - 1 - k];
		p->hops[n - 1 - k] = t;
	}
	for (unsigned k = 0; ends && k < n; k++)
		ends[k] = comp[n - 1 - k];
	p->n_hops = n;
	return (int)n;
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
