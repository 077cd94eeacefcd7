/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli-sysfs.c - read PCI functions, their nodes and links for the pcipath command. */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli-sysfs.h"
#include "cli-util.h"
#include "kinds.h"
#include "macro.h"
#include "path.h"
#include "sysfs.h"
#include "vfio.h"

/* Upper bounds on what we read: far above any real machine, below a runaway tree. */
#define MAX_FUNCTIONS	(1 << 20)
#define MAX_DIR_ENTRIES (1 << 20)

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'F')
			*s = (char)(*s - 'A' + 'a');
}

/* "1AF4:1042" -> "1af4", "1042". */
static void split_id(const char *id, char *a, char *b)
{
	unsigned x, y;

	if (sscanf(id, "%4x:%4x", &x, &y) == 2) {
		strprintf(a, 8, "%04x", x);
		strprintf(b, 8, "%04x", y);
	}
}

int cli_func_load(const char *syspath, struct cli_func *f, unsigned flags)
{
	char ue[4096], v[128], t[PATH_MAX];
	struct pcipath_fn fn;
	int r;

	memset(f, 0, sizeof(*f));
	f->iommu_group = -1;
	f->syspath = strdup(syspath);
	if (!f->syspath)
		return -ENOMEM;
	strprintf(f->bdf, sizeof(f->bdf), "%s", path_basename(syspath));
	/* The one walk (sysfs.h), trusting the route of a function the bus lists. */
	r = sysfs_walk(syspath, SYSFS_WALK_LISTED, &fn);
	if (r == 0 || (r > 0 && !streq(fn.syspath, syspath)))
		return -EBADMSG; /* not a PCI function itself */
	if (r < 0)
		return r == -ENODEV ? -ENOENT : r;
	f->path = fn.path;
	strprintf(f->physfn, sizeof(f->physfn), "%s", fn.physfn);
	r = pcipath_format(&f->path, f->canon, sizeof(f->canon));
	if (r < 0)
		return r;

	r = sysfs_read_at(syspath, "uevent", ue, sizeof(ue));
	if (r < 0)
		return r;
	if (uevent_get(ue, "DRIVER", v, sizeof(v)))
		strprintf(f->driver, sizeof(f->driver), "%s", v);
	if (uevent_get(ue, "PCI_CLASS", v, sizeof(v))) {
		unsigned long c = strtoul(v, NULL, 16);

		strprintf(f->class_, sizeof(f->class_), "%06lx", c & 0xffffff);
	}
	if (uevent_get(ue, "PCI_ID", v, sizeof(v)))
		split_id(v, f->vendor, f->device);
	if (uevent_get(ue, "PCI_SUBSYS_ID", v, sizeof(v)))
		split_id(v, f->subvendor, f->subdevice);
	if (uevent_get(ue, "MODALIAS", v, sizeof(v)))
		strprintf(f->modalias, sizeof(f->modalias), "%s", v);
	lower(f->vendor);
	lower(f->device);

	/* One syscall less per function when nobody asks (list's text output). */
	if ((flags & CLI_LOAD_IOMMU || vfio_driver_is_vfio_pci(f->driver)) &&
	    sysfs_read_link(syspath, "iommu_group", t, sizeof(t)) >= 0) {
		unsigned g;

		if (parse_uint(path_basename(t), 1 << 20, &g) == 0)
			f->iommu_group = (int)g;
	}
	return 0;
}

static void node_free(struct cli_node *n)
{
	free(n->syspath);
	for (unsigned i = 0; i < n->n_links; i++)
		free(n->links[i]);
}

void cli_func_free(struct cli_func *f)
{
	free(f->syspath);
	for (size_t i = 0; i < f->n_nodes; i++)
		node_free(&f->nodes[i]);
	free(f->nodes);
	f->syspath = NULL;
	f->nodes = NULL;
	f->n_nodes = 0;
}

void cli_funcs_free(struct cli_func *funcs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cli_func_free(&funcs[i]);
	free(funcs);
}

static int func_cmp(const void *a, const void *b)
{
	const struct cli_func *x = a, *y = b;
	int c = pcipath_compare(&x->path, &y->path);

	return c ? c : strcmp(x->bdf, y->bdf);
}

int cli_scan_functions(struct cli_func **ret, size_t *ret_n, unsigned flags)
{
	static const char dir[] = "/sys/bus/pci/devices";
	_cleanup_closedir_ DIR *d = opendir(dir);
	struct cli_func *funcs = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	int r = 0;

	*ret = NULL;
	*ret_n = 0;
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	/* One pass: one readlink and one uevent read per function, single-threaded. */
	while ((de = readdir(d))) {
		char sp[PATH_MAX];

		if (de->d_name[0] == '.')
			continue;
		if (n >= MAX_FUNCTIONS) {
			r = -E2BIG;
			goto out;
		}
		if (n == cap) {
			struct cli_func *nf;

			cap = cap ? cap * 2 : 64;
			nf = realloc(funcs, cap * sizeof(*funcs));
			if (!nf) {
				r = -ENOMEM;
				goto out;
			}
			funcs = nf;
		}
		r = sysfs_read_link(dir, de->d_name, sp, sizeof(sp));
		if (r >= 0)
			r = cli_func_load(sp, &funcs[n], flags);
		else
			memset(&funcs[n], 0, sizeof(funcs[n]));
		/* A function removed while we read (ENOENT) is skipped. */
		if (r == -ENOENT) {
			cli_func_free(&funcs[n]);
			r = 0;
			continue;
		}
		n++;
		if (r < 0)
			goto out;
	}
	if (n > 1)
		qsort(funcs, n, sizeof(*funcs), func_cmp);
	*ret = TAKE_PTR(funcs);
	*ret_n = n;
	r = 0;
out:
	if (funcs)
		cli_funcs_free(funcs, n);
	return r;
}

/* ---- nodes -------------------------------------------------------------------------- */

struct by_syspath {
	const char *syspath;
	struct cli_func *f;
};

static int by_syspath_cmp(const void *a, const void *b)
{
	return strcmp(((const struct by_syspath *)a)->syspath,
		      ((const struct by_syspath *)b)->syspath);
}

static int node_cmp(const void *a, const void *b)
{
	const struct cli_node *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strverscmp(x->name, y->name);
}

static struct cli_node *func_add_node(struct cli_func *f)
{
	struct cli_node *n;

	if (f->n_nodes >= 4096)
		return NULL;
	n = realloc(f->nodes, (f->n_nodes + 1) * sizeof(*n));
	if (!n)
		return NULL;
	f->nodes = n;
	n = &f->nodes[f->n_nodes++];
	memset(n, 0, sizeof(*n));
	return n;
}

static struct cli_func *func_of(struct by_syspath *idx, size_t n, const char *syspath)
{
	size_t ends[PCIPATH_MAX_HOPS];
	struct pci_path p;
	char key[PATH_MAX];
	struct by_syspath k = {.syspath = key}, *hit;

	if (sysfs_function_of(syspath, &p, key, sizeof(key), ends) <= 0)
		return NULL;
	hit = bsearch(&k, idx, n, sizeof(*idx), by_syspath_cmp);
	return hit ? hit->f : NULL;
}

/*
 * The nodes of one class, each given to its nearest function in idx; with below, to
 * idx[0] when under the directory below (a function and everything beneath it).
 */
static int scan_class(struct by_syspath *idx, size_t n, const char *class,
		      const char *below)
{
	size_t below_len = below ? strlen(below) : 0;
	char dir[64], sp[PATH_MAX], ue[2048], v[96];
	_cleanup_closedir_ DIR *d = NULL;
	struct dirent *de;
	size_t seen = 0;
	int kind = pcipath_class_of_subsystem(class);

	strprintf(dir, sizeof(dir), "/sys/class/%s", class);
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d))) {
		struct cli_func *f;
		struct cli_node *node;

		if (de->d_name[0] == '.')
			continue;
		if (++seen > MAX_DIR_ENTRIES)
			return -E2BIG;
		if (sysfs_read_link(dir, de->d_name, sp, sizeof(sp)) < 0)
			continue;
		/* Virtual devices have no function, but NVMe multipath namespaces do. */
		if (startswith(sp, "/sys/devices/virtual/") &&
		    !startswith(sp, "/sys/devices/virtual/nvme-subsystem/"))
			continue;
		if (below) {
			char fsp[PATH_MAX];
			size_t ends[PCIPATH_MAX_HOPS];
			struct pci_path p;

			f = sysfs_function_of(sp, &p, fsp, sizeof(fsp), ends) > 0 &&
					    strncmp(fsp, below, below_len) == 0 &&
					    (fsp[below_len] == '/' ||
					     fsp[below_len] == '\0')
				    ? idx[0].f
				    : NULL;
		} else
			f = func_of(idx, n, sp);
		if (!f)
			continue;
		v[0] = '\0';
		if (!streq(class, "net")) {
			/* Only what has a device node: no drm connectors, no tty without one. */
			if (sysfs_read_at(sp, "uevent", ue, sizeof(ue)) < 0 ||
			    !uevent_get(ue, "DEVNAME", v, sizeof(v)))
				continue;
		}
		node = func_add_node(f);
		if (!node)
			return -ENOMEM;
		node->kind = kind;
		strprintf(node->subsystem, sizeof(node->subsystem), "%s", class);
		strprintf(node->name, sizeof(node->name), "%s", de->d_name);
		if (v[0])
			strprintf(node->devnode, sizeof(node->devnode), "/dev/%s", v);
		node->syspath = strdup(sp);
		if (!node->syspath)
			return -ENOMEM;
	}
	return 0;
}

/* A function bound to a vfio driver has its IOMMU group's node, /dev/vfio/<group>. */
static int add_vfio_group(struct cli_func *f)
{
	struct cli_node *node;
	char name[32], p[64];

	/* The one vfio rule (vfio.h): a vfio-pci-core driver, the group's node name
	 * (noiommu-N in no-IOMMU mode), and the node must exist. */
	if (!vfio_driver_is_vfio_pci(f->driver) ||
	    vfio_group_of_function(f->syspath, name, sizeof(name)) < 0)
		return 0;
	strprintf(p, sizeof(p), "/dev/vfio/%s", name);
	if (access(p, F_OK) < 0)
		return 0;
	node = func_add_node(f);
	if (!node)
		return -ENOMEM;
	node->kind = PCIPATH_CLASS_VFIO;
	strprintf(node->subsystem, sizeof(node->subsystem), "vfio");
	strprintf(node->name, sizeof(node->name), "%s", name);
	strprintf(node->devnode, sizeof(node->devnode), "%s", p);
	return 0;
}

static void node_add_link(struct cli_node *n, const char *link)
{
	if (n->n_links < CLI_MAX_LINKS)
		n->links[n->n_links] = strdup(link);
	if (n->n_links < CLI_MAX_LINKS && n->links[n->n_links])
		n->n_links++;
}

/* Give each link in dir (whose name passes want) to the node it resolves to. */
static void match_links(struct cli_func *f, const char *dir, const char *want)
{
	_cleanup_closedir_ DIR *d = opendir(dir);
	struct dirent *de;
	size_t seen = 0;

	if (!d)
		return;
	while ((de = readdir(d)) && ++seen < 4096) {
		char link[PATH_MAX], real[PATH_MAX], nreal[PATH_MAX];
		size_t wl = want ? strlen(want) : 0;

		if (de->d_type != DT_LNK)
			continue;
		if (want && (strncmp(de->d_name, want, wl) != 0 ||
			     (de->d_name[wl] != '\0' && de->d_name[wl] != '-')))
			continue;
		strprintf(link, sizeof(link), "%s/%s", dir, de->d_name);
		if (!realpath(link, real))
			continue;
		for (size_t i = 0; i < f->n_nodes; i++) {
			struct cli_node *n = &f->nodes[i];
			const char *t = n->devnode[0] ? n->devnode : n->syspath;

			if (t && realpath(t, nreal) && streq(real, nreal)) {
				node_add_link(n, link);
				break;
			}
		}
	}
}

static void find_links(struct cli_func *f)
{
	char dir[PATH_MAX], *slash;

	strprintf(dir, sizeof(dir), "/dev/by-pcipath/%s", f->canon);
	match_links(f, dir, NULL);
	strprintf(dir, sizeof(dir), "/dev/disk/by-pcipath/%s", f->canon);
	slash = strrchr(dir, '/');
	*slash = '\0';
	match_links(f, dir, slash + 1);
}

/* The classes whose nodes sit below their function: the table's rows (kinds.h). */
static int scan_classes(struct by_syspath *idx, size_t n, int kind, const char *below)
{
	for (size_t i = 0; i < pcipath_n_subsystems; i++) {
		const struct pcipath_subsystem *s = &pcipath_subsystems[i];
		int r;

		if (!s->below_function ||
		    (kind != PCIPATH_CLASS_ANY && (int)s->class != kind))
			continue;
		r = scan_class(idx, n, s->name, below);
		if (r < 0)
			return r;
	}
	return 0;
}

int cli_scan_nodes_below(struct cli_func *f, int kind)
{
	struct by_syspath idx = {f->syspath, f};
	int r;

	r = scan_classes(&idx, 1, kind, f->syspath);
	if (r < 0)
		return r;
	if (kind == PCIPATH_CLASS_ANY || kind == PCIPATH_CLASS_VFIO) {
		r = add_vfio_group(f);
		if (r < 0)
			return r;
	}
	if (f->n_nodes > 1)
		qsort(f->nodes, f->n_nodes, sizeof(struct cli_node), node_cmp);
	return 0;
}

int cli_scan_nodes(struct cli_func *funcs, size_t n, int kind, bool links)
{
	_cleanup_free_ struct by_syspath *idx = NULL;
	bool have_links;
	int r;

	if (n == 0)
		return 0;
	idx = calloc(n, sizeof(*idx));
	if (!idx)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		idx[i] = (struct by_syspath){funcs[i].syspath, &funcs[i]};
	qsort(idx, n, sizeof(*idx), by_syspath_cmp);

	r = scan_classes(idx, n, kind, NULL);
	if (r < 0)
		return r;
	have_links = links && access("/dev/by-pcipath", F_OK) == 0;
	for (size_t i = 0; i < n; i++) {
		if (kind == PCIPATH_CLASS_ANY || kind == PCIPATH_CLASS_VFIO) {
			r = add_vfio_group(&funcs[i]);
			if (r < 0)
				return r;
		}
		if (funcs[i].n_nodes > 1)
			qsort(funcs[i].nodes, funcs[i].n_nodes, sizeof(struct cli_node),
			      node_cmp);
		if (have_links && funcs[i].n_nodes > 0)
			find_links(&funcs[i]);
	}
	return 0;
}
