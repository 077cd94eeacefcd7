/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli-common.c - what the commands share: operands, PATH arguments, output of functions. */

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

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

/* A string member, null when empty (or NULL). */
void json_add_str(struct json_object *o, const char *key, const char *value)
{
	json_object_object_add(o, key,
			       value && value[0] ? json_object_new_string(value) : NULL);
}

static struct json_object *json_node(const struct cli_node *n)
{
	struct json_object *o = json_object_new_object(),
			   *links = json_object_new_array();

	json_add_str(o, "kind", pcipath_class_to_string(n->kind));
	json_add_str(o, "subsystem", n->subsystem);
	json_add_str(o, "name", n->name);
	json_add_str(o, "devnode", n->devnode);
	json_add_str(o, "syspath", n->syspath);
	for (unsigned i = 0; i < n->n_links; i++)
		json_object_array_add(links, json_object_new_string(n->links[i]));
	json_object_object_add(o, "links", links);
	return o;
}

struct json_object *json_func(const struct cli_func *fn, const struct names *nm)
{
	struct json_object *o = json_object_new_object(),
			   *nodes = json_object_new_array();
	char tag[PCIPATH_MAX_LEN], label[PCIPATH_LABEL_MAX + 1];

	if (pcipath_tag(fn->canon, tag, sizeof(tag)) < 0)
		tag[0] = '\0';
	json_add_str(o, "path", fn->canon);
	json_add_str(o, "tag", tag);
	lookup_label(fn->canon, label, sizeof(label));
	json_add_str(o, "label", label);
	json_add_str(o, "bdf", fn->bdf);
	json_add_str(o, "syspath", fn->syspath);
	json_add_str(o, "class", fn->class_);
	json_add_str(o, "vendor", fn->vendor);
	json_add_str(o, "device", fn->device);
	json_add_str(o, "subsystem_vendor", fn->subvendor);
	json_add_str(o, "subsystem_device", fn->subdevice);
	json_add_str(o, "vendor_name", nm->vendor);
	json_add_str(o, "device_name", nm->device);
	json_add_str(o, "class_name", nm->class_);
	json_add_str(o, "subclass_name", nm->subclass);
	json_add_str(o, "driver", fn->driver);
	json_add_str(o, "modalias", fn->modalias);
	json_add_str(o, "physfn", fn->physfn);
	json_object_object_add(o, "iommu_group",
			       fn->iommu_group >= 0 ? json_object_new_int(fn->iommu_group)
						    : NULL);
	for (size_t i = 0; i < fn->n_nodes; i++)
		json_object_array_add(nodes, json_node(&fn->nodes[i]));
	json_object_object_add(o, "nodes", nodes);
	return o;
}

int json_print(struct json_object *o)
{
	const char *s = json_object_to_json_string_ext(
		o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);

	if (!s) {
		json_object_put(o);
		ERR("out of memory");
		return CLI_EXIT_ERR;
	}
	fputs(s, stdout);
	fputc('\n', stdout);
	json_object_put(o);
	return finish_output();
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

int print_path_result(bool json, const char *canon, const char *bdf, const char *syspath)
{
	struct json_object *o;
	char tag[PCIPATH_MAX_LEN];

	if (!json) {
		printf("%s %s\n", bdf, syspath);
		return finish_output();
	}
	if (pcipath_tag(canon, tag, sizeof(tag)) < 0)
		tag[0] = '\0';
	o = json_object_new_object();
	json_add_str(o, "path", canon);
	json_add_str(o, "tag", tag);
	json_add_str(o, "bdf", bdf);
	json_add_str(o, "syspath", syspath);
	return json_print(o);
}
