/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pcipath.c - the pcipath command: list, resolve, of, show, wait (see pcipath(1)). */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <libkmod.h>
#include <libudev.h>

#include "cli-sysfs.h"
#include "cli-util.h"
#include "cmd-predict.h"
#include "macro.h"
#include "path.h"
#include "sysfs.h"

/* ---- names from the hwdb ------------------------------------------------------------ */

struct names {
	char vendor[128], device[128], class_[128], subclass[128];
};

static struct udev *udev_ctx;
static struct udev_hwdb *hwdb;

static struct udev *get_udev(void)
{
	if (!udev_ctx)
		udev_ctx = udev_new();
	if (!udev_ctx)
		ERR("cannot create udev context: %s", strerror(errno));
	return udev_ctx;
}

/* Names for a modalias; empty strings when the hwdb has none (or --numeric). */
static void lookup_names(const char *modalias, bool numeric, struct names *n)
{
	struct udev_list_entry *e;

	/* Machines repeat the same few devices: remember the last lookups. */
	static struct {
		char modalias[128];
		struct names names;
	} cache[32];
	static unsigned n_cache, next;

	memset(n, 0, sizeof(*n));
	if (numeric || !modalias[0] || !get_udev())
		return;
	for (unsigned i = 0; i < n_cache; i++)
		if (streq(cache[i].modalias, modalias)) {
			*n = cache[i].names;
			return;
		}
	if (!hwdb)
		hwdb = udev_hwdb_new(udev_ctx);
	if (!hwdb)
		return;
	udev_list_entry_foreach(e, udev_hwdb_get_properties_list_entry(hwdb, modalias, 0))
	{
		const char *k = udev_list_entry_get_name(e);
		const char *v = udev_list_entry_get_value(e);

		if (streq(k, "ID_VENDOR_FROM_DATABASE"))
			strprintf(n->vendor, sizeof(n->vendor), "%s", v);
		else if (streq(k, "ID_MODEL_FROM_DATABASE"))
			strprintf(n->device, sizeof(n->device), "%s", v);
		else if (streq(k, "ID_PCI_CLASS_FROM_DATABASE"))
			strprintf(n->class_, sizeof(n->class_), "%s", v);
		else if (streq(k, "ID_PCI_SUBCLASS_FROM_DATABASE"))
			strprintf(n->subclass, sizeof(n->subclass), "%s", v);
	}
	if (strprintf(cache[next].modalias, sizeof(cache[next].modalias), "%s",
		      modalias)) {
		cache[next].names = *n;
		next = (next + 1) % ARRAY_SIZE(cache);
		if (n_cache < ARRAY_SIZE(cache))
			n_cache++;
	}
}

/*
 * The hwdb label of a path (PCIPATH_LABEL of a pcipath: entry, pcipath(7)), "" when
 * none or not a valid label: what udev's rules would name /dev/by-pcilabel/<label>.
 */
static void lookup_label(const char *canon, char *buf, size_t size)
{
	struct udev_list_entry *e;
	char key[PCIPATH_MAX_LEN + 8];

	buf[0] = '\0';
	if (!get_udev())
		return;
	if (!hwdb)
		hwdb = udev_hwdb_new(udev_ctx);
	if (!hwdb)
		return;
	snprintf(key, sizeof(key), "pcipath:%s", canon);
	udev_list_entry_foreach(e, udev_hwdb_get_properties_list_entry(hwdb, key, 0))
	{
		const char *v = udev_list_entry_get_value(e);

		if (streq(udev_list_entry_get_name(e), "PCIPATH_LABEL") &&
		    pcipath_label_valid(v) && strlen(v) < size)
			memcpy(buf, v, strlen(v) + 1);
	}
}

/* ---- common output ------------------------------------------------------------------ */

static void json_kv(FILE *f, const char *key, const char *value, bool comma)
{
	json_string(f, key);
	fputc(':', f);
	json_string(f, value && value[0] ? value : NULL);
	if (comma)
		fputc(',', f);
}

static void json_node(FILE *f, const struct cli_node *n)
{
	fputc('{', f);
	json_kv(f, "kind", cli_kind_to_string(n->kind), true);
	json_kv(f, "subsystem", n->subsystem, true);
	json_kv(f, "name", n->name, true);
	json_kv(f, "devnode", n->devnode, true);
	json_kv(f, "syspath", n->syspath, true);
	fputs("\"links\":[", f);
	for (unsigned i = 0; i < n->n_links; i++) {
		if (i)
			fputc(',', f);
		json_string(f, n->links[i]);
	}
	fputs("]}", f);
}

/* The function's fields as JSON members (without braces), nodes included. */
static void json_func_members(FILE *f, const struct cli_func *fn, const struct names *nm)
{
	char tag[PCIPATH_MAX_LEN], label[PCIPATH_LABEL_MAX + 1];

	if (pcipath_tag(fn->canon, tag, sizeof(tag)) < 0)
		tag[0] = '\0';
	json_kv(f, "path", fn->canon, true);
	json_kv(f, "tag", tag, true);
	lookup_label(fn->canon, label, sizeof(label));
	json_kv(f, "label", label, true);
	json_kv(f, "bdf", fn->bdf, true);
	json_kv(f, "syspath", fn->syspath, true);
	json_kv(f, "class", fn->class_, true);
	json_kv(f, "vendor", fn->vendor, true);
	json_kv(f, "device", fn->device, true);
	json_kv(f, "subsystem_vendor", fn->subvendor, true);
	json_kv(f, "subsystem_device", fn->subdevice, true);
	json_kv(f, "vendor_name", nm->vendor, true);
	json_kv(f, "device_name", nm->device, true);
	json_kv(f, "class_name", nm->class_, true);
	json_kv(f, "subclass_name", nm->subclass, true);
	json_kv(f, "driver", fn->driver, true);
	json_kv(f, "modalias", fn->modalias, true);
	json_kv(f, "physfn", fn->physfn, true);
	fputs("\"iommu_group\":", f);
	if (fn->iommu_group >= 0)
		fprintf(f, "%d,", fn->iommu_group);
	else
		fputs("null,", f);
	fputs("\"nodes\":[", f);
	for (size_t i = 0; i < fn->n_nodes; i++) {
		if (i)
			fputc(',', f);
		json_node(f, &fn->nodes[i]);
	}
	fputc(']', f);
}

/* What a node is called in text output: its device node, or the interface name. */
static const char *node_label(const struct cli_node *n)
{
	return n->devnode[0] ? n->devnode : n->name;
}

/* "/dev/vda=disk,/dev/vda1=disk-part1,enp2s1=net": nodes and their link entries. */
static void text_nodes(FILE *f, const struct cli_func *fn)
{
	if (fn->n_nodes == 0) {
		fputc('-', f);
		return;
	}
	for (size_t i = 0; i < fn->n_nodes; i++) {
		const struct cli_node *n = &fn->nodes[i];

		if (i)
			fputc(',', f);
		text_safe(f, node_label(n));
		for (unsigned j = 0; j < n->n_links; j++) {
			const char *e = startswith(n->links[j], "/dev/by-pcipath/");

			if (!e)
				continue;
			fputc('=', f);
			text_safe(f, strrchr(e, '/') + 1);
			break;
		}
	}
}

static int finish_output(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		ERR("cannot write output: %s", strerror(errno));
		return CLI_EXIT_ERR;
	}
	return CLI_EXIT_OK;
}

/* ---- argument handling -------------------------------------------------------------- */

/* A subcommand's argv after getopt: exactly n operands, or a usage error. */
static bool want_operands(int argc, int n, const char *cmd, const char *what)
{
	if (argc - optind == n)
		return true;
	ERR("%s: %s; see '%s %s --help'", cmd,
	    argc - optind < n ? what : "too many arguments",
	    program_invocation_short_name, cmd);
	return false;
}

static int parse_path_arg(const char *cmd, const char *arg, struct pci_path *p)
{
	const char *reason;

	if (pcipath_parse(arg, p, &reason) < 0) {
		ERR("%s: '%s' is not a PCI path: %s", cmd, arg, reason);
		return -EINVAL;
	}
	return 0;
}

/* PATH -> the function's syspath, with a one-line error. */
static int resolve_arg(const char *cmd, const char *arg, struct pci_path *p, char *buf,
		       size_t size)
{
	char reason[PCIPATH_MAX_LEN + 256], canon[PCIPATH_MAX_LEN];
	int r;

	r = parse_path_arg(cmd, arg, p);
	if (r < 0)
		return r;
	r = cli_resolve(p, buf, size, reason, sizeof(reason));
	if (r < 0) {
		if (pcipath_format(p, canon, sizeof(canon)) < 0)
			strprintf(canon, sizeof(canon), "%s", arg);
		ERR("%s: %s: %s", cmd, canon, reason);
	}
	return r;
}

/* ---- list --------------------------------------------------------------------------- */

/* Is a above b in the tree? A VF hangs below its PF (same path, no VF index). */
static bool tree_ancestor(const struct pci_path *a, const struct pci_path *b)
{
	struct pci_path x = *b;

	if (x.hops[x.n_hops - 1].vf >= 0) {
		x.hops[x.n_hops - 1].vf = -1;
		return pcipath_is_prefix(a, &x);
	}
	return a->n_hops < b->n_hops && pcipath_is_prefix(a, b);
}

/* The tree: parent index of each function (-1 on a root bus), from the sorted order. */
static void tree_parents(const struct cli_func *fs, size_t n, long *parent)
{
	long stack[PCIPATH_MAX_HOPS + 2];
	unsigned depth = 0;

	for (size_t i = 0; i < n; i++) {
		while (depth > 0 &&
		       !tree_ancestor(&fs[stack[depth - 1]].path, &fs[i].path))
			depth--;
		parent[i] = depth > 0 ? stack[depth - 1] : -1;
		if (depth < ARRAY_SIZE(stack))
			stack[depth++] = (long)i;
	}
}

static bool same_root(const struct cli_func *a, const struct cli_func *b)
{
	return a->path.domain == b->path.domain && a->path.bus == b->path.bus;
}

static void print_func_line(const struct cli_func *fn, bool numeric, int width)
{
	struct names nm;
	char label[PCIPATH_LABEL_MAX + 1];

	lookup_names(fn->modalias, numeric, &nm);
	printf("%-*s %s %s %s:%s %s ", width, fn->canon, fn->bdf,
	       fn->class_[0] ? fn->class_ : "-", fn->vendor[0] ? fn->vendor : "-",
	       fn->device[0] ? fn->device : "-", fn->driver[0] ? fn->driver : "-");
	text_nodes(stdout, fn);
	/* A label has no spaces: one token, before the free-text names. */
	lookup_label(fn->canon, label, sizeof(label));
	if (label[0])
		printf(" label=%s", label);
	if (nm.vendor[0] || nm.device[0]) {
		fputc(' ', stdout);
		text_safe(stdout, nm.vendor[0] ? nm.vendor : "?");
		if (nm.device[0]) {
			fputs(" / ", stdout);
			text_safe(stdout, nm.device);
		}
	}
	fputc('\n', stdout);
}

static void print_tree(const struct cli_func *fs, size_t n, bool numeric)
{
	_cleanup_free_ long *parent = calloc(n ? n : 1, sizeof(long));
	_cleanup_free_ bool *last = calloc(n ? n : 1, sizeof(bool));
	_cleanup_free_ bool *seen = calloc(n ? n + 1 : 1, sizeof(bool));

	if (!parent || !last || !seen) {
		ERR("out of memory");
		return;
	}
	tree_parents(fs, n, parent);
	/* Backwards: the first child seen of each parent is its last one. */
	for (size_t k = n; k-- > 0;) {
		size_t slot = parent[k] < 0 ? n : (size_t)parent[k];

		if (k + 1 < n && !same_root(&fs[k], &fs[k + 1]))
			seen[n] = false;
		last[k] = !seen[slot];
		seen[slot] = true;
	}
	for (size_t i = 0; i < n; i++) {
		long chain[PCIPATH_MAX_HOPS + 2];
		unsigned depth = 0;

		if (i == 0 || !same_root(&fs[i - 1], &fs[i]))
			printf("pci%04x:%02x\n", fs[i].path.domain, fs[i].path.bus);
		for (long a = parent[i]; a >= 0 && depth < ARRAY_SIZE(chain);
		     a = parent[a])
			chain[depth++] = a;
		while (depth-- > 0)
			fputs(last[chain[depth]] ? "    " : "|   ", stdout);
		fputs(last[i] ? "`-- " : "|-- ", stdout);
		print_func_line(&fs[i], numeric, 0);
	}
}

static void help_list(void)
{
	printf("Usage: %s list [--tree] [--json] [--numeric]\n"
	       "List every PCI function: PCI path, BDF, class, vendor:device, driver, "
	       "nodes\n"
	       "(with their /dev/by-pcipath entry) and the hwdb's vendor / device "
	       "names.\n\n"
	       "  -t --tree     Draw the bridge hierarchy\n"
	       "  -j --json     JSON: an array of objects (see pcipath(1))\n"
	       "  -n --numeric  No names from the hwdb\n"
	       "  -h --help     Show this help\n",
	       program_invocation_short_name);
}

static int do_list(int argc, char *argv[])
{
	static const struct option options[] = {
		{"tree", no_argument, NULL, 't'},
		{"json", no_argument, NULL, 'j'},
		{"numeric", no_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{},
	};
	struct cli_func *fs = NULL;
	size_t n = 0;
	bool tree = false, json = false, numeric = false;
	int opt, r, width = 0;

	while ((opt = getopt_long(argc, argv, "tjnh", options, NULL)) >= 0) {
		switch (opt) {
		case 't':
			tree = true;
			break;
		case 'j':
			json = true;
			break;
		case 'n':
			numeric = true;
			break;
		case 'h':
			help_list();
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (!want_operands(argc, 0, "list", ""))
		return CLI_EXIT_USAGE;

	r = cli_scan_functions(&fs, &n, json ? CLI_LOAD_IOMMU : 0);
	if (r >= 0)
		r = cli_scan_nodes(fs, n, CLI_KIND_ANY, true);
	if (r < 0) {
		ERR("list: cannot read /sys/bus/pci: %s",
		    r == -EBADMSG ? "malformed sysfs tree" : strerror(-r));
		cli_funcs_free(fs, n);
		return CLI_EXIT_ERR;
	}

	if (json) {
		_cleanup_free_ long *parent = calloc(n ? n : 1, sizeof(long));

		if (!parent) {
			cli_funcs_free(fs, n);
			return CLI_EXIT_ERR;
		}
		tree_parents(fs, n, parent);
		fputs("[", stdout);
		for (size_t i = 0; i < n; i++) {
			struct names nm;

			lookup_names(fs[i].modalias, numeric, &nm);
			fputs(i ? ",\n{" : "\n{", stdout);
			json_kv(stdout, "parent",
				parent[i] >= 0 ? fs[parent[i]].canon : NULL, true);
			json_func_members(stdout, &fs[i], &nm);
			fputc('}', stdout);
		}
		fputs(n ? "\n]\n" : "]\n", stdout);
	} else if (tree) {
		print_tree(fs, n, numeric);
	} else {
		for (size_t i = 0; i < n; i++)
			if ((int)strlen(fs[i].canon) > width)
				width = (int)strlen(fs[i].canon);
		for (size_t i = 0; i < n; i++)
			print_func_line(&fs[i], numeric, width);
	}
	cli_funcs_free(fs, n);
	return finish_output();
}

/* ---- resolve ------------------------------------------------------------------------ */

static void help_resolve(void)
{
	printf("Usage: %s resolve PATH [--json]\n"
	       "Print the BDF and sysfs path of the PCI function at PATH, found by "
	       "walking\n"
	       "sysfs down from the root bus. PATH may be in any input form of "
	       "pcipath(7).\n\n"
	       "  -j --json  {\"path\", \"bdf\", \"syspath\"}\n"
	       "  -h --help  Show this help\n",
	       program_invocation_short_name);
}

static void print_path_result(bool json, const char *canon, const char *bdf,
			      const char *syspath)
{
	char tag[PCIPATH_MAX_LEN];

	if (json) {
		if (pcipath_tag(canon, tag, sizeof(tag)) < 0)
			tag[0] = '\0';
		fputc('{', stdout);
		json_kv(stdout, "path", canon, true);
		json_kv(stdout, "tag", tag, true);
		json_kv(stdout, "bdf", bdf, true);
		json_kv(stdout, "syspath", syspath, false);
		fputs("}\n", stdout);
	}
}

static int do_resolve(int argc, char *argv[])
{
	static const struct option options[] = {
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{},
	};
	char sp[PATH_MAX], canon[PCIPATH_MAX_LEN];
	struct pci_path p;
	bool json = false;
	int opt;

	while ((opt = getopt_long(argc, argv, "jh", options, NULL)) >= 0) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'h':
			help_resolve();
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (!want_operands(argc, 1, "resolve", "missing PATH"))
		return CLI_EXIT_USAGE;
	if (resolve_arg("resolve", argv[optind], &p, sp, sizeof(sp)) < 0)
		return CLI_EXIT_ERR;
	if (pcipath_format(&p, canon, sizeof(canon)) < 0)
		return CLI_EXIT_ERR;
	if (json)
		print_path_result(true, canon, strrchr(sp, '/') + 1, sp);
	else
		printf("%s %s\n", strrchr(sp, '/') + 1, sp);
	return finish_output();
}

/* ---- of ----------------------------------------------------------------------------- */

static void help_of(void)
{
	printf("Usage: %s of ARG [--json]\n"
	       "Print the PCI path of a device. ARG is a device node (/dev/vda), a link "
	       "to\n"
	       "one (/dev/disk/by-id/...), a sysfs path (/sys/class/net/eth0, "
	       "/devices/...),\n"
	       "a BDF (0000:05:00.0 or 05:00.0) or a network interface name.\n\n"
	       "  -j --json  {\"path\", \"tag\", \"bdf\", \"syspath\"} of the PCI "
	       "function\n"
	       "  -h --help  Show this help\n",
	       program_invocation_short_name);
}

/* ARG -> a syspath or devpath pcipath_device_open() takes. */
static int of_syspath(const char *arg, char *buf, size_t size)
{
	char bdf[20];
	struct stat st;

	switch (cli_classify_arg(arg)) {
	case CLI_ARG_SYSFS:
		strprintf(buf, size, "%s", arg);
		return 0;
	case CLI_ARG_BDF:
		cli_normalize_bdf(arg, bdf);
		strprintf(buf, size, "/sys/bus/pci/devices/%s", bdf);
		if (access(buf, F_OK) < 0) {
			ERR("of: %s: no such PCI function", bdf);
			return -ENOENT;
		}
		return 0;
	case CLI_ARG_IFNAME:
		strprintf(buf, size, "/sys/class/net/%s", arg);
		if (access(buf, F_OK) == 0)
			return 0;
		/* "vda": not an interface, maybe a node in /dev. */
		strprintf(buf, size, "/dev/%s", arg);
		if (stat(buf, &st) < 0) {
			ERR("of: %s: no such network interface or device node", arg);
			return -ENOENT;
		}
		break;
	case CLI_ARG_FILE:
		if (stat(arg, &st) < 0) {
			ERR("of: %s: %s", arg, strerror(errno));
			return -errno;
		}
		strprintf(buf, size, "%s", arg);
		break;
	default:
		ERR("of: '%s' is no device node, sysfs path, BDF or interface name", arg);
		return -EINVAL;
	}

	if (S_ISBLK(st.st_mode) || S_ISCHR(st.st_mode)) {
		strprintf(buf, size, "/sys/dev/%s/%u:%u",
			  S_ISBLK(st.st_mode) ? "block" : "char", major(st.st_rdev),
			  minor(st.st_rdev));
		return 0;
	}
	if (S_ISDIR(st.st_mode)) {
		/* e.g. /dev/by-pcipath/02/01/net -> /sys/class/net/enp2s1 */
		char real[PATH_MAX];

		if (realpath(buf, real) && startswith(real, "/sys/")) {
			strprintf(buf, size, "%s", real);
			return 0;
		}
	}
	ERR("of: %s: not a device node", arg);
	return -EINVAL;
}

static int do_of(int argc, char *argv[])
{
	static const struct option options[] = {
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{},
	};
	char sp[PATH_MAX], canon[PCIPATH_MAX_LEN];
	struct udev_device *dev = NULL, *pci = NULL;
	struct pci_path p;
	const char *arg;
	bool json = false;
	int opt, r, ret = CLI_EXIT_ERR;

	while ((opt = getopt_long(argc, argv, "jh", options, NULL)) >= 0) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'h':
			help_of();
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (!want_operands(argc, 1, "of", "missing ARG"))
		return CLI_EXIT_USAGE;
	arg = argv[optind];
	if (of_syspath(arg, sp, sizeof(sp)) < 0 || !get_udev())
		return CLI_EXIT_ERR;
	dev = pcipath_device_open(udev_ctx, sp, &r);
	if (!dev) {
		ERR("of: %s: %s", arg,
		    r == -EINVAL ? "not a device in /sys/devices" : strerror(-r));
		return CLI_EXIT_ERR;
	}
	r = pcipath_walk(dev, &p, &pci);
	if (r == 0) {
		ERR("of: %s: no PCI function among its ancestors", arg);
		goto out;
	}
	if (r < 0) {
		ERR("of: %s: %s", arg,
		    r == -EBADMSG ? "malformed sysfs tree"
		    : r == -E2BIG ? "PCI route deeper than 32 hops"
				  : strerror(-r));
		goto out;
	}
	if (pcipath_format(&p, canon, sizeof(canon)) < 0)
		goto out;
	if (json)
		print_path_result(true, canon, udev_device_get_sysname(pci),
				  udev_device_get_syspath(pci));
	else
		printf("%s\n", canon);
	ret = finish_output();
out:
	udev_device_unref(pci);
	udev_device_unref(dev);
	return ret;
}

/* ---- modules (libkmod) -------------------------------------------------------------- */

_printf_(6, 0) static void kmod_log(_unused_ void *data, _unused_ int priority,
				    _unused_ const char *file, _unused_ int line,
				    _unused_ const char *fn, const char *format,
				    va_list args)
{
	fprintf(stderr, "%s: libkmod: ", program_invocation_short_name);
	vfprintf(stderr, format, args);
}

/* A libkmod context on moddir (NULL: /lib/modules/`uname -r`), indexes loaded once. */
static struct kmod_ctx *kmod_open(const char *moddir)
{
	struct kmod_ctx *ctx = kmod_new(moddir, NULL);
	int r;

	if (!ctx) {
		ERR("cannot create libkmod context%s%s", moddir ? " for " : "",
		    moddir ? moddir : "");
		return NULL;
	}
	kmod_set_log_fn(ctx, kmod_log, NULL);
	r = kmod_load_resources(ctx);
	if (r < 0) {
		ERR("no module indexes in %s: %s", kmod_get_dirname(ctx), strerror(-r));
		kmod_unref(ctx);
		return NULL;
	}
	return ctx;
}

static const char *module_state(struct kmod_module *mod)
{
	const char *path;

	switch (kmod_module_get_initstate(mod)) {
	case KMOD_MODULE_BUILTIN:
		return "builtin";
	case KMOD_MODULE_LIVE:
	case KMOD_MODULE_COMING:
		return "loaded";
	case KMOD_MODULE_GOING:
		return "unloading";
	default:
		break;
	}
	path = kmod_module_get_path(mod);
	return path && access(path, F_OK) == 0 ? "available" : "missing";
}

/* ---- show --------------------------------------------------------------------------- */

static void help_show(void)
{
	printf("Usage: %s show PATH [--json] [--numeric] [--moddir DIR]\n"
	       "Show everything about the PCI function at PATH: ids, driver, nodes and "
	       "links,\n"
	       "and the kernel modules whose aliases match its modalias, with their "
	       "state\n"
	       "(builtin, loaded, available, missing).\n\n"
	       "  -j --json        One JSON object (see pcipath(1))\n"
	       "  -n --numeric     No names from the hwdb\n"
	       "  -d --moddir DIR  Module directory (default /lib/modules/`uname -r`)\n"
	       "  -h --help        Show this help\n",
	       program_invocation_short_name);
}

struct modinfo {
	char name[64];
	const char *state;
	char path[PATH_MAX];
};

/* The modules matching modalias; -errno, or how many (at most max). */
static int match_modules(struct kmod_ctx *ctx, const char *modalias, struct modinfo *mi,
			 int max)
{
	struct kmod_list *list = NULL, *l;
	int n = 0, r;

	r = kmod_module_new_from_lookup(ctx, modalias, &list);
	if (r < 0)
		return r;
	kmod_list_foreach(l, list)
	{
		struct kmod_module *mod = kmod_module_get_module(l);
		const char *path;

		if (n < max) {
			strprintf(mi[n].name, sizeof(mi[n].name), "%s",
				  kmod_module_get_name(mod));
			mi[n].state = module_state(mod);
			path = kmod_module_get_path(mod);
			strprintf(mi[n].path, sizeof(mi[n].path), "%s", path ? path : "");
			n++;
		}
		kmod_module_unref(mod);
	}
	kmod_module_unref_list(list);
	return n;
}

static int do_show(int argc, char *argv[])
{
	static const struct option options[] = {
		{"json", no_argument, NULL, 'j'},
		{"numeric", no_argument, NULL, 'n'},
		{"moddir", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{},
	};
	char sp[PATH_MAX], tag[PCIPATH_MAX_LEN];
	struct modinfo mi[16];
	struct kmod_ctx *kctx = NULL;
	struct cli_func fn;
	struct pci_path p;
	struct names nm;
	char label[PCIPATH_LABEL_MAX + 1];
	const char *moddir = NULL;
	bool json = false, numeric = false, usable = false;
	int opt, r, n_mod = -1;

	while ((opt = getopt_long(argc, argv, "jnd:h", options, NULL)) >= 0) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'n':
			numeric = true;
			break;
		case 'd':
			moddir = optarg;
			break;
		case 'h':
			help_show();
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (!want_operands(argc, 1, "show", "missing PATH"))
		return CLI_EXIT_USAGE;
	if (resolve_arg("show", argv[optind], &p, sp, sizeof(sp)) < 0)
		return CLI_EXIT_ERR;
	r = cli_func_load(sp, &fn, CLI_LOAD_IOMMU);
	if (r >= 0)
		r = cli_scan_nodes(&fn, 1, CLI_KIND_ANY, true);
	if (r < 0) {
		ERR("show: %s: %s", sp,
		    r == -EBADMSG ? "malformed sysfs tree" : strerror(-r));
		cli_func_free(&fn);
		return CLI_EXIT_ERR;
	}
	lookup_names(fn.modalias, numeric, &nm);
	if (fn.modalias[0]) {
		kctx = kmod_open(moddir);
		if (kctx) {
			n_mod = match_modules(kctx, fn.modalias, mi, (int)ARRAY_SIZE(mi));
			if (n_mod < 0)
				ERR("show: module lookup for %s: %s", fn.modalias,
				    strerror(-n_mod));
		}
	}
	for (int i = 0; i < n_mod; i++)
		usable |= !streq(mi[i].state, "missing");

	if (json) {
		fputc('{', stdout);
		json_func_members(stdout, &fn, &nm);
		fputs(",\"moddir\":", stdout);
		json_string(stdout, kctx ? kmod_get_dirname(kctx) : NULL);
		fputs(",\"modules\":", stdout);
		if (n_mod < 0)
			fputs("null", stdout);
		else {
			fputc('[', stdout);
			for (int i = 0; i < n_mod; i++) {
				fputs(i ? ",{" : "{", stdout);
				json_kv(stdout, "name", mi[i].name, true);
				json_kv(stdout, "state", mi[i].state, true);
				json_kv(stdout, "path", mi[i].path, false);
				fputc('}', stdout);
			}
			fputc(']', stdout);
		}
		fputs("}\n", stdout);
		goto done;
	}

	if (pcipath_tag(fn.canon, tag, sizeof(tag)) < 0)
		tag[0] = '\0';
	printf("path:      %s\n", fn.canon);
	printf("tag:       %s\n", tag);
	printf("bdf:       %s\n", fn.bdf);
	printf("syspath:   %s\n", fn.syspath);
	printf("class:     %s", fn.class_[0] ? fn.class_ : "-");
	if (nm.class_[0]) {
		fputs(" (", stdout);
		text_safe(stdout, nm.class_);
		if (nm.subclass[0]) {
			fputs(" / ", stdout);
			text_safe(stdout, nm.subclass);
		}
		fputc(')', stdout);
	}
	printf("\nvendor:    %s", fn.vendor[0] ? fn.vendor : "-");
	if (nm.vendor[0]) {
		fputs(" (", stdout);
		text_safe(stdout, nm.vendor);
		fputc(')', stdout);
	}
	printf("\ndevice:    %s", fn.device[0] ? fn.device : "-");
	if (nm.device[0]) {
		fputs(" (", stdout);
		text_safe(stdout, nm.device);
		fputc(')', stdout);
	}
	fputc('\n', stdout);
	if (fn.subvendor[0])
		printf("subsystem: %s:%s\n", fn.subvendor, fn.subdevice);
	if (fn.physfn[0])
		printf("physfn:    %s\n", fn.physfn);
	if (fn.iommu_group >= 0)
		printf("iommu:     group %d\n", fn.iommu_group);
	printf("modalias:  %s\n", fn.modalias[0] ? fn.modalias : "-");
	printf("driver:    %s\n", fn.driver[0] ? fn.driver : "none");
	lookup_label(fn.canon, label, sizeof(label));
	if (label[0])
		printf("label:     %s\n", label);
	for (size_t i = 0; i < fn.n_nodes; i++) {
		const struct cli_node *nd = &fn.nodes[i];

		printf("node:      %s ", cli_kind_to_string(nd->kind));
		text_safe(stdout, node_label(nd));
		for (unsigned j = 0; j < nd->n_links; j++) {
			fputs(j ? " " : " <- ", stdout);
			text_safe(stdout, nd->links[j]);
		}
		fputc('\n', stdout);
	}
	if (n_mod == 0)
		printf("module:    none matches the modalias in %s\n",
		       kmod_get_dirname(kctx));
	for (int i = 0; i < n_mod; i++)
		printf("module:    %s %s\n", mi[i].name, mi[i].state);
	if (!fn.driver[0] && n_mod >= 0 && !usable)
		printf("note:      no driver bound, and no module for it in this "
		       "image\n");
done:
	kmod_unref(kctx);
	cli_func_free(&fn);
	return finish_output();
}

/* ---- wait --------------------------------------------------------------------------- */

static void help_wait(void)
{
	printf("Usage: %s wait PATH [--kind KIND] [--timeout SECONDS] [--rescan]\n"
	       "                    [--load-modules] [--moddir DIR]\n"
	       "Wait until a node (or interface) exists below the PCI function at PATH, "
	       "and\n"
	       "print it (its /dev node, or the interface name). With udevd running, "
	       "only a\n"
	       "node udev has finished counts; without, the kernel's uevents and "
	       "sysfs.\n\n"
	       "  -k --kind KIND       block, drm, serial, net or vfio (default: any)\n"
	       "  -t --timeout SECS    Give up after SECS seconds (default 30; 0: check "
	       "once)\n"
	       "  -r --rescan          Write 1 to /sys/bus/pci/rescan first\n"
	       "  -l --load-modules    Load the modules of new devices below PATH (no "
	       "udevd)\n"
	       "  -d --moddir DIR      Module directory for --load-modules\n"
	       "  -h --help            Show this help\n"
	       "Exit status: 0 found, 1 error, 2 usage, 124 timed out.\n",
	       program_invocation_short_name);
}

struct waiter {
	struct pci_path path;
	int kind;
	bool udev_mode, load_modules;
	struct kmod_ctx *kctx;
	char *tried[1024]; /* devices whose modules we loaded (or tried to) */
	unsigned n_tried;
	char last_reason[PCIPATH_MAX_LEN + 256];
};

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Is udevd running? Its control socket accepts connections (a stale one refuses). */
static bool udevd_running(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd, r;

	if (access("/run/udev/control", F_OK) < 0)
		return false;
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return true;
	strprintf(sa.sun_path, sizeof(sa.sun_path), "/run/udev/control");
	r = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
	close(fd);
	return r == 0;
}

static bool tried_before(struct waiter *w, const char *syspath)
{
	for (unsigned i = 0; i < w->n_tried; i++)
		if (streq(w->tried[i], syspath))
			return true;
	if (w->n_tried < ARRAY_SIZE(w->tried))
		w->tried[w->n_tried++] = strdup(syspath);
	return false;
}

static void load_modalias(struct waiter *w, const char *modalias)
{
	struct kmod_list *list = NULL, *l;

	if (kmod_module_new_from_lookup(w->kctx, modalias, &list) < 0)
		return;
	kmod_list_foreach(l, list)
	{
		struct kmod_module *mod = kmod_module_get_module(l);
		int r = kmod_module_probe_insert_module(mod, KMOD_PROBE_APPLY_BLACKLIST,
							NULL, NULL, NULL, NULL);

		if (r < 0)
			ERR("wait: cannot load %s for %s: %s", kmod_module_get_name(mod),
			    modalias, strerror(-r));
		kmod_module_unref(mod);
	}
	kmod_module_unref_list(list);
}

/*
 * What udevd would do for the devices below dir: load the modules their modaliases
 * name, once per device. Bounded in depth and in directories read.
 */
static void load_modules_below(struct waiter *w, const char *dir, int depth,
			       unsigned *budget)
{
	static const char *const skip[] = {
		"power", "queues", "statistics", "msi_irqs",
		"mq",	 "queue",  "integrity",	 "trace",
	};
	char p[PATH_MAX], ue[4096];
	DIR *d;
	struct dirent *de;

	strprintf(p, sizeof(p), "%s/uevent", dir);
	if (read_small_file(p, ue, sizeof(ue)) >= 0 && !strstr(ue, "DRIVER=")) {
		char *m = strstr(ue, "MODALIAS=");

		if (m && (m == ue || m[-1] == '\n') && !tried_before(w, dir)) {
			m += strlen("MODALIAS=");
			m[strcspn(m, "\n")] = '\0';
			load_modalias(w, m);
		}
	}
	if (depth >= 12 || !(d = opendir(dir)))
		return;
	while ((de = readdir(d)) && *budget > 0) {
		bool skipped = false;

		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(skip); i++)
			skipped |= streq(de->d_name, skip[i]);
		if (skipped)
			continue;
		(*budget)--;
		strprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		load_modules_below(w, p, depth + 1, budget);
	}
	closedir(d);
}

/* A node udev has finished with (its db entry exists), or any node without udevd. */
static bool node_ready(struct waiter *w, const struct cli_node *n)
{
	struct udev_device *d;
	bool ok;

	if (!w->udev_mode || !n->syspath)
		return true;
	d = udev_device_new_from_syspath(udev_ctx, n->syspath);
	ok = d && udev_device_get_is_initialized(d) > 0;
	udev_device_unref(d);
	return ok;
}

/* Check what exists now. Returns 1 and prints the node, 0 when nothing yet, -errno. */
static int wait_check(struct waiter *w)
{
	char sp[PATH_MAX], below[PATH_MAX + 1];
	struct cli_func *fs = NULL;
	size_t n = 0, m = 0;
	int r;

	r = cli_resolve(&w->path, sp, sizeof(sp), w->last_reason, sizeof(w->last_reason));
	if (r < 0)
		return r == -ENOENT || r == -EBADMSG ? 0 : r;
	w->last_reason[0] = '\0';
	if (w->load_modules) {
		unsigned budget = 10000;

		load_modules_below(w, sp, 0, &budget);
	}
	if (w->kind == CLI_KIND_VFIO) {
		/* vfio group nodes belong to functions, maybe below PATH: read them all. */
		r = cli_scan_functions(&fs, &n, 0);
		if (r < 0)
			return r == -EBADMSG || r == -ENOENT ? 0 : r;
		/* The function at PATH and those below it (a bridge's), in path order. */
		strprintf(below, sizeof(below), "%s/", sp);
		for (size_t i = 0; i < n; i++) {
			if (streq(fs[i].syspath, sp) ||
			    startswith(fs[i].syspath, below)) {
				if (m != i) {
					struct cli_func t = fs[m];

					fs[m] = fs[i];
					fs[i] = t;
				}
				m++;
			}
		}
		r = cli_scan_nodes(fs, m, w->kind, false);
	} else {
		/* Every turn after an event: only PATH's function and the class dirs. */
		fs = calloc(1, sizeof(*fs));
		if (!fs)
			return -ENOMEM;
		n = m = 1;
		r = cli_func_load(sp, fs, 0);
		if (r == -ENOENT || r == -EBADMSG) { /* gone, or half there: look again */
			r = 0;
			goto out;
		}
		if (r >= 0)
			r = cli_scan_nodes_below(fs, w->kind);
	}
	for (size_t i = 0; r >= 0 && i < m; i++)
		for (size_t j = 0; j < fs[i].n_nodes; j++)
			if (node_ready(w, &fs[i].nodes[j])) {
				text_safe(stdout, node_label(&fs[i].nodes[j]));
				fputc('\n', stdout);
				r = 1;
				goto out;
			}
	r = r < 0 ? r : 0;
out:
	cli_funcs_free(fs, n);
	return r;
}

static int do_wait(int argc, char *argv[])
{
	static const struct option options[] = {
		{"kind", required_argument, NULL, 'k'},
		{"timeout", required_argument, NULL, 't'},
		{"rescan", no_argument, NULL, 'r'},
		{"load-modules", no_argument, NULL, 'l'},
		{"moddir", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{},
	};
	static struct waiter w;
	struct udev_monitor *mon = NULL;
	char canon[PCIPATH_MAX_LEN];
	const char *moddir = NULL;
	long timeout_ms = 30000, deadline;
	bool rescan = false;
	int opt, r, fd = -1, ret = CLI_EXIT_ERR;

	w.kind = CLI_KIND_ANY;
	while ((opt = getopt_long(argc, argv, "k:t:rld:h", options, NULL)) >= 0) {
		switch (opt) {
		case 'k':
			w.kind = cli_kind_from_string(optarg);
			if (w.kind < 0) {
				ERR("wait: unknown kind '%s' (block, drm, serial, net, "
				    "vfio)",
				    optarg);
				return CLI_EXIT_USAGE;
			}
			break;
		case 't':
			if (cli_parse_timeout(optarg, &timeout_ms) < 0) {
				ERR("wait: bad timeout '%s' (seconds, 0 to 86400, e.g. "
				    "2.5)",
				    optarg);
				return CLI_EXIT_USAGE;
			}
			break;
		case 'r':
			rescan = true;
			break;
		case 'l':
			w.load_modules = true;
			break;
		case 'd':
			moddir = optarg;
			break;
		case 'h':
			help_wait();
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (!want_operands(argc, 1, "wait", "missing PATH"))
		return CLI_EXIT_USAGE;
	if (parse_path_arg("wait", argv[optind], &w.path) < 0 ||
	    pcipath_format(&w.path, canon, sizeof(canon)) < 0 || !get_udev())
		return CLI_EXIT_ERR;
	deadline = now_ms() + timeout_ms;

	if (w.load_modules) {
		w.kctx = kmod_open(moddir);
		if (!w.kctx)
			return CLI_EXIT_ERR;
	}

	/*
	 * Subscribe first, then look: a node that appears between the two is seen by the
	 * look or arrives as an event, never lost. udevd's events mean "processed, links
	 * made"; without udevd (Kata's agent as init), the kernel's.
	 */
	w.udev_mode = udevd_running();
	mon = udev_monitor_new_from_netlink(udev_ctx, w.udev_mode ? "udev" : "kernel");
	if (mon) {
		udev_monitor_set_receive_buffer_size(mon, 4 * 1024 * 1024);
		if (udev_monitor_enable_receiving(mon) < 0) {
			udev_monitor_unref(mon);
			mon = NULL;
		}
	}
	if (!mon)
		WRN("wait: cannot listen to %s events, polling sysfs",
		    w.udev_mode ? "udev" : "kernel");
	else
		fd = udev_monitor_get_fd(mon);

	if (rescan) {
		int rf = open("/sys/bus/pci/rescan", O_WRONLY | O_CLOEXEC);

		if (rf < 0 || write(rf, "1", 1) != 1) {
			ERR("wait: cannot write /sys/bus/pci/rescan: %s",
			    strerror(errno));
			if (rf >= 0)
				close(rf);
			goto out;
		}
		close(rf);
	}

	/* Bounded by the deadline: every turn either handles events or sleeps. */
	for (;;) {
		long left;
		struct pollfd pfd = {.fd = fd, .events = POLLIN};

		r = wait_check(&w);
		if (r < 0) {
			ERR("wait: %s: %s", canon, strerror(-r));
			goto out;
		}
		if (r > 0) {
			ret = finish_output();
			goto out;
		}
		left = deadline - now_ms();
		if (left <= 0)
			break;
		/* Re-check every half second as well: an event can be lost (ENOBUFS). */
		r = poll(&pfd, fd >= 0 ? 1 : 0, left < 500 ? (int)left : 500);
		if (r < 0 && errno != EINTR) {
			ERR("wait: poll: %s", strerror(errno));
			goto out;
		}
		for (int i = 0; r > 0 && i < 4096; i++) {
			struct udev_device *d = udev_monitor_receive_device(mon);

			if (!d)
				break;
			udev_device_unref(d);
		}
	}
	if (w.last_reason[0])
		ERR("wait: timed out after %ld.%03ld s: %s: %s", timeout_ms / 1000,
		    timeout_ms % 1000, canon, w.last_reason);
	else
		ERR("wait: timed out after %ld.%03ld s: no %s%s below %s",
		    timeout_ms / 1000, timeout_ms % 1000,
		    w.kind == CLI_KIND_ANY ? "node" : "node of kind ",
		    w.kind == CLI_KIND_ANY ? "" : cli_kind_to_string(w.kind), canon);
	ret = CLI_EXIT_TIMEOUT;
out:
	udev_monitor_unref(mon);
	kmod_unref(w.kctx);
	for (unsigned i = 0; i < w.n_tried; i++)
		free(w.tried[i]);
	return ret;
}

/* ---- main --------------------------------------------------------------------------- */

static const struct {
	const char *name;
	int (*fn)(int argc, char *argv[]);
	const char *what;
} commands[] = {
	{"list", do_list, "List every PCI function with its PCI path and nodes"},
	{"resolve", do_resolve, "Print the BDF and sysfs path of a PCI path"},
	{"of", do_of, "Print the PCI path of a device node, link, BDF or interface"},
	{"show", do_show, "Show one function: driver, nodes, links, modules"},
	{"wait", do_wait, "Wait for a node of a PCI function to appear"},
	{"normalize", cmd_normalize, "Print the canonical form of PCI paths (no sysfs)"},
	{"predict", cmd_predict, "Compute a guest's paths and links on the host"},
};

static void help(void)
{
	printf("Usage: %s COMMAND [OPTIONS] [ARG]\n"
	       "Name PCI functions and their devices by PCI path (see pcipath(7)).\n\n"
	       "Commands:\n",
	       program_invocation_short_name);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		printf("  %-8s %s\n", commands[i].name, commands[i].what);
	printf("\nOptions:\n"
	       "  -h --help     Show this help ('%s COMMAND --help' for a command's)\n"
	       "  -V --version  Show the version\n"
	       "\nExit status: 0 success, 1 error or not found, 2 usage, 124 wait timed "
	       "out.\n",
	       program_invocation_short_name);
}

int main(int argc, char *argv[])
{
	static const struct option options[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{},
	};
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "+hV", options, NULL)) >= 0) {
		switch (opt) {
		case 'h':
			help();
			return CLI_EXIT_OK;
		case 'V':
			puts(PCIPATH_VERSION);
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		ERR("missing command; see '%s --help'", program_invocation_short_name);
		return CLI_EXIT_USAGE;
	}
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		if (!streq(argv[optind], commands[i].name))
			continue;
		argc -= optind;
		argv += optind;
		optind = 0; /* 0: getopt reinitializes for the subcommand's argv */
		ret = commands[i].fn(argc, argv);
		udev_hwdb_unref(hwdb);
		udev_unref(udev_ctx);
		return ret;
	}
	ERR("unknown command '%s'; see '%s --help'", argv[optind],
	    program_invocation_short_name);
	return CLI_EXIT_USAGE;
}
