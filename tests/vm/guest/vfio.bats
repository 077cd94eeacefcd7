#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# In-guest checks for topologies/vfio.sh: SR-IOV VF paths (02/00vN) and vfio entries
# that follow binding to and unbinding from vfio-pci (SPEC sections 1, 3 and 4).
# The tests run in order.

load guest_helper

# The nvme driver binds each VF and gives up (no resources assigned to it), so a VF
# sees add, bind and unbind events: udev's view after all of them is what counts.
@test "setting sriov_numvfs gives each VF the path <PF path>v<index>" {
	local pf vf n
	pf=$(fn_of 02/00)
	[[ $(<"$pf/sriov_totalvfs") == 2 ]] || fail "PF offers $(<"$pf/sriov_totalvfs") VFs"
	echo 2 >"$pf/sriov_numvfs"
	wait_for "$pf/virtfn1" 30
	settle 60
	for n in 0 1; do
		vf=$(readlink -f "$pf/virtfn$n")
		assert_props "$vf" "02/00v$n"
	done
}

@test "a VF's tag keeps the v: 02-00v1" {
	run udevadm info -q property "$(readlink -f "$(fn_of 02/00)/virtfn1")"
	assert_line ID_PCI_PATH_TAG=02-00v1
}

@test "the PF itself keeps its plain path" {
	assert_props "$(fn_of 02/00)" 02/00
}

@test "removing the VFs removes them cleanly" {
	local pf
	pf=$(fn_of 02/00)
	echo 0 >"$pf/sriov_numvfs"
	wait_gone "$pf/virtfn0" 30
	settle 30
	if [[ -d /dev/by-pcipath ]]; then
		run find /dev/by-pcipath -name '*v[0-9]*'
		assert_output ''
	fi
	assert_no_link "$pf/virtfn1"
}

@test "binding 05 to vfio-pci makes 05/vfio point at its IOMMU group node" {
	local fn group
	fn=$(fn_of 05)
	group=$(basename "$(readlink "$fn/iommu_group")") || fail "05 has no IOMMU group"
	modprobe vfio-pci
	echo vfio-pci >"$fn/driver_override"
	echo "${fn##*/}" >/sys/bus/pci/drivers_probe
	wait_for "/dev/vfio/$group" 30
	wait_for /dev/by-pcipath/05/vfio 30
	assert_link /dev/by-pcipath/05/vfio "/dev/vfio/$group"
}

@test "a vfio-dev entry exists exactly when the vfio device has a cdev" {
	local vd
	vd=$(ls -d "$(fn_of 05)"/vfio-dev/vfio*) || fail "05 has no vfio-dev device"
	if [[ -e $vd/dev ]]; then
		assert_link /dev/by-pcipath/05/vfio-dev "/dev/vfio/devices/${vd##*/}"
	else
		# The vfio-dev device exists, without a cdev: Linux 6.1 (Debian 12) predates
		# it, Debian 13's 6.12 is built without CONFIG_IOMMUFD, which the cdev needs.
		# The entry for a cdev is checked on a fake tree (tests/bats/vfio-cdev.bats).
		assert_no_link /dev/by-pcipath/05/vfio-dev
	fi
}

@test "unbinding 05 from vfio-pci removes 05/vfio and the emptied directory" {
	local fn
	fn=$(fn_of 05)
	echo "${fn##*/}" >/sys/bus/pci/drivers/vfio-pci/unbind
	wait_gone /dev/by-pcipath/05/vfio 30
	assert_no_link /dev/by-pcipath/05
}

@test "after unbinding, udev still has the function's ID_PCI_PATH" {
	assert_props "$(fn_of 05)" 05
}

nic_of() {
	ls "$(fn_of "$1")"/virtio*/net
}

@test "a NIC rebound to vfio-pci through driver_override trades 0c/net for 0c/vfio, and back" {
	local fn bdf grp
	fn=$(fn_of 0c)
	bdf=${fn##*/}
	assert_link /dev/by-pcipath/0c/net "/sys/class/net/$(nic_of 0c)"
	modprobe vfio-pci
	echo vfio-pci >"$fn/driver_override"
	echo "$bdf" >"$fn/driver/unbind"
	echo "$bdf" >/sys/bus/pci/drivers_probe
	settle
	[[ $(basename "$(readlink -f "$fn/driver")") == vfio-pci ]] || fail "$bdf is not bound to vfio-pci"
	grp=$(basename "$(readlink -f "$fn/iommu_group")")
	wait_for /dev/by-pcipath/0c/vfio 30
	assert_link /dev/by-pcipath/0c/vfio "/dev/vfio/$grp"
	assert_no_link /dev/by-pcipath/0c/net
	run udevadm info -q property "$fn"
	assert_line ID_PCI_PATH=0c

	# back to virtio-pci: the vfio link goes, the net link returns
	echo "$bdf" >"$fn/driver/unbind"
	echo >"$fn/driver_override"
	echo "$bdf" >/sys/bus/pci/drivers_probe
	settle
	wait_gone /dev/by-pcipath/0c/vfio 30
	wait_for /dev/by-pcipath/0c/net 30
	assert_link /dev/by-pcipath/0c/net "/sys/class/net/$(nic_of 0c)"
	run udevadm info -q property "$fn"
	assert_line ID_PCI_PATH=0c
}
