/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* path.h - the PCI path: canonical form, input forms, tags and link entry names. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Deepest route we name. PCI allows 256 buses, but a guest with more than 32 hops
 * (systemd's TEST-64 chains 25 bridges) is a malformed tree, not a topology.
 */
#define PCIPATH_MAX_HOPS 32
/* SR-IOV numbers VFs with 16 bits (NumVFs, TotalVFs). */
#define PCIPATH_MAX_VF 65535
/* "pci" + 8 hex + ":" + 2 hex + "/" + 31 * "1f.7/" + "1f.7v65535" (only the last hop
 * may be a VF) + NUL */
#define PCIPATH_MAX_LEN (3 + 8 + 1 + 2 + 1 + (PCIPATH_MAX_HOPS - 1) * 5 + 10 + 1)

struct pci_hop {
	uint8_t slot; /* 0x00..0x1f */
	uint8_t func; /* 0..7 */
	int32_t vf;   /* SR-IOV VF index, -1 when the hop is no VF */
};

struct pci_path {
	uint32_t domain; /* root bus, as sysfs names the host bridge pciDDDD:BB */
	uint8_t bus;
	unsigned n_hops;
	struct pci_hop hops[PCIPATH_MAX_HOPS];
};

/*
 * Canonical form (SPEC 1). Returns the length, or -ENOSPC / -EINVAL (a slot, function
 * or VF index out of range, or a VF hop that is not the last).
 */
int pcipath_format(const struct pci_path *p, char *buf, size_t size);

/*
 * Parse any accepted input form: canonical, upper-case hex, one-digit slots, an explicit
 * ".0", Kata's root-bus form ("20/00/02"). On -EINVAL, *reason says why (static string).
 */
int pcipath_parse(const char *s, struct pci_path *p, const char **reason);

/* The tag: '/' becomes '-', ':' becomes '_'. Returns the length or -ENOSPC. */
int pcipath_tag(const char *canonical, char *buf, size_t size);

/*
 * The PCI route a syspath names, from the string alone (no I/O): the nearest component
 * in BDF form, the run of BDF components above it, and the host bridge pciDDDD:BB that
 * starts the run ("/sys/devices/pci0000:00/0000:00:1c.2/0000:01:00.0/virtio1/block/vda"
 * -> 1c.2/00). ends[i], when given, is where hop i's component ends in syspath, so the
 * caller can check each hop in sysfs. VFs are not told apart (sysfs.c does that).
 * Returns the number of hops, 0 when no PCI function is named, -EBADMSG when the run
 * does not start at a host bridge, -E2BIG when deeper than PCIPATH_MAX_HOPS.
 */
int pcipath_route(const char *syspath, struct pci_path *p, size_t ends[PCIPATH_MAX_HOPS]);

/* Order of PCI paths: root (domain, bus), then hop by hop (slot, function, VF). */
int pcipath_compare(const struct pci_path *a, const struct pci_path *b);
/* Is a a prefix of b (b is a itself or below it)? VF hops only match themselves. */
bool pcipath_is_prefix(const struct pci_path *a, const struct pci_path *b);

/* "0000:05:00.0" -> numbers; strict, as the kernel names PCI functions. */
int pci_parse_bdf(const char *s, uint32_t *domain, uint8_t *bus, uint8_t *slot,
		  uint8_t *func);
/* "pci0000:20" -> numbers; strict, as the kernel names PCI host bridges. */
int pci_parse_root(const char *s, uint32_t *domain, uint8_t *bus);

/*
 * The transport: what systemd's path_id put after "pci-<bdf>" in ID_PATH
 * ("pci-0000:05:00.0-scsi-0:0:1:0" -> "-scsi-0:0:1:0", virtio-blk -> "").
 * Returns a pointer into id_path, or NULL when ID_PATH does not name this function or
 * holds characters a link name must not (path_id only writes numbers and fixed words).
 */
const char *pcipath_transport(const char *id_path, const char *bdf);

/* A hwdb label (PCIPATH_LABEL) names directories and altnames. */
#define PCIPATH_LABEL_MAX 64
/* 1 to PCIPATH_LABEL_MAX of [A-Za-z0-9_.-], not "." or "..". */
bool pcipath_label_valid(const char *label);

/* Decimal number as the kernel writes it: no sign, no leading zero, <= max. */
int parse_uint(const char *s, unsigned max, unsigned *ret);

/* What kind of node an entry under /dev/by-pcipath/<path>/ names (SPEC 3). */
enum pcipath_kind {
	PCIPATH_DISK,	  /* disk<transport>[-part<N>] */
	PCIPATH_CARD,	  /* card */
	PCIPATH_RENDER,	  /* render */
	PCIPATH_TTY,	  /* tty, tty-port<N>, tty<usb transport>-port<N> */
	PCIPATH_VPORT,	  /* vport<M> */
	PCIPATH_NET,	  /* net, net-port<N> */
	PCIPATH_VFIO,	  /* vfio */
	PCIPATH_VFIO_DEV, /* vfio-dev */
};

struct pcipath_node {
	enum pcipath_kind kind;
	const char *transport; /* disk, usb tty: path_id's suffix ("" or "-...") */
	int part;	       /* disk: partition number, 0 for the whole disk */
	int port;	       /* tty: port index; vport: port number; net: dev_port */
	int n_ports;	       /* PCI UART: how many ports the function has */
};

/* The entry name of a node. Returns the length, or -EINVAL / -ENOSPC. */
int pcipath_entry(const struct pcipath_node *node, char *buf, size_t size);
