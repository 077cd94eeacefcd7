#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# fixtures.bats: sysfs trees recorded in real QEMU guests (tests/fixtures/*.sysfs, each
# naming its QEMU command line), run through the real udevadm with Debian's rules and
# ours; what pcipath_id prints and the links that appear must match the reviewed
# tests/fixtures/*.expected exactly.

load test_helper

check_fixture() {
	local name=$1
	run -0 "$PCIPATH_SOURCE_DIR/tests/lib/fixture-names" \
		"$PCIPATH_SOURCE_DIR/tests/fixtures/$name.sysfs" "$PCIPATH_BUILD_DIR"
	diff -u "$PCIPATH_SOURCE_DIR/tests/fixtures/$name.expected" <(printf '%s\n' "$output")
}

@test "bridges: 9-hop chain, multifunction root ports, switch, multifunction devices, pxb-pcie" {
	check_fixture bridges
}

@test "storage: virtio-blk with partitions, virtio-scsi LUNs and CD-ROM, NVMe namespaces" {
	check_fixture storage
}

@test "chardev: drm card and render, 1- and 2-port PCI UARTs, virtio-serial ports, NICs" {
	check_fixture chardev
}

@test "vfio: SR-IOV VFs of an NVMe PF, a function bound to vfio-pci (IOMMU groups)" {
	check_fixture vfio
}
