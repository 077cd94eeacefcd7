# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash disable=SC2034,SC2054 # arrays of QEMU options, commas included
# SR-IOV VFs and vfio: an emulated IOMMU (so functions get IOMMU groups), an NVMe
# controller with SR-IOV behind root port 02.0, and a driverless pci-testdev at 05.0
# that the guest binds to vfio-pci.
#
# Expected (SPEC sections 1 and 3):
#   02/00v<N>      ID_PCI_PATH of VF N (the PF's virtfnN) once sriov_numvfs is set
#   05/vfio        -> /dev/vfio/<iommu group of 05> while 05 is bound to vfio-pci
#   0c/net, 0c/vfio  a virtio-net rebound to vfio-pci through driver_override, and back
#                  (Debian 12's kernel lacks CONFIG_VFIO_NOIOMMU, so no noiommu mode:
#                  the emulated IOMMU gives real groups instead)

KERNEL_APPEND='intel_iommu=on'
QEMU_ARGS=(
	-device intel-iommu,intremap=off
	-device pcie-root-port,id=rp2,bus=pcie.0,addr=02.0,chassis=2
	-device nvme-subsys,id=srsub,nqn=pcipath-sriov
	-device nvme,id=nvsr,serial=pcipathsr,subsys=srsub,sriov_max_vfs=2,sriov_vq_flexible=4,sriov_vi_flexible=2,bus=rp2,addr=00.0
	-device pci-testdev,bus=pcie.0,addr=05.0
	-netdev user,id=n12,restrict=on
	-device virtio-net-pci,netdev=n12,mac=52:54:00:00:0c:00,bus=pcie.0,addr=0c.0
)
GUEST_BATS=(vfio.bats)
# For the fixture: two VFs, and 05 bound to vfio-pci.
RECORD_SETUP='echo 2 >/sys/bus/pci/devices/0000:01:00.0/sriov_numvfs &&
modprobe vfio-pci && echo vfio-pci >/sys/bus/pci/devices/0000:00:05.0/driver_override &&
echo 0000:00:05.0 >/sys/bus/pci/drivers_probe && sleep 2' 
