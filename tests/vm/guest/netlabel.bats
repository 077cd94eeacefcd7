#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# In-guest checks for topologies/netlabel.sh: a NIC behind a pci-bridge, the example
# .link file naming it by path, NIC hot-add and unplug, and hwdb labels (pcipath(7)).
# The tests run in order and build on each other.

load guest_helper

nic_of() {
	ls "$(fn_of "$1")"/virtio*/net
}

@test "a NIC behind a pcie-pci-bridge is 03/00/01/net, with altname pcipath-03-00-01" {
	local ifc
	ifc=$(nic_of 03/00/01)
	assert_link /dev/by-pcipath/03/00/01/net "/sys/class/net/$ifc"
	assert_props "/sys/class/net/$ifc" 03/00/01
	run ip -o link show pcipath-03-00-01
	assert_success
	assert_output --regexp "^[0-9]+: $ifc:"
}

@test "the shipped example .link file names the NIC at 03/00/01 uplink0 by its path" {
	local ifc
	ifc=$(nic_of 03/00/01)
	mkdir -p /etc/systemd/network
	# installed under the build's prefix: /usr or /usr/local
	local ex
	ex=$(ls /usr/share/doc/pcipath/examples/70-pcipath-uplink.link \
		/usr/local/share/doc/pcipath/examples/70-pcipath-uplink.link 2>/dev/null | head -n1)
	[[ -n $ex ]] || fail "the example .link file is not installed"
	cp "$ex" /etc/systemd/network/
	udevadm control --reload
	ip link set dev "$ifc" down
	udevadm trigger --action=add "/sys/class/net/$ifc"
	settle
	[[ $(nic_of 03/00/01) == uplink0 ]] || fail "NIC at 03/00/01 is $(nic_of 03/00/01), not uplink0"
	assert_link /dev/by-pcipath/03/00/01/net /sys/class/net/uplink0
	run ip -o link show pcipath-03-00-01
	assert_output --regexp "^[0-9]+: uplink0:"
}

@test "a NIC hot-added at 04/00 gets its link and altname" {
	assert_no_link /dev/by-pcipath/04
	run host_qmp '{"execute":"device_add","arguments":{"driver":"virtio-net-pci","id":"hotnic","netdev":"hotnet","mac":"52:54:00:00:04:00","bus":"hp4","addr":"00.0"}}'
	assert_success
	wait_for /dev/by-pcipath/04/00/net 60
	assert_link /dev/by-pcipath/04/00/net "/sys/class/net/$(nic_of 04/00)"
	run ip -o link show pcipath-04-00
	assert_success
}

@test "unplugging the NIC removes its link, emptied directories and altname" {
	run host_qmp '{"execute":"device_del","arguments":{"id":"hotnic"}}'
	assert_success
	wait_gone /dev/by-pcipath/04/00/net 60
	assert_no_link /dev/by-pcipath/04/00
	assert_no_link /dev/by-pcipath/04
	run ip link show pcipath-04-00
	assert_failure
	# the NIC behind the bridge is untouched
	assert_link /dev/by-pcipath/03/00/01/net /sys/class/net/uplink0
}

@test "a local hwdb file labels functions by path and glob, and ignores one" {
	mkdir -p /etc/udev/hwdb.d
	cat >/etc/udev/hwdb.d/61-pcipath-local.hwdb <<'HWDB'
pcipath:05/00
 PCIPATH_LABEL=boot

pcipath:06
 PCIPATH_LABEL=gpu

pcipath:03/00/01
 PCIPATH_LABEL=uplink

pcipath:07/*
 PCIPATH_LABEL=globbed

pcipath:08
 PCIPATH_IGNORE=1

pcipath:09
pcipath:0a
 PCIPATH_LABEL=dup
HWDB
	run systemd-hwdb --strict update
	assert_success
	assert_output ""
	udevadm control --reload
	dmesg -c >/dev/null
	udevadm trigger --action=change --subsystem-match=block --subsystem-match=drm \
		--subsystem-match=net
	settle 60

	local boot
	boot=$(block_of "$(fn_of 05/00)")
	assert_link /dev/disk/by-pcilabel/boot "$boot"
	assert_link /dev/disk/by-pcilabel/boot-part1 "$(part_of "$boot" 1)"
	assert_link /dev/by-pcilabel/boot/disk "$boot"
	assert_link /dev/by-pcilabel/boot/disk-part1 "$(part_of "$boot" 1)"
	assert_link /dev/disk/by-pcilabel/globbed "$(block_of "$(fn_of 07/00)")"
	# drm card numbers are not stable: compare the node's device with the function
	[[ $(readlink -f /sys/class/drm/"$(basename "$(readlink -f /dev/by-pcilabel/gpu/card)")"/device) == "$(fn_of 06)" ]] ||
		fail "/dev/by-pcilabel/gpu/card is not the card of 06"
	[[ $(readlink -f /sys/class/drm/"$(basename "$(readlink -f /dev/by-pcilabel/gpu/render)")"/device) == "$(fn_of 06)" ]] ||
		fail "/dev/by-pcilabel/gpu/render is not the render node of 06"
	assert_link /dev/by-pcilabel/uplink/net /sys/class/net/uplink0
	run ip -o link show uplink
	assert_output --regexp "^[0-9]+: uplink0:"
	# ignored: no pcipath names at all, the other names stay
	assert_no_link /dev/disk/by-pcipath/08
	assert_no_link /dev/by-pcipath/08
	assert_disk 05/00
}

@test "a label given to two functions is reported, and neither link is overwritten" {
	local d9 da got
	d9=$(block_of "$(fn_of 09)")
	da=$(block_of "$(fn_of 0a)")
	got=$(readlink -f /dev/disk/by-pcilabel/dup)
	[[ $got == "$d9" || $got == "$da" ]] || fail "dup resolves to $got"
	run dmesg
	assert_output --partial "/dev/disk/by-pcilabel/dup: already names"
	assert_output --partial "/dev/by-pcilabel/dup/disk: already names"
	# replaying both again changes nothing: the first claimant keeps the link
	udevadm trigger --action=change "/sys/class/block/${da##*/}" "/sys/class/block/${d9##*/}"
	settle
	[[ $(readlink -f /dev/disk/by-pcilabel/dup) == "$got" ]] || fail "dup moved to another disk"
}

@test "a USB disk behind a PCI xHCI is named by its path and path_id's USB transport" {
	local sd
	wait_for /dev/disk/by-pcipath/0b-usb-0:1:1.0-scsi-0:0:0:0 30
	sd=$(readlink -f /dev/disk/by-pcipath/0b-usb-0:1:1.0-scsi-0:0:0:0)
	run udevadm info -q property "$sd"
	assert_line ID_PATH=pci-0000:00:0b.0-usb-0:1:1.0-scsi-0:0:0:0
	assert_line ID_PCI_PATH=0b
	assert_link /dev/by-pcipath/0b/disk-usb-0:1:1.0-scsi-0:0:0:0 "$sd"
	[[ $(readlink -f "/sys/class/block/${sd##*/}") == "$(fn_of 0b)"/* ]] ||
		fail "$sd is not below the xHCI at 0b"
}

@test "systemd 254+: the USB disk's second link, from ID_PATH_WITH_USB_REVISION; 252: none" {
	local sd ver rev bdf
	sd=$(readlink -f /dev/disk/by-pcipath/0b-usb-0:1:1.0-scsi-0:0:0:0)
	[[ -b $sd ]] || fail "no USB disk at 0b"
	ver=$(udevadm --version | grep -o '^[0-9]*')
	rev=$(udevadm info -q property "$sd" | sed -n 's/^ID_PATH_WITH_USB_REVISION=//p')
	if ((ver >= 254)); then
		bdf=$(basename "$(fn_of 0b)")
		# path_id's form: the USB hop carries the revision (usbv2, usbv3)
		[[ $rev =~ ^pci-$bdf-usbv[0-9]-0:1:1\.0-scsi-0:0:0:0$ ]] ||
			fail "udev $ver gave ID_PATH_WITH_USB_REVISION='$rev'"
		assert_link "/dev/disk/by-pcipath/0b${rev#pci-"$bdf"}" "$sd"
		assert_pcipath_link "disk/by-pcipath/0b${rev#pci-"$bdf"}" 0b
		# as by-path does it: one more link, the first one unchanged
		assert_link "/dev/disk/by-path/$rev" "$sd"
	else
		[[ -z $rev ]] || fail "udev $ver set ID_PATH_WITH_USB_REVISION=$rev"
	fi
	assert_link /dev/disk/by-pcipath/0b-usb-0:1:1.0-scsi-0:0:0:0 "$sd"
	run find /dev/disk/by-pcipath -name '0b-usbv*'
	if ((ver >= 254)); then assert_output "/dev/disk/by-pcipath/0b${rev#pci-"$bdf"}"; else assert_output ''; fi
}
