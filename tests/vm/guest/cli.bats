#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# pcipath(1) in a real guest, on topologies/storage.sh: list, resolve, of, show, and wait
# racing a QMP hotplug into the empty root port 06.0, with udevd and without it.
# The hotplugged disks use QEMU's null-co driver (no host file); each test unplugs what
# it plugged, so hotplug.bats may run before or after this file.

load guest_helper


setup_file() {
	wait_for /sys/class/block/nvme0n2 60
	udevadm settle --timeout=60
}

# plug ID: a null-co drive and a virtio-blk-pci on it in root port hp6 (06.0 -> 06/00).
plug() {
	host_qmp "{\"execute\":\"blockdev-add\",\"arguments\":{\"driver\":\"null-co\",\"node-name\":\"$1\",\"size\":1048576}}" >/dev/null &&
		host_qmp "{\"execute\":\"device_add\",\"arguments\":{\"driver\":\"virtio-blk-pci\",\"id\":\"$1\",\"drive\":\"$1\",\"bus\":\"hp6\",\"addr\":\"00.0\"}}" >/dev/null
}

# unplug ID: device_del, wait until the function is gone, then drop the drive.
unplug() {
	host_qmp "{\"execute\":\"device_del\",\"arguments\":{\"id\":\"$1\"}}" >/dev/null
	local i
	for ((i = 0; i < 300; i++)); do
		pcipath resolve 06/00 >/dev/null 2>&1 || break
		sleep 0.2
	done
	udevadm settle --timeout=30
	host_qmp "{\"execute\":\"blockdev-del\",\"arguments\":{\"node-name\":\"$1\"}}" >/dev/null
}

# start_udevd: as the guest's init does, then replay what happened without it.
start_udevd() {
	# 3>&-: a daemon holding bats's fd 3 would keep bats from finishing.
	/usr/lib/systemd/systemd-udevd --daemon --resolve-names=never >/dev/null 2>>/results/udevd.log 3>&-
	udevadm trigger --type=subsystems --action=add
	udevadm trigger --type=devices --action=add
	udevadm settle --timeout=60
}

@test "list shows each function with its path, BDF, driver and disk link" {
	local fn vd
	fn=$(fn_of 02/00)
	vd=$(block_of "$fn")
	run -0 --separate-stderr pcipath list --numeric
	assert_line --regexp "^02/00 +${fn##*/} 010000 1af4:1042 virtio-pci $vd=disk,"
	assert_line --regexp "^pci0000:00 |^00 +0000:00:00.0 060000 8086:29c0 "
	[ -z "$stderr" ]
}

@test "list --tree draws the root port above its disk" {
	run -0 pcipath list --tree --numeric
	assert_line --index 0 pci0000:00
	assert_line --regexp '^\|-- 02 0000:00:02.0 060400 1b36:000c pcieport -$'
	assert_line --regexp '^\|   `-- 02/00 0000:[0-9a-f]{2}:00\.0 010000 1af4:1042 virtio-pci /dev/vd'

}

@test "list --json holds every function once" {
	run -0 pcipath list --json
	local n b
	n=$(ls /sys/bus/pci/devices | wc -l)
	# One array on one line (json-c): count the objects' keys, not lines.
	assert_equal "$(grep -o '"bdf":"' <<<"$output" | wc -l)" "$n"
	for b in /sys/bus/pci/devices/*; do
		assert_equal "$(grep -o "\"bdf\":\"${b##*/}\"" <<<"$output" | wc -l)" 1
	done
	assert_output --partial '"path":"05/00",'
}

@test "resolve gives the BDF and syspath, from any input form" {
	local fn
	fn=$(fn_of 05/00)
	run -0 --separate-stderr pcipath resolve 05/00
	assert_output "${fn##*/} $fn"
	run -0 pcipath resolve 5/0.0
	assert_output "${fn##*/} $fn"
	run -1 --separate-stderr pcipath resolve 06/00
	[ "$stderr" = "pcipath: resolve: 06/00: no PCI function 00 below 06 (0000:00:06.0)" ]
}

@test "of names the path of nodes, links, sysfs paths and BDFs" {
	local vd
	vd=$(block_of "$(fn_of 02/00)")
	run -0 pcipath of "$(part_of "$vd" 2)"
	assert_output 02/00
	run -0 pcipath of /dev/disk/by-pcipath/04/00-scsi-0:0:0:1
	assert_output 04/00
	run -0 pcipath of /dev/nvme0n2
	assert_output 05/00
	run -0 pcipath of "$(basename "$(fn_of 03)")"
	assert_output 03
	# NVMe multipath: the namespace head lives under /sys/devices/virtual.
	local head
	head=$(compgen -G '/sys/devices/virtual/nvme-subsystem/*/nvme*n1' | head -n1)
	run -0 pcipath of "$head"
	assert_output 07/00
	run -1 --separate-stderr pcipath of /dev/null
	[ "$stderr" = "pcipath: of: /dev/null: no PCI function among its ancestors" ]
}

@test "show gives the driver, the nodes with their links, and the module state" {
	run -0 --separate-stderr pcipath show 02/00
	assert_line "driver:    virtio-pci"
	assert_line --regexp "^node:      block $(block_of "$(fn_of 02/00)") <- /dev/by-pcipath/02/00/disk"
	assert_line --regexp '^module:    virtio_pci (builtin|loaded)$'
	[ -z "$stderr" ]
}

@test "show says when this image has no module for a function (q35's SMBus at 1f.3)" {
	# The test image carries only the modules its topologies use: no i2c-i801.
	run -0 --separate-stderr pcipath show 1f.3 --numeric
	assert_line "driver:    none"
	assert_line "module:    none matches the modalias in /lib/modules/$(uname -r)"
	assert_line "note:      no driver bound, and no module for it in this image"
	[ -z "$stderr" ]
}

@test "wait returns a disk that is already there at once" {
	run -0 --separate-stderr pcipath wait 02/00 --kind block --timeout 5
	assert_output "$(block_of "$(fn_of 02/00)")"
	run -124 --separate-stderr pcipath wait 02/00 --kind net --timeout 0.5
	[ "$stderr" = "pcipath: wait: timed out after 0.500 s: no node of kind net below 02/00" ]
}

@test "wait races a QMP hotplug with udevd: the node comes with its links made" {
	pcipath wait 06/00 --kind block --timeout 60 >"$BATS_TEST_TMPDIR/out" 2>&1 &
	local pid=$!
	plug clihot1
	local rc=0 node
	wait "$pid" || rc=$?
	assert_equal "$rc" 0
	node=$(<"$BATS_TEST_TMPDIR/out")
	[[ $node == /dev/vd* ]] || fail "wait printed '$node'"
	# udev had finished: the link exists now, without a settle.
	assert_link /dev/disk/by-pcipath/06/00 "$node"
	assert_link /dev/by-pcipath/06/00/disk "$node"
	run -0 pcipath of "$node"
	assert_output 06/00
	unplug clihot1
}

@test "wait races a QMP hotplug without udevd (kernel events), --load-modules" {
	udevadm control --exit
	pcipath wait 06/00 --kind block --timeout 60 --load-modules >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" &
	local pid=$!
	plug clihot2
	local rc=0 node
	wait "$pid" || rc=$?
	node=$(<"$BATS_TEST_TMPDIR/out")
	start_udevd
	assert_equal "$rc" 0
	[[ $node == /dev/vd* ]] || fail "wait printed '$node'; stderr: $(<"$BATS_TEST_TMPDIR/err")"
	[ -b "$node" ]
	unplug clihot2
}

@test "wait --rescan finds a function that was there before the call" {
	run -0 pcipath wait 03 --kind block --rescan --timeout 10
	assert_output "$(block_of "$(fn_of 03)")"
}
