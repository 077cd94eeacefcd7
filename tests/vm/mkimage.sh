#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Build and cache the guest kernel and base initramfs for the VM tests, from Debian packages only.
#
# Usage: tests/vm/mkimage.sh [--force]
# Prints nothing on success but the cache paths it produced (vmlinuz, base.cpio.zst),
# one per line. The base image holds everything that does not depend on the project:
# the project's destdir and the tests travel in a second cpio appended per run
# (see run-guest), so rebuilding pcipath never rebuilds this.
set -euo pipefail

# shellcheck source=tests/vm/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

force=0
[[ ${1-} == --force ]] && force=1

[[ $(id -u) == 0 ]] || vm_die "must run as root (apt-get, dpkg-deb -x with device nodes)"

vm_need apt-get:apt dpkg-deb:dpkg zstd:zstd cpio:cpio depmod:kmod busybox:busybox-static \
	bash:bash udevadm:udev systemd-hwdb:udev ip:iproute2 bats:bats \
	/usr/lib/bats/bats-support/load.bash:bats-support \
	/usr/lib/bats/bats-assert/load.bash:bats-assert \
	readlink:coreutils find:findutils

mkdir -p "$VM_CACHE/deb"

# The kernel: whatever linux-image-amd64 depends on now (e.g. linux-image-6.1.0-56-amd64).
kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
	awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
if [[ -z $kpkg ]]; then
	apt-get update -qq -o DPkg::Lock::Timeout=600 >/dev/null
	kpkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
fi
[[ -n $kpkg ]] || vm_die "cannot resolve linux-image-amd64's kernel package"
kver_pkg=$(apt-cache policy "$kpkg" | awk '/Candidate:/ { print $2 }')

# The cache key covers everything that goes into the base image, so a change to this
# script, the kernel or the host's udev/bats packages rebuilds it, and nothing else does.
key=$( {
	sha256sum <"${BASH_SOURCE[0]}"
	echo "$kpkg $kver_pkg"
	dpkg-query -W udev kmod bash busybox-static iproute2 bats bats-support bats-assert coreutils findutils libc6
} | sha256sum | cut -d' ' -f1)

if ((!force)) && [[ -f $VM_CACHE/base.key && $(<"$VM_CACHE/base.key") == "$key" &&
	-f $VM_CACHE/vmlinuz && -f $VM_CACHE/base.cpio.zst ]]; then
	printf '%s\n' "$VM_CACHE/vmlinuz" "$VM_CACHE/base.cpio.zst"
	exit 0
fi

vm_log "building base image for $kpkg $kver_pkg"

deb=$(find "$VM_CACHE/deb" -name "${kpkg}_${kver_pkg//:/%3a}_amd64.deb")
if [[ -z $deb ]]; then
	# apt-get download runs as _apt unless told otherwise; the cache dir is root's.
	(cd "$VM_CACHE/deb" && apt-get download -qq -o APT::Sandbox::User=root "$kpkg" >/dev/null)
	deb=$(find "$VM_CACHE/deb" -name "${kpkg}_*_amd64.deb" | sort | tail -n1)
fi

work=$(mktemp -d "$VM_CACHE/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
kx=$work/kernel
root=$work/root
dpkg-deb -x "$deb" "$kx"
kver=$(ls "$kx/lib/modules")
depmod -b "$kx" "$kver"

# --- the root tree, usr-merged like Debian 12 --------------------------------------------
mkdir -p "$root"/{usr/bin,usr/sbin,usr/lib,usr/lib64,dev,proc,sys,run,tmp,results,etc,root}
ln -s usr/bin "$root/bin"
ln -s usr/sbin "$root/sbin"
ln -s usr/lib "$root/lib"
ln -s usr/lib64 "$root/lib64"

# Copy a host file to the same path in the image, resolved through the host's
# usr-merge symlinks, dereferencing the file itself (library sonames are symlinks).
put() {
	local src=$1 dst=${2:-$1} dir
	dir=$(readlink -f "$(dirname "$dst")")
	mkdir -p "$root$dir"
	cp -L --preserve=mode "$src" "$root$dir/$(basename "$dst")"
}

# Copy an ELF binary and the shared libraries ldd resolves for it.
put_elf() {
	local f lib
	for f in "$@"; do
		put "$f"
		while read -r lib; do
			[[ -e $root$(readlink -f "$(dirname "$lib")")/$(basename "$lib") ]] || put "$lib"
		done < <(ldd "$f" 2>/dev/null | awk '/=>/ && $3 ~ /^\// { print $3 } /^\t\/[^ ]+ \(/ { print $1 }')
	done
}

# Busybox first, so that the real tools copied afterwards replace its applets.
put /bin/busybox
for applet in $(/bin/busybox --list); do
	[[ -e $root/usr/bin/$applet ]] || ln -s busybox "$root/usr/bin/$applet"
done
# bats and the udev rules want these as the real thing (GNU options, altnames).
# GNU find for record-sysfs.sh's -printf (a link and its target in one line).
rm -f "$root"/usr/bin/{sh,bash,env,readlink,stat,realpath,ip,kmod,modprobe,depmod,lsmod,insmod,rmmod,modinfo,find}
put_elf /bin/bash /usr/bin/env /bin/readlink /usr/bin/stat /usr/bin/realpath /bin/ip /bin/kmod /usr/bin/find
ln -s bash "$root/usr/bin/sh"
for t in modprobe depmod lsmod insmod rmmod modinfo; do ln -s ../bin/kmod "$root/usr/sbin/$t"; done

# udev: the daemon, udevadm, Debian's rules, helpers, hwdb sources, .link files.
while read -r f; do
	[[ -f $f && ! -L $f ]] || continue
	case $f in
	/usr/share/* | /etc/init.d/* | /lib/systemd/system/*) continue ;;
	esac
	if [[ $(head -c4 "$f" | tr -d '\0') == $'\x7fELF' ]]; then put_elf "$f"; else put "$f"; fi
done < <(dpkg -L udev)
ln -sf ../../bin/udevadm "$root/usr/lib/systemd/systemd-udevd"
systemd-hwdb update --root "$root"

# bats-core and its helper libraries.
while read -r f; do
	[[ -f $f && $f != /usr/share/* ]] && put "$f"
done < <(dpkg -L bats bats-support bats-assert)

# Name service files some tools look up (root's name, groups used by udev rules).
cp /etc/passwd /etc/group "$root/etc/"
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
mv "$work/base.cpio.zst" "$VM_CACHE/base.cpio.zst"
mv "$work/vmlinuz" "$VM_CACHE/vmlinuz"
mv "$work/base.files" "$VM_CACHE/base.files"
# Keep the compiled-hwdb sources: run-guest recompiles the hwdb with the project's
# own .hwdb files added, without unpacking the base image.
rm -rf "$VM_CACHE/hwdb.d"
cp -r "$root/usr/lib/udev/hwdb.d" "$VM_CACHE/hwdb.d"
echo "$kver" >"$VM_CACHE/kernel.version"
echo "$key" >"$VM_CACHE/base.key"
printf '%s\n' "$VM_CACHE/vmlinuz" "$VM_CACHE/base.cpio.zst"
