#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# In-guest checks for topologies/netscheme.sh: pcipath's net links and altnames hold
# beside udev's own naming, under the naming scheme the kernel command line picks.

load guest_helper

scheme() {
	sed -n 's/.*net\.naming_scheme=\([^ ]*\).*/\1/p' /proc/cmdline
}

ifname_of() {
	local n
	for n in "$(fn_of "$1")"/virtio*/net/*; do
		[[ -d $n ]] && { echo "${n##*/}"; return 0; }
	done
	echo "no interface at $1" >&2
	return 1
}

@test "udev named both interfaces itself, by the scheme on the kernel command line" {
	local p ifname props
	[[ -n $(scheme) ]] || fail "no net.naming_scheme= on the kernel command line"
	for p in 09 09.1; do
		ifname=$(ifname_of "$p")
		props=$(udevadm info -q property "/sys/class/net/$ifname")
		grep -qxF "ID_NET_NAMING_SCHEME=$(scheme)" <<<"$props" ||
			fail "$ifname: udev did not use scheme $(scheme):"$'\n'"$(grep ^ID_NET <<<"$props")"
		# The kernel's ethN became one of the names udev's net_id computed.
		grep -qxE "ID_NET_NAME_(ONBOARD|SLOT|PATH)=$ifname" <<<"$props" ||
			fail "$ifname is none of udev's names:"$'\n'"$(grep ^ID_NET_NAME <<<"$props")"
	done
}

@test "each function of the slot has its net link and altname" {
	assert_pcipath_nic 09
	assert_pcipath_nic 09.1
}

@test "the altnames survive udev running its naming again (add, change, move)" {
	local action a b
	a=$(ifname_of 09) b=$(ifname_of 09.1)
	for action in add change move; do
		udevadm trigger --action="$action" --subsystem-match=net
		settle 60
		assert_pcipath_nic 09
		assert_pcipath_nic 09.1
		# udev's naming ran again and kept its names
		assert_equal "$(ifname_of 09) $(ifname_of 09.1)" "$a $b"
	done
}
