/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-show.c - pcipath show: one function with its nodes, links, label and modules. */

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli-kmod.h"
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

int cmd_show(int argc, char *argv[])
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
		r = cli_scan_nodes(&fn, 1, PCIPATH_CLASS_ANY, true);
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
			/* Linux 6.12 builds virtio_pci in, and its builtin modinfo lists no
			 * aliases: no alias matches, yet the bound driver names its module. */
			if (n_mod == 0 && fn.driver[0])
				n_mod = module_of_driver(kctx, fn.syspath, &mi[0]);
		}
	}
	for (int i = 0; i < n_mod; i++)
		usable |= !streq(mi[i].state, "missing");

	if (json) {
		struct json_object *o = json_func(&fn, &nm), *mods = NULL;

		json_add_str(o, "moddir", kctx ? kmod_get_dirname(kctx) : NULL);
		if (n_mod >= 0)
			mods = json_object_new_array();
		for (int i = 0; i < n_mod; i++) {
			struct json_object *m = json_object_new_object();

			json_add_str(m, "name", mi[i].name);
			json_add_str(m, "state", mi[i].state);
			json_add_str(m, "path", mi[i].path);
			json_object_array_add(mods, m);
		}
		json_object_object_add(o, "modules", mods);
		kmod_unref(kctx);
		cli_func_free(&fn);
		return json_print(o);
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

		printf("node:      %s ", pcipath_class_to_string(nd->kind));
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
	kmod_unref(kctx);
	cli_func_free(&fn);
	return finish_output();
}
