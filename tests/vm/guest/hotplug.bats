#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# Hotplug and unplug through the host's QMP (SPEC section 4): links follow the device,
# and unplug leaves no link and no emptied directory behind. Needs topologies/storage.sh
# (empty root port hp6 at 06.0, unattached drive "hot"). The tests run in order.

load guest_helper

@test "before hotplug, root port 06.0 has no links" {
	assert_no_link /dev/disk/by-pcipath/06/00
	assert_no_link /dev/by-pcipath/06
	assert_no_link /dev/disk/by-pcipath/06
}

@test "device_add of a virtio-blk into root port 06.0 makes 06/00 appear" {
	run host_qmp '{"execute":"device_add","arguments":{"driver":"virtio-blk-pci","id":"hotdisk","drive":"hot","bus":"hp6","addr":"00.0"}}'
	assert_success
	wait_for /dev/disk/by-pcipath/06/00 60
	assert_disk 06/00
}

@test "device_del removes the links and their emptied directories" {
	local node
	node=$(readlink -f /dev/disk/by-pcipath/06/00)
	run host_qmp '{"execute":"device_del","arguments":{"id":"hotdisk"}}'
	assert_success
	wait_gone "$node" 60
	wait_gone /dev/disk/by-pcipath/06/00 30
	assert_no_link /dev/by-pcipath/06/00/disk
	# Nothing else lived under 06: both trees must have lost the directories.
	assert_no_link /dev/by-pcipath/06/00
	assert_no_link /dev/by-pcipath/06
	assert_no_link /dev/disk/by-pcipath/06
}

@test "the other devices' links survive the unplug" {
	assert_disk 03
	assert_link /dev/disk/by-pcipath/02/00-part1 "$(part_of "$(block_of "$(fn_of 02/00)")" 1)"
}
