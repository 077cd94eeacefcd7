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
	[ "$stderr" = "pcipath_link: /dev/by-pcipath/03/net: already names /sys/class/net/na, not taking it for /sys/class/net/nb
pcipath_link: nb: altname pcipath-03 is taken by another interface, not adding it" ]
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
	run -1 --separate-stderr in_sysfs - env -u SUBSYSTEM "$PCIPATH_LINK" add
	[ "$stderr" = "pcipath_link: no SUBSYSTEM in the environment" ]
	# A node without a label: udev made its links, nothing for us to do.
	run -0 --separate-stderr in_sysfs - env SUBSYSTEM=block ID_PCI_PATH=02/01 \
		ID_PCI_PATH_ENTRY=disk DEVNAME=/dev/vda "$PCIPATH_LINK" add
	assert_output ""
	[ -z "$stderr" ]
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

@test "links a labelled disk and partition by label, and refuses a second claimant" {
	run -1 --separate-stderr in_sysfs - bash -euc '
		link=$1
		mkdir -p /dev/dri; touch /dev/vda /dev/vda1 /dev/sdb /dev/dri/card0
		export SUBSYSTEM=block PCIPATH_LABEL=boot
		ID_PCI_PATH=02/01 ID_PCI_PATH_ENTRY=disk ID_PCI_PATH_DISK=02/01 DEVNAME=/dev/vda "$link" add
		ID_PCI_PATH=02/01 ID_PCI_PATH_ENTRY=disk-part1 ID_PCI_PATH_DISK=02/01-part1 \
			DEVNAME=/dev/vda1 "$link" add
		SUBSYSTEM=drm ID_PCI_PATH=03 ID_PCI_PATH_ENTRY=card DEVNAME=/dev/dri/card0 \
			PCIPATH_LABEL=gpu "$link" add
		trap "find /dev/by-pcilabel /dev/disk/by-pcilabel -type l -printf \"%p %l\n\" | sort" EXIT
		# another function labelled "boot" (a glob matching two): refused, first kept
		ID_PCI_PATH=04 ID_PCI_PATH_ENTRY=disk ID_PCI_PATH_DISK=04 DEVNAME=/dev/sdb "$link" add
	' _ "$PCIPATH_LINK"
	assert_output "/dev/by-pcilabel/boot/disk ../../vda
/dev/by-pcilabel/boot/disk-part1 ../../vda1
/dev/by-pcilabel/gpu/card ../../dri/card0
/dev/disk/by-pcilabel/boot ../../vda
/dev/disk/by-pcilabel/boot-part1 ../../vda1"
	[ "$stderr" = "pcipath_link: /dev/by-pcilabel/boot/disk: already names ../../vda, not taking it for ../../sdb
pcipath_link: /dev/disk/by-pcilabel/boot: already names ../../vda, not taking it for ../../sdb" ]
}

@test "removes label links of a node, and only its own" {
	run -0 in_sysfs - bash -euc '
		link=$1
		touch /dev/vda /dev/sdb
		export SUBSYSTEM=block PCIPATH_LABEL=data ID_PCI_PATH=02/01 ID_PCI_PATH_ENTRY=disk \
			ID_PCI_PATH_DISK=02/01
		DEVNAME=/dev/vda "$link" add
		DEVNAME=/dev/sdb "$link" remove      # not its link: stays
		[ -L /dev/by-pcilabel/data/disk ] && echo kept
		rm /dev/vda
		DEVNAME=/dev/vda "$link" remove
		[ ! -e /dev/by-pcilabel ] && [ ! -e /dev/disk/by-pcilabel ] && echo gone
	' _ "$PCIPATH_LINK"
	assert_output "kept
gone"
}

@test "gives a labelled NIC a label link and the label as altname when it is free" {
	run -0 --separate-stderr in_netns '
		link=$1
		ip link add name eth7 type veth peer name peer7
		ip link property add dev peer7 altname taken
		idx=$(cat /sys/class/net/eth7/ifindex)
		export SUBSYSTEM=net ID_PCI_PATH=02/01 ID_PCI_PATH_TAG=02-01 ID_PCI_PATH_ENTRY=net
		PCIPATH_LABEL=uplink IFINDEX=$idx "$link" add
		readlink /dev/by-pcilabel/uplink/net
		ip -o link show uplink | cut -d: -f2
		PCIPATH_LABEL=taken IFINDEX=$idx "$link" add
		ip -o link show taken | cut -d: -f2
		PCIPATH_LABEL="bad/label" IFINDEX=$idx "$link" add
		ls /dev/by-pcilabel
	'
	assert_output "/sys/class/net/eth7
 eth7@peer7
 peer7@eth7
taken
uplink"
	[ "$stderr" = "pcipath_link: eth7: altname taken is taken by another interface, not adding it
pcipath_link: ?: PCIPATH_LABEL \"bad/label\" is not [A-Za-z0-9_.-]{1,64}, ignoring it" ]
}
