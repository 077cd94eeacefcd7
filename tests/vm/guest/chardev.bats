#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# In-guest checks for topologies/chardev.sh: drm, serial, virtio-ports and net entries
# of /dev/by-pcipath (SPEC section 3). Expected nodes come from sysfs, never from
# kernel numbering (drm card numbers change between boots).

load guest_helper

setup_file() {
	wait_for /sys/class/virtio-ports/vport*p2 60 || true
	local n
	for ((n = 0; n < 60; n++)); do
		compgen -G '/sys/class/virtio-ports/vport*p2' >/dev/null &&
			(($(ls /sys/class/net | wc -l) >= 3)) && break
		sleep 0.5
	done
	settle 60
}

# drm_node FN KIND: /dev/dri/<name> of the card* (KIND=card) or renderD* (KIND=render)
# node of the PCI function FN, from FN's own drm directory.
drm_node() {
	local d
	for d in "$1"/drm/*; do
		case $2:${d##*/} in
		card:card[0-9] | card:card[0-9][0-9] | render:renderD*)
			echo "/dev/dri/${d##*/}"
			return 0
			;;
		esac
	done
	echo "no drm $2 node under $1" >&2
	return 1
}

# tty_nodes FN: the tty nodes of the PCI function FN in line order, one per line.
tty_nodes() {
	local t
	# Linux 6.1 puts the ttys right below the function (FN/tty/ttyS4); 6.5 and later
	# below serial-base port devices (FN/FN:0/FN:0.0/tty/ttyS4).
	for t in "$1"/tty/* "$1"/*:*/*:*/tty/*; do
		[[ -f $t/line ]] && echo "$(<"$t/line") /dev/${t##*/}"
	done | sort -n | cut -d' ' -f2
}

@test "virtio-gpu has card and render entries that resolve to its own nodes" {
	local fn
	fn=$(fn_of 02/00)
	assert_link /dev/by-pcipath/02/00/card "$(drm_node "$fn" card)"
	assert_link /dev/by-pcipath/02/00/render "$(drm_node "$fn" render)"
	assert_props "$(drm_node "$fn" card)" 02/00
}

@test "a card entry resolves to the node whose sysfs device is the function" {
	local dev
	for p in 02/00 03; do
		dev=$(readlink -f "/dev/by-pcipath/$p/card")
		[[ $dev == /dev/dri/card* ]] || fail "$p/card resolves to $dev"
		[[ $(readlink -f "/sys/class/drm/${dev##*/}/device") == "$(fn_of "$p")" ]] ||
			fail "$dev belongs to $(readlink -f "/sys/class/drm/${dev##*/}/device"), not $p"
	done
}

@test "bochs-display has a card entry and, having no render node, no render entry" {
	local fn
	fn=$(fn_of 03)
	assert_link /dev/by-pcipath/03/card "$(drm_node "$fn" card)"
	assert_no_link /dev/by-pcipath/03/render
}

@test "pci-serial-2x: tty-port0 and tty-port1 in line order" {
	local -a ttys
	mapfile -t ttys < <(tty_nodes "$(fn_of 04)")
	((${#ttys[@]} == 2)) || fail "expected 2 ttys under 04, got: ${ttys[*]}"
	assert_link /dev/by-pcipath/04/tty-port0 "${ttys[0]}"
	assert_link /dev/by-pcipath/04/tty-port1 "${ttys[1]}"
	assert_no_link /dev/by-pcipath/04/tty
	assert_props "${ttys[0]}" 04
}

@test "pci-serial with one line: a plain tty entry" {
	local -a ttys
	mapfile -t ttys < <(tty_nodes "$(fn_of 05)")
	((${#ttys[@]} == 1)) || fail "expected 1 tty under 05, got: ${ttys[*]}"
	assert_link /dev/by-pcipath/05/tty "${ttys[0]}"
	assert_no_link /dev/by-pcipath/05/tty-port0
}

@test "virtio-serial ports are vport<M> by port number, never by port name" {
	local fn p
	fn=$(fn_of 06/00)
	for m in 1 2; do
		p=$(ls -d "$fn"/virtio*/virtio-ports/vport*p"$m")
		assert_link "/dev/by-pcipath/06/00/vport$m" "/dev/${p##*/}"
		assert_props "/dev/${p##*/}" 06/00
	done
	run find /dev/by-pcipath -name '*example*'
	assert_output ''
}

@test "virtio-net on the root bus: a net entry pointing at its interface" {
	local ifc
	ifc=$(ls "$(fn_of 07)"/virtio*/net)
	assert_link /dev/by-pcipath/07/net "/sys/class/net/$ifc"
	assert_props "/sys/class/net/$ifc" 07
}

@test "virtio-net behind a switch: 08/00/01/00/net" {
	local ifc
	ifc=$(ls "$(fn_of 08/00/01/00)"/virtio*/net)
	assert_link /dev/by-pcipath/08/00/01/00/net "/sys/class/net/$ifc"
}

@test "each interface has the altname pcipath-<ID_PCI_PATH_TAG>" {
	# bats-pcipath(7): link, altname, and ip link resolving the altname to it
	assert_pcipath_nic 07
	assert_pcipath_nic 08/00/01/00
}

# rename_back OLDNAME: undo the rename. udev's net_setup_link gives the renamed
# interface its old predictable name as an altname, which blocks the way back.
rename_back() {
	ip link property del dev pcimoved altname "$1" 2>/dev/null || true
	ip link set pcimoved name "$1"
	settle 30
}

# The rename test must not leave its name behind for the tests after it.
teardown() {
	if [[ -e /sys/class/net/pcimoved && -s $BATS_FILE_TMPDIR/ifname ]]; then
		rename_back "$(<"$BATS_FILE_TMPDIR/ifname")"
	fi
}

@test "renaming an interface (move) keeps its net entry and altname right" {
	local ifc
	ifc=$(ls "$(fn_of 07)"/virtio*/net)
	echo "$ifc" >"$BATS_FILE_TMPDIR/ifname"
	ip link set "$ifc" name pcimoved
	settle 30
	assert_link /dev/by-pcipath/07/net /sys/class/net/pcimoved
	run ip -o link show pcipath-07
	assert_success
	assert_output --regexp '^[0-9]+: pcimoved: '
	rename_back "$ifc"
	assert_link /dev/by-pcipath/07/net "/sys/class/net/$ifc"
}

@test "/dev/by-pcipath holds exactly the expected entries" {
	assert_links_exactly /dev/by-pcipath \
		02/00/card 02/00/render 03/card 04/tty-port0 04/tty-port1 05/tty \
		06/00/vport1 06/00/vport2 07/net 08/00/01/00/net
}

@test "devices without a PCI function get no entry and no property" {
	run udevadm info -q property /sys/class/tty/ttyS0
	refute_line --partial ID_PCI_PATH
	run udevadm info -q property /sys/class/net/lo
	refute_line --partial ID_PCI_PATH
}

@test "a hot-added 2-port UART has tty-port0 and tty-port1, never tty, three times over" {
	local i fn t
	for i in 1 2 3; do
		run host_qmp '{"execute":"device_add","arguments":{"driver":"pci-serial-2x","id":"hotuart","bus":"rp9","addr":"00.0","chardev1":"h0","chardev2":"h1"}}'
		assert_success
		wait_for /dev/by-pcipath/09/00/tty-port1 60
		# The first port may have been named alone, then re-triggered (helper/uart.h).
		wait_for /dev/by-pcipath/09/00/tty-port0 30
		settle 60
		fn=$(fn_of 09/00)
		mapfile -t t < <(tty_nodes "$fn")
		((${#t[@]} == 2)) || fail "round $i: ${#t[@]} ports: ${t[*]}"
		assert_link /dev/by-pcipath/09/00/tty-port0 "${t[0]}"
		assert_link /dev/by-pcipath/09/00/tty-port1 "${t[1]}"
		assert_no_link /dev/by-pcipath/09/00/tty
		run host_qmp '{"execute":"device_del","arguments":{"id":"hotuart"}}'
		assert_success
		wait_gone /dev/by-pcipath/09 60
	done
}
