#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# uart.bats: a multi-port PCI UART's names do not depend on the order its ports
# register (SPEC 3: "tty" for one port, "tty-port<N>" for several). pcipath_id names a
# port by the ports that exist when its event runs; `pcipath_link uart` (RUN, after
# udev recorded the event) re-triggers every port whose recorded name the count changed.

load test_helper

PCIPATH_LINK="$PCIPATH_BUILD_DIR/pcipath_link"

setup() {
	SYS="$BATS_TEST_TMPDIR/sys"
	fake_root "$SYS"
	ROOT=$(fake_host_bridge "$SYS" pci0000:00)
	FN=$(fake_pci "$SYS" "$ROOT" 0000:00:04.0)
}

# fake_port N: ttyS<N> (4:64+N) of the function, as 8250_pci registers it.
fake_port() {
	local d="$FN/tty/ttyS$1"
	fake_dev "$SYS" "$d" tty MAJOR=4 "MINOR=$((64 + $1))" "DEVNAME=ttyS$1"
	echo "4:$((64 + $1))" >"$SYS/$d/dev"
	echo "$1" >"$SYS/$d/line"
}

# Run SCRIPT in the fake sysfs with a private /run; $ID, $LINK and $FN are set.
in_uart_sysfs() {
	in_sysfs "$SYS" bash -euc "$1" _ "$PCIPATH_ID" "$PCIPATH_LINK" "/sys/$FN"
}

@test "a port whose event ran before its sibling registered is re-triggered" {
	fake_port 4
	run -0 in_sysfs "$SYS" env SUBSYSTEM=tty "DEVPATH=/$FN/tty/ttyS4" "$PCIPATH_ID"
	assert_line "ID_PCI_PATH_ENTRY=tty"
	# Then the second port registers; its own event sees both.
	fake_port 5
	run -0 in_sysfs "$SYS" env SUBSYSTEM=tty "DEVPATH=/$FN/tty/ttyS5" "$PCIPATH_ID"
	assert_line "ID_PCI_PATH_ENTRY=tty-port1"
	# udev recorded ttyS4 as "tty"; ttyS5's RUN must send ttyS4 a change event.
	run -0 in_uart_sysfs '
		mkdir -p /run/udev/data
		printf "E:ID_PCI_PATH=04\nE:ID_PCI_PATH_ENTRY=tty\n" >/run/udev/data/c4:68
		DEVPATH=${3#/sys}/tty/ttyS5 ID_PCI_PATH_ENTRY=tty-port1 "$2" uart
		head -c 6 "$3/tty/ttyS4/uevent"; echo
		head -c 6 "$3/tty/ttyS5/uevent"; echo'
	assert_line --index 0 "change"
	assert_line --index 1 "MAJOR="
	# Its change event then names it by the count it sees now.
	printf 'MAJOR=4\nMINOR=68\nDEVNAME=ttyS4\n' >"$SYS/$FN/tty/ttyS4/uevent"
	run -0 in_sysfs "$SYS" env SUBSYSTEM=tty "DEVPATH=/$FN/tty/ttyS4" "$PCIPATH_ID"
	assert_line "ID_PCI_PATH_ENTRY=tty-port0"
}

@test "a port whose own event counted too few ports re-triggers itself" {
	fake_port 4
	fake_port 5
	# ttyS4's helper ran alone ("tty"); when its RUN comes, ttyS5 exists but is not
	# recorded yet: ttyS4 must change itself, ttyS5's own event is still to come.
	run -0 in_uart_sysfs '
		DEVPATH=${3#/sys}/tty/ttyS4 ID_PCI_PATH_ENTRY=tty "$2" uart
		head -c 6 "$3/tty/ttyS4/uevent"; echo
		head -c 6 "$3/tty/ttyS5/uevent"; echo'
	assert_line --index 0 "change"
	assert_line --index 1 "MAJOR="
}

@test "ports named right are left alone, and a one-port UART is plain tty" {
	fake_port 4
	run -0 in_uart_sysfs '
		DEVPATH=${3#/sys}/tty/ttyS4 ID_PCI_PATH_ENTRY=tty "$2" uart
		head -c 6 "$3/tty/ttyS4/uevent"; echo'
	assert_output "MAJOR="
	fake_port 5
	run -0 in_uart_sysfs '
		mkdir -p /run/udev/data
		printf "E:ID_PCI_PATH_ENTRY=tty-port0\n" >/run/udev/data/c4:68
		DEVPATH=${3#/sys}/tty/ttyS5 ID_PCI_PATH_ENTRY=tty-port1 "$2" uart
		head -c 6 "$3/tty/ttyS4/uevent"; echo
		head -c 6 "$3/tty/ttyS5/uevent"; echo'
	assert_line --index 0 "MAJOR="
	assert_line --index 1 "MAJOR="
}

@test "refuses to run without a device" {
	run -1 --separate-stderr in_sysfs "$SYS" env -u DEVPATH "$PCIPATH_LINK" uart
	assert_output ""
	[ "$stderr" = "pcipath_link: no valid DEVPATH in the environment" ]
}
