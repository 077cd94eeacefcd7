#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# predict.bats: pcipath normalize and predict on the QEMU command lines, domain XMLs
# and query-pci replies of tests/predict/ (each *.paths / *.links written by hand from
# the addresses in its input), bad input, and libvirt's own domxml-to-native as a
# cross-check of --libvirt-xml against --qemu-args.

load test_helper

PCIPATH="$PCIPATH_BUILD_DIR/pcipath"
D="$PCIPATH_SOURCE_DIR/tests/predict"

@test "normalize prints the canonical form of every input form of SPEC 1" {
	run -0 --separate-stderr "$PCIPATH" normalize 03 1C.2/0 02/00/01/00 3 03.0 \
		pci0000:00/03 pci0000:20/00/00 20/00/02 ff/1f/1f.7 02/00v3 02/00.1v7
	assert_output "03
1c.2/00
02/00/01/00
03
03
03
pci0000:20/00/00
pci0000:20/00/02
pci0000:ff/1f/1f.7
02/00v3
02/00.1v7"
	[ -z "$stderr" ]
}

@test "normalize keeps a Kata path on root bus 00 when its first hop is a slot" {
	run -0 "$PCIPATH" normalize 02/00/01 1f/00/02
	assert_output $'02/00/01\n1f/00/02'
}

@test "normalize refuses anything else with one line and prints nothing" {
	local bad
	for bad in 02v1/00 +3 003 20/00 20 03/ '' 0x03 03.8 PCI0000:20/00 'pci0000:20' 02/00v; do
		run -1 --separate-stderr "$PCIPATH" normalize "$bad"
		[ -z "$output" ] || fail "stdout for '$bad': $output"
		[[ $stderr == "pcipath: normalize: '$bad': "* ]] || fail "stderr for '$bad': $stderr"
		[ "${#lines[@]}" -eq 0 ] && [ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ] ||
			fail "more than one line for '$bad'"
	done
}

@test "normalize prints nothing at all when one of several arguments is bad" {
	run -1 --separate-stderr "$PCIPATH" normalize 02 03 02v1/00 04
	[ -z "$output" ]
	assert_equal "$stderr" "pcipath: normalize: '02v1/00': a VF hop (SSvN) must be the last hop"
}

@test "normalize without arguments is a usage error" {
	run -2 "$PCIPATH" normalize
}

@test "predict --qemu-args --format=paths prints the hand-written paths of every command line" {
	local f n=0
	for f in "$D"/*.args; do
		[[ -f ${f%.args}.paths ]] || continue
		run -0 --separate-stderr "$PCIPATH" predict --qemu-args "$f" --format=paths
		diff -u "${f%.args}.paths" - <<<"$output" || fail "${f##*/}"
		n=$((n + 1))
	done
	[ "$n" -ge 5 ]
}

@test "predict --format=paths is sorted as LC_ALL=C sort sorts" {
	local f
	for f in "$D"/*.args; do
		[[ -f ${f%.args}.paths ]] || continue
		run -0 --separate-stderr "$PCIPATH" predict --qemu-args "$f" --format=paths
		LC_ALL=C sort -c <<<"$output" || fail "${f##*/} is not sorted"
	done
}

@test "predict --format=links gives the disk, NVMe, SCSI and NIC links and altnames" {
	local f n=0
	for f in "$D"/*.args; do
		[[ -f ${f%.args}.links ]] || continue
		run -0 --separate-stderr "$PCIPATH" predict --qemu-args "$f" --format=links
		diff -u "${f%.args}.links" - <<<"$output" || fail "${f##*/}"
		n=$((n + 1))
	done
	[ "$n" -ge 2 ]
}

@test "predict --qemu-args - reads the command line from stdin" {
	run -0 --separate-stderr "$PCIPATH" predict --qemu-args - --format=paths <"$D/quoting.args"
	diff -u "$D/quoting.paths" - <<<"$output"
}

@test "predict reports a device without addr on stderr and leaves it out" {
	run -0 --separate-stderr "$PCIPATH" predict --format=paths --qemu-args - \
		<<<"qemu -M q35 -device virtio-blk-pci,id=a,bus=pcie.0,addr=3 -device e1000,id=b"
	assert_output "a virtio-blk-pci 03"
	assert_equal "$stderr" "pcipath: predict: -: e1000 b on bus pcie.0 has no addr: QEMU picks its slot, not predicted"
}

@test "predict --json is an array with id, driver, path, tag, links and altnames" {
	run -0 --separate-stderr "$PCIPATH" predict --json --qemu-args "$D/q35-legacy.args"
	jq -e 'type == "array"' <<<"$output"
	run -0 jq -c '.[] | select(.id == "nic1")' <<<"$output"
	assert_output '{"id":"nic1","driver":"virtio-net-pci","path":"02/00/01/00","tag":"02-00-01-00","links":["/dev/by-pcipath/02/00/01/00/net"],"altnames":["pcipath-02-00-01-00"]}'
	run -0 "$PCIPATH" predict --format=json --qemu-args "$D/q35-legacy.args"
	run -0 jq -r '.[] | select(.id != null) | "\(.id) \(.driver) \(.path)"' <<<"$output"
	diff -u "$D/q35-legacy.paths" <(LC_ALL=C sort <<<"$output")
}

@test "predict's table has a header and one row per function, links below each other" {
	run -0 --separate-stderr "$PCIPATH" predict --qemu-args "$D/virt-aarch64.args"
	assert_line --index 0 --regexp '^ID +DRIVER +PATH +LINKS$'
	assert_line --regexp '^root +virtio-blk-pci +01/00 +/dev/disk/by-pcipath/01/00$'
	assert_line --regexp '^ +/dev/by-pcipath/01/00/disk$'
	assert_line --regexp '^eth0 +virtio-net-pci +01.1/00 +/dev/by-pcipath/01.1/00/net$'
	assert_line --regexp '^ +altname pcipath-01.1-00$'
	# the header, 8 functions, and a line more for the second link of root, eth0, nv
	[ "${#lines[@]}" -eq 12 ]
}

@test "predict --libvirt-xml --format=paths prints the hand-written paths of every domain XML" {
	local f n=0
	for f in "$D"/*.xml; do
		[[ -f $f.paths ]] || continue
		run -0 --separate-stderr "$PCIPATH" predict --libvirt-xml "$f" --format=paths
		diff -u "$f.paths" - <<<"$output" || fail "${f##*/}"
		n=$((n + 1))
	done
	[ "$n" -ge 3 ]
}

@test "predict --libvirt-xml links the virtio disk, the virtio-scsi LUN and the NICs" {
	run -0 --separate-stderr "$PCIPATH" predict --libvirt-xml "$D/q35.xml" --format=links
	assert_line "02/00 /dev/disk/by-pcipath/02/00"
	assert_line "02.1/00/01/00 /dev/by-pcipath/02.1/00/01/00/disk"
	assert_line "02.2/00/01/02 /dev/disk/by-pcipath/02.2/00/01/02-scsi-0:0:2:3"
	assert_line "pci0000:20/00/00 /dev/by-pcipath/pci0000:20/00/00/net"
	assert_line "1e/01/1f pcipath-1e-01-1f"
	# vda, vdb, the LUN: two links each; two NICs: a link and an altname each
	run -0 grep -c ' ' <<<"$output"
	assert_output 10
}

# The recorded replies (tests/predict/record-qmp: the same command line booted with
# SeaBIOS) name the same functions as the command line, plus the machine's own.
@test "predict --qmp-query-pci on a live reply equals --qemu-args of its command line" {
	local base builtins
	for base in q35-legacy:'00 1f 1f.2 1f.3' pc:'00 01 01.1 01.3 pci0000:40/00'; do
		builtins=${base#*:} base=${base%%:*}
		run -0 --separate-stderr "$PCIPATH" predict --qmp-query-pci "$D/$base.qmp.json" \
			--format=links
		local qmp=$output
		run -0 "$PCIPATH" predict --qemu-args "$D/$base.args" --format=links
		local args=$output
		# Every function: the command line's, and the machine's built-in ones.
		diff -u <({ grep -v ' ' <<<"$args"; tr ' ' '\n' <<<"$builtins"; } | LC_ALL=C sort -u) \
			<(grep -v ' ' <<<"$qmp") || fail "$base: functions differ"
		# Links from query-pci alone (virtio-blk, NICs) are among the command line's.
		comm -23 <(grep ' ' <<<"$qmp") <(grep ' ' <<<"$args") | diff -u /dev/null - ||
			fail "$base: a link the command line does not give"
		grep -q '/dev/disk/by-pcipath' <<<"$qmp" && grep -q ' pcipath-' <<<"$qmp" ||
			fail "$base: no disk or NIC link from query-pci"
	done
}

@test "predict refuses bad input with one line, exit 1 and nothing on stdout" {
	local t f opt want
	for t in \
		bad-unknown-bus.args:"virtio-blk-pci vd: unknown bus 'rp9'" \
		bad-slot.args:"addr 0x20 out of range" \
		bad-function.args:"addr 3.8 out of range" \
		bad-loop.args:"its buses form a loop" \
		bad-json.args:"invalid JSON" \
		bad-quote.args:"unterminated ' quote" \
		bad-same-addr.args:"two devices at 03 (a and b)" \
		bad-unknown-bus.xml:"disk vda: unknown bus '5'" \
		bad-slot.xml:"slot='0x20' is out of range" \
		bad-loop.xml:"its buses form a loop" \
		bad-invalid.xml:"invalid XML" \
		bad-invalid.qmp.json:"invalid JSON" \
		bad-slot.qmp.json:"without a valid slot" \
		does-not-exist.args:"No such file or directory" \
		does-not-exist.xml:"No such file or directory"; do
		f=${t%%:*} want=${t#*:}
		case $f in
		*.args) opt=--qemu-args ;;
		*.xml) opt=--libvirt-xml ;;
		*) opt=--qmp-query-pci ;;
		esac
		run -1 --separate-stderr "$PCIPATH" predict "$opt" "$D/$f"
		[ -z "$output" ] || fail "$f: stdout: $output"
		[[ $stderr == "pcipath: predict: $D/$f: "*"$want"* ]] || fail "$f: stderr: $stderr"
		[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ] || fail "$f: more than one line"
	done
}

@test "predict wants exactly one input and a known format" {
	run -2 "$PCIPATH" predict
	run -2 "$PCIPATH" predict --qemu-args "$D/pc.args" --libvirt-xml "$D/pc.xml"
	run -2 "$PCIPATH" predict --qemu-args "$D/pc.args" --format=yaml
	run -2 "$PCIPATH" predict --qemu-args "$D/pc.args" extra
	run -0 "$PCIPATH" predict --help
	assert_line --partial "--qmp-query-pci FILE"
}

# libvirt's QEMU driver, embedded in virsh (no daemon): define the XML, take its dumpxml
# and the QEMU command line libvirt would run for it. Both must give the same paths.
# domxml-to-native replaces <interface> with its own (and re-addresses it), so NICs are
# compared only by count; built-in controllers (sata, ide) have no -device.
@test "libvirt's domxml-to-native agrees with --libvirt-xml (q35 and pc)" {
	local root=$BATS_TEST_TMPDIR/libvirt xml name
	mkdir -p "$root/etc"
	printf 'user = "root"\ngroup = "root"\n' >"$root/etc/qemu.conf"
	# The driver insists the default user (libvirt-qemu) exists, even when qemu.conf
	# names another: give it one in a private mount namespace, not on the machine.
	cp /etc/passwd "$BATS_TEST_TMPDIR/passwd"
	cp /etc/group "$BATS_TEST_TMPDIR/group"
	echo 'libvirt-qemu:x:64055:64055::/nonexistent:/usr/sbin/nologin' >>"$BATS_TEST_TMPDIR/passwd"
	echo 'libvirt-qemu:x:64055:' >>"$BATS_TEST_TMPDIR/group"
	for xml in q35 pc; do
		name=pcipath-$xml
		# shellcheck disable=SC2016 # expanded by the inner sh, from its arguments
		run -0 unshare --mount sh -euc '
			mount --bind "$1/passwd" /etc/passwd
			mount --bind "$1/group" /etc/group
			u="qemu:///embed?root=$2"
			virsh -q -c "$u" define "$3" >/dev/null
			virsh -q -c "$u" dumpxml "$4" >"$1/$4.xml"
			virsh -q -c "$u" domxml-to-native qemu-argv "$1/$4.xml" >"$1/$4.args"
		' sh "$BATS_TEST_TMPDIR" "$root" "$D/$xml.xml" "$name"
		run -0 --separate-stderr "$PCIPATH" predict --json --libvirt-xml "$BATS_TEST_TMPDIR/$name.xml"
		local lv=$output
		run -0 --separate-stderr "$PCIPATH" predict --json --qemu-args "$BATS_TEST_TMPDIR/$name.args"
		local qa=$output
		diff -u <(jq -r '.[] | select(.key // "" | test("^(interface |controller (sata|ide) )") | not) | .path' <<<"$lv" | LC_ALL=C sort) \
			<(jq -r '.[] | select(.links | any(endswith("/net")) | not) | .path' <<<"$qa" | LC_ALL=C sort) ||
			fail "$xml: paths differ"
		assert_equal "$(jq '[.[] | select(.altnames != [])] | length' <<<"$lv")" \
			"$(jq '[.[] | select(.altnames != [])] | length' <<<"$qa")"
		# The disks' links, transports included, are the same.
		diff -u <(jq -r '.[].links[] | select(startswith("/dev/disk/"))' <<<"$lv" | LC_ALL=C sort) \
			<(jq -r '.[].links[] | select(startswith("/dev/disk/"))' <<<"$qa" | LC_ALL=C sort) ||
			fail "$xml: disk links differ"
	done
}
