#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# In-guest hotplug storm for topologies/storm.sh (SPEC sections 4 and 5): a disk and a
# NIC added and removed STORM_CYCLES times, each NIC used by its pcipath-<tag> altname
# right after `pcipath wait`; then no link, directory, altname or record is left.

load guest_helper

# STORM_CYCLES: the storm's length (tests/vm/README.md has its time).
STORM_CYCLES=${STORM_CYCLES:-20}

NIC_ADD='{"execute":"device_add","arguments":{"driver":"virtio-net-pci","id":"snic","netdev":"stormnet","mac":"52:54:00:00:08:00","bus":"hp8","addr":"00.0"}}'
NIC_DEL='{"execute":"device_del","arguments":{"id":"snic"}}'
DISK_ADD='{"execute":"device_add","arguments":{"driver":"virtio-blk-pci","id":"sdisk","drive":"stormblk","bus":"hp7","addr":"00.0"}}'
DISK_DEL='{"execute":"device_del","arguments":{"id":"sdisk"}}'

# qmp_add JSON: device_add, retried while QEMU still finalizes the last device_del
# of that id ("Duplicate device ID"), boundedly.
qmp_add() {
	local i
	for ((i = 0; i < 20; i++)); do
		host_qmp "$1" >/dev/null && return 0
		sleep 0.5
	done
	return 1
}

# Each cycle also uses the NIC's altname right after `pcipath wait` (SPEC section 5):
# the wait must not return before pcipath_link made it.
@test "a hotplug storm of a disk and a NIC, each NIC used by altname right after wait, leaves nothing" {
	local i start fd fn j
	start=$(date +%s)
	for ((i = 1; i <= STORM_CYCLES; i++)); do
		qmp_add "$DISK_ADD" || fail "cycle $i: disk device_add failed"
		qmp_add "$NIC_ADD" || fail "cycle $i: NIC device_add failed"
		pcipath wait 08/00 --kind net --timeout 60 >/dev/null || fail "cycle $i: no NIC"
		ip link set pcipath-08-00 up || fail "cycle $i: pcipath-08-00 is not there after wait"
		pcipath wait 07/00 --kind block --timeout 60 >/dev/null || fail "cycle $i: no disk"
		fd=$(fn_of 07/00) fn=$(fn_of 08/00)
		host_qmp "$DISK_DEL" >/dev/null || fail "cycle $i: disk device_del failed"
		host_qmp "$NIC_DEL" >/dev/null || fail "cycle $i: NIC device_del failed"
		for ((j = 0; j < 300; j++)); do
			[[ -e $fd || -e $fn ]] || break
			sleep 0.2
		done
		[[ ! -e $fd && ! -e $fn ]] || fail "cycle $i: the functions did not go"
	done
	settle
	echo "# storm: $STORM_CYCLES cycles in $(($(date +%s) - start)) s" >&3
	gone_for 07/00
	gone_for 08/00
	assert_no_link /dev/disk/by-pcipath/07
	run find /run/pcipath/links -name "*07!00*" -o -name "*08!00*"
	assert_output ''
}
