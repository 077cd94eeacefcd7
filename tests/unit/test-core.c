/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-core.c - the pure core beyond paths: decisions (every row of SPEC 3), the node
 * kinds table (checked against the rules), uevent and link text. TAP output. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decide.h"
#include "kinds.h"
#include "macro.h"
#include "path.h"
#include "tap.h"
#include "util.h"

#define NONE -1 /* uart_index/usb_port unset */

/* facts -> exactly these KEY=value lines (SPEC 2 and 3), or the error. */
static const struct {
	const char *what, *path, *bdf;
	struct pcipath_facts f;
	int ret;
	const char *out;
} decisions[] = {
	{"virtio-blk disk",
	 "02/01",
	 "0000:02:01.0",
	 {.subsystem = "block",
	  .sysname = "vda",
	  .devname = "/dev/vda",
	  .devtype = "disk",
	  .id_path = "pci-0000:02:01.0"},
	 1,
	 "ID_PCI_PATH=02/01\nID_PCI_PATH_TAG=02-01\nID_PCI_PATH_FUNCTION=0000:02:01.0\n"
	 "ID_PCI_PATH_ENTRY=disk\nID_PCI_PATH_DISK=02/01\n"},
	{"virtio-blk partition",
	 "02/01",
	 "0000:02:01.0",
	 {.subsystem = "block",
	  .sysname = "vda1",
	  .devname = "/dev/vda1",
	  .devtype = "partition",
	  .partn = "1",
	  .id_path = "pci-0000:02:01.0"},
	 1,
	 "ID_PCI_PATH=02/01\nID_PCI_PATH_TAG=02-01\nID_PCI_PATH_FUNCTION=0000:02:01.0\n"
	 "ID_PCI_PATH_ENTRY=disk-part1\nID_PCI_PATH_DISK=02/01-part1\n"},
	{"virtio-scsi disk",
	 "1c.4/00",
	 "0000:01:00.0",
	 {.subsystem = "block",
	  .sysname = "sda",
	  .devname = "/dev/sda",
	  .devtype = "disk",
	  .id_path = "pci-0000:01:00.0-scsi-0:0:0:0"},
	 1,
	 "ID_PCI_PATH=1c.4/"
	 "00\nID_PCI_PATH_TAG=1c.4-00\nID_PCI_PATH_FUNCTION=0000:01:00.0\n"
	 "ID_PCI_PATH_ENTRY=disk-scsi-0:0:0:0\nID_PCI_PATH_DISK=1c.4/00-scsi-0:0:0:0\n"},
	{"NVMe namespace partition",
	 "03/00",
	 "0000:04:00.0",
	 {.subsystem = "block",
	  .sysname = "nvme0n1p2",
	  .devname = "/dev/nvme0n1p2",
	  .devtype = "partition",
	  .partn = "2",
	  .id_path = "pci-0000:04:00.0-nvme-1"},
	 1,
	 "ID_PCI_PATH=03/00\nID_PCI_PATH_TAG=03-00\nID_PCI_PATH_FUNCTION=0000:04:00.0\n"
	 "ID_PCI_PATH_ENTRY=disk-nvme-1-part2\nID_PCI_PATH_DISK=03/00-nvme-1-part2\n"},
	{"AHCI disk (path_id 252: port, then device)",
	 "1f.2",
	 "0000:00:1f.2",
	 {.subsystem = "block",
	  .sysname = "sda",
	  .devname = "/dev/sda",
	  .devtype = "disk",
	  .id_path = "pci-0000:00:1f.2-ata-1.0"},
	 1,
	 "ID_PCI_PATH=1f.2\nID_PCI_PATH_TAG=1f.2\nID_PCI_PATH_FUNCTION=0000:00:1f.2\n"
	 "ID_PCI_PATH_ENTRY=disk-ata-1.0\nID_PCI_PATH_DISK=1f.2-ata-1.0\n"},
	{"USB disk behind a PCI xHCI",
	 "pci0000:20/00/00",
	 "0000:21:00.0",
	 {.subsystem = "block",
	  .sysname = "sdb",
	  .devname = "/dev/sdb",
	  .devtype = "disk",
	  .id_path = "pci-0000:21:00.0-usb-0:1:1.0-scsi-0:0:0:0"},
	 1,
	 "ID_PCI_PATH=pci0000:20/00/00\nID_PCI_PATH_TAG=pci0000_20-00-00\n"
	 "ID_PCI_PATH_FUNCTION=0000:21:00.0\nID_PCI_PATH_ENTRY=disk-usb-0:1:1.0-scsi-0:0:"
	 "0:0\n"
	 "ID_PCI_PATH_DISK=pci0000:20/00/00-usb-0:1:1.0-scsi-0:0:0:0\n"},
	{"USB disk partition under systemd 254+: by-path's second, revision link too",
	 "06/00",
	 "0000:02:00.0",
	 {.subsystem = "block",
	  .sysname = "sda1",
	  .devname = "/dev/sda1",
	  .devtype = "partition",
	  .partn = "1",
	  .id_path = "pci-0000:02:00.0-usb-0:1:1.0-scsi-0:0:0:0",
	  .id_path_usb_revision = "pci-0000:02:00.0-usbv3-0:1:1.0-scsi-0:0:0:0"},
	 1,
	 "ID_PCI_PATH=06/00\nID_PCI_PATH_TAG=06-00\nID_PCI_PATH_FUNCTION=0000:02:00.0\n"
	 "ID_PCI_PATH_ENTRY=disk-usb-0:1:1.0-scsi-0:0:0:0-part1\n"
	 "ID_PCI_PATH_DISK=06/00-usb-0:1:1.0-scsi-0:0:0:0-part1\n"
	 "ID_PCI_PATH_DISK_WITH_USB_REVISION=06/00-usbv3-0:1:1.0-scsi-0:0:0:0-part1\n"},
	{"ID_PATH_WITH_USB_REVISION equal to ID_PATH (no USB): no second link",
	 "02",
	 "0000:00:02.0",
	 {.subsystem = "block",
	  .sysname = "vda",
	  .devname = "/dev/vda",
	  .devtype = "disk",
	  .id_path = "pci-0000:00:02.0",
	  .id_path_usb_revision = "pci-0000:00:02.0"},
	 1,
	 "ID_PCI_PATH=02\nID_PCI_PATH_TAG=02\nID_PCI_PATH_FUNCTION=0000:00:02.0\n"
	 "ID_PCI_PATH_ENTRY=disk\nID_PCI_PATH_DISK=02\n"},
	{"disk whose ID_PATH names another function: path, no link",
	 "02",
	 "0000:00:02.0",
	 {.subsystem = "block",
	  .sysname = "vdb",
	  .devname = "/dev/vdb",
	  .devtype = "disk",
	  .id_path = "pci-0000:00:03.0"},
	 0,
	 "ID_PCI_PATH=02\nID_PCI_PATH_TAG=02\nID_PCI_PATH_FUNCTION=0000:00:02.0\n"},
	{"disk without ID_PATH: path, no link",
	 "02",
	 "0000:00:02.0",
	 {.subsystem = "block",
	  .sysname = "vdb",
	  .devname = "/dev/vdb",
	  .devtype = "disk"},
	 0,
	 "ID_PCI_PATH=02\nID_PCI_PATH_TAG=02\nID_PCI_PATH_FUNCTION=0000:00:02.0\n"},
	{"hidden NVMe path device (no DEVNAME): no link",
	 "07/00",
	 "0000:05:00.0",
	 {.subsystem = "block",
	  .sysname = "nvme1c1n1",
	  .devtype = "disk",
	  .id_path = "pci-0000:05:00.0-nvme-1"},
	 0,
	 "ID_PCI_PATH=07/00\nID_PCI_PATH_TAG=07-00\nID_PCI_PATH_FUNCTION=0000:05:00.0\n"},
	{"partition with a bad PARTN: no link",
	 "02",
	 "0000:00:02.0",
	 {.subsystem = "block",
	  .sysname = "vda1",
	  .devname = "/dev/vda1",
	  .devtype = "partition",
	  .partn = "01",
	  .id_path = "pci-0000:00:02.0"},
	 0,
	 "ID_PCI_PATH=02\nID_PCI_PATH_TAG=02\nID_PCI_PATH_FUNCTION=0000:00:02.0\n"},
	{"drm card",
	 "1c.3/00",
	 "0000:03:00.0",
	 {.subsystem = "drm", .sysname = "card0"},
	 1,
	 "ID_PCI_PATH=1c.3/"
	 "00\nID_PCI_PATH_TAG=1c.3-00\nID_PCI_PATH_FUNCTION=0000:03:00.0\n"
	 "ID_PCI_PATH_ENTRY=card\n"},
	{"drm render node",
	 "02/00",
	 "0000:01:00.0",
	 {.subsystem = "drm", .sysname = "renderD128"},
	 1,
	 "ID_PCI_PATH=02/00\nID_PCI_PATH_TAG=02-00\nID_PCI_PATH_FUNCTION=0000:01:00.0\n"
	 "ID_PCI_PATH_ENTRY=render\n"},
	{"drm connector: no node, no link",
	 "02/00",
	 "0000:01:00.0",
	 {.subsystem = "drm", .sysname = "card0-Virtual-1"},
	 0,
	 "ID_PCI_PATH=02/00\nID_PCI_PATH_TAG=02-00\nID_PCI_PATH_FUNCTION=0000:01:00.0\n"},
	{"PCI UART, one port",
	 "05",
	 "0000:00:05.0",
	 {.subsystem = "tty",
	  .sysname = "ttyS4",
	  .uart_index = 0,
	  .uart_ports = 1,
	  .usb_port = NONE},
	 1,
	 "ID_PCI_PATH=05\nID_PCI_PATH_TAG=05\nID_PCI_PATH_FUNCTION=0000:00:05.0\n"
	 "ID_PCI_PATH_ENTRY=tty\n"},
	{"PCI UART, second of two ports",
	 "04",
	 "0000:00:04.0",
	 {.subsystem = "tty",
	  .sysname = "ttyS5",
	  .uart_index = 1,
	  .uart_ports = 2,
	  .usb_port = NONE},
	 1,
	 "ID_PCI_PATH=04\nID_PCI_PATH_TAG=04\nID_PCI_PATH_FUNCTION=0000:00:04.0\n"
	 "ID_PCI_PATH_ENTRY=tty-port1\n"},
	{"tty without a node: no link",
	 "04",
	 "0000:00:04.0",
	 {.subsystem = "tty", .sysname = "ttyS5", .uart_ports = 0, .usb_port = NONE},
	 0,
	 "ID_PCI_PATH=04\nID_PCI_PATH_TAG=04\nID_PCI_PATH_FUNCTION=0000:00:04.0\n"},
	{"USB serial behind a PCI xHCI",
	 "06/00",
	 "0000:02:00.0",
	 {.subsystem = "tty",
	  .sysname = "ttyUSB0",
	  .behind_usb = true,
	  .usb_port = 1,
	  .id_path = "pci-0000:02:00.0-usb-0:1:1.0"},
	 1,
	 "ID_PCI_PATH=06/00\nID_PCI_PATH_TAG=06-00\nID_PCI_PATH_FUNCTION=0000:02:00.0\n"
	 "ID_PCI_PATH_ENTRY=tty-usb-0:1:1.0-port1\n"},
	{"cdc-acm (no port number) behind a PCI xHCI",
	 "06/00",
	 "0000:02:00.0",
	 {.subsystem = "tty",
	  .sysname = "ttyACM0",
	  .behind_usb = true,
	  .usb_port = NONE,
	  .id_path = "pci-0000:02:00.0-usb-0:1:1.2"},
	 1,
	 "ID_PCI_PATH=06/00\nID_PCI_PATH_TAG=06-00\nID_PCI_PATH_FUNCTION=0000:02:00.0\n"
	 "ID_PCI_PATH_ENTRY=tty-usb-0:1:1.2-port0\n"},
	{"USB serial whose ID_PATH is no USB route: no link",
	 "06/00",
	 "0000:02:00.0",
	 {.subsystem = "tty",
	  .sysname = "ttyUSB0",
	  .behind_usb = true,
	  .usb_port = 0,
	  .id_path = "pci-0000:02:00.0"},
	 0,
	 "ID_PCI_PATH=06/00\nID_PCI_PATH_TAG=06-00\nID_PCI_PATH_FUNCTION=0000:02:00.0\n"},
	{"virtio-serial port",
	 "06/00",
	 "0000:03:00.0",
	 {.subsystem = "virtio-ports", .sysname = "vport3p1"},
	 1,
	 "ID_PCI_PATH=06/00\nID_PCI_PATH_TAG=06-00\nID_PCI_PATH_FUNCTION=0000:03:00.0\n"
	 "ID_PCI_PATH_ENTRY=vport1\n"},
	{"virtio-serial port with a bad name: no link",
	 "06/00",
	 "0000:03:00.0",
	 {.subsystem = "virtio-ports", .sysname = "vport3"},
	 0,
	 "ID_PCI_PATH=06/00\nID_PCI_PATH_TAG=06-00\nID_PCI_PATH_FUNCTION=0000:03:00.0\n"},
	{"NIC, dev_port 0",
	 "02/00/01/00",
	 "0000:03:00.0",
	 {.subsystem = "net", .sysname = "enp3s0", .dev_port = "0"},
	 1,
	 "ID_PCI_PATH=02/00/01/00\nID_PCI_PATH_TAG=02-00-01-00\n"
	 "ID_PCI_PATH_FUNCTION=0000:03:00.0\nID_PCI_PATH_ENTRY=net\n"},
	{"NIC, second port",
	 "03",
	 "0000:00:03.0",
	 {.subsystem = "net", .sysname = "eth1", .dev_port = "1"},
	 1,
	 "ID_PCI_PATH=03\nID_PCI_PATH_TAG=03\nID_PCI_PATH_FUNCTION=0000:00:03.0\n"
	 "ID_PCI_PATH_ENTRY=net-port1\n"},
	{"NIC with a garbled dev_port: error",
	 "03",
	 "0000:00:03.0",
	 {.subsystem = "net", .sysname = "eth1", .dev_port = "x"},
	 -EBADMSG,
	 NULL},
	{"vfio cdev",
	 "05",
	 "0000:00:05.0",
	 {.subsystem = "vfio-dev", .sysname = "vfio0"},
	 1,
	 "ID_PCI_PATH=05\nID_PCI_PATH_TAG=05\nID_PCI_PATH_FUNCTION=0000:00:05.0\n"
	 "ID_PCI_PATH_ENTRY=vfio-dev\n"},
	{"SR-IOV VF's NIC",
	 "02/00v3",
	 "0000:01:00.4",
	 {.subsystem = "net", .sysname = "eth4", .dev_port = "0"},
	 1,
	 "ID_PCI_PATH=02/"
	 "00v3\nID_PCI_PATH_TAG=02-00v3\nID_PCI_PATH_FUNCTION=0000:01:00.4\n"
	 "ID_PCI_PATH_ENTRY=net\n"},
	{"a BDF as the kernel never writes one (found by fuzz-decide): error",
	 "02",
	 "0000:00:02.0\r",
	 {.subsystem = "net", .sysname = "eth1", .dev_port = "0"},
	 -EINVAL,
	 NULL},
	{"a subsystem of no kind of ours: path only",
	 "02",
	 "0000:00:02.0",
	 {.subsystem = "input", .sysname = "event3"},
	 0,
	 "ID_PCI_PATH=02\nID_PCI_PATH_TAG=02\nID_PCI_PATH_FUNCTION=0000:00:02.0\n"},
};

static void test_decide(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(decisions); i++) {
		struct pci_path p;
		struct pcipath_props props;
		char out[1024] = "";
		int r;

		if (pcipath_parse(decisions[i].path, &p, NULL) < 0) {
			CHECK(false, "%s: bad test path", decisions[i].what);
			continue;
		}
		r = pcipath_decide(&p, decisions[i].bdf, NULL, &decisions[i].f, &props);
		if (r >= 0 && pcipath_props_format(&props, out, sizeof(out)) < 0)
			r = -ENOSPC;
		CHECK(r == decisions[i].ret &&
			      (!decisions[i].out || streq(out, decisions[i].out)),
		      "%s (got %d)", decisions[i].what, r);
	}
	{
		/* The function itself: no facts, path only. */
		struct pci_path p;
		struct pcipath_props props;
		char out[256];

		pcipath_parse("pci0000:20/00/00.3", &p, NULL);
		CHECK(pcipath_decide(&p, "0000:21:00.3", NULL, NULL, &props) == 0 &&
			      pcipath_props_format(&props, out, sizeof(out)) > 0 &&
			      streq(out, "ID_PCI_PATH=pci0000:20/00/00.3\n"
					 "ID_PCI_PATH_TAG=pci0000_20-00-00.3\n"
					 "ID_PCI_PATH_FUNCTION=0000:21:00.3\n"),
		      "a PCI function itself");
		CHECK(pcipath_props_format(&props, out, 20) == -ENOSPC,
		      "props refuse a short buffer");

		/* The modalias, for the rules' explicit hwdb key: the kernel's form only. */
		CHECK(pcipath_decide(
			      &p, "0000:21:00.3",
			      "pci:v00001AF4d00001041sv00001AF4sd00001100bc02sc00i00",
			      NULL, &props) == 0 &&
			      pcipath_props_format(&props, out, sizeof(out)) > 0 &&
			      streq(out, "ID_PCI_PATH=pci0000:20/00/00.3\n"
					 "ID_PCI_PATH_TAG=pci0000_20-00-00.3\n"
					 "ID_PCI_PATH_FUNCTION=0000:21:00.3\n"
					 "ID_PCI_PATH_MODALIAS=pci:"
					 "v00001AF4d00001041sv00001AF4"
					 "sd00001100bc02sc00i00\n"),
		      "a function's modalias is printed after its name");
		CHECK(pcipath_decide(&p, "0000:21:00.3", "", NULL, &props) == 0 &&
			      !*props.modalias,
		      "no modalias, no property");
		CHECK(pcipath_decide(&p, "0000:21:00.3", "usb:v1234p5678", NULL,
				     &props) == -EBADMSG,
		      "a modalias not pci:v is refused");
		CHECK(pcipath_decide(&p, "0000:21:00.3", "pci:v0000' --filter=*", NULL,
				     &props) == -EBADMSG,
		      "a modalias that would break the rules' quoting is refused");
		CHECK(pcipath_decide(
			      &p, "0000:21:00.3",
			      "pci:v00001AF4d00001041sv00001AF4sd00001100bc02sc00i00x"
			      "xxxxxxxxxxx",
			      NULL, &props) == -EBADMSG,
		      "a modalias too long is refused");
	}
}

/* The rules run the helper for "pci" and every subsystem below a function, no other. */
/* The rules file (argv[1]) into text, NUL-terminated; its length (0: unreadable). */
static size_t read_rules(const char *rules, char *text, size_t size)
{
	FILE *f = rules ? fopen(rules, "re") : NULL;
	size_t n = f ? fread(text, 1, size - 1, f) : 0;

	if (f)
		fclose(f);
	text[n] = '\0';
	return n;
}

static void test_kinds(const char *rules)
{
	char text[16384], want[256] = "pci", *m, *end;

	read_rules(rules, text, sizeof(text));
	for (size_t i = 0; i < pcipath_n_subsystems; i++)
		if (pcipath_subsystems[i].below_function)
			snprintf(want + strlen(want), sizeof(want) - strlen(want), "|%s",
				 pcipath_subsystems[i].name);
	m = strstr(text, "SUBSYSTEM!=\"");
	end = m ? strchr(m + 12, '"') : NULL;
	if (end)
		*end = '\0';
	CHECK(m && end && streq(m + 12, want),
	      "the rules' SUBSYSTEM list is the table's: %s", want);

	CHECK(pcipath_node_kind("block", "vda") == PCIPATH_DISK, "block is disk");
	CHECK(pcipath_node_kind("drm", "card0") == PCIPATH_CARD, "card0 is card");
	CHECK(pcipath_node_kind("drm", "renderD128") == PCIPATH_RENDER,
	      "renderD128 is render");
	CHECK(pcipath_node_kind("drm", "card0-Virtual-1") < 0, "a connector is nothing");
	CHECK(pcipath_node_kind("drm", "card") < 0, "card without a number is nothing");
	CHECK(pcipath_node_kind("tty", "ttyS4") == PCIPATH_TTY, "tty");
	CHECK(pcipath_node_kind("virtio-ports", "vport1p2") == PCIPATH_VPORT, "vport");
	CHECK(pcipath_node_kind("net", "eth0") == PCIPATH_NET, "net");
	CHECK(pcipath_node_kind("vfio-dev", "vfio0") == PCIPATH_VFIO_DEV, "vfio-dev");
	CHECK(pcipath_node_kind("vfio", "3") == PCIPATH_VFIO, "vfio group");
	CHECK(pcipath_node_kind("input", "event0") < 0, "input is nothing");
	CHECK(pcipath_node_kind(NULL, "x") < 0, "NULL is nothing");

	CHECK(pcipath_class_from_string("block") == PCIPATH_CLASS_BLOCK, "class block");
	CHECK(pcipath_class_from_string("serial") == PCIPATH_CLASS_SERIAL,
	      "class serial");
	CHECK(pcipath_class_from_string("vfio") == PCIPATH_CLASS_VFIO, "class vfio");
	CHECK(pcipath_class_from_string("disk") == -EINVAL, "class disk unknown");
	CHECK(pcipath_class_from_string(NULL) == -EINVAL, "class NULL");
	CHECK(streq(pcipath_class_to_string(PCIPATH_CLASS_NET), "net"), "class name net");
	CHECK(streq(pcipath_class_to_string(PCIPATH_CLASS_ANY), "any"), "class name any");
	CHECK(pcipath_class_of_subsystem("virtio-ports") == PCIPATH_CLASS_SERIAL,
	      "vport is serial");
	CHECK(pcipath_class_of_subsystem("tty") == PCIPATH_CLASS_SERIAL, "tty is serial");
	CHECK(pcipath_class_of_subsystem("vfio-dev") == PCIPATH_CLASS_VFIO,
	      "vfio-dev is vfio");
	CHECK(pcipath_class_of_subsystem("input") == -EINVAL, "input is none");
}

/* What the rules take from the db (unbind, change) is what the helper prints, plus the
 * version the rules stamp it with: a property added to one list and not the other
 * would be lost on a change event. */
static void test_rules_db(const char *rules)
{
	char text[16384], key[64];
	size_t n = read_rules(rules, text, sizeof(text)), imports = 0;
	const char *m;

	CHECK(n > 0 && n < sizeof(text) - 1, "read the rules whole");
	m = strstr(text, "\nLABEL=\"pcipath_db\"\n");
	CHECK(m, "the rules have a pcipath_db label");
	if (!m)
		return;
	m += strlen("\nLABEL=\"pcipath_db\"\n");
	/* The label's block: IMPORT{db} lines up to its GOTO. */
	while (strncmp(m, "IMPORT{db}=\"", 12) == 0) {
		const char *end = strchr(m + 12, '"');
		bool known = false;

		if (!end || (size_t)(end - m - 12) >= sizeof(key))
			break;
		memcpy(key, m + 12, end - m - 12);
		key[end - m - 12] = '\0';
		for (size_t i = 0; i < PCIPATH_N_PROPS; i++)
			known = known || streq(key, pcipath_prop_names[i]);
		CHECK(known || streq(key, "ID_PCI_PATH_VERSION"), "the db's %s is ours",
		      key);
		CHECK(imports < PCIPATH_N_PROPS || streq(key, "ID_PCI_PATH_VERSION"),
		      "%s in order", key);
		if (imports < PCIPATH_N_PROPS)
			CHECK(streq(key, pcipath_prop_names[imports]),
			      "the rules import %s from the db",
			      pcipath_prop_names[imports]);
		imports++;
		m = strchr(end, '\n');
		if (!m)
			break;
		m++;
	}
	CHECK(imports == PCIPATH_N_PROPS + 1,
	      "the rules import every property and the version from the db (%zu)",
	      imports);
	CHECK(m && strncmp(m, "GOTO=\"pcipath_props\"\n", 21) == 0,
	      "the db block ends at pcipath_props");
}

static void test_uevent(void)
{
	const char *ue = "MAJOR=8\nMINOR=1\nDEVNAME=sda1\nDEVTYPE=partition\nPARTN=1";
	char buf[16], small[3];

	CHECK(uevent_get(ue, "DEVNAME", buf, sizeof(buf)) && streq(buf, "sda1"),
	      "DEVNAME");
	CHECK(uevent_get(ue, "PARTN", buf, sizeof(buf)) && streq(buf, "1"), "last line");
	CHECK(uevent_get(ue, "MAJOR", buf, sizeof(buf)) && streq(buf, "8"), "first line");
	CHECK(!uevent_get(ue, "DEV", buf, sizeof(buf)), "a key prefix is no key");
	CHECK(!uevent_get(ue, "NAME", buf, sizeof(buf)), "a key suffix is no key");
	CHECK(uevent_get(ue, "DEVNAME", small, sizeof(small)) && streq(small, "sd"),
	      "a long value is cut to the buffer");
	CHECK(!uevent_get("", "MAJOR", buf, sizeof(buf)), "empty text");
	CHECK(path_has_dot_component("/sys/../etc") && path_has_dot_component("/sys/.") &&
		      path_has_dot_component("/sys/./devices") &&
		      !path_has_dot_component("/sys/devices/.hidden") &&
		      !path_has_dot_component("/sys/devices/a..b"),
	      "dot components");
	CHECK(streq(path_basename("/a/b"), "b") && streq(path_basename("b"), "b"),
	      "basename");
}

static void test_resolve_link(void)
{
	static const struct {
		const char *dir, *target, *out;
	} t[] = {
		{"/sys/class/block",
		 "../../devices/pci0000:00/0000:00:02.0/virtio1/block/vda",
		 "/sys/devices/pci0000:00/0000:00:02.0/virtio1/block/vda"},
		{"/sys/bus/pci/devices", "../../../devices/pci0000:00/0000:00:02.0",
		 "/sys/devices/pci0000:00/0000:00:02.0"},
		{"/sys/devices/pci0000:00/0000:00:02.0/0000:01:00.2", "../0000:01:00.0",
		 "/sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0"},
		{"/a/b/", "./c//d/", "/a/b/c/d"},
		{"/a", "/abs/x", "/abs/x"},
		{"/a", "..", "/"},
	};
	char buf[256];

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		int r = sysfs_resolve_link(t[i].dir, t[i].target, buf, sizeof(buf));

		CHECK(r > 0 && streq(buf, t[i].out) && (size_t)r == strlen(t[i].out),
		      "link %s + %s -> %s", t[i].dir, t[i].target, r > 0 ? buf : "error");
	}
	CHECK(sysfs_resolve_link("/a", "../..", buf, sizeof(buf)) == -EINVAL,
	      ".. above / refused");
	CHECK(sysfs_resolve_link("rel", "x", buf, sizeof(buf)) == -EINVAL,
	      "relative dir refused");
	CHECK(sysfs_resolve_link("/a", "bcdefgh", buf, 6) == -ENAMETOOLONG, "too long");
}

int main(int argc, char *argv[])
{
	test_decide();
	test_kinds(argc > 1 ? argv[1] : NULL);
	test_rules_db(argc > 1 ? argv[1] : NULL);
	test_uevent();
	test_resolve_link();
	return tap_done();
}
