#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# In-guest checks for topologies/bridges.sh: one virtio-blk disk per bridge shape.

load guest_helper

# The paths of topologies/bridges.sh, from the host's addr= values.
PATHS=(
	03/00/01/02/03/04/05/06/07
	04/00 04.1/00 04.2/00
	05/00/00/00 05/00/01/00
	06 06.3
	07/00 07/00.1
	pci0000:20/00/00
)

setup_file() {
	wait_for /sys/devices/pci0000:20/0000:20:00.0 60
	local n
	for ((n = 0; n < 60; n++)); do
		(($(ls /sys/class/block | grep -c '^vd') == 11)) && break
		sleep 0.5
	done
	settle 60
}

@test "a disk behind a pcie-pci-bridge and 6 pci-bridges gets the 9-hop path" {
	assert_disk 03/00/01/02/03/04/05/06/07
}

@test "every bridge of the chain is a hop with its own path" {
	local p=03
	for hop in 00 01 02 03 04 05 06; do
		p=$p/$hop
		# shellcheck disable=SC2046
		assert_props "$(pci_dev $(hops_of "$p"))" "$p"
	done
}

@test "root ports on functions 0, 1 and 2 of slot 04 give 04, 04.1, 04.2" {
	assert_disk 04/00
	assert_disk 04.1/00
	assert_disk 04.2/00
}

@test "a switch is two hops: upstream port, then downstream port" {
	assert_disk 05/00/00/00
	assert_disk 05/00/01/00
}

@test "functions of a multifunction endpoint on the root bus differ by .F" {
	assert_disk 06
	assert_disk 06.3
}

@test "functions of a multifunction endpoint behind a root port differ by .F" {
	assert_disk 07/00
	assert_disk 07/00.1
}

@test "a pxb-pcie root bus is named by its host bridge" {
	assert_disk pci0000:20/00/00
	assert_props /sys/devices/pci0000:20/0000:20:00.0 pci0000:20/00
}

@test "/dev/disk/by-pcipath holds exactly one link per disk" {
	assert_links_exactly /dev/disk/by-pcipath "${PATHS[@]}"
}

@test "/dev/by-pcipath holds exactly one disk entry per disk" {
	assert_links_exactly /dev/by-pcipath "${PATHS[@]/%//disk}"
}

@test "the link names do not contain bus numbers" {
	run udevadm info -q property /dev/disk/by-pcipath/05/00/01/00
	assert_success
	# The same disk's by-path name carries bus 0f; ours must not.
	assert_line --regexp '^ID_PATH=pci-0000:0f:00\.0$'
	assert_line 'ID_PCI_PATH=05/00/01/00'
}
