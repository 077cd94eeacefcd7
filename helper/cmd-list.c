/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-list.c - pcipath list: every PCI function with its path, ids, driver and nodes. */

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cli-hwdb.h"
#include "cli-sysfs.h"
#include "cli-util.h"
#include "commands.h"
#include "kinds.h"
#include "log.h"
#include "macro.h"
#include "path.h"
#include "sysfs.h"

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

int cmd_list(int argc, char *argv[])
{
	static const struct option options[] = {
		{"tree", no_argument, NULL, 't'},
		{"json", no_argument, NULL, 'j'},
		{"numeric", no_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{},
	};
	struct cli_func *fs = NULL;
	struct json_object *arr;
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
		r = cli_scan_nodes(fs, n, PCIPATH_CLASS_ANY, true);
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
		arr = json_object_new_array();
		for (size_t i = 0; i < n; i++) {
			struct json_object *o;
			struct names nm;

			lookup_names(fs[i].modalias, numeric, &nm);
			o = json_func(&fs[i], &nm);
			json_add_str(o, "parent",
				     parent[i] >= 0 ? fs[parent[i]].canon : NULL);
			json_object_array_add(arr, o);
		}
		cli_funcs_free(fs, n);
		return json_print(arr);
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
