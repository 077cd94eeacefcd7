/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli-common.c - what the commands share: operands, PATH arguments, output of functions. */

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli-hwdb.h"
#include "cli-sysfs.h"
#include "cli-util.h"
#include "commands.h"
#include "kinds.h"
#include "log.h"
#include "macro.h"
#include "path.h"
#include "sysfs.h"

void json_kv(FILE *f, const char *key, const char *value, bool comma)
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
	json_kv(f, "kind", pcipath_class_to_string(n->kind), true);
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
void json_func_members(FILE *f, const struct cli_func *fn, const struct names *nm)
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
const char *node_label(const struct cli_node *n)
{
	return n->devnode[0] ? n->devnode : n->name;
}

/* "/dev/vda=disk,/dev/vda1=disk-part1,enp2s1=net": nodes and their link entries. */
void text_nodes(FILE *f, const struct cli_func *fn)
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

int finish_output(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		ERR("cannot write output: %s", strerror(errno));
		return CLI_EXIT_ERR;
	}
	return CLI_EXIT_OK;
}

/* A subcommand's argv after getopt: exactly n operands, or a usage error. */
bool want_operands(int argc, int n, const char *cmd, const char *what)
{
	if (argc - optind == n)
		return true;
	ERR("%s: %s; see '%s %s --help'", cmd,
	    argc - optind < n ? what : "too many arguments",
	    program_invocation_short_name, cmd);
	return false;
}

int parse_path_arg(const char *cmd, const char *arg, struct pci_path *p)
{
	const char *reason;

	if (pcipath_parse(arg, p, &reason) < 0) {
		ERR("%s: '%s' is not a PCI path: %s", cmd, arg, reason);
		return -EINVAL;
	}
	return 0;
}

/* PATH -> the function's syspath, with a one-line error. */
int resolve_arg(const char *cmd, const char *arg, struct pci_path *p, char *buf,
		size_t size)
{
	char reason[PCIPATH_MAX_LEN + 256], canon[PCIPATH_MAX_LEN];
	int r;

	r = parse_path_arg(cmd, arg, p);
	if (r < 0)
		return r;
	r = sysfs_resolve(p, buf, size, reason, sizeof(reason));
	if (r < 0) {
		if (pcipath_format(p, canon, sizeof(canon)) < 0)
			strprintf(canon, sizeof(canon), "%s", arg);
		ERR("%s: %s: %s", cmd, canon, reason);
	}
	return r;
}

void print_path_result(bool json, const char *canon, const char *bdf, const char *syspath)
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
