#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# hwdb.bats: the shipped hwdb file and local ones: systemd-hwdb --strict, our own checker
# of keys, properties and labels, and their effect through the real udevadm and rules.

load test_helper

CHECK="$PCIPATH_SOURCE_DIR/tests/lib/check-hwdb"
HWDB="$PCIPATH_SOURCE_DIR/tests/fixtures/hwdb"

@test "the shipped hwdb compiles with systemd-hwdb --strict and says nothing" {
	mkdir -p "$BATS_TEST_TMPDIR/etc/udev/hwdb.d"
	cp "$PCIPATH_SOURCE_DIR/hwdb.d/61-pcipath.hwdb" "$HWDB/local-good.hwdb" \
		"$BATS_TEST_TMPDIR/etc/udev/hwdb.d/"
	run -0 systemd-hwdb --strict update --root "$BATS_TEST_TMPDIR"
	assert_output ""
	run -0 systemd-hwdb query --root "$BATS_TEST_TMPDIR" pcipath:02/00
	assert_output "PCIPATH_LABEL=boot"
	run -0 systemd-hwdb query --root "$BATS_TEST_TMPDIR" pcipath:04/00/01
	assert_output "PCIPATH_IGNORE=1"
}

@test "the shipped and the example local files pass our checker" {
	run -0 "$CHECK" "$PCIPATH_SOURCE_DIR/hwdb.d/61-pcipath.hwdb" "$HWDB/local-good.hwdb" \
		"$HWDB/local-model.hwdb"
	assert_output ""
}

@test "the checker rejects each known-bad file with its reason" {
	while read -r file msg; do
		run -1 "$CHECK" "$HWDB/$file"
		assert_output "$HWDB/$file:$msg"
	done <<'LIST'
bad-ignore.hwdb 2: PCIPATH_IGNORE must be 1, not "yes"
bad-key-case.hwdb 1: pcipath: key "pcipath:1C.2/00" is not a lower-case canonical PCI path (or glob)
bad-key.hwdb 1: unknown match key "usb:v1234p5678*" (want pcipath: or pci:v)
bad-label-dots.hwdb 2: PCIPATH_LABEL "../etc" is not 1 to 64 of [A-Za-z0-9_.-]
bad-label-long.hwdb 2: PCIPATH_LABEL "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" is not 1 to 64 of [A-Za-z0-9_.-]
bad-label-space.hwdb 2: PCIPATH_LABEL "my disk" is not 1 to 64 of [A-Za-z0-9_.-]
bad-pci-key-case.hwdb 1: pci: key "pci:v00001af4d00001041*" wants upper-case hex: pci:v<8>d<8>...
bad-property.hwdb 2: unknown property PCIPATH_LABELS (want PCIPATH_LABEL or PCIPATH_IGNORE)
LIST
	run -1 "$CHECK" "$HWDB/bad-label-by-model.hwdb"
	assert_output "$HWDB/bad-label-by-model.hwdb:2: PCIPATH_LABEL goes with pcipath: keys only"
	run -1 "$CHECK" "$HWDB/bad-orphan-property.hwdb"
	assert_output "$HWDB/bad-orphan-property.hwdb:2: match without properties
$HWDB/bad-orphan-property.hwdb:3: property without a match key"
}

@test "labels by path and glob, ignore by glob: through the real udevadm and rules" {
	run -0 "$PCIPATH_SOURCE_DIR/tests/lib/fixture-names" \
		"$PCIPATH_SOURCE_DIR/tests/fixtures/storage.sysfs" "$PCIPATH_BUILD_DIR" \
		"$HWDB/local-good.hwdb"
	diff -u "$PCIPATH_SOURCE_DIR/tests/fixtures/storage.local-good.expected" \
		<(printf '%s\n' "$output")
}

# storage_with HWDB_FILE: the storage fixture's names with that local hwdb file; sets
# output, links (its "# links" section) and expected (storage.expected's, no hwdb).
storage_with() {
	run -0 "$PCIPATH_SOURCE_DIR/tests/lib/fixture-names" \
		"$PCIPATH_SOURCE_DIR/tests/fixtures/storage.sysfs" "$PCIPATH_BUILD_DIR" "$HWDB/$1"
	links=$(printf '%s\n' "$output" | sed -n '/^# links/,$p' | grep -v '^#')
	expected=$(sed -n '/^# links/,$p' "$PCIPATH_SOURCE_DIR/tests/fixtures/storage.expected" |
		grep -v '^#')
}

@test "ignore by model: no links for any NVMe controller, the rest unchanged" {
	storage_with local-model.hwdb
	[ "$links" = "$(grep -v nvme <<<"$expected")" ]
	printf '%s\n' "$output" | grep -q "nvme0n1 PCIPATH_IGNORE=1"
}

@test "ignore by model is the function's own model, not an upstream bridge's" {
	storage_with local-model-bridge.hwdb
	[ "$links" = "$expected" ] ||
		fail "links behind the root ports changed: $(diff <(echo "$expected") <(echo "$links"))"
	# The root ports themselves, and nothing below them.
	run -0 sed -n '/^# hwdb properties/,/^#/{/^#/!p}' <(printf '%s\n' "$output")
	assert_output "/devices/pci0000:00/0000:00:02.0 PCIPATH_IGNORE=1
/devices/pci0000:00/0000:00:04.0 PCIPATH_IGNORE=1
/devices/pci0000:00/0000:00:05.0 PCIPATH_IGNORE=1
/devices/pci0000:00/0000:00:06.0 PCIPATH_IGNORE=1
/devices/pci0000:00/0000:00:07.0 PCIPATH_IGNORE=1"
}

@test "pcipath show and list display the hwdb label of a function" {
	local work=$BATS_TEST_TMPDIR
	"$PCIPATH_SOURCE_DIR/tests/fixtures/load-sysfs" \
		"$PCIPATH_SOURCE_DIR/tests/fixtures/storage.sysfs" "$work/sys"
	mkdir -p "$work/etc/udev/hwdb.d"
	cp "$HWDB/local-good.hwdb" "$work/etc/udev/hwdb.d/"
	systemd-hwdb --strict update --root "$work"
	run -0 in_sysfs "$work/sys" bash -euc '
		mount --bind "$1/etc/udev" /etc/udev
		"$2" show 02/00 2>/dev/null | grep "^label:"
		"$2" list --numeric | grep -E "^(02/00|03) " | grep -o " label=[^ ]*" || echo "03: none"
		"$2" list --json | jq -r ".[] | select(.path == \"05/00\" or .path == \"03\") | \"\(.path) \(.label)\""
	' _ "$work" "$PCIPATH_BUILD_DIR/pcipath"
	assert_output "label:     boot
 label=boot
03 null
05/00 scratch"
}
