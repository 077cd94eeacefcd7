/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-linkset.c - unit tests: what pcipath_link wants for a device, vfio group names. */

#include <errno.h>
#include <string.h>

#include "linkset.h"
#include "macro.h"
#include "tap.h"
#include "vfio.h"

/* Properties as "KEY=value" strings, NULL-terminated. */
static const char *props(void *userdata, const char *key)
{
	size_t l = strlen(key);

	for (const char *const *p = userdata; *p; p++)
		if (strncmp(*p, key, l) == 0 && (*p)[l] == '=')
			return *p + l + 1;
	return NULL;
}

static int want(const char *const *env, const char *ifname, const char *group,
		struct linkset *s)
{
	struct linkset_facts f = {.ifname = ifname, .vfio_group = group};
	const char *reason;
	bool bad;

	return linkset_wanted(props, (void *)env, &f, s, &bad, &reason);
}

static void test_vfio(void)
{
	char buf[32];

	CHECK(vfio_driver_is_vfio_pci("vfio-pci"), "vfio-pci is vfio");
	CHECK(vfio_driver_is_vfio_pci("mlx5_vfio_pci"), "mlx5_vfio_pci is vfio");
	CHECK(vfio_driver_is_vfio_pci("pds-vfio-pci"), "pds-vfio-pci is vfio");
	CHECK(!vfio_driver_is_vfio_pci("vfio_pci"), "vfio_pci alone is no driver name");
	CHECK(!vfio_driver_is_vfio_pci("virtio-pci"), "virtio-pci is not vfio");
	CHECK(!vfio_driver_is_vfio_pci(NULL), "no driver is not vfio");
	CHECK(vfio_group_node_name("5", false, buf, sizeof(buf)) == 1 && streq(buf, "5"),
	      "group 5 -> 5");
	CHECK(vfio_group_node_name("12", true, buf, sizeof(buf)) == 10 &&
		      streq(buf, "noiommu-12"),
	      "no-IOMMU group 12 -> noiommu-12");
	CHECK(vfio_group_node_name("../5", false, buf, sizeof(buf)) == -EINVAL,
	      "a group id is a number, not a path");
	CHECK(vfio_group_node_name("05", false, buf, sizeof(buf)) == -EINVAL,
	      "no leading zero");
	CHECK(vfio_group_node_name("", false, buf, sizeof(buf)) == -EINVAL, "empty id");
}

static void test_names(void)
{
	CHECK(linkset_name_ours("by-pcipath/02/01/net"), "by-pcipath link is ours");
	CHECK(linkset_name_ours("disk/by-pcilabel/boot-part1"),
	      "disk label link is ours");
	CHECK(!linkset_name_ours("disk/by-path/x"), "by-path is udev's");
	CHECK(!linkset_name_ours("by-pcipath/../sda"), "no .. component");
	CHECK(!linkset_name_ours("by-pcipath//net"), "no empty component");
	CHECK(!linkset_name_ours("by-pcipath/02/"), "no empty leaf");
	CHECK(!linkset_name_ours("by-pcipath/a b"), "no space");
	CHECK(linkset_net_entry("net") && linkset_net_entry("net-port3"), "net entries");
	CHECK(!linkset_net_entry("net-port0") && !linkset_net_entry("disk"),
	      "net-port0 and disk are no net entries");
}

static void test_wanted(void)
{
	static const char *const net[] = {"SUBSYSTEM=net",
					  "ACTION=add",
					  "ID_PCI_PATH=02/01",
					  "ID_PCI_PATH_TAG=02-01",
					  "ID_PCI_PATH_ENTRY=net",
					  "PCIPATH_LABEL=lan",
					  NULL};
	static const char *const net_ignored[] = {"SUBSYSTEM=net", "ID_PCI_PATH=02/01",
						  "ID_PCI_PATH_ENTRY=net",
						  "PCIPATH_IGNORE=1", NULL};
	static const char *const net_removed[] = {"SUBSYSTEM=net", "ACTION=remove",
						  "ID_PCI_PATH=02/01",
						  "ID_PCI_PATH_ENTRY=net", NULL};
	static const char *const vfio[] = {"SUBSYSTEM=pci", "ID_PCI_PATH=1c.2/00", NULL};
	static const char *const part[] = {"SUBSYSTEM=block",
					   "ID_PCI_PATH=03/00",
					   "ID_PCI_PATH_ENTRY=disk-nvme-1-part2",
					   "ID_PCI_PATH_DISK=03/00-nvme-1-part2",
					   "DEVNAME=/dev/nvme0n1p2",
					   "PCIPATH_LABEL=boot",
					   NULL};
	static const char *const bad_disk[] = {"SUBSYSTEM=block",
					       "ID_PCI_PATH=03",
					       "ID_PCI_PATH_ENTRY=disk",
					       "ID_PCI_PATH_DISK=04",
					       "DEVNAME=/dev/vda",
					       "PCIPATH_LABEL=boot",
					       NULL};
	static const char *const opted_out[] = {"SUBSYSTEM=block",
						"ID_PCI_PATH=03",
						"ID_PCI_PATH_ENTRY=disk",
						"DEVNAME=/dev/vda",
						"PCIPATH_LABEL=boot",
						"UDEV_DISABLE_PCIPATH_RULES_FLAG=1",
						NULL};
	struct linkset s;

	CHECK(want(net, "eth0", NULL, &s) == 0 && s.n_links == 2 && s.n_alts == 2 &&
		      streq(s.links[0].name, "by-pcipath/02/01/net") &&
		      streq(s.links[0].target, "/sys/class/net/eth0") &&
		      streq(s.links[1].name, "by-pcilabel/lan/net") &&
		      streq(s.alts[0], "pcipath-02-01") && streq(s.alts[1], "lan"),
	      "a labelled NIC: path and label links, tag and label altnames");
	CHECK(want(net, "lan", NULL, &s) == 0 && s.n_alts == 1,
	      "no label altname when it is the interface's own name");
	CHECK(want(net, NULL, NULL, &s) == 0 && s.n_links == 0 && s.n_alts == 0,
	      "an interface already gone wants nothing");
	CHECK(want(net_ignored, "eth0", NULL, &s) == 0 && s.n_links == 0 && s.n_alts == 0,
	      "PCIPATH_IGNORE=1 wants nothing");
	CHECK(want(net_removed, "eth0", NULL, &s) == 0 && s.n_links == 0,
	      "a remove event wants nothing");
	CHECK(want(vfio, NULL, "noiommu-3", &s) == 0 && s.n_links == 1 &&
		      streq(s.links[0].name, "by-pcipath/1c.2/00/vfio") &&
		      streq(s.links[0].target, "../../../vfio/noiommu-3"),
	      "a vfio group link, relative like udev's");
	CHECK(want(vfio, NULL, NULL, &s) == 0 && s.n_links == 0,
	      "no vfio driver: no vfio link");
	CHECK(want(part, NULL, NULL, &s) == 0 && s.n_links == 2 &&
		      streq(s.links[0].name, "by-pcilabel/boot/disk-nvme-1-part2") &&
		      streq(s.links[0].target, "../../nvme0n1p2") &&
		      streq(s.links[1].name, "disk/by-pcilabel/boot-nvme-1-part2") &&
		      streq(s.links[1].target, "../../nvme0n1p2"),
	      "a labelled partition: both label links");
	CHECK(want(bad_disk, NULL, NULL, &s) == -EINVAL,
	      "ID_PCI_PATH_DISK that does not extend ID_PCI_PATH is refused");
	CHECK(want(opted_out, NULL, NULL, &s) == 0 && s.n_links == 0,
	      "the opt-out flag wants nothing");
}

int main(void)
{
	test_vfio();
	test_names();
	test_wanted();
	return tap_done();
}
