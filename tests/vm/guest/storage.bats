#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# In-guest checks for topologies/storage.sh: transports and partitions (SPEC section 3).

load guest_helper

setup_file() {
	# NVMe scans namespaces and the SCSI host its LUNs after the coldplug settle.
	wait_for /sys/class/block/nvme0n2 60
	wait_for /sys/class/block/sr0 60
	wait_for /sys/class/block/sdc 60
	local n
	for ((n = 0; n < 120; n++)); do
		compgen -G '/sys/devices/virtual/nvme-subsystem/*/nvme*n1' >/dev/null && break
		sleep 0.5
	done
	settle 60
}

@test "virtio-blk behind a root port: the disk and each partition" {
	local vd
	vd=$(block_of "$(fn_of 02/00)")
	assert_disk 02/00 "" "$vd"
	assert_disk 02/00 -part1 "$(part_of "$vd" 1)"
	assert_disk 02/00 -part2 "$(part_of "$vd" 2)"
}

@test "virtio-blk on the root bus: a one-hop path" {
	assert_disk 03
}

@test "virtio-scsi LUNs carry the -scsi-H:B:T:L transport" {
	local fn
	fn=$(fn_of 04/00)
	assert_disk 04/00 -scsi-0:0:0:0 "$(scsi_node "$fn" 0:0:0)"
	assert_disk 04/00 -scsi-0:0:0:0-part1 "$(part_of "$(scsi_node "$fn" 0:0:0)" 1)"
	assert_disk 04/00 -scsi-0:0:0:1 "$(scsi_node "$fn" 0:0:1)"
}

@test "a virtio-scsi CD-ROM is a disk entry too" {
	local sr
	sr=$(scsi_node "$(fn_of 04/00)" 0:1:0)
	[[ $sr == /dev/sr* ]] || fail "0:0:1:0 is $sr, not a CD-ROM"
	assert_disk 04/00 -scsi-0:0:1:0 "$sr"
}

@test "NVMe namespaces carry -nvme-<nsid>, partitions -part<N>" {
	local fn ns1
	fn=$(fn_of 05/00)
	ns1=$(nvme_ns "$fn" 1)
	assert_disk 05/00 -nvme-1 "$ns1"
	assert_disk 05/00 -nvme-1-part1 "$(part_of "$ns1" 1)"
	assert_disk 05/00 -nvme-1-part2 "$(part_of "$ns1" 2)"
	assert_disk 05/00 -nvme-2 "$(nvme_ns "$fn" 2)"
}

@test "an NVMe multipath namespace head (under /devices/virtual) gets its controller's path" {
	local ns
	ns=$(nvme_ns "$(fn_of 07/00)" 1)
	[[ $(readlink -f "/sys/class/block/${ns#/dev/}") == /sys/devices/virtual/nvme-subsystem/* ]] ||
		fail "$ns is not a multipath head: $(readlink -f "/sys/class/block/${ns#/dev/}")"
	assert_disk 07/00 -nvme-1 "$ns"
}

@test "an AHCI disk carries path_id's -ata-<port>.<pmp>" {
	local sd
	sd=$(block_of /sys/devices/pci0000:00/0000:00:1f.2)
	# The transport is whatever path_id put after the PCI part of ID_PATH.
	run udevadm info -q property "$sd"
	assert_line 'ID_PATH=pci-0000:00:1f.2-ata-1.0'
	assert_disk 1f.2 -ata-1.0 "$sd"
}

@test "/dev/disk/by-pcipath holds exactly the expected links" {
	assert_links_exactly /dev/disk/by-pcipath \
		02/00 02/00-part1 02/00-part2 03 \
		04/00-scsi-0:0:0:0 04/00-scsi-0:0:0:0-part1 04/00-scsi-0:0:0:1 04/00-scsi-0:0:1:0 \
		05/00-nvme-1 05/00-nvme-1-part1 05/00-nvme-1-part2 05/00-nvme-2 \
		07/00-nvme-1 1f.2-ata-1.0
}

@test "/dev/by-pcipath holds exactly the expected disk entries" {
	assert_links_exactly /dev/by-pcipath \
		02/00/disk 02/00/disk-part1 02/00/disk-part2 03/disk \
		04/00/disk-scsi-0:0:0:0 04/00/disk-scsi-0:0:0:0-part1 \
		04/00/disk-scsi-0:0:0:1 04/00/disk-scsi-0:0:1:0 \
		05/00/disk-nvme-1 05/00/disk-nvme-1-part1 05/00/disk-nvme-1-part2 05/00/disk-nvme-2 \
		07/00/disk-nvme-1 1f.2/disk-ata-1.0
}

@test "links are relative, as udev makes them" {
	run readlink /dev/disk/by-pcipath/02/00-part1
	assert_output --regexp '^(\.\./)+vd[a-z]+1$'
	run readlink /dev/by-pcipath/04/00/disk-scsi-0:0:1:0
	assert_output --regexp '^(\.\./)+sr0$'
}

# pcipath_links: every pcipath link and its target, sorted.
pcipath_links() {
	find /dev/disk/by-pcipath /dev/by-pcipath -type l -printf '%p -> %l\n' | sort
}

# logged_events HELPER LOG TRIGGER_ARGS...: udevadm trigger TRIGGER_ARGS and settle, with
# HELPER (the path the installed rules run) behind a wrapper that logs each run's
# DEVPATH to LOG, emptied first.
logged_events() {
	local helper=$1 log=$2 wrap=/run/pcipath-test-helper
	shift 2
	[[ -x /run/pcipath_id.real ]] || cp "$helper" /run/pcipath_id.real
	printf '#!/bin/sh\necho "$DEVPATH" >>%s\nexec /run/pcipath_id.real "$@"\n' "$log" >"$wrap"
	chmod +x "$wrap"
	: >"$log"
	mount --bind "$wrap" "$helper"
	udevadm trigger "$@"
	settle 60
	umount "$helper"
}

@test "a change storm takes the stored values: no helper run but the NVMe head's, the same links" {
	local helper log=/run/pcipath-test-helper.log before
	# The helper as the installed rules call it.
	helper=$(sed -n 's/^IMPORT{program}="\(.*pcipath_id\)"$/\1/p' \
		/usr/lib/udev/rules.d/61-pcipath.rules /lib/udev/rules.d/61-pcipath.rules 2>/dev/null | head -n1)
	[[ -x $helper ]] || fail "no pcipath_id in the installed rules: '$helper'"
	before=$(pcipath_links)
	logged_events "$helper" "$log" --action=change --subsystem-match=block
	run pcipath_links
	assert_output "$before"
	# Only the multipath head (its controller can change) ran the helper.
	run grep -v '^/devices/virtual/nvme-subsystem/' "$log"
	assert_output ''
	run grep -c '^/devices/virtual/nvme-subsystem/' "$log"
	assert_output 1
	# An add still runs it, and the links come back the same.
	logged_events "$helper" "$log" --action=add \
		"/sys/class/block/$(basename "$(block_of "$(fn_of 02/00)")")"
	run wc -l <"$log"
	assert_output 1
	run pcipath_links
	assert_output "$before"
}
