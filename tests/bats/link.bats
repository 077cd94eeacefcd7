#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# link.bats: pcipath_link, the RUN program for net, vfio and label links, on veth pairs
# in a private network namespace (with its own sysfs, /dev and /run) and on fake trees.

load test_helper

PCIPATH_LINK="${PCIPATH_LINK:-$PCIPATH_BUILD_DIR/pcipath_link}"

# in_netns SCRIPT [ARG...]: run bash SCRIPT (with $1 = pcipath_link, then ARGs) in a
# private netns with its own /sys, /dev and /run.
in_netns() {
	local script=$1
	shift
	in_sysfs - bash -euc "$script" _ "$PCIPATH_LINK" "$@"
}

# leftovers: everything pcipath may have left in /dev and /run (inside a namespace).
# shellcheck disable=SC2016
LEFTOVERS='find /dev/by-pcipath /dev/by-pcilabel /dev/disk/by-pcilabel /run/pcipath/db /run/pcipath/links -mindepth 1 2>/dev/null | sort; ip -o link show | grep -o "altname [^ ]*" || true'

@test "links a net interface by its path, follows renames, and removes it all" {
	run -0 in_netns '
		link=$1
		ip link add name eth7 type veth peer name peer7
		idx=$(cat /sys/class/net/eth7/ifindex)
		export SUBSYSTEM=net ID_PCI_PATH=02/00/01/00 ID_PCI_PATH_TAG=02-00-01-00 ID_PCI_PATH_ENTRY=net
		ACTION=add IFINDEX=$idx INTERFACE=eth7 "$link" update
		echo "1 $(readlink /dev/by-pcipath/02/00/01/00/net)"
		ip -o link show pcipath-02-00-01-00 | grep -o "eth7"
		# a rename is a move event: the link follows, the altname stays
		ip link set eth7 name uplink0
		ACTION=move IFINDEX=$idx INTERFACE=uplink0 "$link" update
		echo "2 $(readlink /dev/by-pcipath/02/00/01/00/net)"
		ip -o link show pcipath-02-00-01-00 | grep -o "uplink0"
		# a second event changes nothing and does not fail on the existing altname
		ACTION=change IFINDEX=$idx INTERFACE=uplink0 "$link" update
		ip link del uplink0
		ACTION=remove IFINDEX=$idx "$link" remove
		[ ! -e /dev/by-pcipath ] && [ -z "$(find /run/pcipath/db /run/pcipath/links -mindepth 1)" ] && echo "3 gone"
	'
	assert_output "1 /sys/class/net/eth7
eth7
2 /sys/class/net/uplink0
uplink0
3 gone"
}

@test "keeps the record udev keys devices by, one line per link and altname" {
	run -0 in_netns '
		link=$1
		ip link add name eth7 type veth peer name peer7
		idx=$(cat /sys/class/net/eth7/ifindex)
		ACTION=add SUBSYSTEM=net ID_PCI_PATH=02/01 ID_PCI_PATH_TAG=02-01 ID_PCI_PATH_ENTRY=net \
			PCIPATH_LABEL=uplink IFINDEX=$idx "$link" update
		[ "$(ls /run/pcipath/db)" = "n$idx" ] && echo "named n<ifindex>"
		cat "/run/pcipath/db/n$idx"
		for c in /run/pcipath/links/*/*; do echo "${c#/run/pcipath/links/} $(readlink "$c")"; done | sed "s/n$idx/n<idx>/"
	'
	assert_output "named n<ifindex>
L by-pcipath/02/01/net /sys/class/net/eth7
L by-pcilabel/uplink/net /sys/class/net/eth7
A pcipath-02-01
A uplink
by-pcilabel!uplink!net/n<idx> o:/sys/class/net/eth7
by-pcipath!02!01!net/n<idx> o:/sys/class/net/eth7"
}

@test "names ports by dev_port and keeps directories other links still use" {
	run -0 in_netns '
		link=$1
		ip link add name na type veth peer name na-peer
		ip link add name nb type veth peer name nb-peer
		export SUBSYSTEM=net ACTION=add ID_PCI_PATH=1c.2/00 ID_PCI_PATH_TAG=1c.2-00
		ia=$(cat /sys/class/net/na/ifindex)
		ID_PCI_PATH_ENTRY=net IFINDEX=$ia "$link" update
		ID_PCI_PATH_ENTRY=net-port1 ID_PCI_PATH_TAG= IFINDEX=$(cat /sys/class/net/nb/ifindex) "$link" update
		ip link del dev na
		ACTION=remove IFINDEX=$ia "$link" remove
		find /dev/by-pcipath -printf "%p %l\n" | sort
	'
	assert_output "/dev/by-pcipath 
/dev/by-pcipath/1c.2 
/dev/by-pcipath/1c.2/00 
/dev/by-pcipath/1c.2/00/net-port1 /sys/class/net/nb"
}

@test "leaves a link with its recorded owner, and hands it on when the owner goes" {
	run -0 --separate-stderr in_netns '
		link=$1
		ip link add name na type veth peer name nb
		export SUBSYSTEM=net ACTION=add ID_PCI_PATH=03 ID_PCI_PATH_TAG=03 ID_PCI_PATH_ENTRY=net
		ia=$(cat /sys/class/net/na/ifindex) ib=$(cat /sys/class/net/nb/ifindex)
		IFINDEX=$ia "$link" update
		IFINDEX=$ib "$link" update
		readlink /dev/by-pcipath/03/net
		ip link del na
		ACTION=remove IFINDEX=$ia "$link" remove
		readlink /dev/by-pcipath/03/net
	'
	assert_output "/sys/class/net/na
/sys/class/net/nb"
	[ "$stderr" = "pcipath_link: /dev/by-pcipath/03/net: already names /sys/class/net/na, not taking it for /sys/class/net/nb
pcipath_link: nb: altname pcipath-03 is taken by another interface, not adding it" ]
}

@test "two interfaces that swap names keep the links of their own functions" {
	run -0 in_netns '
		link=$1
		ip link add name ethA type veth peer name ethB
		ia=$(cat /sys/class/net/ethA/ifindex) ib=$(cat /sys/class/net/ethB/ifindex)
		export SUBSYSTEM=net ID_PCI_PATH_ENTRY=net
		a() { ID_PCI_PATH=02 ID_PCI_PATH_TAG=02 IFINDEX=$ia "$link" update; }
		b() { ID_PCI_PATH=03 ID_PCI_PATH_TAG=03 IFINDEX=$ib "$link" update; }
		ACTION=add a; ACTION=add b
		# A -> tmp, B -> A, tmp -> B, each a move event, handled in that order
		ip link set ethA name tmp0; ACTION=move a
		ip link set ethB name ethA; ACTION=move b
		ip link set tmp0 name ethB; ACTION=move a
		echo "02 $(readlink /dev/by-pcipath/02/net) $(ip -o link show pcipath-02 | cut -d" " -f2)"
		echo "03 $(readlink /dev/by-pcipath/03/net) $(ip -o link show pcipath-03 | cut -d" " -f2)"
		# and back, with udev behind: all three renames, then their events
		ip link set ethA name tmp0; ip link set ethB name ethA; ip link set tmp0 name ethB
		ACTION=move b; ACTION=move a; ACTION=move b
		echo "02 $(readlink /dev/by-pcipath/02/net) $(ip -o link show pcipath-02 | cut -d" " -f2)"
		echo "03 $(readlink /dev/by-pcipath/03/net) $(ip -o link show pcipath-03 | cut -d" " -f2)"
	'
	assert_output "02 /sys/class/net/ethB ethB@ethA:
03 /sys/class/net/ethA ethA@ethB:
02 /sys/class/net/ethA ethA@ethB:
03 /sys/class/net/ethB ethB@ethA:"
}

@test "takes back the link and altname when PCIPATH_IGNORE=1 comes, or the opt-out flag" {
	run -0 in_netns '
		link=$1 leftovers=$2
		ip link add name eth7 type veth peer name peer7
		idx=$(cat /sys/class/net/eth7/ifindex)
		export SUBSYSTEM=net ID_PCI_PATH=02/01 ID_PCI_PATH_TAG=02-01 ID_PCI_PATH_ENTRY=net IFINDEX=$idx
		ACTION=add "$link" update
		ACTION=change PCIPATH_IGNORE=1 "$link" update
		echo "ignored: $(eval "$leftovers")"
		ACTION=change "$link" update
		ACTION=change UDEV_DISABLE_PCIPATH_RULES_FLAG=1 "$link" remove
		echo "opted out: $(eval "$leftovers")"
	' "$LEFTOVERS"
	assert_output "ignored: 
opted out: "
}

@test "follows no symlink it did not make, and writes nothing outside /dev/by-pcipath" {
	run -1 --separate-stderr in_netns '
		link=$1
		ip link add name na type veth peer name na-peer
		mkdir -p /run/elsewhere /dev/by-pcipath
		ln -s /run/elsewhere /dev/by-pcipath/02
		trap "ls -A /run/elsewhere | wc -l; ls -A /run/pcipath/db | wc -l" EXIT
		ACTION=add SUBSYSTEM=net ID_PCI_PATH=02/01 ID_PCI_PATH_TAG= ID_PCI_PATH_ENTRY=net \
			IFINDEX=$(cat /sys/class/net/na/ifindex) "$link" update
	'
	assert_output "0
0"
	[ "$stderr" = "pcipath_link: /dev/by-pcipath/02/01/net: cannot link to /sys/class/net/na: Not a directory" ]
}

@test "replaces no inode that is not a symlink" {
	run -1 --separate-stderr in_sysfs - bash -euc '
		mkdir -p /dev/by-pcilabel/boot; touch /dev/vda /dev/by-pcilabel/boot/disk
		ACTION=add SUBSYSTEM=block MAJOR=254 MINOR=0 PCIPATH_LABEL=boot ID_PCI_PATH=02/01 \
			ID_PCI_PATH_ENTRY=disk DEVNAME=/dev/vda "$1" update || { stat -c %F /dev/by-pcilabel/boot/disk; exit 1; }
	' _ "$PCIPATH_LINK"
	assert_output "regular empty file"
	[ "$stderr" = "pcipath_link: /dev/by-pcilabel/boot/disk: is no symlink, not replacing it" ]
}

@test "refuses paths and entries that are not its own" {
	for bad in "ID_PCI_PATH=../../etc ID_PCI_PATH_ENTRY=net" "ID_PCI_PATH=02/1 ID_PCI_PATH_ENTRY=net"; do
		run -1 --separate-stderr in_sysfs - env SUBSYSTEM=net IFINDEX=1 $bad "$PCIPATH_LINK" update
		assert_output ""
		[ "$stderr" = "pcipath_link: no valid ID_PCI_PATH in the environment" ]
	done
	for bad in "ID_PCI_PATH=02/01 ID_PCI_PATH_ENTRY=disk" "ID_PCI_PATH=02/01 ID_PCI_PATH_ENTRY=../net" \
		"ID_PCI_PATH=02/01 ID_PCI_PATH_ENTRY=net-port0"; do
		run -1 --separate-stderr in_sysfs - env SUBSYSTEM=net IFINDEX=1 $bad "$PCIPATH_LINK" update
		[ "$stderr" = "pcipath_link: no valid ID_PCI_PATH_ENTRY in the environment" ]
	done
	run -1 --separate-stderr in_sysfs - env -u SUBSYSTEM "$PCIPATH_LINK" update
	[ "$stderr" = "pcipath_link: no SUBSYSTEM in the environment" ]
	run -1 --separate-stderr in_sysfs - env SUBSYSTEM=net ID_PCI_PATH=02 "$PCIPATH_LINK" update
	[ "$stderr" = "pcipath_link: no valid IFINDEX in the environment" ]
	# A node without a label: udev made its links, nothing for us to do or record.
	run -0 --separate-stderr in_sysfs - bash -c '"$@"; ls -A /run/pcipath/db' _ env SUBSYSTEM=block \
		MAJOR=254 MINOR=0 ID_PCI_PATH=02/01 ID_PCI_PATH_ENTRY=disk DEVNAME=/dev/vda "$PCIPATH_LINK" update
	assert_output ""
	[ -z "$stderr" ]
	run -1 --separate-stderr "$PCIPATH_LINK" frob
	[ "$stderr" = "pcipath_link: usage: pcipath_link update|remove|uart" ]
}

@test "converges when events for one interface race" {
	run -0 in_netns '
		link=$1
		ip link add name na type veth peer name na-peer
		export SUBSYSTEM=net ACTION=add ID_PCI_PATH=04/00 ID_PCI_PATH_TAG=04-00 ID_PCI_PATH_ENTRY=net
		export IFINDEX=$(cat /sys/class/net/na/ifindex)
		for i in $(seq 1 40); do "$link" update & done
		wait
		readlink /dev/by-pcipath/04/00/net
		ls -A /dev/by-pcipath/04/00
		cat /run/pcipath/db/n$IFINDEX
	'
	assert_output "/sys/class/net/na
net
L by-pcipath/04/00/net /sys/class/net/na
A pcipath-04-00"
}

# fake_vfio SYS BDF GROUP DRIVER: a function bound to DRIVER, in IOMMU group GROUP.
fake_vfio() {
	local sys=$1 fn=devices/pci0000:00/$2
	fake_root "$sys"
	mkdir -p "$sys/$fn" "$sys/kernel/iommu_groups/$3" "$sys/bus/pci/drivers/$4"
	ln -sfn "../../../kernel/iommu_groups/$3" "$sys/$fn/iommu_group"
	ln -sfn "../../../bus/pci/drivers/$4" "$sys/$fn/driver"
}

@test "links a function bound to vfio-pci (or a variant) to its group, and unlinks it on unbind" {
	SYS="$BATS_TEST_TMPDIR/sys"
	fake_vfio "$SYS" 0000:00:03.0 5 vfio-pci
	mkdir -p "$SYS/class/vfio/noiommu-5"
	fake_vfio "$SYS" 0000:00:04.0 7 mlx5_vfio_pci
	run -0 in_sysfs "$SYS" bash -euc '
		export SUBSYSTEM=pci
		ACTION=bind DEVPATH=/devices/pci0000:00/0000:00:03.0 ID_PCI_PATH=03 DRIVER=vfio-pci "$1" update
		ACTION=bind DEVPATH=/devices/pci0000:00/0000:00:04.0 ID_PCI_PATH=04 DRIVER=mlx5_vfio_pci "$1" update
		readlink /dev/by-pcipath/03/vfio /dev/by-pcipath/04/vfio
		ls /run/pcipath/db
		# unbind: the event says so even before sysfs does (values from the db)
		ACTION=unbind DEVPATH=/devices/pci0000:00/0000:00:03.0 ID_PCI_PATH=03 "$1" update
		ACTION=remove DEVPATH=/devices/pci0000:00/0000:00:04.0 "$1" remove
		[ ! -e /dev/by-pcipath ] && [ -z "$(ls -A /run/pcipath/db)" ] && echo gone
	' _ "$PCIPATH_LINK"
	assert_output "../../vfio/noiommu-5
../../vfio/7
+pci:0000:00:03.0
+pci:0000:00:04.0
gone"
}

@test "takes back a vfio link when the function is removed with no ID_PCI_PATH left" {
	SYS="$BATS_TEST_TMPDIR/sys"
	fake_vfio "$SYS" 0000:00:03.0 9 vfio-pci
	run -0 in_sysfs "$SYS" bash -euc '
		export SUBSYSTEM=pci DEVPATH=/devices/pci0000:00/0000:00:03.0
		ACTION=bind ID_PCI_PATH=03 DRIVER=vfio-pci "$1" update
		readlink /dev/by-pcipath/03/vfio
		# hot-unplugged: unbind, then remove, with nothing but the device id
		ACTION=remove "$1" remove
		[ ! -e /dev/by-pcipath ] && echo gone
	' _ "$PCIPATH_LINK"
	assert_output "../../vfio/9
gone"
}

@test "links a labelled disk and partition by label, and refuses a second claimant" {
	run -0 --separate-stderr in_sysfs - bash -euc '
		link=$1
		mkdir -p /dev/dri; touch /dev/vda /dev/vda1 /dev/sdb /dev/dri/card0
		export SUBSYSTEM=block PCIPATH_LABEL=boot ACTION=add
		MAJOR=254 MINOR=0 ID_PCI_PATH=02/01 ID_PCI_PATH_ENTRY=disk ID_PCI_PATH_DISK=02/01 DEVNAME=/dev/vda "$link" update
		MAJOR=254 MINOR=1 ID_PCI_PATH=02/01 ID_PCI_PATH_ENTRY=disk-part1 ID_PCI_PATH_DISK=02/01-part1 \
			DEVNAME=/dev/vda1 "$link" update
		SUBSYSTEM=drm MAJOR=226 MINOR=0 ID_PCI_PATH=03 ID_PCI_PATH_ENTRY=card DEVNAME=/dev/dri/card0 \
			PCIPATH_LABEL=gpu "$link" update
		# another function labelled "boot" (a glob matching two): refused, first kept
		MAJOR=8 MINOR=16 ID_PCI_PATH=04 ID_PCI_PATH_ENTRY=disk ID_PCI_PATH_DISK=04 DEVNAME=/dev/sdb "$link" update
		echo "second event: quiet"
		MAJOR=8 MINOR=16 ID_PCI_PATH=04 ID_PCI_PATH_ENTRY=disk ID_PCI_PATH_DISK=04 DEVNAME=/dev/sdb "$link" update
		find /dev/by-pcilabel /dev/disk/by-pcilabel -type l -printf "%p %l\n" | sort; ls /run/pcipath/db
	' _ "$PCIPATH_LINK"
	assert_output "second event: quiet
/dev/by-pcilabel/boot/disk ../../vda
/dev/by-pcilabel/boot/disk-part1 ../../vda1
/dev/by-pcilabel/gpu/card ../../dri/card0
/dev/disk/by-pcilabel/boot ../../vda
/dev/disk/by-pcilabel/boot-part1 ../../vda1
b254:0
b254:1
b8:16
c226:0"
	[ "$stderr" = "pcipath_link: /dev/by-pcilabel/boot/disk: already names ../../vda, not taking it for ../../sdb
pcipath_link: /dev/disk/by-pcilabel/boot: already names ../../vda, not taking it for ../../sdb" ]
}

@test "a label removed by a change event takes its links, and the next vda inherits none" {
	run -0 in_sysfs - bash -euc '
		link=$1 leftovers=$2
		touch /dev/vda /dev/vda1
		export SUBSYSTEM=block ID_PCI_PATH=02/01 MAJOR=254
		MINOR=0 ACTION=add PCIPATH_LABEL=boot ID_PCI_PATH_ENTRY=disk ID_PCI_PATH_DISK=02/01 DEVNAME=/dev/vda "$link" update
		MINOR=1 ACTION=add PCIPATH_LABEL=boot ID_PCI_PATH_ENTRY=disk-part1 ID_PCI_PATH_DISK=02/01-part1 DEVNAME=/dev/vda1 "$link" update
		readlink /dev/disk/by-pcilabel/boot-part1
		# the hwdb entry is gone: the change events carry no PCIPATH_LABEL
		MINOR=0 ACTION=change ID_PCI_PATH_ENTRY=disk ID_PCI_PATH_DISK=02/01 DEVNAME=/dev/vda "$link" update
		MINOR=1 ACTION=change ID_PCI_PATH_ENTRY=disk-part1 ID_PCI_PATH_DISK=02/01-part1 DEVNAME=/dev/vda1 "$link" update
		echo "after change: $(eval "$leftovers")"
	' _ "$PCIPATH_LINK" "$LEFTOVERS"
	assert_output "../../vda1
after change: "
}

@test "a label that moves to another device follows it" {
	run -0 in_sysfs - bash -euc '
		link=$1
		touch /dev/vda /dev/vdb
		export SUBSYSTEM=block ACTION=change PCIPATH_LABEL=data MAJOR=254 ID_PCI_PATH_ENTRY=disk
		MINOR=0 ID_PCI_PATH=02 ID_PCI_PATH_DISK=02 DEVNAME=/dev/vda "$link" update
		MINOR=16 ID_PCI_PATH=03 ID_PCI_PATH_DISK=03 DEVNAME=/dev/vdb "$link" update 2>/dev/null
		readlink /dev/by-pcilabel/data/disk
		# the label now names 03 only: 02 lets go, 03 (waiting) gets it
		MINOR=0 ID_PCI_PATH=02 ID_PCI_PATH_DISK=02 DEVNAME=/dev/vda PCIPATH_LABEL= "$link" update
		readlink /dev/by-pcilabel/data/disk /dev/disk/by-pcilabel/data
	' _ "$PCIPATH_LINK"
	assert_output "../../vda
../../vdb
../../vdb"
}

@test "gives a labelled NIC a label link and the label as altname when it is free" {
	run -0 --separate-stderr in_netns '
		link=$1
		ip link add name eth7 type veth peer name peer7
		ip link property add dev peer7 altname taken
		idx=$(cat /sys/class/net/eth7/ifindex)
		export SUBSYSTEM=net ACTION=change ID_PCI_PATH=02/01 ID_PCI_PATH_TAG=02-01 ID_PCI_PATH_ENTRY=net
		PCIPATH_LABEL=uplink IFINDEX=$idx "$link" update
		readlink /dev/by-pcilabel/uplink/net
		ip -o link show uplink | cut -d: -f2
		PCIPATH_LABEL=taken IFINDEX=$idx "$link" update
		ip -o link show taken | cut -d: -f2
		# the label changed: the old label link and altname went with it
		ip -o link show uplink 2>/dev/null || echo "no altname uplink"
		PCIPATH_LABEL="bad/label" IFINDEX=$idx "$link" update
		ls /dev/by-pcilabel 2>/dev/null || echo "no label links"
	'
	assert_output "/sys/class/net/eth7
 eth7@peer7
 peer7@eth7
no altname uplink
no label links"
	[ "$stderr" = "pcipath_link: eth7: altname taken is taken by another interface, not adding it
pcipath_link: ?: PCIPATH_LABEL \"bad/label\" is not [A-Za-z0-9_.-]{1,64}, ignoring it" ]
}

@test "a storm of 100 add/remove cycles of a NIC and a disk leaves nothing behind" {
	run -0 in_netns '
		link=$1 leftovers=$2
		touch /dev/vda
		for i in $(seq 1 100); do
			ip link add name eth0 type veth peer name p0
			idx=$(cat /sys/class/net/eth0/ifindex)
			SUBSYSTEM=net ACTION=add ID_PCI_PATH=02/00 ID_PCI_PATH_TAG=02-00 ID_PCI_PATH_ENTRY=net \
				PCIPATH_LABEL=lan IFINDEX=$idx "$link" update
			SUBSYSTEM=block ACTION=add MAJOR=254 MINOR=0 ID_PCI_PATH=03/00 ID_PCI_PATH_ENTRY=disk \
				ID_PCI_PATH_DISK=03/00 PCIPATH_LABEL=boot DEVNAME=/dev/vda "$link" update
			[ -L /dev/by-pcipath/02/00/net ] && [ -L /dev/disk/by-pcilabel/boot ] || exit 1
			ip link del eth0
			SUBSYSTEM=net ACTION=remove IFINDEX=$idx "$link" remove
			SUBSYSTEM=block ACTION=remove MAJOR=254 MINOR=0 DEVNAME=/dev/vda "$link" remove
		done
		echo "left: $(eval "$leftovers")"
	' "$LEFTOVERS"
	assert_output "left: "
}
