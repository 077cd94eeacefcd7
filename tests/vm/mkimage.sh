#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Build and cache the guest kernel and base initramfs for the VM tests, from Debian packages only.
#
# Usage: tests/vm/mkimage.sh [--dist bookworm|trixie] [--force]
# Prints nothing on success but the cache paths it produced (vmlinuz, base.cpio.zst),
# one per line. bookworm (the default) takes the kernel and userspace from this Debian
# 12 host's packages; trixie from a Debian 13 root that mmdebstrap makes once and the
# cache keeps (trixie/root, which also holds what pcipath is built with there). The
# base image holds everything that does not depend on the project: the project's
# destdir and the tests travel in a second cpio appended per run (see run-guest), so
# rebuilding pcipath never rebuilds this.
set -euo pipefail

# shellcheck source=tests/vm/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

force=0 dist=bookworm
while (($#)); do
	case $1 in
	--force) force=1; shift ;;
	--dist) dist=$2; shift 2 ;;
	*) vm_die "unknown argument: $1" ;;
	esac
done
vm_dist_check "$dist"
cache=$(vm_dist_cache "$dist")

[[ $(id -u) == 0 ]] || vm_die "must run as root (apt-get, dpkg-deb -x with device nodes)"

vm_need apt-get:apt dpkg-deb:dpkg zstd:zstd cpio:cpio depmod:kmod busybox:busybox-static \
	bash:bash udevadm:udev systemd-hwdb:udev ip:iproute2 bats:bats \
	/usr/lib/bats/bats-support/load.bash:bats-support \
	/usr/lib/bats/bats-assert/load.bash:bats-assert \
	readlink:coreutils find:findutils unshare:util-linux

# The packages the image is made of, and (in a Debian 13 root) what pcipath is built
# with there (tests/run-all's build list). On Debian 12 they are the host's own.
# (Debian 13 moved udev.pc, which gives the udev directory, to systemd-dev.)
image_pkgs=(udev kmod bash busybox-static iproute2 bats bats-support bats-assert coreutils findutils libc6)
build_pkgs=(meson ninja-build gcc libc6-dev pkg-config libudev-dev libkmod-dev libmnl-dev libjson-c-dev
	libxml2-dev scdoc systemd-dev)

if [[ $dist == bookworm ]]; then
	# Files come from the host itself.
	src=''
	in_src() { "$@"; }
	mkdir -p "$cache/deb"

	# The kernel: whatever linux-image-amd64 depends on now (e.g. linux-image-6.1.0-56-amd64).
	kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
		awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
	if [[ -z $kpkg ]]; then
		apt-get update -qq -o DPkg::Lock::Timeout=600 >/dev/null
		kpkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
	fi
	[[ -n $kpkg ]] || vm_die "cannot resolve linux-image-amd64's kernel package"
	kver_pkg=$(apt-cache policy "$kpkg" | awk '/Candidate:/ { print $2 }')
	pkg_versions() { dpkg-query -W "${image_pkgs[@]}"; }
else
	vm_need mmdebstrap:mmdebstrap
	# Files come from a root of the distribution: mmdebstrap makes it once, from the
	# same mirror as the host's, and downloads the kernel package into it (its apt
	# lists are dropped afterwards, so the root keeps what it was made with).
	src=$cache/root
	in_src() { chroot "$src" "$@"; }
	mirror=http://deb.debian.org/debian
	root_key=$(echo "$dist $mirror ${image_pkgs[*]} ${build_pkgs[*]}" | sha256sum | cut -d' ' -f1)
	if ((force)) || [[ ! -f $cache/root.key || $(<"$cache/root.key") != "$root_key" || ! -d $src ]]; then
		vm_log "making a Debian $dist root with mmdebstrap (once; about a minute)"
		mkdir -p "$cache"
		# A private directory: another run may be making one at the same time.
		new=$(mktemp -d "$cache/root.XXXXXX")
		chmod 755 "$new"
		trap 'rm -rf "$new"' EXIT
		include=$(IFS=,; echo "${image_pkgs[*]},${build_pkgs[*]}")
		# shellcheck disable=SC2016 # $1 is mmdebstrap's, in the hook's own shell
		mmdebstrap --quiet --variant=apt --include="$include" \
			--customize-hook='mkdir -p "$1/var/cache/pcipath-kernel" "$1/src" "$1/build"' \
			--customize-hook='chroot "$1" sh -c "cd /var/cache/pcipath-kernel && apt-get download -qq -o APT::Sandbox::User=root \$(apt-cache depends linux-image-amd64 | sed -n \"s/.*Depends: \\(linux-image-[0-9].*\\)/\\1/p\" | head -n1)"' \
			"$dist" "$new" "$mirror" >&2
		rm -rf "$src"
		mv -T "$new" "$src"
		trap - EXIT
		echo "$root_key" >"$cache/root.key"
	fi
	rdeb=$(find "$src/var/cache/pcipath-kernel" -name 'linux-image-*.deb' | sort | tail -n1)
	[[ -n $rdeb ]] || vm_die "$src has no kernel package (remove $cache/root.key to remake it)"
	kpkg=$(dpkg-deb -f "$rdeb" Package)
	kver_pkg=$(dpkg-deb -f "$rdeb" Version)
	pkg_versions() { in_src dpkg-query -W "${image_pkgs[@]}"; }
fi

# The cache key covers everything that goes into the base image, so a change to this
# script, the kernel or the udev/bats packages rebuilds it, and nothing else does.
key=$( {
	sha256sum <"${BASH_SOURCE[0]}"
	echo "$kpkg $kver_pkg"
	pkg_versions
} | sha256sum | cut -d' ' -f1)

if ((!force)) && [[ -f $cache/base.key && $(<"$cache/base.key") == "$key" &&
	-f $cache/vmlinuz && -f $cache/base.cpio.zst ]]; then
	printf '%s\n' "$cache/vmlinuz" "$cache/base.cpio.zst"
	exit 0
fi

vm_log "building the $dist base image for $kpkg $kver_pkg"

if [[ $dist == bookworm ]]; then
	deb=$(find "$cache/deb" -name "${kpkg}_${kver_pkg//:/%3a}_amd64.deb")
	if [[ -z $deb ]]; then
		# apt-get download runs as _apt unless told otherwise; the cache dir is root's.
		(cd "$cache/deb" && apt-get download -qq -o APT::Sandbox::User=root "$kpkg" >/dev/null)
		deb=$(find "$cache/deb" -name "${kpkg}_*_amd64.deb" | sort | tail -n1)
	fi
else
	deb=$rdeb
fi

work=$(mktemp -d "$cache/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
kx=$work/kernel
root=$work/root
dpkg-deb -x "$deb" "$kx"
# Debian 13's kernel package is usr-merged itself (usr/lib/modules).
[[ -e $kx/lib ]] || ln -s usr/lib "$kx/lib"
kver=$(ls "$kx/lib/modules")
depmod -b "$kx" "$kver"

# --- the root tree, usr-merged like Debian 12 and 13 ------------------------------------
mkdir -p "$root"/{usr/bin,usr/sbin,usr/lib,usr/lib64,dev,proc,sys,run,tmp,results,etc,root}
ln -s usr/bin "$root/bin"
ln -s usr/sbin "$root/sbin"
ln -s usr/lib "$root/lib"
ln -s usr/lib64 "$root/lib64"

# Copy a file of the source system ($src, the host when empty) to the same path in the
# image, both resolved through the source's usr-merge symlinks, dereferencing the file
# itself (library sonames are symlinks, absolute ones among them).
put() {
	local from=$1 dst=${2:-$1} dir real
	dir=$(in_src readlink -m "$(dirname "$dst")")
	real=$(in_src readlink -f "$from")
	mkdir -p "$root$dir"
	cp --preserve=mode "$src$real" "$root$dir/$(basename "$dst")"
}

# Copy an ELF binary and the shared libraries ldd resolves for it (in the source system).
put_elf() {
	local f lib
	for f in "$@"; do
		put "$f"
		while read -r lib; do
			[[ -e $root$(in_src readlink -m "$(dirname "$lib")")/$(basename "$lib") ]] || put "$lib"
		done < <(in_src ldd "$f" 2>/dev/null | awk '/=>/ && $3 ~ /^\// { print $3 } /^\t\/[^ ]+ \(/ { print $1 }')
	done
}

# Busybox first, so that the real tools copied afterwards replace its applets.
put /bin/busybox
for applet in $(in_src /bin/busybox --list); do
	[[ -e $root/usr/bin/$applet ]] || ln -s busybox "$root/usr/bin/$applet"
done
# bats and the udev rules want these as the real thing (GNU options, altnames).
# GNU find for record-sysfs.sh's -printf (a link and its target in one line).
rm -f "$root"/usr/bin/{sh,bash,env,readlink,stat,realpath,ip,kmod,modprobe,depmod,lsmod,insmod,rmmod,modinfo,find}
put_elf /bin/bash /usr/bin/env /bin/readlink /usr/bin/stat /usr/bin/realpath /bin/ip /bin/kmod /usr/bin/find
ln -s bash "$root/usr/bin/sh"
for t in modprobe depmod lsmod insmod rmmod modinfo; do ln -s ../bin/kmod "$root/usr/sbin/$t"; done

# udev: the daemon, udevadm, the distribution's rules, helpers, hwdb sources, .link files.
while read -r f; do
	[[ -f $src$f && ! -L $src$f ]] || continue
	case $f in
	/usr/share/* | /etc/init.d/* | /lib/systemd/system/* | /usr/lib/systemd/system/*) continue ;;
	esac
	if [[ $(head -c4 "$src$f" | tr -d '\0') == $'\x7fELF' ]]; then put_elf "$f"; else put "$f"; fi
done < <(in_src dpkg -L udev)
# Libraries systemd 256 and later dlopen() rather than link (so ldd misses them):
# libkmod for udev's kmod builtin, and kmod 34's own module decompressors.
for lib in libkmod.so.2 libblkid.so.1 liblzma.so.5 libzstd.so.1; do
	f=/usr/lib/x86_64-linux-gnu/$lib
	[[ -e $src$f && ! -e $root$f ]] && put_elf "$f"
done
ln -sf ../../bin/udevadm "$root/usr/lib/systemd/systemd-udevd"
if [[ -z $src ]]; then
	systemd-hwdb update --root "$root"
else
	vm_chroot "$src" --bind "$root" /mnt -- systemd-hwdb update --root /mnt
fi

# bats-core and its helper libraries.
while read -r f; do
	[[ -f $src$f && $f != /usr/share/* ]] && put "$f"
done < <(in_src dpkg -L bats bats-support bats-assert)

# Name service files some tools look up (root's name, groups used by udev rules).
cp "$src/etc/passwd" "$src/etc/group" "$root/etc/"
printf '%s\n' '/usr/lib/x86_64-linux-gnu' >"$root/etc/ld.so.conf"

# --- kernel modules --------------------------------------------------------------------
# The drivers the topologies use, with their dependencies; udev's kmod builtin loads
# them from modalias during the coldplug trigger, like on a real system.
modules=(
	virtio_pci virtio_blk virtio_net virtio_scsi virtio_console virtio_gpu bochs
	9p 9pnet_virtio nvme sd_mod sr_mod ahci ata_piix
	vfio_pci vfio_iommu_type1 pci_stub
	xhci_pci ehci_pci usb_storage uas usbserial ftdi_sio
)
mkdir -p "$root/usr/lib/modules/$kver"
for m in "${modules[@]}"; do
	modprobe -d "$kx" -S "$kver" --show-depends "$m" | awk '$1 == "insmod" { print $2 }'
done | sort -u | while read -r ko; do
	rel=${ko#"$kx"/lib/modules/"$kver"/}
	mkdir -p "$root/usr/lib/modules/$kver/$(dirname "$rel")"
	cp "$ko" "$root/usr/lib/modules/$kver/$rel"
done
cp "$kx/lib/modules/$kver"/modules.{order,builtin,builtin.modinfo} "$root/usr/lib/modules/$kver/"
depmod -b "$root" "$kver"

# --- pack ------------------------------------------------------------------------------
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort) | sed 's|^\./||' >"$work/base.files"
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet) |
	zstd -q -T0 -10 -o "$work/base.cpio.zst"
cp "$kx/boot/vmlinuz-$kver" "$work/vmlinuz"
mv "$work/base.cpio.zst" "$cache/base.cpio.zst"
mv "$work/vmlinuz" "$cache/vmlinuz"
mv "$work/base.files" "$cache/base.files"
# Keep the compiled-hwdb sources: run-guest recompiles the hwdb with the project's
# own .hwdb files added, without unpacking the base image.
rm -rf "$cache/hwdb.d"
cp -r "$root/usr/lib/udev/hwdb.d" "$cache/hwdb.d"
echo "$kver" >"$cache/kernel.version"
echo "$key" >"$cache/base.key"
printf '%s\n' "$cache/vmlinuz" "$cache/base.cpio.zst"
