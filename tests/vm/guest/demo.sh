#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The guest half of tests/vm/demo: what pcipath made of the demo topology.
set -uo pipefail

# Wait (bounded) for the nodes that show up after the coldplug settle.
for ((i = 0; i < 100; i++)); do
	[[ -e /sys/class/block/nvme0n2 && -e /dev/vport1p1 ]] && break
	sleep 0.2
done
udevadm settle --timeout=30

# tree DIR: every link under DIR, with its target and what it resolves to.
tree() {
	local l
	echo "$1"
	(cd "$1" && find . -type l | sed 's|^\./||' | LC_ALL=C sort) | while read -r l; do
		printf '  %-34s -> %-28s (%s)\n' "$l" "$(readlink "$1/$l")" "$(readlink -f "$1/$l")"
	done
}

echo "=== guest: /dev/disk/by-pcipath ==="
tree /dev/disk/by-pcipath
echo
echo "=== guest: /dev/by-pcipath ==="
tree /dev/by-pcipath
echo
echo "=== guest: udevadm info /dev/disk/by-pcipath/02/00-part1 (a partition of the disk at 02/00) ==="
udevadm info /dev/disk/by-pcipath/02/00-part1 | grep -E '^(N|S|E: (DEVNAME|ID_PATH|ID_PCI_PATH[A-Z_]*)=)'
echo
nic=$(readlink -f /dev/by-pcipath/03/00/01/00/net 2>/dev/null)
echo "=== guest: udevadm info ${nic:-(no net link for 03/00/01/00)} (the NIC behind the switch) ==="
[[ -n $nic ]] && udevadm info "$nic" | grep -E '^(P|E: (INTERFACE|ID_NET_NAME_PATH|ID_PATH|ID_PCI_PATH[A-Z_]*)=)'
echo
echo "=== guest: ip link show pcipath-03-00-01-00 (the altname) ==="
ip link show pcipath-03-00-01-00 2>&1
exit 0
