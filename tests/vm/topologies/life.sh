# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash disable=SC2034,SC2054 # arrays of QEMU options, commas included
# Links over a device's whole life (SPEC section 4, pcipath_link(8)): what pcipath made
# goes when it is no longer wanted, by any route. An emulated IOMMU for vfio groups.
#
#   02/00, 02/00v<N>  NVMe with SR-IOV: VFs bound to vfio-pci, then sriov_numvfs=0
#   03/00             pci-testdev hot-added, bound to vfio-pci, then device_del
#   04, 05            two virtio-nets that swap names; a live PCIPATH_IGNORE on 04
#   06                virtio-blk labelled live by a local hwdb, then unlabelled
#   08/00             an empty root port: a NIC hot-added, opted out, unplugged
# (the hotplug storm is storm.sh)

KERNEL_APPEND='intel_iommu=on'

topology_prepare() {
	mkdisk lbl 4M 'label: gpt\nsize=1M\n'
}

QEMU_ARGS=(
	-device intel-iommu,intremap=off
	-device pcie-root-port,id=rp2,bus=pcie.0,addr=02.0,chassis=2
	-device nvme-subsys,id=lifesub,nqn=pcipath-life
	-device nvme,id=nvlife,serial=pcipathlife,subsys=lifesub,sriov_max_vfs=2,sriov_vq_flexible=4,sriov_vi_flexible=2,bus=rp2,addr=00.0
	-device pcie-root-port,id=hp3,bus=pcie.0,addr=03.0,chassis=3

	-netdev user,id=na,restrict=on
	-device virtio-net-pci,netdev=na,mac=52:54:00:00:04:00,bus=pcie.0,addr=04.0
	-netdev user,id=nb,restrict=on
	-device virtio-net-pci,netdev=nb,mac=52:54:00:00:05:00,bus=pcie.0,addr=05.0

	-drive "if=none,id=lbl,file=$WORK/lbl.img,format=raw"
	-device virtio-blk-pci,drive=lbl,bus=pcie.0,addr=06.0

	-device pcie-root-port,id=hp8,bus=pcie.0,addr=08.0,chassis=8
	-netdev user,id=stormnet,restrict=on
)
GUEST_BATS=(life.bats)
