#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# Host side of the stability test (issue 3, point 3a): boot topologies/stable.sh twice,
# the second time with a root port and switch added at an earlier slot, and compare
# the names the guest recorded: by-path must change, by-pcipath must not.
#
# Needs PCIPATH_VM_DESTDIR (a meson install --destdir tree; tests/vm/run-suite sets it).

load /usr/lib/bats/bats-support/load.bash
load /usr/lib/bats/bats-assert/load.bash

VM=$BATS_TEST_DIRNAME/..

setup_file() {
	[[ -d ${PCIPATH_VM_DESTDIR-} ]] || {
		echo "PCIPATH_VM_DESTDIR is not a directory: '${PCIPATH_VM_DESTDIR-}'" >&2
		return 1
	}
	export OUT=$BATS_FILE_TMPDIR
}

@test "first boot: the disk has its links" {
	run "$VM/run-guest" --topology "$VM/topologies/stable.sh" \
		--destdir "$PCIPATH_VM_DESTDIR" --out "$OUT/plain"
	echo "$output"
	assert_success
}

@test "second boot, with a switch at an earlier slot: the disk has its links" {
	PCIPATH_VM_STABLE_EXTRA=1 run "$VM/run-guest" --topology "$VM/topologies/stable.sh" \
		--destdir "$PCIPATH_VM_DESTDIR" --out "$OUT/extra"
	echo "$output"
	assert_success
}

@test "the extra switch really moved the disk: its by-path names changed" {
	local a b
	a=$(grep '^/dev/disk/by-path/' "$OUT/plain/results/names.txt")
	b=$(grep '^/dev/disk/by-path/' "$OUT/extra/results/names.txt")
	echo "plain: $a"
	echo "extra: $b"
	[[ -n $a && -n $b ]] || fail "no by-path names recorded"
	assert_not_equal "$a" "$b"
}

@test "the disk's by-pcipath names did not change" {
	local a b
	a=$(grep 'by-pcipath/' "$OUT/plain/results/names.txt")
	b=$(grep 'by-pcipath/' "$OUT/extra/results/names.txt")
	echo "plain: $a"
	echo "extra: $b"
	[[ -n $a ]] || fail "no by-pcipath names recorded"
	assert_equal "$a" "$b"
	assert_equal "$a" $'/dev/by-pcipath/04/00/disk\n/dev/disk/by-pcipath/04/00'
}
