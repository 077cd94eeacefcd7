#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# wait.bats: pcipath wait with udevd "running" (a control socket, as root's 0600) on a
# fake sysfs tree: it returns only once the node's event is done, RUN included (the db
# entry, not ID_PROCESSING, and pcipath_link's links), for root and for any user.

load test_helper

PCIPATH="$PCIPATH_BUILD_DIR/pcipath"

setup() {
	SYS="$BATS_TEST_TMPDIR/sys"
	fake_root "$SYS"
	local root fn
	root=$(fake_host_bridge "$SYS" pci0000:00)
	fn=$(fake_pci "$SYS" "$root" 0000:00:02.0)
	printf '%s\n' DRIVER=virtio-pci PCI_CLASS=10000 PCI_ID=1AF4:1042 PCI_SUBSYS_ID=1AF4:1100 \
		PCI_SLOT_NAME=0000:00:02.0 >"$SYS/$fn/uevent"
	fake_block "$SYS" "$fn/virtio1" vda 254:0 >/dev/null
	chmod -R a+rX "$SYS"
}

# in_udev SCRIPT: SCRIPT (with $PCIPATH) in the fake tree, with a listening
# /run/udev/control of mode 0600, as udevd's socket unit makes it.
in_udev() {
	in_sysfs "$SYS" env PCIPATH="$PCIPATH" bash -euc '
		python3 -c "
import os, socket, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
s.bind(\"/run/udev/control\"); os.chmod(\"/run/udev/control\", 0o600); s.listen(8)
open(\"/run/udev/ready\", \"w\").close(); time.sleep(60)" &
		for _ in $(seq 100); do [ -e /run/udev/ready ] && break; sleep 0.05; done
		nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
		db() { printf "%s\n" "I:1" "$@" >/run/udev/data/b254:0; }
		'"$1"'
		kill %1'
}

@test "as root and as any user, a node udev has not finished is not there yet" {
	run -0 --separate-stderr in_udev '
		for who in "" nobody; do
			$who $PCIPATH wait 02 --kind block -t 0.3 && exit 1
			db E:ID_PCI_PATH=02 E:ID_PCI_PATH_ENTRY=disk
			$who $PCIPATH wait 02 --kind block -t 0.3
			rm /run/udev/data/b254:0
		done'
	assert_output "/dev/vda
/dev/vda"
	[ "$stderr" = "pcipath: wait: timed out after 0.300 s: no node of kind block below 02
pcipath: wait: timed out after 0.300 s: no node of kind block below 02" ]
}

@test "a stale control socket (nobody listening) is no udevd" {
	run -0 in_sysfs "$SYS" env PCIPATH="$PCIPATH" bash -euc '
		python3 -c "import socket; socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET).bind(\"/run/udev/control\")"
		$PCIPATH wait 02 --kind block -t 0.3'
	assert_output "/dev/vda"
}

@test "waits for ID_PROCESSING=1 to go (udev v255+: db written, RUN still running)" {
	run -0 --separate-stderr in_udev '
		db E:ID_PCI_PATH=02 E:ID_PROCESSING=1
		nobody $PCIPATH wait 02 --kind block -t 0.3 && exit 1
		(sleep 0.3; db E:ID_PCI_PATH=02) &
		nobody $PCIPATH wait 02 --kind block -t 5'
	assert_output "/dev/vda"
}

@test "a labelled disk counts once pcipath_link made its label links" {
	run -0 --separate-stderr in_udev '
		db E:ID_PCI_PATH=02 E:ID_PCI_PATH_ENTRY=disk E:ID_PCI_PATH_DISK=02 E:PCIPATH_LABEL=boot
		nobody $PCIPATH wait 02 --kind block -t 0.3 && exit 1
		mkdir -p /dev/by-pcilabel/boot /dev/disk/by-pcilabel
		ln -s ../../vda /dev/by-pcilabel/boot/disk
		nobody $PCIPATH wait 02 --kind block -t 0.3 && exit 1
		ln -s ../../vda /dev/disk/by-pcilabel/boot
		nobody $PCIPATH wait 02 --kind block -t 0.3'
	assert_output "/dev/vda"
	[ "$stderr" = "pcipath: wait: timed out after 0.300 s: no node of kind block below 02
pcipath: wait: timed out after 0.300 s: no node of kind block below 02" ]
}

@test "a label link another device owns does not hold the wait" {
	run -0 in_udev '
		db E:ID_PCI_PATH=02 E:ID_PCI_PATH_ENTRY=disk E:PCIPATH_LABEL=boot
		mkdir -p "/run/pcipath/links/by-pcilabel!boot!disk" /dev/by-pcilabel/boot
		ln -s ../../vdb /dev/by-pcilabel/boot/disk
		ln -s o:../../vdb "/run/pcipath/links/by-pcilabel!boot!disk/b254:16"
		ln -s w:../../vda "/run/pcipath/links/by-pcilabel!boot!disk/b254:0"
		$PCIPATH wait 02 --kind block -t 0.3'
	assert_output "/dev/vda"
}

@test "an ignored or opted-out disk needs no label link" {
	run -0 in_udev '
		db E:ID_PCI_PATH=02 E:ID_PCI_PATH_ENTRY=disk E:PCIPATH_LABEL=boot E:PCIPATH_IGNORE=1
		$PCIPATH wait 02 --kind block -t 0.3
		db E:ID_PCI_PATH=02 E:ID_PCI_PATH_ENTRY=disk E:PCIPATH_LABEL=boot E:UDEV_DISABLE_PCIPATH_RULES_FLAG=1
		$PCIPATH wait 02 --kind block -t 0.3'
	assert_output "/dev/vda
/dev/vda"
}
