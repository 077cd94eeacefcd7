#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# change.bats: a change event takes the helper's values from udev's db instead of
# running it again (61-pcipath.rules, issue 11), when this version's helper wrote
# them; a tty, whose name depends on its function's port count, and a db written by
# another version run the helper. Through the real udevadm and our rules on a fake
# tree, with pcipath_id behind a wrapper that counts its runs.

load test_helper

setup() {
	SYS=$BATS_TEST_TMPDIR/sys
	fake_root "$SYS"
	ROOT=$(fake_host_bridge "$SYS" pci0000:00)
	FN=$(fake_pci "$SYS" "$ROOT" 0000:00:05.0)
	# virtio-blk: path_id names block devices only on a transport it knows.
	fake_dev "$SYS" "$FN/virtio2" virtio
	DISK=$(fake_block "$SYS" "$FN/virtio2" vda 254:0)
	UART=$(fake_pci "$SYS" "$ROOT" 0000:00:06.0)
	TTY=$UART/tty/ttyS4
	fake_dev "$SYS" "$TTY" tty MAJOR=4 MINOR=68 DEVNAME=ttyS4
	echo 4:68 >"$SYS/$TTY/dev"
	ln -sfn "$(relpath "$SYS/dev/char" "$SYS/$TTY")" "$SYS/dev/char/4:68"
	VERSION=$("$PCIPATH_ID" --version)
}

# events CMDS: run the bash commands CMDS in the fake tree, with our rules calling
# pcipath_id through /run/count-helper, which logs each run in /run/helper-runs.
# Helpers there: ev ACTION DEVPATH (one udevadm test event), props DEVPATH (our
# properties in udev's db), runs (how many times the helper ran so far).
events() {
	run -0 in_sysfs "$SYS" bash -euc '
		printf "#!/bin/sh\necho \"\$DEVPATH\" >>/run/helper-runs\nexec %s \"\$@\"\n" "$2" \
			>/run/count-helper
		chmod +x /run/count-helper
		: >/run/helper-runs
		sed "s|\"$2\"|\"/run/count-helper\"|" "$1" >/run/udev/rules.d/61-pcipath.rules
		grep -q count-helper /run/udev/rules.d/61-pcipath.rules
		echo "ENV{SYSTEMD_DEVICE_VERIFY_SYSFS}=\"0\"" >/run/udev/rules.d/00-fake-sysfs.rules
		ev() { udevadm test --action="$1" "/sys/$2" >/run/test.log 2>&1 || { cat /run/test.log; exit 1; }; }
		props() { udevadm info -q property -p "/sys/$1" | grep ^ID_PCI_PATH; }
		runs() { wc -l </run/helper-runs; }
		eval "$3"
	' _ "$PCIPATH_TEST_RULES" "$PCIPATH_ID" "$1"
}

@test "a disk's change event reuses the db's values: no run of the helper, same properties and link" {
	events "
		ev add $DISK; echo add: \$(runs)
		props $DISK | sort >/run/after-add
		ev change $DISK; ev change $DISK; echo change: \$(runs)
		props $DISK | sort >/run/after-change
		diff /run/after-add /run/after-change && echo same
		cat /run/after-change
		readlink /dev/disk/by-pcipath/05"
	assert_output "add: 1
change: 1
same
ID_PCI_PATH=05
ID_PCI_PATH_DISK=05
ID_PCI_PATH_ENTRY=disk
ID_PCI_PATH_FUNCTION=0000:00:05.0
ID_PCI_PATH_TAG=05
ID_PCI_PATH_VERSION=$VERSION
../../vda"
}

@test "a db written by another version's helper: the change event runs the helper again" {
	events "
		ev add $DISK
		sed -i 's/^E:ID_PCI_PATH_VERSION=.*/E:ID_PCI_PATH_VERSION=0.0-older/' /run/udev/data/b254:0
		sed -i 's/^E:ID_PCI_PATH_TAG=.*/E:ID_PCI_PATH_TAG=stale/' /run/udev/data/b254:0
		ev change $DISK; echo runs: \$(runs)
		props $DISK | grep -E '_TAG=|_VERSION='"
	assert_output "runs: 2
ID_PCI_PATH_TAG=05
ID_PCI_PATH_VERSION=$VERSION"
}

@test "a db without a version (an older pcipath, or none): the change event runs the helper" {
	events "
		ev add $DISK
		sed -i '/^E:ID_PCI_PATH_VERSION=/d' /run/udev/data/b254:0
		ev change $DISK; echo runs: \$(runs)
		props $DISK | grep -c ^ID_PCI_PATH_VERSION=$VERSION\$"
	assert_output "runs: 2
1"
}

@test "a tty's change event always runs the helper: its name follows the port count" {
	events "
		ev add $TTY; ev change $TTY; echo runs: \$(runs)
		props $TTY | grep _ENTRY="
	assert_output "runs: 2
ID_PCI_PATH_ENTRY=tty"
}

@test "add and bind events always run the helper" {
	events "
		ev add $DISK; ev add $DISK; ev bind $FN; ev bind $FN; echo runs: \$(runs)"
	assert_output "runs: 4"
}
