# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash disable=SC2034,SC2054 # arrays of QEMU options, commas included
# udev's own interface naming and pcipath's altnames together: two virtio-net NICs on
# the two functions of one slot (multifunction=on), the kernel command line choosing
# udev's naming scheme (net.naming_scheme=, $PCIPATH_NET_SCHEME, default v257; the
# vm suite boots Debian 13 with v257 and with v252, the scheme of Debian 12).
#
# Expected:
#   09/net, 09.1/net           each function's interface, whatever udev named it
#   pcipath-09, pcipath-09.1   their altnames, beside the names udev gives

KERNEL_APPEND="net.naming_scheme=${PCIPATH_NET_SCHEME:-v257}"
QEMU_ARGS=(
	-netdev user,id=n90,restrict=on -netdev user,id=n91,restrict=on
	-device virtio-net-pci,netdev=n90,mac=52:54:00:00:09:00,bus=pcie.0,addr=09.0,multifunction=on
	-device virtio-net-pci,netdev=n91,mac=52:54:00:00:09:01,bus=pcie.0,addr=09.1
)
GUEST_BATS=(netscheme.bats)
