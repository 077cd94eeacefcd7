#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# helper.bats: pcipath_id on small fake trees: the paths it prints, and how it refuses
# bad input (SPEC sections 1, 2 and 4). Recorded real topologies are in fixtures.bats.

load test_helper

setup() {
	SYS="$BATS_TEST_TMPDIR/sys"
	fake_root "$SYS"
	ROOT=$(fake_host_bridge "$SYS" pci0000:00)
}

@test "prints the path of a disk behind a root port, and nothing else" {
	rp=$(fake_pci "$SYS" "$ROOT" 0000:00:1c.2)
	fn=$(fake_pci "$SYS" "$rp" 0000:01:00.0)
	blk=$(fake_block "$SYS" "$fn/virtio1" vda 254:0)
	run -0 --separate-stderr in_sysfs "$SYS" env SUBSYSTEM=block DEVNAME=/dev/vda ID_PATH=pci-0000:01:00.0 "DEVPATH=/$blk" "$PCIPATH_ID"
	assert_output "ID_PCI_PATH=1c.2/00
ID_PCI_PATH_TAG=1c.2-00
ID_PCI_PATH_FUNCTION=0000:01:00.0
ID_PCI_PATH_ENTRY=disk
ID_PCI_PATH_DISK=1c.2/00"
	[ -z "$stderr" ]
}

@test "names a PCI function itself, on a non-default root bus" {
	root=$(fake_host_bridge "$SYS" pci0000:20)
	rp=$(fake_pci "$SYS" "$root" 0000:20:00.0)
	fn=$(fake_pci "$SYS" "$rp" 0000:21:00.3)
	run -0 --separate-stderr in_sysfs "$SYS" "$PCIPATH_ID" "/sys/$fn"
	assert_output "ID_PCI_PATH=pci0000:20/00/00.3
ID_PCI_PATH_TAG=pci0000_20-00-00.3
ID_PCI_PATH_FUNCTION=0000:21:00.3"
}

@test "ignores bus numbers: the same slots on other buses give the same path" {
	rp=$(fake_pci "$SYS" "$ROOT" 0000:00:02.0)
	sw=$(fake_pci "$SYS" "$rp" 0000:07:00.0)
	dp=$(fake_pci "$SYS" "$sw" 0000:08:01.0)
	fn=$(fake_pci "$SYS" "$dp" 0000:0a:00.0)
	run -0 in_sysfs "$SYS" "$PCIPATH_ID" "/sys/$fn"
	assert_line --index 0 "ID_PCI_PATH=02/00/01/00"
}

@test "names an SR-IOV VF after its PF's hop and its virtfn index" {
	rp=$(fake_pci "$SYS" "$ROOT" 0000:00:02.0)
	pf=$(fake_pci "$SYS" "$rp" 0000:01:00.0)
	fake_sriov "$SYS" "$pf" 1 1 4
	run -0 in_sysfs "$SYS" "$PCIPATH_ID" "/sys/$rp/0000:01:00.4"
	assert_line --index 0 "ID_PCI_PATH=02/00v3"
	assert_line --index 1 "ID_PCI_PATH_TAG=02-00v3"
}

@test "finds a VF's index from the PF's offset and stride, across a bus boundary" {
	# 130 VFs at offset 0x80, stride 2 from PF 01:00.0 (routing ID 0x100): VF i is
	# 0x180 + 2i (SR-IOV 3.3.9-10), so VF 63 is 01:1f.6, VF 64 is 02:00.0 on the next
	# bus, and VF 129 is 02:10.2.
	rp=$(fake_pci "$SYS" "$ROOT" 0000:00:02.0)
	pf=$(fake_pci "$SYS" "$rp" 0000:01:00.0)
	fake_sriov "$SYS" "$pf" 128 2 130
	run -0 in_sysfs "$SYS" "$PCIPATH_ID" "/sys/$rp/0000:01:1f.6"
	assert_line --index 0 "ID_PCI_PATH=02/00v63"
	run -0 in_sysfs "$SYS" "$PCIPATH_ID" "/sys/$rp/0000:02:00.0"
	assert_line --index 0 "ID_PCI_PATH=02/00v64"
	run -0 in_sysfs "$SYS" "$PCIPATH_ID" "/sys/$rp/0000:02:10.2"
	assert_line --index 0 "ID_PCI_PATH=02/00v129"
	run -0 in_sysfs "$SYS" "$PCIPATH_ID" "/sys/$rp/0000:01:10.0"
	assert_line --index 0 "ID_PCI_PATH=02/00v0"
}

@test "prints nothing and exits 0 for a device with no PCI function above it" {
	fake_dev "$SYS" devices/virtual/block/loop0 block MAJOR=7 MINOR=0 DEVNAME=loop0
	run -0 --separate-stderr in_sysfs "$SYS" "$PCIPATH_ID" /sys/devices/virtual/block/loop0
	assert_output ""
	[ -z "$stderr" ]
	fake_dev "$SYS" devices/platform/virtio-mmio.0/virtio0/block/vdz block DEVNAME=vdz
	run -0 --separate-stderr in_sysfs "$SYS" "$PCIPATH_ID" /sys/devices/platform/virtio-mmio.0/virtio0/block/vdz
	assert_output ""
}

@test "refuses a missing device with one line on stderr" {
	run -1 --separate-stderr in_sysfs "$SYS" "$PCIPATH_ID" /sys/devices/pci0000:00/0000:00:09.0
	assert_output ""
	[ "$stderr" = "pcipath_id: /sys/devices/pci0000:00/0000:00:09.0: No such device" ]
}

@test "refuses paths that lead outside /sys/devices" {
	for p in /sys/../etc/passwd /sys/devices/../../etc /devices/../../../etc /etc/passwd relative/path /sys/kernel; do
		run -1 --separate-stderr in_sysfs "$SYS" "$PCIPATH_ID" "$p"
		assert_output ""
		[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ]
		[[ $stderr == "pcipath_id: $p: "* ]]
	done
}

@test "refuses a symlink loop" {
	ln -s loop2 "$SYS/devices/loop1"
	ln -s loop1 "$SYS/devices/loop2"
	run -1 --separate-stderr in_sysfs "$SYS" "$PCIPATH_ID" /sys/devices/loop1
	assert_output ""
	[ "$stderr" = "pcipath_id: /sys/devices/loop1: Too many levels of symbolic links" ]
}

@test "refuses an absurdly deep tree instead of walking it" {
	p=$ROOT
	for i in $(seq 1 40); do
		p=$(fake_pci "$SYS" "$p" "$(printf '0000:%02x:00.0' "$i")")
	done
	run -1 --separate-stderr in_sysfs "$SYS" "$PCIPATH_ID" "/sys/$p"
	assert_output ""
	[ "$stderr" = "pcipath_id: /sys/$p: PCI route deeper than 32 hops" ]
	# 32 hops is still a route.
	p=$ROOT
	for i in $(seq 1 32); do
		p=$(fake_pci "$SYS" "$p" "$(printf '0000:%02x:01.0' "$i")")
	done
	run -0 in_sysfs "$SYS" "$PCIPATH_ID" "/sys/$p"
	assert_line --index 0 "ID_PCI_PATH=$(printf '01/%.0s' $(seq 1 31))01"
}

@test "refuses a malformed tree: a PCI function with a name that is no BDF" {
	bad=$(fake_pci "$SYS" "$ROOT" 0000:00:02.0)
	mv "$SYS/$bad" "$SYS/$ROOT/bogus"
	run -1 --separate-stderr in_sysfs "$SYS" "$PCIPATH_ID" "/sys/$ROOT/bogus"
	assert_output ""
	[ "$stderr" = "pcipath_id: /sys/$ROOT/bogus: malformed sysfs tree" ]
}

@test "refuses a malformed tree: a root bus that is no host bridge" {
	fake_dev "$SYS" devices/platform/weird "" ""
	fn=$(fake_pci "$SYS" devices/platform/weird 0000:00:03.0)
	run -1 --separate-stderr in_sysfs "$SYS" "$PCIPATH_ID" "/sys/$fn"
	assert_output ""
	[ "$stderr" = "pcipath_id: /sys/$fn: malformed sysfs tree" ]
}

@test "refuses a malformed tree: a VF whose PF does not list it" {
	rp=$(fake_pci "$SYS" "$ROOT" 0000:00:02.0)
	pf=$(fake_pci "$SYS" "$rp" 0000:01:00.0)
	vf=$(fake_pci "$SYS" "$rp" 0000:01:00.1)
	ln -s ../0000:01:00.0 "$SYS/$vf/physfn"
	echo 1 >"$SYS/$pf/sriov_offset"
	echo 1 >"$SYS/$pf/sriov_stride"
	run -1 --separate-stderr in_sysfs "$SYS" "$PCIPATH_ID" "/sys/$vf"
	assert_output ""
	[ "$stderr" = "pcipath_id: /sys/$vf: malformed sysfs tree" ]
	# Listed under another index than offset and stride give: malformed too.
	ln -s ../0000:01:00.1 "$SYS/$pf/virtfn1"
	run -1 --separate-stderr in_sysfs "$SYS" "$PCIPATH_ID" "/sys/$vf"
	[ "$stderr" = "pcipath_id: /sys/$vf: malformed sysfs tree" ]
	# A stride of 0 is no SR-IOV capability.
	ln -s ../0000:01:00.1 "$SYS/$pf/virtfn0"
	echo 0 >"$SYS/$pf/sriov_stride"
	run -1 --separate-stderr in_sysfs "$SYS" "$PCIPATH_ID" "/sys/$vf"
	[ "$stderr" = "pcipath_id: /sys/$vf: malformed sysfs tree" ]
	echo 1 >"$SYS/$pf/sriov_stride"
	run -0 in_sysfs "$SYS" "$PCIPATH_ID" "/sys/$vf"
	assert_line --index 0 "ID_PCI_PATH=02/00v0"
}

@test "prints all or nothing while the device is removed and re-added under it" {
	rp=$(fake_pci "$SYS" "$ROOT" 0000:00:1c.0)
	fn=$(fake_pci "$SYS" "$rp" 0000:01:00.0)
	blk=$(fake_block "$SYS" "$fn/virtio1" vda 254:0)
	# Flip the device away and back while the helper runs, many times. Every run must
	# be complete and right, or empty with one line on stderr: never partial, never a
	# crash (ASan/UBSan would exit with another code).
	in_sysfs "$SYS" bash -c '
		fn=/sys/$1
		( for i in $(seq 1 4000); do mv "$fn" "$fn.gone"; mv "$fn.gone" "$fn"; done ) &
		flipper=$!
		ok=0 gone=0
		for i in $(seq 1 300); do
			if out=$(SUBSYSTEM=block DEVNAME=/dev/vda ID_PATH=pci-0000:01:00.0 DEVPATH=/$2 "$3" 2>"$4/err"); then
				[ "$out" = "$(printf "ID_PCI_PATH=1c/00\nID_PCI_PATH_TAG=1c-00\nID_PCI_PATH_FUNCTION=0000:01:00.0\nID_PCI_PATH_ENTRY=disk\nID_PCI_PATH_DISK=1c/00")" ] || { echo "bad output: $out"; exit 1; }
				ok=$((ok + 1))
			else
				rc=$?
				[ $rc -eq 1 ] || { echo "exit code $rc"; cat "$4/err"; exit 1; }
				[ -z "$out" ] || { echo "partial output: $out"; exit 1; }
				[ "$(wc -l <"$4/err")" -eq 1 ] || { echo "stderr:"; cat "$4/err"; exit 1; }
				gone=$((gone + 1))
			fi
		done
		kill $flipper 2>/dev/null; wait
		echo "ok=$ok gone=$gone"
		[ $((ok + gone)) -eq 300 ]
	' _ "$fn" "$blk" "$PCIPATH_ID" "$BATS_TEST_TMPDIR"
}

@test "takes the device from DEVPATH under udev, and refuses to run without one" {
	fn=$(fake_pci "$SYS" "$ROOT" 0000:00:05.0)
	run -0 in_sysfs "$SYS" env "DEVPATH=/$fn" "$PCIPATH_ID"
	assert_line --index 0 "ID_PCI_PATH=05"
	run -1 --separate-stderr in_sysfs "$SYS" env -u DEVPATH "$PCIPATH_ID"
	assert_output ""
	[ "$stderr" = "pcipath_id: no device: give a syspath or devpath, or run from udev (\$DEVPATH)" ]
}

@test "a USB disk gets ID_PCI_PATH_DISK_WITH_USB_REVISION from ID_PATH_WITH_USB_REVISION (systemd 254+)" {
	xhci=$(fake_pci "$SYS" "$ROOT" 0000:00:0b.0)
	blk=$(fake_block "$SYS" "$xhci/usb2/2-1/2-1:1.0/host0/target0:0:0/0:0:0:0" sda 8:0)
	run -0 --separate-stderr in_sysfs "$SYS" env SUBSYSTEM=block DEVNAME=/dev/sda \
		ID_PATH=pci-0000:00:0b.0-usb-0:1:1.0-scsi-0:0:0:0 \
		ID_PATH_WITH_USB_REVISION=pci-0000:00:0b.0-usbv3-0:1:1.0-scsi-0:0:0:0 \
		"DEVPATH=/$blk" "$PCIPATH_ID"
	assert_line ID_PCI_PATH_DISK=0b-usb-0:1:1.0-scsi-0:0:0:0
	assert_line ID_PCI_PATH_DISK_WITH_USB_REVISION=0b-usbv3-0:1:1.0-scsi-0:0:0:0
	[ -z "$stderr" ]
	# a partition: the same, with -partN
	part=$(fake_block "$SYS" "$blk" sda1 8:1)
	run -0 in_sysfs "$SYS" env SUBSYSTEM=block DEVNAME=/dev/sda1 DEVTYPE=partition PARTN=1 \
		ID_PATH=pci-0000:00:0b.0-usb-0:1:1.0-scsi-0:0:0:0 \
		ID_PATH_WITH_USB_REVISION=pci-0000:00:0b.0-usbv3-0:1:1.0-scsi-0:0:0:0 \
		"DEVPATH=/$part" "$PCIPATH_ID"
	assert_line ID_PCI_PATH_DISK=0b-usb-0:1:1.0-scsi-0:0:0:0-part1
	assert_line ID_PCI_PATH_DISK_WITH_USB_REVISION=0b-usbv3-0:1:1.0-scsi-0:0:0:0-part1
}

@test "no USB revision property without ID_PATH_WITH_USB_REVISION (systemd 252), or one naming another function" {
	xhci=$(fake_pci "$SYS" "$ROOT" 0000:00:0b.0)
	blk=$(fake_block "$SYS" "$xhci/usb2/2-1/2-1:1.0/host0/target0:0:0/0:0:0:0" sda 8:0)
	run -0 in_sysfs "$SYS" env SUBSYSTEM=block DEVNAME=/dev/sda \
		ID_PATH=pci-0000:00:0b.0-usb-0:1:1.0-scsi-0:0:0:0 "DEVPATH=/$blk" "$PCIPATH_ID"
	assert_line ID_PCI_PATH_DISK=0b-usb-0:1:1.0-scsi-0:0:0:0
	refute_line --partial WITH_USB_REVISION
	run -0 in_sysfs "$SYS" env SUBSYSTEM=block DEVNAME=/dev/sda \
		ID_PATH=pci-0000:00:0b.0-usb-0:1:1.0-scsi-0:0:0:0 \
		ID_PATH_WITH_USB_REVISION=pci-0000:00:0c.0-usbv3-0:1:1.0-scsi-0:0:0:0 \
		"DEVPATH=/$blk" "$PCIPATH_ID"
	assert_line ID_PCI_PATH_DISK=0b-usb-0:1:1.0-scsi-0:0:0:0
	refute_line --partial WITH_USB_REVISION
}
