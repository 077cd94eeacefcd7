/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* predict.h - the guest's PCI paths and links from the host's configuration (no I/O). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "macro.h"
#include "path.h"

/*
 * pcipath predict reads a QEMU command line, a libvirt domain XML or a QMP query-pci
 * reply into one model: PCI functions, each on a named bus at a devfn. Bridges name the
 * bus they provide; expanders (pxb, pxb-pcie) provide a new root bus. predict_resolve()
 * then reads each function's addresses from the root down, which is its PCI path
 * (SPEC section 1), exactly as the guest's helper reads them from sysfs.
 */

/* More devices than a real machine can hold: a malformed (or hostile) input. */
#define PREDICT_MAX_DEVS  4096
#define PREDICT_MAX_LINKS 64
/* devfn of a model entry that is a root bus, not a function (QMP's bus list). */
#define PREDICT_NOT_A_FUNCTION (-2)

enum predict_role {
	PREDICT_ENDPOINT, /* nothing PCI below it */
	PREDICT_BRIDGE,	  /* bridge, root port, switch port: its bus is a secondary bus */
	PREDICT_EXPANDER, /* pxb, pxb-pcie, libvirt *-expander-bus: a new root bus */
};

enum predict_source {
	PREDICT_QEMU,	 /* keys are QEMU ids */
	PREDICT_LIBVIRT, /* keys are element keys ("disk vda") */
	PREDICT_QMP,	 /* keys are query-pci's qdev_id */
};

struct predict_dev {
	char *key;    /* QEMU id, libvirt element key, qdev_id; NULL when none */
	char *driver; /* QEMU driver, libvirt model, QMP class; NULL when unknown */
	char *bus;    /* the bus it sits on, as the input names it */
	char *child;  /* the bus it provides (bridges, expanders), NULL for endpoints */
	int devfn;    /* slot << 3 | function; -1 when the input gives no address */
	enum predict_role role;
	int bus_nr; /* expanders: the root bus number they start */
	/* Links the configuration alone fixes (SPEC 3). */
	char *disks[PREDICT_MAX_LINKS]; /* block transports: "" virtio-blk, "-nvme-1" */
	unsigned n_disks;
	bool nic; /* a NIC: net link and altname */
	/* Filled in by predict_resolve(). */
	bool resolved;
	struct pci_path path;
	char canon[PCIPATH_MAX_LEN];
};

struct predict_model {
	enum predict_source source;
	struct predict_dev *devs;
	size_t n_devs, n_alloc;
	/* Names of root bus pci0000:00 ("pcie.0", "pci.0"; libvirt "0"). */
	const char *roots[4];
	unsigned n_roots;
	/* Non-fatal: a device not predicted (no addr, no bus QEMU would pick). */
	void (*warn)(void *userdata, const char *msg);
	void *userdata;
	/* Fatal: why parsing or resolving failed (one line). */
	char error[256];
};

void predict_model_init(struct predict_model *m, enum predict_source source);
void predict_model_free(struct predict_model *m);

/* A new, zeroed device (devfn -1), or NULL with m->error set. */
struct predict_dev *predict_add(struct predict_model *m);
/* Set a string field of a device to a copy of s (NULL allowed). -ENOMEM on failure. */
int predict_set(struct predict_model *m, char **field, const char *s);
/* Append a block transport to a device's links. */
int predict_add_disk(struct predict_model *m, struct predict_dev *d,
		     const char *transport);

_printf_(2, 3) int predict_error(struct predict_model *m, const char *fmt, ...);
_printf_(2, 3) void predict_warn(struct predict_model *m, const char *fmt, ...);

/*
 * QEMU's pxb (not pxb-pcie) puts a pci-bridge of its own at 00.0 of its root bus, and
 * the bus named by its id (what bus= and libvirt's pci-expander-bus index refer to) is
 * that bridge's (hw/pci-bridge/pci_expander_bridge.c). Call after setting the
 * expander's child: the hidden bridge takes it over; it has no key (no -device).
 */
int predict_add_pxb_bridge(struct predict_model *m, size_t expander);

/* The device that provides bus name, or NULL. */
struct predict_dev *predict_find_child(struct predict_model *m, const char *name);
/* The device with key (QEMU id), or NULL. */
struct predict_dev *predict_find_key(struct predict_model *m, const char *key);
bool predict_is_root(const struct predict_model *m, const char *name);

/*
 * Compute every addressed function's path. Functions without an address, or behind
 * one, are warned about and left out. Unknown buses, loops, too deep a route and two
 * functions at one path are errors: -EINVAL with m->error set.
 */
int predict_resolve(struct predict_model *m);

/*
 * Parsers (predict-qemu.c, predict-libvirt.c, predict-qmp.c): the input as bytes
 * (need not be NUL-terminated). 0, or a negative errno with m->error set.
 */
int predict_parse_qemu(struct predict_model *m, const char *buf, size_t len);
int predict_parse_libvirt(struct predict_model *m, const char *buf, size_t len);
int predict_parse_qmp(struct predict_model *m, const char *buf, size_t len);

/* Output forms of pcipath predict (after predict_resolve). */
enum predict_format {
	PREDICT_TABLE, /* for humans */
	PREDICT_JSON,  /* an array of objects */
	PREDICT_PATHS, /* "<id> <driver> <path>" / "<key> <path>", sorted as LC_ALL=C sort */
	PREDICT_LINKS, /* "<path>" and "<path> <link>", sorted as LC_ALL=C sort */
};

/* Write the model in a format. 0, or -ENOMEM / -EIO. */
int predict_print(const struct predict_model *m, enum predict_format format, FILE *f);

/*
 * QEMU's reading of an addr property (hw/core/qdev-properties-system.c): "SS" or
 * "SS.F", each as sscanf's %x reads it (optional blanks, sign, 0x), slot <= 0x1f,
 * function <= 7. Returns devfn, or -EINVAL / -ERANGE.
 */
int predict_parse_addr(const char *s);

/* A number as C's strtoul reads it with base 0 (decimal, 0x hex, 0 octal), <= max. */
int predict_parse_number(const char *s, unsigned long max, unsigned long *ret);
