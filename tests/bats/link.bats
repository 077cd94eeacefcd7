#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# link.bats: pcipath_link, the RUN program for net and vfio links, on dummy interfaces
# in a private network namespace (with its own sysfs) and on fake vfio trees.

load test_helper

PCIPATH_LINK="$PCIPATH_BUILD_DIR/pcipath_link"

# in_netns SCRIPT: run bash SCRIPT in a private netns with its own /sys, /dev and /run.
in_netns() {
	in_sysfs - bash -euc "$1" _ "$PCIPATH_LINK"
}

@test "links a net interface by its path, follows renames, and removes it all" {
	run -0 in_netns '
		link=$1
		ip link add name eth7 type veth peer name peer7
		idx=$(cat /sys/class/net/eth7/ifindex)
		export SUBSYSTEM=net ID_PCI_PATH=02/00/01/00 ID_PCI_PATH_TAG=02-00-01-00 ID_PCI_PATH_ENTRY=net
		IFINDEX=$idx INTERFACE=eth7 "$link" add
		echo "1 $(readlink /dev/by-pcipath/02/00/01/00/net)"
		ip -o link show pcipath-02-00-01-00 | grep -o "eth7"
		# a rename is a move event: the link follows, the altname stays
		ip link set eth7 name uplink0
		IFINDEX=$idx INTERFACE=uplink0 "$link" add
		echo "2 $(readlink /dev/by-pcipath/02/00/01/00/net)"
		ip -o link show pcipath-02-00-01-00 | grep -o "uplink0"
		# a second add changes nothing and does not fail on the existing altname
		IFINDEX=$idx INTERFACE=uplink0 "$link" add
		ip link del uplink0
		INTERFACE=uplink0 "$link" remove
		[ ! -e /dev/by-pcipath ] && echo "3 gone"
	'
	assert_output "1 /sys/class/net/eth7
eth7
2 /sys/class/net/uplink0
uplink0
3 gone"
}

@test "names ports by dev_port and keeps directories other links still use" {
	run -0 in_netns '
		link=$1
		ip link add name na type veth peer name na-peer
		ip link add name nb type veth peer name nb-peer
		export SUBSYSTEM=net ID_PCI_PATH=1c.2/00 ID_PCI_PATH_TAG=1c.2-00
		ID_PCI_PATH_ENTRY=net IFINDEX=$(cat /sys/class/net/na/ifindex) "$link" add
		ID_PCI_PATH_ENTRY=net-port1 ID_PCI_PATH_TAG= IFINDEX=$(cat /sys/class/net/nb/ifindex) "$link" add
		ip link del dev na
		ID_PCI_PATH_ENTRY=net INTERFACE=na "$link" remove
		find /dev/by-pcipath -printf "%p %l\n" | sort
	'
	assert_output "/dev/by-pcipath 
/dev/by-pcipath/1c.2 
/dev/by-pcipath/1c.2/00 
/dev/by-pcipath/1c.2/00/net-port1 /sys/class/net/nb"
}

@test "never takes over a link that names another live interface" {
	run -1 --separate-stderr in_netns '
		link=$1
		ip link add name na type veth peer name nb
		export SUBSYSTEM=net ID_PCI_PATH=03 ID_PCI_PATH_TAG=03 ID_PCI_PATH_ENTRY=net
		IFINDEX=$(cat /sys/class/net/na/ifindex) "$link" add
		trap "readlink /dev/by-pcipath/03/net" EXIT
		IFINDEX=$(cat /sys/class/net/nb/ifindex) "$link" add
	'
	assert_output "/sys/class/net/na"
	[ "$stderr" = "pcipath_link: /dev/by-pcipath/03/net: already names /sys/class/net/na, not taking it for /sys/class/net/nb" ]
}

@test "follows no symlink it did not make, and writes nothing outside /dev/by-pcipath" {
	run -1 --separate-stderr in_netns '
		link=$1
		ip link add name na type veth peer name na-peer
		mkdir -p /run/elsewhere /dev/by-pcipath
		ln -s /run/elsewhere /dev/by-pcipath/02
		trap "ls -A /run/elsewhere | wc -l" EXIT
		SUBSYSTEM=net ID_PCI_PATH=02/01 ID_PCI_PATH_TAG=02-01 ID_PCI_PATH_ENTRY=net \
			IFINDEX=$(cat /sys/class/net/na/ifindex) "$link" add
	'
	assert_output "0"
	[ "$stderr" = "pcipath_link: /dev/by-pcipath/02/01: cannot open directory: Not a directory" ]
}

@test "refuses paths and entries that are not its own" {
	for bad in "ID_PCI_PATH=../../etc ID_PCI_PATH_ENTRY=net" "ID_PCI_PATH=02/1 ID_PCI_PATH_ENTRY=net" \
		"ID_PCI_PATH=02/01 ID_PCI_PATH_ENTRY=disk" "ID_PCI_PATH=02/01 ID_PCI_PATH_ENTRY=../net" \
		"ID_PCI_PATH=02/01 ID_PCI_PATH_ENTRY=net-port0"; do
		run -1 --separate-stderr in_sysfs - env SUBSYSTEM=net IFINDEX=1 $bad "$PCIPATH_LINK" add
		assert_output ""
		[ "$stderr" = "pcipath_link: no valid ID_PCI_PATH / ID_PCI_PATH_ENTRY in the environment" ]
	done
	run -1 --separate-stderr in_sysfs - env SUBSYSTEM=block "$PCIPATH_LINK" add
	[ "$stderr" = "pcipath_link: SUBSYSTEM must be net or pci, not block" ]
	run -1 --separate-stderr "$PCIPATH_LINK" frob
	[ "$stderr" = "pcipath_link: usage: pcipath_link add|remove" ]
}

@test "converges when events for one interface race" {
	run -0 in_netns '
		link=$1
		ip link add name na type veth peer name na-peer
		export SUBSYSTEM=net ID_PCI_PATH=04/00 ID_PCI_PATH_TAG=04-00 ID_PCI_PATH_ENTRY=net
		export IFINDEX=$(cat /sys/class/net/na/ifindex)
		for i in $(seq 1 40); do "$link" add & done
		wait
		readlink /dev/by-pcipath/04/00/net
		ls -A /dev/by-pcipath/04/00
	'
	assert_output "/sys/class/net/na
net"
}

@test "links a function bound to vfio-pci to its group node, and unlinks it on unbind" {
	SYS="$BATS_TEST_TMPDIR/sys"
	fake_root "$SYS"
	fn=devices/pci0000:00/0000:00:03.0
	mkdir -p "$SYS/$fn" "$SYS/kernel/iommu_groups/5" "$SYS/class/vfio/noiommu-5"
	ln -s ../../../kernel/iommu_groups/5 "$SYS/$fn/iommu_group"
	run -0 in_sysfs "$SYS" bash -euc '
		export SUBSYSTEM=pci DEVPATH=/$1 ID_PCI_PATH=03
		DRIVER=vfio-pci "$2" add
		readlink /dev/by-pcipath/03/vfio
		mkdir -p /dev/vfio && touch /dev/vfio/noiommu-5 && readlink -f /dev/by-pcipath/03/vfio
		DRIVER= "$2" remove
		[ ! -e /dev/by-pcipath ] && echo gone
	' _ "$fn" "$PCIPATH_LINK"
	assert_output "../../vfio/noiommu-5
/dev/vfio/noiommu-5
gone"
}
