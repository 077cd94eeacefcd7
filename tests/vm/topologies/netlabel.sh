# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash disable=SC2034,SC2054 # arrays of QEMU options, commas included
# NICs and hwdb labels: a NIC behind a pcie-pci-bridge (renamed by the shipped example
# .link file), a NIC hot-added and removed through QMP, and disks and a GPU named by a
# local hwdb file (labels by path and by glob, an ignore entry, a label given twice).
#
# Expected (SPEC section 3, pcipath(7) for labels):
#   03/00/01/net            virtio-net behind root port 03.0 and a pcie-pci-bridge
#   04/00/net               virtio-net hot-added into root port 04.0, then removed
#   05/00 (+part1)          virtio-blk, hwdb label "boot"
#   06/card, 06/render      virtio-gpu on the root bus, hwdb label "gpu"
#   07/00                   virtio-blk behind root port 07.0, label "globbed" by 07/*
#   08                      virtio-blk, PCIPATH_IGNORE=1: no pcipath links
#   09, 0a                  virtio-blk, both labelled "dup": one link, one report
#   0b-usb-0:1:1.0-scsi-0:0:0:0   USB disk on a qemu-xhci at 0b (port 1)
# (QEMU 7.2's usb-serial never enumerates on this xhci in the guest, so USB serial
# names, tty-usb-...-port<N>, are covered by unit tests only.)

topology_prepare() {
	mkdisk boot 16M 'label: gpt\nsize=4M\n'
	mkdisk glob 1M
	mkdisk ign 1M
	mkdisk dup1 1M
	mkdisk dup2 1M
	mkdisk usbdisk 1M
}

QEMU_ARGS=(
	-device pcie-root-port,id=rp3,bus=pcie.0,addr=03.0,chassis=3
	-device pcie-pci-bridge,id=ppb3,bus=rp3,addr=00.0
	-netdev user,id=n3,restrict=on
	-device virtio-net-pci,netdev=n3,mac=52:54:00:00:03:01,bus=ppb3,addr=01.0

	-device pcie-root-port,id=hp4,bus=pcie.0,addr=04.0,chassis=4
	-netdev user,id=hotnet,restrict=on

	-device pcie-root-port,id=rp5,bus=pcie.0,addr=05.0,chassis=5
	-drive "if=none,id=boot,file=$WORK/boot.img,format=raw"
	-device virtio-blk-pci,drive=boot,bus=rp5,addr=00.0
	-device virtio-gpu-pci,bus=pcie.0,addr=06.0
	-device pcie-root-port,id=rp7,bus=pcie.0,addr=07.0,chassis=7
	-drive "if=none,id=glob,file=$WORK/glob.img,format=raw"
	-device virtio-blk-pci,drive=glob,bus=rp7,addr=00.0
	-drive "if=none,id=ign,file=$WORK/ign.img,format=raw"
	-device virtio-blk-pci,drive=ign,bus=pcie.0,addr=08.0
	-drive "if=none,id=dup1,file=$WORK/dup1.img,format=raw"
	-device virtio-blk-pci,drive=dup1,bus=pcie.0,addr=09.0
	-drive "if=none,id=dup2,file=$WORK/dup2.img,format=raw"
	-device virtio-blk-pci,drive=dup2,bus=pcie.0,addr=0a.0

	-device qemu-xhci,id=xhci,bus=pcie.0,addr=0b.0
	-drive "if=none,id=usbdisk,file=$WORK/usbdisk.img,format=raw"
	-device usb-storage,drive=usbdisk,bus=xhci.0,port=1
)
GUEST_BATS=(netlabel.bats)
