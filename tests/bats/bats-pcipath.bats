#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# bats-pcipath.bats: the bats library for image test suites (bats-pcipath(7)) on fake
# sysfs trees with fake /dev nodes and links, in a private namespace: that its
# assertions pass on right names and fail, saying why, on wrong ones.

load test_helper

LIB="$PCIPATH_SOURCE_DIR/shell/bats-pcipath/load.bash"

# A tree: a root port at 1c.2 with a virtio-blk (vda, partition vda1) at 00 behind it,
# a NIC at 03 (eth7, dev_port 0), and a pxb root bus 0x20 with a function at 00.3.
setup() {
	SYS="$BATS_TEST_TMPDIR/sys"
	fake_root "$SYS"
	ROOT=$(fake_host_bridge "$SYS" pci0000:00)
	RP=$(fake_pci "$SYS" "$ROOT" 0000:00:1c.2)
	FN=$(fake_pci "$SYS" "$RP" 0000:01:00.0)
	BLK=$(fake_block "$SYS" "$FN/virtio1" vda 254:0)
	PART=$(fake_block "$SYS" "$BLK" vda1 254:1)
	echo 1 >"$SYS/$PART/partition"
	NIC=$(fake_pci "$SYS" "$ROOT" 0000:00:03.0)
	fake_dev "$SYS" "$NIC/virtio2/net/eth7" net "INTERFACE=eth7"
	echo 0 >"$SYS/$NIC/virtio2/net/eth7/dev_port"
	PXB=$(fake_host_bridge "$SYS" pci0000:20)
	PRP=$(fake_pci "$SYS" "$PXB" 0000:20:00.0)
	fake_pci "$SYS" "$PRP" 0000:21:00.3 >/dev/null
}

# in_tree SCRIPT: run bash SCRIPT with the library loaded, the tree as /sys, a private
# /dev holding vda, vda1 and the links a udev with pcipath would make, and eth7 (a veth
# in a private netns) with its altname.
in_tree() {
	in_sysfs "$SYS" bash -euc '
		. "$1"
		mknod /dev/vda b 254 0
		mknod /dev/vda1 b 254 1
		mkdir -p /dev/disk/by-pcipath/1c.2 /dev/by-pcipath/1c.2/00 /dev/by-pcipath/03
		ln -s ../../../vda /dev/disk/by-pcipath/1c.2/00
		ln -s ../../../vda1 /dev/disk/by-pcipath/1c.2/00-part1
		ln -s ../../../vda /dev/by-pcipath/1c.2/00/disk
		ln -s /sys/class/net/eth7 /dev/by-pcipath/03/net
		ip link add eth7 type veth peer name eth7-peer
		ip link property add dev eth7 altname pcipath-03
		eval "$2"
	' _ "$LIB" "$1"
}

@test "pcipath_function walks sysfs by slot and function, roots and VFs included" {
	fake_pci "$SYS" "$RP" 0000:01:00.2 >/dev/null
	ln -s ../0000:01:00.2 "$SYS/$FN/virtfn3"
	run -0 in_tree '
		pcipath_function 1c.2/00
		pcipath_function 1c.2
		pcipath_function pci0000:20/00/00.3
		pcipath_function 03
		pcipath_function 1c.2/00v3
	'
	assert_output "/sys/devices/pci0000:00/0000:00:1c.2/0000:01:00.0
/sys/devices/pci0000:00/0000:00:1c.2
/sys/devices/pci0000:20/0000:20:00.0/0000:21:00.3
/sys/devices/pci0000:00/0000:00:03.0
/sys/devices/pci0000:00/0000:00:1c.2/0000:01:00.2"
	run -1 in_tree 'pcipath_function 1c.2/00v4'
	assert_output --partial "has no VF 4"
	run -1 in_tree 'pcipath_function 1c.2/01'
	assert_output --partial "no PCI function 01 under /sys/devices/pci0000:00/0000:00:1c.2"
	run -1 in_tree 'pcipath_function 1C.2/00'
	assert_output --partial "not a canonical hop"
}

@test "pcipath_route reads a function's path back from sysfs, VFs as PF path and index" {
	fake_pci "$SYS" "$RP" 0000:01:00.2 >/dev/null
	ln -s ../0000:01:00.2 "$SYS/$FN/virtfn3"
	ln -s ../0000:01:00.0 "$SYS/$RP/0000:01:00.2/physfn"
	run -0 in_tree '
		pcipath_route /sys/devices/pci0000:00/0000:00:1c.2/0000:01:00.0
		pcipath_route /sys/devices/pci0000:20/0000:20:00.0/0000:21:00.3
		pcipath_route /sys/devices/pci0000:00/0000:00:1c.2/0000:01:00.2
	'
	assert_output "1c.2/00
pci0000:20/00/00.3
1c.2/00v3"
}

@test "assert_pcipath_link passes for links to nodes of the function at PATH" {
	run -0 in_tree '
		assert_pcipath_link disk/by-pcipath/1c.2/00 1c.2/00
		assert_pcipath_link /dev/disk/by-pcipath/1c.2/00-part1 1c.2/00
		assert_pcipath_link by-pcipath/1c.2/00/disk 1c.2/00
		assert_pcipath_link by-pcipath/03/net 03
		echo passed
	'
	assert_output passed
}

@test "assert_pcipath_link fails on another function's node, a parent's, a dangling link, a missing one" {
	run -1 in_tree 'assert_pcipath_link disk/by-pcipath/1c.2/00 03'
	assert_output "/dev/disk/by-pcipath/1c.2/00 -> /dev/vda belongs to /sys/devices/pci0000:00/0000:00:1c.2/0000:01:00.0, not to 03 (/sys/devices/pci0000:00/0000:00:03.0)"
	# the root port above the disk is not the disk's function
	run -1 in_tree 'assert_pcipath_link disk/by-pcipath/1c.2/00 1c.2'
	assert_output --partial "not to 1c.2 "
	run -1 in_tree 'ln -s ../../../vdz /dev/disk/by-pcipath/1c.2/01; assert_pcipath_link disk/by-pcipath/1c.2/01 1c.2/00'
	assert_output "/dev/disk/by-pcipath/1c.2/01 dangles (-> ../../../vdz)"
	run -1 in_tree 'assert_pcipath_link disk/by-pcipath/1c.2/00-part2 1c.2/00'
	assert_output --partial "/dev/disk/by-pcipath/1c.2/00-part2 is not a symlink"
}

@test "assert_pcipath_nic checks the net link and the altname, and fails without either" {
	run -0 in_tree 'assert_pcipath_nic 03 && echo passed'
	assert_output passed
	run -1 in_tree 'ip link property del dev eth7 altname pcipath-03; assert_pcipath_nic 03'
	assert_output --partial "eth7 has no altname pcipath-03"
	run -1 in_tree 'rm /dev/by-pcipath/03/net; assert_pcipath_nic 03'
	assert_output --partial "/dev/by-pcipath/03/net is not a symlink"
	run -1 in_tree 'assert_pcipath_nic 03 1'
	assert_output "the function at 03 (/sys/devices/pci0000:00/0000:00:03.0) has no interface with dev_port 1"
}

@test "pcipath_names lists links and altnames by PCI path, never by kernel name" {
	run -0 in_tree 'pcipath_names'
	assert_output "/dev/by-pcipath/03/net -> 03 net port0
/dev/by-pcipath/1c.2/00/disk -> 1c.2/00 block disk
/dev/disk/by-pcipath/1c.2/00 -> 1c.2/00 block disk
/dev/disk/by-pcipath/1c.2/00-part1 -> 1c.2/00 block part1
altname pcipath-03 -> 03 net port0"
}

@test "assert_pcipath_names_equal passes on equal listings, fails on a difference or an empty one" {
	run -0 in_tree '
		pcipath_names >/run/a
		pcipath_names >/run/b
		assert_pcipath_names_equal /run/a /run/b && echo same
		# a renumbered kernel name changes nothing
		rm /dev/disk/by-pcipath/1c.2/00-part1 && mknod /dev/vdb1 b 254 1
		ln -s ../../../vdb1 /dev/disk/by-pcipath/1c.2/00-part1
		pcipath_names >/run/c
		assert_pcipath_names_equal /run/a /run/c && echo still-same
	'
	assert_output "same
still-same"
	run -1 in_tree '
		pcipath_names >/run/a
		rm /dev/disk/by-pcipath/1c.2/00-part1
		pcipath_names >/run/b
		assert_pcipath_names_equal /run/a /run/b
	'
	assert_output --partial "the names differ:"
	assert_output --partial "-/dev/disk/by-pcipath/1c.2/00-part1 -> 1c.2/00 block part1"
	run -1 in_tree ': >/run/a; assert_pcipath_names_equal /run/a /run/a'
	assert_output "/run/a is empty: a listing of no names proves nothing"
}
