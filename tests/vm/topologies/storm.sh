# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash disable=SC2034,SC2054 # arrays of QEMU options, commas included
# A hotplug storm (storm.bats): two empty root ports, a disk and a NIC added and
# removed again and again through QMP. Its own guest, so its time has its own budget.
#
#   07/00   virtio-blk on a -blockdev node (which survives device_del)
#   08/00   virtio-net on a user netdev

topology_prepare() {
	mkdisk storm 1M
}

QEMU_ARGS=(
	-device pcie-root-port,id=hp7,bus=pcie.0,addr=07.0,chassis=7
	-device pcie-root-port,id=hp8,bus=pcie.0,addr=08.0,chassis=8
	-blockdev "driver=raw,node-name=stormblk,file.driver=file,file.filename=$WORK/storm.img"
	-netdev user,id=stormnet,restrict=on
)
GUEST_BATS=(storm.bats)
