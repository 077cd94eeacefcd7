#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# vfio-cdev.bats: the vfio-dev entry (SPEC section 3) for a vfio device cdev
# (/dev/vfio/devices/vfioN, Linux 6.6+ with CONFIG_VFIO_DEVICE_CDEV), through the real
# udevadm and our rules on a fake tree: neither Debian 12's kernel nor Debian 13's
# (6.12, built without CONFIG_IOMMUFD) has the cdev, so no guest can show it.

load test_helper

@test "a vfio cdev gets /dev/by-pcipath/<path>/vfio-dev -> /dev/vfio/devices/vfioN" {
	local sys=$BATS_TEST_TMPDIR/sys root fn vd
	fake_root "$sys"
	root=$(fake_host_bridge "$sys" pci0000:00)
	fn=$(fake_pci "$sys" "$root" 0000:00:05.0)
	vd=$fn/vfio-dev/vfio0
	fake_dev "$sys" "$vd" vfio-dev MAJOR=511 MINOR=0 DEVNAME=vfio/devices/vfio0
	echo 511:0 >"$sys/$vd/dev"
	ln -sfn "$(relpath "$sys/dev/char" "$sys/$vd")" "$sys/dev/char/511:0"
	run -0 in_sysfs "$sys" bash -euc '
		cp "$1" /run/udev/rules.d/61-pcipath.rules
		echo "ENV{SYSTEMD_DEVICE_VERIFY_SYSFS}=\"0\"" >/run/udev/rules.d/00-fake-sysfs.rules
		udevadm test --action=add "/sys/$2" >/run/test.log 2>&1 || { cat /run/test.log; exit 1; }
		udevadm info -q property -p "/sys/$2" | grep ^ID_PCI_PATH
		find /dev/by-pcipath -type l -printf "%p -> %l\n"
	' _ "$PCIPATH_TEST_RULES" "$vd"
	assert_output "ID_PCI_PATH=05
ID_PCI_PATH_TAG=05
ID_PCI_PATH_FUNCTION=0000:00:05.0
ID_PCI_PATH_ENTRY=vfio-dev
ID_PCI_PATH_VERSION=$("$PCIPATH_ID" --version)
/dev/by-pcipath/05/vfio-dev -> ../../vfio/devices/vfio0"
}
