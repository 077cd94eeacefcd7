# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash disable=SC2034,SC2054 # arrays of QEMU options, commas included
# Bridge topologies: a 6-deep pci-bridge chain behind a pcie-pci-bridge, root ports on
# several functions of one slot, a PCIe switch, multifunction endpoints, a pxb-pcie.
# Every leaf is a small virtio-blk disk, so each path is checked through real links.
#
# Expected PCI paths (SPEC section 1), one disk each:
#   03/00/01/02/03/04/05/06/07   rp 03.0 > pcie-pci-bridge > 6 pci-bridges > disk
#   04/00  04.1/00  04.2/00      root ports at 04.0, 04.1, 04.2 (multifunction)
#   05/00/00/00  05/00/01/00     root port 05.0 > switch upstream > 2 downstream ports
#   06  06.3                     multifunction endpoint on the root bus
#   07/00  07/00.1               multifunction endpoint behind root port 07.0
#   pci0000:20/00/00             pxb-pcie (bus_nr 0x20) at 08.0 > root port > disk

topology_prepare() {
	local d
	for d in chain rp4 rp41 rp42 sw0 sw1 mf0 mf3 rmf0 rmf1 pxb; do mkdisk "$d" 1M; done
}

# disk ID BUS ADDR [extra device props]
_disk() {
	QEMU_ARGS+=(-drive "if=none,id=d$1,file=$WORK/$1.img,format=raw"
		-device "virtio-blk-pci,drive=d$1,bus=$2,addr=$3${4:+,$4}")
}

QEMU_ARGS=(
	# The chain. Slot 0 of an SHPC bridge is reserved, so hops use slots 1..7.
	-device pcie-root-port,id=rp3,bus=pcie.0,addr=03.0,chassis=3
	-device pcie-pci-bridge,id=ppb,bus=rp3,addr=00.0
	-device pci-bridge,id=br1,bus=ppb,addr=01.0,chassis_nr=11
	-device pci-bridge,id=br2,bus=br1,addr=02.0,chassis_nr=12
	-device pci-bridge,id=br3,bus=br2,addr=03.0,chassis_nr=13
	-device pci-bridge,id=br4,bus=br3,addr=04.0,chassis_nr=14
	-device pci-bridge,id=br5,bus=br4,addr=05.0,chassis_nr=15
	-device pci-bridge,id=br6,bus=br5,addr=06.0,chassis_nr=16
	# Root ports on three functions of slot 04.
	-device pcie-root-port,id=rp40,bus=pcie.0,addr=04.0,chassis=40,multifunction=on
	-device pcie-root-port,id=rp41,bus=pcie.0,addr=04.1,chassis=41
	-device pcie-root-port,id=rp42,bus=pcie.0,addr=04.2,chassis=42
	# A switch: upstream port, two downstream ports.
	-device pcie-root-port,id=rp5,bus=pcie.0,addr=05.0,chassis=5
	-device x3130-upstream,id=up5,bus=rp5,addr=00.0
	-device xio3130-downstream,id=dn50,bus=up5,addr=00.0,chassis=50,slot=0
	-device xio3130-downstream,id=dn51,bus=up5,addr=01.0,chassis=51,slot=0
	# Root port for a multifunction endpoint.
	-device pcie-root-port,id=rp7,bus=pcie.0,addr=07.0,chassis=7
	# An extra root bus 0x20 with a root port.
	-device pxb-pcie,id=pxb1,bus_nr=32,bus=pcie.0,addr=08.0
	-device pcie-root-port,id=rp80,bus=pxb1,addr=00.0,chassis=80
)
_disk chain br6 07.0
_disk rp4 rp40 00.0
_disk rp41 rp41 00.0
_disk rp42 rp42 00.0
_disk sw0 dn50 00.0
_disk sw1 dn51 00.0
_disk mf0 pcie.0 06.0 multifunction=on
_disk mf3 pcie.0 06.3
_disk rmf0 rp7 00.0 multifunction=on
_disk rmf1 rp7 00.1
_disk pxb rp80 00.0
GUEST_BATS=(bridges.bats)
