/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* predict.c - the bus model of pcipath predict: PCI paths, links and output (no I/O). */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cli-util.h"
#include "macro.h"
#include "path.h"
#include "predict.h"

void predict_model_init(struct predict_model *m, enum predict_source source)
{
	memset(m, 0, sizeof(*m));
	m->source = source;
}

void predict_model_free(struct predict_model *m)
{
	for (size_t i = 0; i < m->n_devs; i++) {
		struct predict_dev *d = &m->devs[i];

		free(d->key);
		free(d->driver);
		free(d->bus);
		free(d->child);
		for (unsigned j = 0; j < d->n_disks; j++)
			free(d->disks[j]);
	}
	free(m->devs);
	m->devs = NULL;
	m->n_devs = m->n_alloc = 0;
}

/* Messages quote the input: keep them one line whatever it holds. */
static void one_line(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

int predict_error(struct predict_model *m, const char *fmt, ...)
{
	va_list ap;

	/* The first error is the one that explains; later ones follow from it. */
	if (m->error[0])
		return -EINVAL;
	va_start(ap, fmt);
	vsnprintf(m->error, sizeof(m->error), fmt, ap);
	va_end(ap);
	one_line(m->error);
	return -EINVAL;
}

void predict_warn(struct predict_model *m, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (!m->warn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	one_line(msg);
	m->warn(m->userdata, msg);
}

struct predict_dev *predict_add(struct predict_model *m)
{
	struct predict_dev *d;

	if (m->n_devs >= PREDICT_MAX_DEVS) {
		predict_error(m, "more than %d devices", PREDICT_MAX_DEVS);
		return NULL;
	}
	if (m->n_devs == m->n_alloc) {
		size_t n = m->n_alloc ? m->n_alloc * 2 : 32;
		struct predict_dev *p = realloc(m->devs, n * sizeof(*p));

		if (!p) {
			predict_error(m, "out of memory");
			return NULL;
		}
		m->devs = p;
		m->n_alloc = n;
	}
	d = &m->devs[m->n_devs++];
	memset(d, 0, sizeof(*d));
	d->devfn = -1;
	d->bus_nr = -1;
	return d;
}

int predict_set(struct predict_model *m, char **field, const char *s)
{
	char *c = NULL;

	if (s && !(c = strdup(s)))
		return predict_error(m, "out of memory"), -ENOMEM;
	free(*field);
	*field = c;
	return 0;
}

int predict_add_disk(struct predict_model *m, struct predict_dev *d,
		     const char *transport)
{
	char *t;

	if (d->n_disks >= PREDICT_MAX_LINKS)
		return predict_error(m, "more than %d disks on one function",
				     PREDICT_MAX_LINKS);
	t = strdup(transport);
	if (!t)
		return predict_error(m, "out of memory"), -ENOMEM;
	d->disks[d->n_disks++] = t;
	return 0;
}

int predict_add_pxb_bridge(struct predict_model *m, size_t expander)
{
	struct predict_dev *br = predict_add(m), *pxb;
	char *internal;

	if (!br)
		return -ENOMEM;
	/* predict_add may have moved the array: look the expander up again. */
	pxb = &m->devs[expander];
	/* A blank can't be in a QEMU id or a libvirt index: no input names this bus. */
	if (asprintf(&internal, " pxb-internal %s", pxb->child ? pxb->child : "") < 0)
		return predict_error(m, "out of memory");
	br->bus = internal;
	br->devfn = 0;
	br->role = PREDICT_BRIDGE;
	br->child = pxb->child;
	pxb->child = strdup(internal);
	if (!pxb->child || predict_set(m, &br->driver, "pci-bridge") < 0)
		return predict_error(m, "out of memory");
	return 0;
}

struct predict_dev *predict_find_child(struct predict_model *m, const char *name)
{
	for (size_t i = 0; i < m->n_devs; i++)
		if (streq0(m->devs[i].child, name))
			return &m->devs[i];
	return NULL;
}

struct predict_dev *predict_find_key(struct predict_model *m, const char *key)
{
	for (size_t i = 0; i < m->n_devs; i++)
		if (streq0(m->devs[i].key, key))
			return &m->devs[i];
	return NULL;
}

bool predict_is_root(const struct predict_model *m, const char *name)
{
	for (unsigned i = 0; i < m->n_roots; i++)
		if (streq0(m->roots[i], name))
			return true;
	return false;
}

int predict_parse_number(const char *s, unsigned long max, unsigned long *ret)
{
	unsigned long v = 0;
	unsigned base = 10;

	if (!s || !*s)
		return -EINVAL;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		if (!*s)
			return -EINVAL;
	} else if (s[0] == '0' && s[1]) {
		base = 8;
		s++;
	}
	for (; *s; s++) {
		int c = *s, dv;

		if (c >= '0' && c <= '9')
			dv = c - '0';
		else if (c >= 'a' && c <= 'f')
			dv = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			dv = c - 'A' + 10;
		else
			return -EINVAL;
		if ((unsigned)dv >= base)
			return -EINVAL;
		v = v * base + (unsigned)dv;
		if (v > max)
			return -ERANGE;
	}
	*ret = v;
	return 0;
}

static bool hexdigit(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/*
 * One %x conversion as sscanf does it: blanks, an optional sign, an optional 0x, then
 * hex digits. Returns the position after it, or NULL when there are no digits. Values
 * saturate: anything past 0xff is out of range for us anyway.
 */
static const char *scan_hex(const char *s, unsigned long *ret)
{
	unsigned long v = 0;
	bool neg = false, any = false;

	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && hexdigit(s[2]))
		s += 2;
	for (; hexdigit(*s); s++) {
		int c = *s;

		any = true;
		v = v * 16 + (unsigned long)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
		if (v > 0xffff)
			v = 0xffff;
	}
	if (!any)
		return NULL;
	/* %x stores -N as the unsigned int's wrap-around: never a valid slot. */
	*ret = neg && v ? 0xffff : v;
	return s;
}

int predict_parse_addr(const char *s)
{
	unsigned long slot, fn = 0;
	const char *p;

	if (!s)
		return -EINVAL;
	p = scan_hex(s, &slot);
	if (!p)
		return -EINVAL;
	if (*p == '.') {
		const char *q = scan_hex(p + 1, &fn);

		/* "2." or "2.x": sscanf matched one item; "%x%n" then stops at '.' */
		if (!q)
			return -EINVAL;
		p = q;
	}
	if (*p)
		return -EINVAL;
	if (slot > 0x1f || fn > 7)
		return -ERANGE;
	return (int)(slot << 3 | fn);
}

/* ---- resolving ---------------------------------------------------------------------- */

static int resolve_one(struct predict_model *m, struct predict_dev *d)
{
	struct pci_hop hops[PCIPATH_MAX_HOPS];
	struct predict_dev *cur = d;
	unsigned n = 0;
	int root_bus = -1;

	/* Each step climbs one bus; more steps than devices is a loop. */
	for (size_t step = 0; step <= m->n_devs; step++) {
		struct predict_dev *up;

		if (cur->devfn < 0) {
			if (cur == d)
				predict_warn(
					m,
					"%s%s%s on bus %s has no addr: QEMU picks its "
					"slot, not predicted",
					d->driver ? d->driver : "device",
					d->key ? " " : "", d->key ? d->key : "",
					d->bus ? d->bus : "?");
			else
				predict_warn(m,
					     "%s%s%s: behind %s, which has no addr; not "
					     "predicted",
					     d->driver ? d->driver : "device",
					     d->key ? " " : "", d->key ? d->key : "",
					     cur->key ? cur->key : cur->driver);
			return 0;
		}
		if (n >= PCIPATH_MAX_HOPS)
			return predict_error(m, "%s: more than %d hops below the root",
					     d->key ? d->key : d->driver,
					     PCIPATH_MAX_HOPS);
		hops[n].slot = (uint8_t)(cur->devfn >> 3);
		hops[n].func = (uint8_t)(cur->devfn & 7);
		hops[n].vf = -1;
		n++;

		if (predict_is_root(m, cur->bus)) {
			root_bus = 0;
			break;
		}
		up = predict_find_child(m, cur->bus);
		if (!up && m->source == PREDICT_LIBVIRT)
			return predict_error(
				m,
				"%s: unknown bus '%s' (no <controller type='pci' "
				"index='%s'>)",
				cur->key, cur->bus, cur->bus);
		if (!up)
			return predict_error(
				m, "%s%s%s: unknown bus '%s'",
				cur->driver ? cur->driver : "device", cur->key ? " " : "",
				cur->key ? cur->key : "", cur->bus ? cur->bus : "");
		if (up->role == PREDICT_EXPANDER) {
			root_bus = up->bus_nr;
			break;
		}
		cur = up;
	}
	if (root_bus < 0)
		return predict_error(m, "%s: its buses form a loop (bus '%s')",
				     d->key ? d->key : (d->driver ? d->driver : "device"),
				     d->bus ? d->bus : "");

	d->path.domain = 0;
	d->path.bus = (uint8_t)root_bus;
	d->path.n_hops = n;
	for (unsigned i = 0; i < n; i++)
		d->path.hops[i] = hops[n - 1 - i];
	if (pcipath_format(&d->path, d->canon, sizeof(d->canon)) < 0)
		return predict_error(m, "%s: cannot format its path",
				     d->key ? d->key : "");
	d->resolved = true;
	return 0;
}

static int cmp_dev(const void *a, const void *b)
{
	const struct predict_dev *x = *(const struct predict_dev *const *)a;
	const struct predict_dev *y = *(const struct predict_dev *const *)b;
	int r = pcipath_compare(&x->path, &y->path);

	if (r)
		return r;
	return strcmp(x->key ? x->key : "", y->key ? y->key : "");
}

/* Resolved devices sorted by path; NULL when there are none (or no memory). */
static const struct predict_dev **sorted(const struct predict_model *m, size_t *ret_n)
{
	const struct predict_dev **v;
	size_t n = 0;

	*ret_n = 0;
	v = calloc(m->n_devs + 1, sizeof(*v));
	if (!v)
		return NULL;
	for (size_t i = 0; i < m->n_devs; i++)
		if (m->devs[i].resolved)
			v[n++] = &m->devs[i];
	qsort(v, n, sizeof(*v), cmp_dev);
	*ret_n = n;
	return v;
}

int predict_resolve(struct predict_model *m)
{
	const struct predict_dev **v;
	size_t n;
	int r = 0;

	/* Two buses of one name: QEMU refuses duplicate ids, libvirt duplicate indexes. */
	for (size_t i = 0; i < m->n_devs; i++) {
		const char *c = m->devs[i].child;

		if (!c)
			continue;
		if (predict_is_root(m, c))
			return predict_error(
				m, "bus '%s' is both a root bus and a bridge's", c);
		for (size_t j = i + 1; j < m->n_devs; j++)
			if (streq0(m->devs[j].child, c))
				return predict_error(m, "two devices provide bus '%s'",
						     c);
	}
	for (size_t i = 0; i < m->n_devs; i++) {
		if (m->devs[i].devfn == PREDICT_NOT_A_FUNCTION)
			continue;
		r = resolve_one(m, &m->devs[i]);
		if (r < 0)
			return r;
	}
	/* Two functions at one address: QEMU and libvirt refuse that configuration. */
	v = sorted(m, &n);
	if (!v)
		return predict_error(m, "out of memory"), -ENOMEM;
	for (size_t i = 1; i < n; i++)
		if (pcipath_compare(&v[i - 1]->path, &v[i]->path) == 0) {
			r = predict_error(m, "two devices at %s (%s and %s)", v[i]->canon,
					  v[i - 1]->key ? v[i - 1]->key
							: v[i - 1]->driver,
					  v[i]->key ? v[i]->key : v[i]->driver);
			break;
		}
	free(v);
	return r;
}

/* ---- links -------------------------------------------------------------------------- */

struct links {
	char *v[2 * PREDICT_MAX_LINKS + 1];
	unsigned n;
	char altname[PCIPATH_MAX_LEN + 16];
};

static void links_free(struct links *l)
{
	for (unsigned i = 0; i < l->n; i++)
		free(l->v[i]);
	l->n = 0;
}

/* dir + path + sep + entry: "/dev/by-pcipath/" "02/00" "/" "disk". */
static int links_add(struct links *l, const char *dir, const char *path, const char *sep,
		     const char *entry)
{
	char *s;

	if (l->n >= ARRAY_SIZE(l->v) ||
	    asprintf(&s, "%s%s%s%s", dir, path, sep, entry) < 0)
		return -ENOMEM;
	l->v[l->n++] = s;
	return 0;
}

/*
 * The links SPEC section 3 gives a device (the entry names from pcipath_entry, as the
 * helper makes them):
 *   /dev/disk/by-pcipath/02/00-nvme-1  /dev/by-pcipath/02/00/disk-nvme-1
 *   /dev/by-pcipath/07/net             and the altname pcipath-07
 */
static int links_of(const struct predict_dev *d, struct links *l)
{
	char entry[256];
	int r;

	memset(l, 0, sizeof(*l));
	for (unsigned i = 0; i < d->n_disks; i++) {
		struct pcipath_node node = {.kind = PCIPATH_DISK,
					    .transport = d->disks[i]};

		if (pcipath_entry(&node, entry, sizeof(entry)) < 0)
			return -EINVAL;
		r = links_add(l, "/dev/disk/by-pcipath/", d->canon, "", d->disks[i]);
		if (r >= 0)
			r = links_add(l, "/dev/by-pcipath/", d->canon, "/", entry);
		if (r < 0)
			return r;
	}
	if (d->nic) {
		struct pcipath_node node = {.kind = PCIPATH_NET};
		char tag[PCIPATH_MAX_LEN];

		if (pcipath_entry(&node, entry, sizeof(entry)) < 0 ||
		    pcipath_tag(d->canon, tag, sizeof(tag)) < 0)
			return -EINVAL;
		r = links_add(l, "/dev/by-pcipath/", d->canon, "/", entry);
		if (r < 0)
			return r;
		snprintf(l->altname, sizeof(l->altname), "pcipath-%s", tag);
	}
	return 0;
}

/* ---- output ------------------------------------------------------------------------- */

static int print_json(const struct predict_dev **v, size_t n, enum predict_source src,
		      FILE *f)
{
	json_object *arr = json_object_new_array();
	int r = 0;

	if (!arr)
		return -ENOMEM;
	for (size_t i = 0; i < n && r >= 0; i++) {
		const struct predict_dev *d = v[i];
		json_object *o = json_object_new_object(), *jl = json_object_new_array(),
			    *ja = json_object_new_array();
		char tag[PCIPATH_MAX_LEN];
		struct links l;

		if (!o || !jl || !ja || links_of(d, &l) < 0 ||
		    pcipath_tag(d->canon, tag, sizeof(tag)) < 0) {
			json_object_put(o);
			json_object_put(jl);
			json_object_put(ja);
			r = -ENOMEM;
			break;
		}
		json_object_object_add(o, src == PREDICT_LIBVIRT ? "key" : "id",
				       d->key ? json_object_new_string(d->key) : NULL);
		json_object_object_add(o, "driver",
				       d->driver ? json_object_new_string(d->driver)
						 : NULL);
		json_object_object_add(o, "path", json_object_new_string(d->canon));
		json_object_object_add(o, "tag", json_object_new_string(tag));
		for (unsigned j = 0; j < l.n; j++)
			json_object_array_add(jl, json_object_new_string(l.v[j]));
		if (l.altname[0])
			json_object_array_add(ja, json_object_new_string(l.altname));
		json_object_object_add(o, "links", jl);
		json_object_object_add(o, "altnames", ja);
		json_object_array_add(arr, o);
		links_free(&l);
	}
	if (r >= 0) {
		const char *s = json_object_to_json_string_ext(
			arr, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
				     JSON_C_TO_STRING_NOSLASHESCAPE);

		if (!s || fprintf(f, "%s\n", s) < 0)
			r = -EIO;
	}
	json_object_put(arr);
	return r;
}

/* A field of a line: text_safe() keeps a record on one line whatever the input says. */
static char *safe_string(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	text_safe(f, s);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Build lines, sort them as LC_ALL=C sort does (bytes), print them. */
static int print_lines(const struct predict_dev **v, size_t n, enum predict_format fmt,
		       enum predict_source src, FILE *f)
{
	char **lines;
	size_t n_lines = 0, max = n * (2 * PREDICT_MAX_LINKS + 2) + 1;
	int r = 0;

	lines = calloc(max, sizeof(*lines));
	if (!lines)
		return -ENOMEM;
	for (size_t i = 0; i < n && r >= 0; i++) {
		const struct predict_dev *d = v[i];
		_cleanup_free_ char *key = NULL, *drv = NULL;
		struct links l;

		if (fmt == PREDICT_PATHS) {
			/* Devices without an id are for --json and the table only. */
			if (!d->key)
				continue;
			key = safe_string(d->key);
			drv = safe_string(d->driver ? d->driver : "-");
			if (!key || !drv ||
			    (src == PREDICT_QEMU ? asprintf(&lines[n_lines], "%s %s %s",
							    key, drv, d->canon)
						 : asprintf(&lines[n_lines], "%s %s", key,
							    d->canon)) < 0) {
				r = -ENOMEM;
				break;
			}
			n_lines++;
			continue;
		}
		if (links_of(d, &l) < 0 || !(lines[n_lines++] = strdup(d->canon))) {
			r = -ENOMEM;
			break;
		}
		for (unsigned j = 0; j < l.n && r >= 0; j++)
			if (asprintf(&lines[n_lines++], "%s %s", d->canon, l.v[j]) < 0)
				r = -ENOMEM;
		if (r >= 0 && l.altname[0] &&
		    asprintf(&lines[n_lines++], "%s %s", d->canon, l.altname) < 0)
			r = -ENOMEM;
		links_free(&l);
	}
	if (r >= 0) {
		qsort(lines, n_lines, sizeof(*lines), cmp_line);
		for (size_t i = 0; i < n_lines; i++)
			if (fprintf(f, "%s\n", lines[i]) < 0)
				r = -EIO;
	}
	for (size_t i = 0; i < max; i++)
		free(lines[i]);
	free(lines);
	return r;
}

/*
 * The table, one row per function, further links on lines of their own:
 *   ID    DRIVER          PATH   LINKS
 *   rp2   pcie-root-port  02
 *   -     virtio-blk-pci  02/00  /dev/disk/by-pcipath/02/00
 *                                /dev/by-pcipath/02/00/disk
 */
static int print_table(const struct predict_dev **v, size_t n, enum predict_source src,
		       FILE *f)
{
	const char *h_key = src == PREDICT_LIBVIRT ? "ELEMENT" : "ID";
	const char *h_drv = src == PREDICT_LIBVIRT ? "MODEL"
			    : src == PREDICT_QMP   ? "CLASS"
						   : "DRIVER";
	int wk = (int)strlen(h_key), wd = (int)strlen(h_drv), wp = 4;

	for (size_t i = 0; i < n; i++) {
		int k = v[i]->key ? (int)strlen(v[i]->key) : 1;
		int dl = v[i]->driver ? (int)strlen(v[i]->driver) : 1;
		int p = (int)strlen(v[i]->canon);

		wk = k > wk ? (k > 40 ? 40 : k) : wk;
		wd = dl > wd ? (dl > 40 ? 40 : dl) : wd;
		wp = p > wp ? p : wp;
	}
	fprintf(f, "%-*s  %-*s  %-*s  LINKS\n", wk, h_key, wd, h_drv, wp, "PATH");
	for (size_t i = 0; i < n; i++) {
		const struct predict_dev *d = v[i];
		_cleanup_free_ char *key = safe_string(d->key ? d->key : "-");
		_cleanup_free_ char *drv = safe_string(d->driver ? d->driver : "-");
		struct links l;

		if (!key || !drv || links_of(d, &l) < 0)
			return -ENOMEM;
		fprintf(f, "%-*s  %-*s  ", wk, key, wd, drv);
		if (l.n == 0 && !l.altname[0])
			fputs(d->canon, f);
		else
			fprintf(f, "%-*s", wp, d->canon);
		for (unsigned j = 0; j <= l.n; j++) {
			if (j == l.n && !l.altname[0])
				break;
			if (j)
				fprintf(f, "\n%*s", wk + wd + wp + 6, "");
			else
				fputs("  ", f);
			if (j < l.n)
				fputs(l.v[j], f);
			else
				fprintf(f, "altname %s", l.altname);
		}
		fputc('\n', f);
		links_free(&l);
	}
	return ferror(f) ? -EIO : 0;
}

int predict_print(const struct predict_model *m, enum predict_format format, FILE *f)
{
	const struct predict_dev **v;
	size_t n;
	int r;

	v = sorted(m, &n);
	if (!v)
		return -ENOMEM;
	switch (format) {
	case PREDICT_JSON:
		r = print_json(v, n, m->source, f);
		break;
	case PREDICT_PATHS:
	case PREDICT_LINKS:
		r = print_lines(v, n, format, m->source, f);
		break;
	default:
		r = print_table(v, n, m->source, f);
		break;
	}
	free(v);
	return r;
}
