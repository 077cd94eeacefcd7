#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# The same VM gets the same names on Debian 12 (systemd 252, Linux 6.1) and Debian 13
# (systemd 257, Linux 6.12), so a guest upgraded from one to the other keeps them
# (SPEC section 6): each topology's listing after coldplug (bats-pcipath(7)'s
# pcipath_names: link names, the PCI path of the function each resolves to and what
# it is, never kernel names), as the vm-TOPOLOGY and vm-trixie-TOPOLOGY tests saved
# it, compared. A listing missing or older than the build is made here, by booting.
#
# Needs PCIPATH_VM_BUILDDIR (the meson build dir; tests/vm/meson.build sets it).

load /usr/lib/bats/bats-support/load.bash
load /usr/lib/bats/bats-assert/load.bash
load ../../../shell/bats-pcipath/load.bash

VM=$BATS_TEST_DIRNAME/..

setup_file() {
	[[ -d ${PCIPATH_VM_BUILDDIR-} ]] || {
		echo "PCIPATH_VM_BUILDDIR is not a directory: '${PCIPATH_VM_BUILDDIR-}'" >&2
		return 1
	}
}

# listing DIST TOPOLOGY: the path of a listing no older than the build, booting the
# topology (with its tests, as the vm suite does) when there is none.
listing() {
	local f=$PCIPATH_VM_BUILDDIR/vm-names/$1-$2.txt b
	for b in pcipath_id pcipath_link 61-pcipath.rules; do
		[[ -f $f && $f -nt $PCIPATH_VM_BUILDDIR/$b ]] || { rm -f "$f"; break; }
	done
	if [[ ! -f $f ]]; then
		# The guest's own TAP as comments of ours: one TAP stream for meson.
		"$VM/run-suite" --builddir "$PCIPATH_VM_BUILDDIR" --dist "$1" \
			--topology "$VM/topologies/$2.sh" 2>&1 | sed 's/^/# /' >&3 || true
	fi
	echo "$f"
}

# compare TOPOLOGY: the listings are equal, but for the one name SPEC section 3 adds
# on systemd 254+ only: a USB disk's second link, from ID_PATH_WITH_USB_REVISION
# (-usbvN-; netlabel.bats checks it). Every name Debian 12 has, 13 has the same.
compare() {
	local a b
	a=$(listing bookworm "$1")
	b=$(listing trixie "$1")
	[[ -f $b ]] || fail "no Debian 13 listing of $1"
	grep -v -- '-usbv[0-9]-' "$b" >"$BATS_TEST_TMPDIR/trixie.txt" || true
	assert_pcipath_names_equal "$a" "$BATS_TEST_TMPDIR/trixie.txt"
	# Every topology's devices have links after coldplug: a listing without one
	# compares nothing that matters.
	grep -q '^/dev/.* -> [0-9a-fp]' "$a" || fail "$a lists no link: $(cat "$a")"
}

@test "bridges: the same names on Debian 12 and 13" { compare bridges; }
@test "storage: the same names on Debian 12 and 13" { compare storage; }
@test "chardev: the same names on Debian 12 and 13" { compare chardev; }
@test "vfio: the same names on Debian 12 and 13" { compare vfio; }
@test "netlabel: the same names on Debian 12 and 13" { compare netlabel; }
