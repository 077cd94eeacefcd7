#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# In-guest checks for topologies/life.sh: every link and altname pcipath made for a
# device goes once it is no longer wanted (SPEC section 4): vfio functions unplugged or
# destroyed, labels dropped, ignore and opt-out set live, names swapped (the hotplug
# storm is storm.bats). The tests run in order.

load guest_helper

nic_of() {
	ls "$(fn_of "$1")"/virtio*/net
}

# no_records_for GLOB: pcipath_link keeps no record and no claim matching GLOB.
no_records_for() {
	local left
	left=$(cd /run/pcipath 2>/dev/null && find db links -name "$1" 2>/dev/null)
	[[ -z $left ]] || fail "records left in /run/pcipath: $left"
}

# wait_fn PATH [SECONDS]: until a PCI function is at PATH (hot-added: bus unknown).
wait_fn() {
	local i
	for ((i = 0; i < ${2:-60} * 5; i++)); do
		fn_of "$1" >/dev/null 2>&1 && { settle 30; return; }
		sleep 0.2
	done
	fail "no PCI function at $1 after ${2:-60} s"
}

# bind_vfio FN: bind the function to vfio-pci through driver_override.
bind_vfio() {
	modprobe vfio-pci
	echo vfio-pci >"$1/driver_override"
	[[ -e $1/driver ]] && echo "${1##*/}" >"$1/driver/unbind"
	echo "${1##*/}" >/sys/bus/pci/drivers_probe
}

@test "a function bound to vfio-pci and unplugged with device_del leaves no vfio link" {
	local fn grp
	run host_qmp '{"execute":"device_add","arguments":{"driver":"pci-testdev","id":"tdev","bus":"hp3","addr":"00.0"}}'
	assert_success
	wait_fn 03/00
	fn=$(fn_of 03/00)
	bind_vfio "$fn"
	wait_for /dev/by-pcipath/03/00/vfio 30
	grp=$(basename "$(readlink -f "$fn/iommu_group")")
	assert_link /dev/by-pcipath/03/00/vfio "/dev/vfio/$grp"
	run host_qmp '{"execute":"device_del","arguments":{"id":"tdev"}}'
	assert_success
	wait_gone "$fn" 60
	settle
	assert_no_link /dev/by-pcipath/03/00/vfio
	assert_no_link /dev/by-pcipath/03
	no_records_for "+pci:*"
}

@test "VFs bound to vfio-pci lose their vfio links when sriov_numvfs goes to 0" {
	local pf vf n
	pf=$(fn_of 02/00)
	echo 0 >"$pf/sriov_drivers_autoprobe"
	echo 2 >"$pf/sriov_numvfs"
	wait_for "$pf/virtfn1" 30
	for n in 0 1; do
		vf=$(readlink -f "$pf/virtfn$n")
		bind_vfio "$vf"
		wait_for "/dev/by-pcipath/02/00v$n/vfio" 30
		assert_link "/dev/by-pcipath/02/00v$n/vfio" "/dev/vfio/$(basename "$(readlink -f "$vf/iommu_group")")"
	done
	echo 0 >"$pf/sriov_numvfs"
	wait_gone "$pf/virtfn0" 30
	settle
	assert_no_link /dev/by-pcipath/02/00v0
	assert_no_link /dev/by-pcipath/02/00v1
	assert_no_link /dev/by-pcipath/02
	no_records_for "+pci:*"
}

# hwdb TEXT: make TEXT the local hwdb file (empty: none), compile, reload udev.
hwdb() {
	mkdir -p /etc/udev/hwdb.d
	if [[ -n $1 ]]; then
		printf '%s\n' "$1" >/etc/udev/hwdb.d/61-pcipath-local.hwdb
	else
		rm -f /etc/udev/hwdb.d/61-pcipath-local.hwdb
	fi
	systemd-hwdb --strict update || fail "systemd-hwdb update failed"
	udevadm control --reload
}

@test "a hwdb label removed and PCIPATH_IGNORE added live take their links and altname" {
	local disk nic
	disk=$(block_of "$(fn_of 06)")
	nic=$(nic_of 04)
	hwdb $'pcipath:06\n PCIPATH_LABEL=boot\n\npcipath:04\n PCIPATH_LABEL=lan'
	udevadm trigger --action=change --subsystem-match=block --subsystem-match=net
	settle 60
	assert_link /dev/disk/by-pcilabel/boot "$disk"
	assert_link /dev/disk/by-pcilabel/boot-part1 "$(part_of "$disk" 1)"
	assert_link /dev/by-pcilabel/lan/net "/sys/class/net/$nic"
	assert_link /dev/by-pcipath/04/net "/sys/class/net/$nic"
	run ip -o link show pcipath-04
	assert_success

	# the recipe of the hwdb header: edit, update, a change event
	hwdb $'pcipath:04\n PCIPATH_IGNORE=1'
	udevadm trigger --action=change --subsystem-match=block --subsystem-match=net
	settle 60
	assert_no_link /dev/disk/by-pcilabel
	assert_no_link /dev/by-pcilabel
	assert_no_link /dev/by-pcipath/04
	run ip link show pcipath-04
	assert_failure
	run ip link show lan
	assert_failure
	assert_disk 06

	hwdb ''
	udevadm trigger --action=change --subsystem-match=net
	settle 60
	assert_link /dev/by-pcipath/04/net "/sys/class/net/$nic"
}

@test "two NICs that swap names (A -> tmp, B -> A, tmp -> B) keep their own links" {
	local a b
	a=$(nic_of 04) b=$(nic_of 05)
	ip link set "$a" down
	ip link set "$b" down
	# udev behind the renames, as under load: all three, then their events
	udevadm control --stop-exec-queue
	ip link set "$a" name pcitmp0
	ip link set "$b" name "$a"
	ip link set pcitmp0 name "$b"
	udevadm control --start-exec-queue
	settle
	[[ $(nic_of 04) == "$b" && $(nic_of 05) == "$a" ]] || fail "the names did not swap"
	assert_link /dev/by-pcipath/04/net "/sys/class/net/$b"
	assert_link /dev/by-pcipath/05/net "/sys/class/net/$a"
	run ip -o link show pcipath-04
	assert_output --regexp "^[0-9]+: $b:"
	run ip -o link show pcipath-05
	assert_output --regexp "^[0-9]+: $a:"
}

NIC_ADD='{"execute":"device_add","arguments":{"driver":"virtio-net-pci","id":"snic","netdev":"stormnet","mac":"52:54:00:00:08:00","bus":"hp8","addr":"00.0"}}'
NIC_DEL='{"execute":"device_del","arguments":{"id":"snic"}}'

@test "the opt-out flag set after a NIC got its links, then unplug: nothing is left" {
	local fn ifc
	run host_qmp "$NIC_ADD"
	assert_success
	wait_for /dev/by-pcipath/08/00/net 60
	ifc=$(nic_of 08/00)
	fn=$(fn_of 08/00)
	mkdir -p /etc/udev/rules.d
	printf 'SUBSYSTEM=="net", KERNEL=="%s", ENV{UDEV_DISABLE_PCIPATH_RULES_FLAG}="1"\n' "$ifc" \
		>/etc/udev/rules.d/00-pcipath-optout.rules
	udevadm control --reload
	run host_qmp "$NIC_DEL"
	assert_success
	wait_gone "$fn" 60
	settle
	rm /etc/udev/rules.d/00-pcipath-optout.rules
	udevadm control --reload
	gone_for 08/00
}
