/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli-sysfs.h - what the pcipath command reads from sysfs and /dev: functions, nodes. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "path.h"

#define CLI_MAX_LINKS 4

/* A node (or interface) of a PCI function, found through /sys/class. */
struct cli_node {
	int kind;	    /* enum pcipath_class */
	char subsystem[16]; /* block, drm, tty, virtio-ports, net, vfio, vfio-dev */
	char name[64];	    /* kernel name: vda, card0, ttyS4, enp2s0, ... */
	char devnode[96];   /* /dev/... ; empty for an interface */
	char *syspath;
	char *links[CLI_MAX_LINKS]; /* /dev/by-pcipath and /dev/disk/by-pcipath links */
	unsigned n_links;
};

struct cli_func {
	char *syspath;
	char bdf[20];
	struct pci_path path;
	char canon[PCIPATH_MAX_LEN];
	char class_[8]; /* "010000" */
	char vendor[8], device[8];
	char subvendor[8], subdevice[8];
	char driver[64]; /* empty when none is bound */
	char modalias[128];
	char physfn[20]; /* BDF of the PF when this is a VF */
	int iommu_group; /* -1 when none */
	struct cli_node *nodes;
	size_t n_nodes;
};

/* What cli_func_load() reads beyond uevent and the VF links. */
#define CLI_LOAD_IOMMU 1U /* iommu_group (always for functions bound to vfio) */

/* Read one PCI function from its syspath. Returns 0 or a negative errno. */
int cli_func_load(const char *syspath, struct cli_func *f, unsigned flags);
void cli_func_free(struct cli_func *f);

/* Every PCI function, sorted by PCI path. */
int cli_scan_functions(struct cli_func **ret, size_t *ret_n, unsigned flags);
void cli_funcs_free(struct cli_func *funcs, size_t n);

/*
 * Attach the nodes of kind (or PCIPATH_CLASS_ANY) to the functions they belong to (their
 * nearest PCI function). With links, also find their /dev/by-pcipath links.
 */
int cli_scan_nodes(struct cli_func *funcs, size_t n, int kind, bool links);

/*
 * The nodes of kind (or PCIPATH_CLASS_ANY) below the loaded function f: its own and those
 * of the functions beneath it (a bridge's), all given to f, sorted; vfio group nodes
 * of f itself only. Cheaper than cli_scan_nodes(): no function is read but f.
 */
int cli_scan_nodes_below(struct cli_func *f, int kind);
