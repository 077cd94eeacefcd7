# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash disable=SC2034,SC2054 # arrays of QEMU options, commas included
# Character devices and NICs: drm (virtio-gpu, bochs-display), 8250 PCI UARTs,
# virtio-serial ports, virtio-net (SPEC section 3's table, one of each kind).
#
# Expected entries:
#   02/00/card, 02/00/render       virtio-gpu-pci behind root port 02.0
#   03/card                        bochs-display on the root bus (no render node)
#   04/tty-port0, 04/tty-port1     pci-serial-2x on the root bus (two lines)
#   05/tty                         pci-serial (one line)
#   09/00/tty-port0, -port1        pci-serial-2x hot-added by chardev.bats (root port 09.0)
#   06/00/vport1, 06/00/vport2     virtio-serial-pci behind root port 06.0, ports 1, 2
#   07/net                         virtio-net-pci on the root bus
#   08/00/01/00/net                virtio-net-pci behind a switch's second downstream port

QEMU_ARGS=(
	-device pcie-root-port,id=rp2,bus=pcie.0,addr=02.0,chassis=2
	-device virtio-gpu-pci,bus=rp2,addr=00.0
	-device bochs-display,bus=pcie.0,addr=03.0

	-chardev null,id=s0 -chardev null,id=s1 -chardev null,id=s2
	-device pci-serial-2x,chardev1=s0,chardev2=s1,bus=pcie.0,addr=04.0
	-device pci-serial,chardev=s2,bus=pcie.0,addr=05.0
	# Empty, for chardev.bats to hot-add a pci-serial-2x into (ports h0, h1).
	-device pcie-root-port,id=rp9,bus=pcie.0,addr=09.0,chassis=9
	-chardev null,id=h0 -chardev null,id=h1

	# Port names are host-supplied strings: SPEC says names use numbers only.
	-device pcie-root-port,id=rp6,bus=pcie.0,addr=06.0,chassis=6
	-device virtio-serial-pci,id=vser,bus=rp6,addr=00.0
	-chardev null,id=p1 -chardev null,id=p2
	-device virtserialport,bus=vser.0,nr=1,chardev=p1,name=org.example.one
	-device virtserialport,bus=vser.0,nr=2,chardev=p2,name=org.example.two

	-netdev user,id=n7,restrict=on
	-device virtio-net-pci,netdev=n7,mac=52:54:00:00:00:07,bus=pcie.0,addr=07.0
	-device pcie-root-port,id=rp8,bus=pcie.0,addr=08.0,chassis=8
	-device x3130-upstream,id=up8,bus=rp8,addr=00.0
	-device xio3130-downstream,id=dn80,bus=up8,addr=00.0,chassis=80,slot=0
	-device xio3130-downstream,id=dn81,bus=up8,addr=01.0,chassis=81,slot=0
	-netdev user,id=n8,restrict=on
	-device virtio-net-pci,netdev=n8,mac=52:54:00:00:00:08,bus=dn81,addr=00.0
)
GUEST_BATS=(chardev.bats)
