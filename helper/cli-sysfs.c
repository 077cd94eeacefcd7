/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli-sysfs.c - read PCI functions, their nodes and links for the pcipath command. */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli-sysfs.h"
#include "cli-util.h"
#include "macro.h"
#include "path.h"

/* Upper bounds on what we read: far above any real machine, below a runaway tree. */
#define MAX_FUNCTIONS	(1 << 20)
#define MAX_DIR_ENTRIES (1 << 20)
#define MAX_VFS		65536

static void closedirp(DIR **d)
{
	if (*d)
		closedir(*d);
}
#define _cleanup_closedir_ _cleanup_(closedirp)

int read_small_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t l;

	if (fd < 0)
		return -errno;
	l = read(fd, buf, size - 1);
	if (l < 0) {
		int r = -errno;

		close(fd);
		return r;
	}
	close(fd);
	buf[l] = '\0';
	while (l > 0 && buf[l - 1] == '\n')
		buf[--l] = '\0';
	return (int)l;
}

static const char *basename_of(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/* The value of KEY= in a uevent file's text, copied into buf; NULL when absent. */
static const char *uevent_get(const char *text, const char *key, char *buf, size_t size)
{
	size_t kl = strlen(key);

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

/* A link's absolute target, resolved in dir; for links sysfs makes ("../../..."). */
static int read_link_abs(const char *dir, const char *name, char *buf, size_t size)
{
	char p[PATH_MAX], target[PATH_MAX];
	ssize_t l;
	int r;

	if (!strprintf(p, sizeof(p), "%s/%s", dir, name))
		return -ENAMETOOLONG;
	l = readlink(p, target, sizeof(target) - 1);
	if (l < 0)
		return -errno;
	target[l] = '\0';
	r = sysfs_resolve_link(dir, target, buf, size);
	return r < 0 ? r : 0;
}

/* A VF's hop: its PF's path with the VF index from the PF's virtfn<N> links. */
static int vf_path(struct cli_func *f)
{
	char pf[PATH_MAX], vfn[32], t[PATH_MAX];
	int r;

	r = read_link_abs(f->syspath, "physfn", pf, sizeof(pf));
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	strprintf(f->physfn, sizeof(f->physfn), "%s", basename_of(pf));
	r = pcipath_from_syspath(pf, &f->path);
	if (r < 0)
		return -EBADMSG;
	for (int i = 0; i < MAX_VFS; i++) {
		strprintf(vfn, sizeof(vfn), "virtfn%d", i);
		r = read_link_abs(pf, vfn, t, sizeof(t));
		if (r < 0)
			return -EBADMSG; /* indices are dense: we are not among them */
		if (streq(basename_of(t), f->bdf)) {
			f->path.hops[f->path.n_hops - 1].vf = i;
			return 1;
		}
	}
	return -EBADMSG;
}

int cli_func_load(const char *syspath, struct cli_func *f, unsigned flags)
{
	char p[PATH_MAX], ue[4096], v[128], t[PATH_MAX];
	int r;

	memset(f, 0, sizeof(*f));
	f->iommu_group = -1;
	f->syspath = strdup(syspath);
	if (!f->syspath)
		return -ENOMEM;
	strprintf(f->bdf, sizeof(f->bdf), "%s", basename_of(syspath));
	r = pcipath_from_syspath(syspath, &f->path);
	if (r < 0)
		return r == -E2BIG ? r : -EBADMSG;
	r = vf_path(f);
	if (r < 0)
		return r;
	r = pcipath_format(&f->path, f->canon, sizeof(f->canon));
	if (r < 0)
		return r;

	strprintf(p, sizeof(p), "%s/uevent", syspath);
	r = read_small_file(p, ue, sizeof(ue));
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
	if ((flags & CLI_LOAD_IOMMU || startswith(f->driver, "vfio")) &&
	    read_link_abs(syspath, "iommu_group", t, sizeof(t)) == 0) {
		unsigned g;

		if (parse_uint(basename_of(t), 1 << 20, &g) == 0)
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

struct scan_job {
	struct cli_func *funcs;
	char **names;
	int *res;
	size_t from, to;
	unsigned flags;
};

static void *scan_range(void *userdata)
{
	static const char dir[] = "/sys/bus/pci/devices";
	struct scan_job *j = userdata;
	char sp[PATH_MAX];

	for (size_t i = j->from; i < j->to; i++) {
		j->res[i] = read_link_abs(dir, j->names[i], sp, sizeof(sp));
		if (j->res[i] >= 0)
			j->res[i] = cli_func_load(sp, &j->funcs[i], j->flags);
	}
	return NULL;
}

int cli_scan_functions(struct cli_func **ret, size_t *ret_n, unsigned flags)
{
	_cleanup_closedir_ DIR *d = opendir("/sys/bus/pci/devices");
	_cleanup_free_ char **names = NULL;
	_cleanup_free_ int *res = NULL;
	struct cli_func *funcs = NULL;
	struct scan_job jobs[4];
	pthread_t threads[4];
	size_t n = 0, cap = 0, m = 0;
	unsigned n_jobs = 1;
	struct dirent *de;
	int r = 0;

	*ret = NULL;
	*ret_n = 0;
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (n >= MAX_FUNCTIONS) {
			r = -E2BIG;
			goto out;
		}
		if (n == cap) {
			char **nn;

			cap = cap ? cap * 2 : 64;
			nn = realloc(names, cap * sizeof(*names));
			if (!nn) {
				r = -ENOMEM;
				goto out;
			}
			names = nn;
		}
		names[n] = strdup(de->d_name);
		if (!names[n]) {
			r = -ENOMEM;
			goto out;
		}
		n++;
	}
	if (n == 0)
		goto out;
	funcs = calloc(n, sizeof(*funcs));
	res = calloc(n, sizeof(*res));
	if (!funcs || !res) {
		r = -ENOMEM;
		goto out;
	}

	/*
	 * Reading 10,000 functions is 50,000 syscalls; on big trees, share them among
	 * the CPUs (each thread fills its own range of the array).
	 */
	if (n >= 2048) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);

		n_jobs = cpus < 1 ? 1 : cpus > 4 ? 4 : (unsigned)cpus;
	}
	for (unsigned t = 0; t < n_jobs; t++)
		jobs[t] = (struct scan_job){
			funcs, names, res, n * t / n_jobs, n * (t + 1) / n_jobs, flags};
	for (unsigned t = 1; t < n_jobs; t++)
		if (pthread_create(&threads[t], NULL, scan_range, &jobs[t]) != 0) {
			scan_range(&jobs[t]); /* no thread: do it here */
			threads[t] = 0;
		}
	scan_range(&jobs[0]);
	for (unsigned t = 1; t < n_jobs; t++)
		if (threads[t])
			pthread_join(threads[t], NULL);

	/* Keep what loaded; a function removed while we read (ENOENT) is skipped. */
	for (size_t i = 0; i < n; i++) {
		if (res[i] == -ENOENT) {
			cli_func_free(&funcs[i]);
			continue;
		}
		if (res[i] < 0 && r == 0)
			r = res[i];
		funcs[m++] = funcs[i];
	}
	if (r < 0)
		goto out;
	if (m > 1)
		qsort(funcs, m, sizeof(*funcs), func_cmp);
	*ret = TAKE_PTR(funcs);
	*ret_n = m;
out:
	if (funcs)
		cli_funcs_free(funcs, r < 0 ? m : 0);
	for (size_t i = 0; names && i < n; i++)
		free(names[i]);
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

/*
 * Native NVMe multipath puts namespaces under /sys/devices/virtual/nvme-subsystem/;
 * as systemd's path_id, take the controller the name gives ("nvme0n1" -> nvme0).
 */
static int nvme_ctrl_path(const char *name, char *buf, size_t size)
{
	const char *p = startswith(name, "nvme"), *end;
	char ctrl[32];

	if (!p)
		return -EINVAL;
	end = p + strspn(p, "0123456789");
	if (end == p || *end != 'n' || (size_t)(end - name) >= sizeof(ctrl))
		return -EINVAL;
	memcpy(ctrl, name, (size_t)(end - name));
	ctrl[end - name] = '\0';
	return read_link_abs("/sys/class/nvme", ctrl, buf, size);
}

static struct cli_func *func_of(struct by_syspath *idx, size_t n, const char *syspath)
{
	char key[PATH_MAX];
	size_t l = pci_function_prefix(syspath);
	struct by_syspath k = {.syspath = key}, *hit;

	if (l == 0 || l >= sizeof(key))
		return NULL;
	memcpy(key, syspath, l);
	key[l] = '\0';
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
	char dir[64], sp[PATH_MAX], map[PATH_MAX], p[PATH_MAX], ue[2048], v[96];
	_cleanup_closedir_ DIR *d = NULL;
	struct dirent *de;
	size_t seen = 0;
	int kind = cli_kind_of_subsystem(class);

	strprintf(dir, sizeof(dir), "/sys/class/%s", class);
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d))) {
		struct cli_func *f;
		struct cli_node *node;
		const char *m = sp;

		if (de->d_name[0] == '.')
			continue;
		if (++seen > MAX_DIR_ENTRIES)
			return -E2BIG;
		if (read_link_abs(dir, de->d_name, sp, sizeof(sp)) < 0)
			continue;
		if (startswith(sp, "/sys/devices/virtual/")) {
			if (!streq(class, "block") ||
			    !startswith(sp, "/sys/devices/virtual/nvme-subsystem/") ||
			    nvme_ctrl_path(de->d_name, map, sizeof(map)) < 0)
				continue;
			m = map;
		}
		if (below)
			f = strncmp(m, below, below_len) == 0 && m[below_len] == '/'
				    ? idx[0].f
				    : NULL;
		else
			f = func_of(idx, n, m);
		if (!f)
			continue;
		v[0] = '\0';
		if (!streq(class, "net")) {
			/* Only what has a device node: no drm connectors, no tty without one. */
			strprintf(p, sizeof(p), "%s/uevent", sp);
			if (read_small_file(p, ue, sizeof(ue)) < 0 ||
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
	char p[64];

	if (f->iommu_group < 0 || !startswith(f->driver, "vfio"))
		return 0;
	strprintf(p, sizeof(p), "/dev/vfio/%d", f->iommu_group);
	if (access(p, F_OK) < 0)
		return 0;
	node = func_add_node(f);
	if (!node)
		return -ENOMEM;
	node->kind = CLI_KIND_VFIO;
	strprintf(node->subsystem, sizeof(node->subsystem), "vfio");
	strprintf(node->name, sizeof(node->name), "%d", f->iommu_group);
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

static const char *const node_classes[] = {
	"block", "drm", "tty", "virtio-ports", "net", "vfio-dev",
};

int cli_scan_nodes_below(struct cli_func *f, int kind)
{
	struct by_syspath idx = {f->syspath, f};
	int r;

	for (size_t i = 0; i < ARRAY_SIZE(node_classes); i++) {
		if (kind != CLI_KIND_ANY &&
		    cli_kind_of_subsystem(node_classes[i]) != kind)
			continue;
		r = scan_class(&idx, 1, node_classes[i], f->syspath);
		if (r < 0)
			return r;
	}
	if (kind == CLI_KIND_ANY || kind == CLI_KIND_VFIO) {
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
	const char *const *classes = node_classes;
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

	for (size_t i = 0; i < ARRAY_SIZE(node_classes); i++) {
		if (kind != CLI_KIND_ANY && cli_kind_of_subsystem(classes[i]) != kind)
			continue;
		r = scan_class(idx, n, classes[i], NULL);
		if (r < 0)
			return r;
	}
	have_links = links && access("/dev/by-pcipath", F_OK) == 0;
	for (size_t i = 0; i < n; i++) {
		if (kind == CLI_KIND_ANY || kind == CLI_KIND_VFIO) {
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

/* ---- resolve ------------------------------------------------------------------------ */

/* The root bus's directory: /sys/devices/pciDDDD:BB, or nested (VMD, Hyper-V). */
static int find_root(uint32_t domain, uint8_t bus, char *buf, size_t size)
{
	static const char dir[] = "/sys/bus/pci/devices";
	_cleanup_closedir_ DIR *d = NULL;
	struct dirent *de;
	char root[32], sp[PATH_MAX];
	size_t seen = 0;
	struct stat st;

	strprintf(root, sizeof(root), "pci%04x:%02x", domain, bus);
	strprintf(buf, size, "/sys/devices/%s", root);
	if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	d = opendir(dir);
	if (!d)
		return -ENOENT;
	while ((de = readdir(d)) && ++seen < MAX_FUNCTIONS) {
		char *c;

		if (de->d_name[0] == '.' ||
		    read_link_abs(dir, de->d_name, sp, sizeof(sp)) < 0)
			continue;
		c = strstr(sp, root);
		if (c && c[-1] == '/' && c[strlen(root)] == '/') {
			c[strlen(root)] = '\0';
			strprintf(buf, size, "%s", sp);
			return 0;
		}
	}
	return -ENOENT;
}

int cli_resolve(const struct pci_path *p, char *buf, size_t size, char *reason,
		size_t reason_size)
{
	char cur[PATH_MAX], done[PCIPATH_MAX_LEN] = "";
	struct pci_path sofar = *p;
	int r;

	r = find_root(p->domain, p->bus, cur, sizeof(cur));
	if (r < 0) {
		strprintf(reason, reason_size, "no root bus pci%04x:%02x", p->domain,
			  p->bus);
		return -ENOENT;
	}
	for (unsigned i = 0; i < p->n_hops; i++) {
		const struct pci_hop *h = &p->hops[i];
		_cleanup_closedir_ DIR *d = opendir(cur);
		char match[64] = "", hop[16], where[PCIPATH_MAX_LEN + 40];
		struct dirent *de;
		unsigned n_match = 0;
		size_t seen = 0;

		if (h->func)
			strprintf(hop, sizeof(hop), "%02x.%u", h->slot, h->func);
		else
			strprintf(hop, sizeof(hop), "%02x", h->slot);
		if (i == 0)
			strprintf(where, sizeof(where), "on root bus pci%04x:%02x",
				  p->domain, p->bus);
		else
			strprintf(where, sizeof(where), "below %s (%s)", done,
				  basename_of(cur));
		if (!d) {
			strprintf(reason, reason_size, "cannot read %s: %s", cur,
				  strerror(errno));
			return errno == ENOENT ? -ENOENT : -EIO;
		}
		while ((de = readdir(d))) {
			uint32_t dom;
			uint8_t bus, slot, func;
			char pf[PATH_MAX];

			if (++seen > MAX_DIR_ENTRIES)
				break;
			if (pci_parse_bdf(de->d_name, &dom, &bus, &slot, &func) < 0 ||
			    dom != p->domain || slot != h->slot || func != h->func)
				continue;
			/* A VF sits beside its PF, maybe with the same slot: not this hop. */
			strprintf(pf, sizeof(pf), "%s/%s/physfn", cur, de->d_name);
			if (access(pf, F_OK) == 0)
				continue;
			n_match++;
			strprintf(match, sizeof(match), "%s", de->d_name);
		}
		if (n_match == 0) {
			strprintf(reason, reason_size, "no PCI function %s %s", hop,
				  where);
			return -ENOENT;
		}
		if (n_match > 1) {
			strprintf(reason, reason_size,
				  "malformed sysfs: %u functions %s %s", n_match, hop,
				  where);
			return -EBADMSG;
		}
		if (strlen(cur) + 1 + strlen(match) >= sizeof(cur))
			return -ENAMETOOLONG;
		strcat(cur, "/");
		strcat(cur, match);

		if (h->vf >= 0) {
			char vfn[32], t[PATH_MAX];

			if (i + 1 != p->n_hops) {
				strprintf(reason, reason_size,
					  "a VF (hop %u) has no functions below it",
					  i + 1);
				return -ENOENT;
			}
			strprintf(vfn, sizeof(vfn), "virtfn%d", (int)h->vf);
			if (read_link_abs(cur, vfn, t, sizeof(t)) < 0) {
				strprintf(reason, reason_size, "%s (%s) has no VF %d",
					  hop, match, (int)h->vf);
				return -ENOENT;
			}
			strprintf(cur, sizeof(cur), "%s", t);
		}
		sofar.n_hops = i + 1;
		if (pcipath_format(&sofar, done, sizeof(done)) < 0)
			return -EINVAL;
	}
	if (strlen(cur) >= size)
		return -ENAMETOOLONG;
	memcpy(buf, cur, strlen(cur) + 1);
	return 0;
}
