#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# Boot a real Debian 12 root filesystem by its PCI path (SPEC section 6): the .deb
# installed in a disk image made from Debian's packages (mkimage-debian.sh), the
# distribution's initramfs-tools initramfs with our hook, and one from dracut.
#
# PCIPATH_DEB names the .deb to install; without it, tests/deb/build makes one from
# this tree first.

load /usr/lib/bats/bats-support/load.bash
load /usr/lib/bats/bats-assert/load.bash

IMAGE_DIR=$BATS_TEST_DIRNAME

setup_file() {
	if [[ -z ${PCIPATH_DEB-} ]]; then
		PCIPATH_DEB=$("$IMAGE_DIR/../../deb/build" --outdir "$BATS_FILE_TMPDIR/deb") || return 1
	fi
	[[ -f $PCIPATH_DEB ]] || {
		echo "PCIPATH_DEB is not a file: '$PCIPATH_DEB'" >&2
		return 1
	}
	local image
	image=$("$IMAGE_DIR/mkimage-debian.sh" "$PCIPATH_DEB") || return 1
	export IMAGE=$image OUT=$BATS_FILE_TMPDIR
}

setup() {
	# shellcheck source=tests/vm/image/paths.sh
	. "$IMAGE_DIR/paths.sh"
}

# boot NAME ARGS...: boot-image into $OUT/NAME; the console log is printed on failure.
boot() {
	local name=$1
	shift
	run "$IMAGE_DIR/boot-image" --image "$IMAGE" --out "$OUT/$name" "$@"
	echo "$output"
	# The boot's time, in the TAP stream for the record (CI time is a budget).
	echo "# $(tail -n1 <<<"$output")" >&3
	grep 'pcipath-boot:\|ALERT\|Kernel panic\|Give root password\|emergency' \
		"$OUT/$name/console.log" 2>/dev/null || true
}

# names NAME: the names boot-check saw for the root and data devices.
names() {
	# Anywhere in a line: the console may have started another line there (getty).
	sed -n 's/\r$//; s/.*pcipath-boot: name //p' "$OUT/$1/console.log"
}

@test "initramfs-tools: the initramfs holds the helpers, the rules and a hwdb" {
	local f
	for f in pcipath_id pcipath_link rules.d/61-pcipath.rules hwdb.bin rules.d/60-persistent-storage.rules; do
		grep -q "udev/$f\$" "$IMAGE/itools.files" || fail "no udev/$f in the initramfs-tools initramfs"
	done
}

@test "dracut: the initramfs holds the helpers, the rules and a hwdb" {
	local f
	for f in pcipath_id pcipath_link rules.d/61-pcipath.rules hwdb.bin rules.d/60-persistent-storage.rules; do
		grep -q "udev/$f\$" "$IMAGE/dracut.files" || fail "no udev/$f in the dracut initramfs"
	done
}

@test "initramfs-tools: boots root=/dev/disk/by-pcipath/<path behind a switch>-part1, fstab mounts the data disk by path" {
	boot itools
	assert_success
	grep -q "pcipath-boot: cmdline .*root=/dev/disk/by-pcipath/$ROOT_PATH-part1 " "$OUT/itools/console.log"
	run names itools
	assert_line "/ /dev/disk/by-pcipath/$ROOT_PATH-part1"
	assert_line "/mnt/data /dev/disk/by-pcipath/$DATA_PATH-part1"
	# The local label of /etc/udev/hwdb.d, compiled into the real root's hwdb.
	assert_line "/ /dev/disk/by-pcilabel/$ROOT_LABEL-part1"
}

@test "initramfs-tools: after a root port is added at 01.0, the same image still boots and mounts" {
	boot shifted --shift
	assert_success
}

@test "the added root port moved the disks' buses (by-path) but not their by-pcipath names" {
	[[ -f $OUT/itools/console.log && -f $OUT/shifted/console.log ]] || fail "needs both boots"
	local a b
	a=$(names itools | grep ' /dev/disk/by-path/' | sort)
	b=$(names shifted | grep ' /dev/disk/by-path/' | sort)
	echo "first:   $a"
	echo "shifted: $b"
	[[ -n $a && -n $b ]] || fail "no by-path names recorded"
	assert_not_equal "$a" "$b"
	a=$(names itools | grep -v ' /dev/disk/by-path/' | sort)
	b=$(names shifted | grep -v ' /dev/disk/by-path/' | sort)
	[[ -n $a ]] || fail "no by-pcipath names recorded"
	assert_equal "$a" "$b"
}

# hwdb_in INITRD KEY: the hwdb properties the initramfs' own udevadm finds for KEY.
hwdb_in() {
	local dir=$OUT/unpacked-${1%.img}
	rm -rf "$dir"
	mkdir -p "$dir"
	{ zstd -dc "$IMAGE/$1" 2>/dev/null || gzip -dc "$IMAGE/$1"; } | (cd "$dir" && cpio -id --quiet) ||
		fail "cannot unpack $1"
	chroot "$dir" udevadm hwdb --test="$2"
}

@test "initramfs-tools: the local label of /etc/udev/hwdb.d is in the initramfs' hwdb" {
	run hwdb_in initrd.img "pcipath:$ROOT_PATH"
	assert_success
	assert_output "PCIPATH_LABEL=$ROOT_LABEL"
}

@test "dracut: the local label of /etc/udev/hwdb.d is in the initramfs' hwdb" {
	run hwdb_in initrd-dracut.img "pcipath:$ROOT_PATH"
	assert_success
	assert_output "PCIPATH_LABEL=$ROOT_LABEL"
}

@test "dracut: boots root=/dev/disk/by-pcipath/<path behind a switch>-part1 and mounts the data disk" {
	boot dracut --initrd initrd-dracut.img
	assert_success
	run names dracut
	assert_line "/ /dev/disk/by-pcipath/$ROOT_PATH-part1"
	assert_line "/mnt/data /dev/disk/by-pcipath/$DATA_PATH-part1"
}

@test "initramfs-tools: a wrong path in root= ends in the initramfs' missing-root ALERT, quickly" {
	# initramfs-tools waits max(30, rootdelay) seconds for the root device.
	boot wrong --root /dev/disk/by-pcipath/09/00-part1 --timeout 300
	# 4: the initramfs panicked and panic= rebooted (QEMU's -no-reboot ends it).
	assert_failure 4
	run grep -a 'ALERT!  */dev/disk/by-pcipath/09/00-part1 does not exist' "$OUT/wrong/console.log"
	assert_success
}
