#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# tests/fixtures/*.sysfs and tests/fixtures/load-sysfs: each recorded fixture loads into a
# tree that records back to the same dump, so the fixtures the data suite replays are
# faithful to the guests they came from; the loader refuses entries outside its DIR.

load /usr/lib/bats/bats-support/load.bash
load /usr/lib/bats/bats-assert/load.bash

FIXTURES=$BATS_TEST_DIRNAME/../../fixtures
LOAD=$FIXTURES/load-sysfs
RECORD=$BATS_TEST_DIRNAME/../guest/record-sysfs.sh

@test "there is a fixture for each topology with bats files" {
	for t in bridges storage chardev vfio; do
		[[ -s $FIXTURES/$t.sysfs ]] || fail "missing $FIXTURES/$t.sysfs"
	done
}

@test "each fixture says which QEMU devices it came from" {
	for f in "$FIXTURES"/*.sysfs; do
		run grep -c '^# qemu: .*-device ' "$f"
		assert_output 1
	done
}

@test "each fixture loads into a tree that records back to the same dump" {
	for f in "$FIXTURES"/*.sysfs; do
		rm -rf "$BATS_TEST_TMPDIR/tree"
		"$LOAD" "$f" "$BATS_TEST_TMPDIR/tree"
		"$RECORD" "$BATS_TEST_TMPDIR/tree" >"$BATS_TEST_TMPDIR/again"
		run diff <(grep -v '^#' "$f") "$BATS_TEST_TMPDIR/again"
		assert_success
	done
}

@test "a loaded fixture resolves like sysfs: class link to a PCI function's block device" {
	"$LOAD" "$FIXTURES/storage.sysfs" "$BATS_TEST_TMPDIR/tree"
	local t=$BATS_TEST_TMPDIR/tree
	run readlink -f "$t/class/block/vda"
	assert_output --regexp "^$t/devices/pci0000:00/0000:00:03\.0/virtio[0-9]+/block/vda$"
	run cat "$t/devices/pci0000:00/0000:00:03.0/vendor"
	assert_output 0x1af4
}

@test "values are C-escaped: uevent's newlines come back as newlines" {
	"$LOAD" "$FIXTURES/storage.sysfs" "$BATS_TEST_TMPDIR/tree"
	run cat "$BATS_TEST_TMPDIR/tree/class/block/vda/uevent"
	assert_line DEVNAME=vda
	assert_line DEVTYPE=disk
}

@test "the loader refuses paths that leave its directory" {
	printf 'l ../evil target\n' >"$BATS_TEST_TMPDIR/bad"
	run "$LOAD" "$BATS_TEST_TMPDIR/bad" "$BATS_TEST_TMPDIR/tree"
	assert_failure
	assert_output --partial "bad path '../evil'"
	printf 'f /etc/evil x\n' >"$BATS_TEST_TMPDIR/bad"
	run "$LOAD" "$BATS_TEST_TMPDIR/bad" "$BATS_TEST_TMPDIR/tree"
	assert_failure
	[[ ! -e /etc/evil ]]
}

@test "the loader refuses unknown entry kinds" {
	printf 'x devices/foo\n' >"$BATS_TEST_TMPDIR/bad"
	run "$LOAD" "$BATS_TEST_TMPDIR/bad" "$BATS_TEST_TMPDIR/tree"
	assert_failure
	assert_output --partial "unknown entry 'x'"
}

@test "the recorder escapes what printf %b would misread, and the loader undoes it" {
	local t=$BATS_TEST_TMPDIR/src
	mkdir -p "$t/devices/pci0000:00/0000:00:01.0"
	printf 'a\\b\tc\001%%d\\c\n' >"$t/devices/pci0000:00/0000:00:01.0/uevent"
	run "$RECORD" "$t"
	assert_line 'f devices/pci0000:00/0000:00:01.0/uevent a\\b\tc\x01%d\\c\n'
	printf '%s\n' "${lines[@]}" >"$BATS_TEST_TMPDIR/dump"
	"$LOAD" "$BATS_TEST_TMPDIR/dump" "$BATS_TEST_TMPDIR/tree"
	cmp "$t/devices/pci0000:00/0000:00:01.0/uevent" "$BATS_TEST_TMPDIR/tree/devices/pci0000:00/0000:00:01.0/uevent"
}
