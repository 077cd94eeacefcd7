#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Build and cache a bootable Debian 12 disk image with a pcipath .deb installed, and
# the distribution's own initramfs for it: one from initramfs-tools (update-initramfs,
# run by the package's dpkg trigger with our hook) and one from dracut.
#
# Usage: tests/vm/image/mkimage-debian.sh PCIPATH_DEB
#
# Prints the directory holding vmlinuz, initrd.img (initramfs-tools),
# initrd-dracut.img, root.img (GPT, ext4 root on partition 1, QEMU serial
# pcipath-root expected), data.img (GPT, ext4 on partition 1, mounted by fstab on
# /mnt/data) and kernel.version. The image's fstab and its local hwdb name the
# disks by the paths tests/vm/image/boot.bats boots them at (ROOT_PATH, DATA_PATH).
#
# Two cache levels under $PCIPATH_VM_CACHE/debian-image: the base root trees
# (mmdebstrap from Debian's packages: systemd, udev, linux-image-amd64, and
# initramfs-tools or dracut), keyed on this script and the package versions the
# mirror offers; and the image, keyed on the base and the .deb. Rebuilding pcipath
# rebuilds only the second (about a minute), a new kernel both.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/../../.." && pwd)
# shellcheck source=tests/vm/common.sh
. "$here/../common.sh"
# shellcheck source=tests/vm/image/paths.sh
. "$here/paths.sh"

deb=$(readlink -f "${1:?usage: mkimage-debian.sh PCIPATH_DEB}")
[[ -f $deb ]] || vm_die "no such .deb: $1"
[[ $(id -u) == 0 ]] || vm_die "must run as root (mmdebstrap, chroot, mkfs with owners)"
vm_need mmdebstrap:mmdebstrap zstd:zstd mkfs.ext4:e2fsprogs sfdisk:fdisk

cache=$VM_CACHE/debian-image
mkdir -p "$cache"

suite=bookworm
mirrors=(
	"deb http://deb.debian.org/debian $suite main"
	"deb http://deb.debian.org/debian $suite-updates main"
	"deb http://deb.debian.org/debian-security $suite-security main"
)
# The base has the .deb's own dependencies too, so it installs offline (dpkg -i).
deb_deps=$(dpkg-deb -f "$deb" Depends | sed -E 's/\([^)]*\)//g; s/\|[^,]*//g; s/ //g')
common_pkgs=systemd-sysv,udev,linux-image-amd64,e2fsprogs,zstd,kmod,$deb_deps

# What the mirror offers now, resolved by apt on this (Debian 12) machine.
kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
if [[ -z $kpkg ]]; then
	apt-get update -qq -o DPkg::Lock::Timeout=600 >/dev/null
	kpkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
fi
versions=$(apt-cache policy "$kpkg" systemd udev initramfs-tools dracut | awk '/^[^ ]/ { p = $1 } /Candidate:/ { print p, $2 }')

# The drivers the test VM's root needs, and only these: MODULES=most (initramfs-tools)
# and dracut's all-drivers default copy every storage driver and take minutes under
# load, for a guest whose hardware the host chose. Configured before the kernel is
# installed (its postinst builds the first initramfs).
drivers=(virtio_pci virtio_blk ext4 crc32c_generic)
initramfs_conf() {
	local root=$1
	mkdir -p "$root/etc/initramfs-tools/conf.d" "$root/etc/dracut.conf.d"
	echo 'MODULES=list' >"$root/etc/initramfs-tools/conf.d/pcipath-test.conf"
	printf '%s\n' "${drivers[@]}" >"$root/etc/initramfs-tools/modules"
	printf 'drivers="%s"\nhostonly="no"\n' "${drivers[*]}" >"$root/etc/dracut.conf.d/pcipath-test.conf"
}

# base NAME EXTRA_PACKAGES: the cached base tree's tarball, built when missing or stale.
base() {
	local name=$1 extra=$2 tar=$cache/base-$1.tar.zst
	if [[ -f $tar && -f $cache/base-$name.key && $(<"$cache/base-$name.key") == "$base_key" ]]; then
		echo "$tar"
		return
	fi
	vm_log "building the $suite base image with $extra ($kpkg)"
	local conf
	conf=$(mktemp -d /var/tmp/pcipath-conf.XXXXXX)
	initramfs_conf "$conf"
	# shellcheck disable=SC2016 # mmdebstrap's hooks get the chroot as $1
	mmdebstrap --quiet --variant=apt --include="$common_pkgs,$extra" \
		--essential-hook="sync-in $conf /" \
		--customize-hook='echo pcipath-guest >"$1/etc/hostname"' \
		--customize-hook='rm -f "$1"/etc/machine-id; touch "$1/etc/machine-id"' \
		"$suite" "$tar.tmp.tar.zst" "${mirrors[@]}" >&2 ||
		{ rm -rf "$conf" "$tar.tmp.tar.zst"; vm_die "mmdebstrap failed"; }
	rm -rf "$conf"
	mv "$tar.tmp.tar.zst" "$tar"
	echo "$base_key" >"$cache/base-$name.key"
	echo "$tar"
}
# The bases' key: how they are made (the function, the packages, the mirrors) and
# what the mirror has, not the rest of this script.
base_key=$( {
	declare -f base initramfs_conf
	declare -p drivers
	echo "$suite $common_pkgs ${mirrors[*]}"
	echo "$versions"
} | sha256sum | cut -d' ' -f1)
base_itools=$(base initramfs-tools initramfs-tools)
base_dracut=$(base dracut dracut)

key=$( {
	sha256sum <"${BASH_SOURCE[0]}"
	echo "$base_key"
	sha256sum <"$deb"
	cat "$here/paths.sh" "$here/boot-check" "$here/pcipath-boot-check.service"
} | sha256sum | cut -d' ' -f1)
img=$cache/image
if [[ -f $img/key && $(<"$img/key") == "$key" ]]; then
	echo "$img"
	exit 0
fi

vm_log "building the $suite disk image with ${deb##*/}"
work=$(mktemp -d /var/tmp/pcipath-image.XXXXXX)
trap 'rm -rf "$work"' EXIT
in_chroot=$src/tests/deb/in-chroot

# install_pcipath ROOT: the local hwdb and the .deb, as an image builder would.
install_pcipath() {
	local root=$1
	mkdir -p "$root/etc/udev/hwdb.d"
	# A local label for the root disk: it must reach the initramfs (the hooks
	# compile /etc/udev/hwdb.d into it), checked by boot.bats.
	printf 'pcipath:%s\n PCIPATH_LABEL=%s\n' "$ROOT_PATH" "$ROOT_LABEL" \
		>"$root/etc/udev/hwdb.d/61-pcipath-local.hwdb"
	# in-chroot mounts a fresh /tmp: hand files over in /var/tmp.
	cp "$deb" "$root/var/tmp/pcipath.deb"
	# dpkg runs the triggers: udev's compiles the hwdb, initramfs-tools' rebuilds
	# the initramfs with our hook.
	"$in_chroot" "$root" dpkg -i /var/tmp/pcipath.deb >"$work/dpkg-$(basename "$root").log" 2>&1 ||
		{ cat "$work/dpkg-$(basename "$root").log" >&2; vm_die "dpkg -i failed in $root"; }
	rm -f "$root/var/tmp/pcipath.deb"
}

# --- the image's root: initramfs-tools ---------------------------------------------------
root=$work/root
mkdir -p "$root"
tar -C "$root" --zstd -xf "$base_itools"
kver=$(ls "$root/lib/modules")
[[ $(wc -w <<<"$kver") == 1 ]] || vm_die "expected one kernel in the image, found: $kver"
cat >"$root/etc/fstab" <<FSTAB
# pcipath boot test: both disks by PCI path (tests/vm/image/paths.sh)
/dev/disk/by-pcipath/$ROOT_PATH-part1 / ext4 errors=remount-ro 0 1
/dev/disk/by-pcipath/$DATA_PATH-part1 /mnt/data ext4 defaults 0 2
FSTAB
mkdir -p "$root/mnt/data" "$root/usr/local/sbin"
install -m 0755 "$here/boot-check" "$root/usr/local/sbin/pcipath-boot-check"
install -m 0644 "$here/pcipath-boot-check.service" "$root/etc/systemd/system/"
mkdir -p "$root/etc/systemd/system/sysinit.target.wants"
ln -sf /etc/systemd/system/pcipath-boot-check.service \
	"$root/etc/systemd/system/sysinit.target.wants/pcipath-boot-check.service"
install_pcipath "$root"
grep -q 'update-initramfs: Generating' "$work/dpkg-root.log" ||
	vm_die "installing the .deb did not rebuild the initramfs (no trigger?)"
"$in_chroot" "$root" lsinitramfs "/boot/initrd.img-$kver" >"$work/itools.files"

# --- dracut's initramfs, for the same kernel, from a root that has dracut -----------------
droot=$work/dracut
mkdir -p "$droot"
tar -C "$droot" --zstd -xf "$base_dracut"
[[ $(ls "$droot/lib/modules") == "$kver" ]] ||
	vm_die "the dracut base has kernel $(ls "$droot/lib/modules"), the image $kver: rebuild both"
# dracut takes the update-initramfs trigger too: dpkg -i rebuilds its initramfs.
install_pcipath "$droot"
grep -q 'dracut: Generating' "$work/dpkg-dracut.log" ||
	vm_die "installing the .deb did not rebuild the dracut initramfs (no trigger?)"
"$in_chroot" "$droot" lsinitrd "/boot/initrd.img-$kver" >"$work/dracut.files"
cp "$droot/boot/initrd.img-$kver" "$work/initrd-dracut.img"

# --- disks -----------------------------------------------------------------------------
# mkpart IMG TREE SIZE_MB: a GPT disk whose partition 1 (from 1 MiB) is an ext4
# filesystem made from TREE, written in place (mke2fs -E offset), no loop device.
mkpart() {
	local img=$1 tree=$2 mb=$3
	rm -f "$img"
	truncate -s "${mb}M" "$img"
	printf 'label: gpt\nstart=2048, type=linux\n' | sfdisk --quiet --no-reread --no-tell-kernel "$img" >/dev/null
	mkfs.ext4 -q -F -E offset=1048576 -d "$tree" "$img" "$(((mb - 2) * 1024))k"
}
cp "$root/boot/vmlinuz-$kver" "$work/vmlinuz"
cp "$root/boot/initrd.img-$kver" "$work/initrd.img"
used=$(du -sm "$root" | cut -f1)
mkpart "$work/root.img" "$root" "$((used + used / 2 + 256))"
mkdir -p "$work/data-tree"
echo "pcipath data disk" >"$work/data-tree/pcipath-data"
mkpart "$work/data.img" "$work/data-tree" 32

rm -rf "$img.new"
mkdir -p "$img.new"
mv "$work"/{vmlinuz,initrd.img,initrd-dracut.img,root.img,data.img,itools.files,dracut.files} "$img.new/"
echo "$kver" >"$img.new/kernel.version"
echo "$key" >"$img.new/key"
rm -rf "$img"
mv "$img.new" "$img"
echo "$img"
