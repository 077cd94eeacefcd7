# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash disable=SC2034,SC2054 # arrays of QEMU options, commas included
# One partitioned disk behind root port 04.0 (path 04/00). With PCIPATH_VM_STABLE_EXTRA=1
# a root port with a switch is added at the earlier slot 02.0: the firmware numbers
# buses depth-first, so the disk's bus (and its by-path name) moves, its PCI path not.
# Booted twice by host/stability.bats.

topology_prepare() {
	mkdisk stable 8M 'label: gpt\nsize=2M\n'
}

QEMU_ARGS=()
if [[ ${PCIPATH_VM_STABLE_EXTRA-} == 1 ]]; then
	QEMU_ARGS+=(
		-device pcie-root-port,id=rpx,bus=pcie.0,addr=02.0,chassis=2
		-device x3130-upstream,id=upx,bus=rpx,addr=00.0
		-device xio3130-downstream,id=dnx0,bus=upx,addr=00.0,chassis=20,slot=0
		-device xio3130-downstream,id=dnx1,bus=upx,addr=01.0,chassis=21,slot=0
	)
fi
QEMU_ARGS+=(
	-device pcie-root-port,id=rp4,bus=pcie.0,addr=04.0,chassis=4
	-drive "if=none,id=stable,file=$WORK/stable.img,format=raw"
	-device virtio-blk-pci,drive=stable,bus=rp4,addr=00.0
)
GUEST_BATS=(stable.bats)
