#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Diagnostic guest script (--exec probe.sh): what the kernel and udev made of a topology.
set -uo pipefail
echo "== lspci-ish"; for d in /sys/bus/pci/devices/*; do echo "$(readlink -f "$d") $(cat "$d/class")"; done
echo "== block"; for b in /sys/class/block/*; do echo "$(basename "$b") -> $(readlink -f "$b")"; done
echo "== ID_PATH"; for b in /sys/class/block/* /sys/class/drm/* /sys/class/tty/ttyS* /sys/class/virtio-ports/* /sys/class/net/*; do
	[[ -e $b ]] || continue
	echo "$(basename "$b"): $(udevadm info -q property "$b" | grep -E '^(ID_PATH|ID_PATH_TAG|ID_PCI_PATH|ID_PCI_PATH_TAG)=' | tr '\n' ' ')"
done
echo "== links"; find /dev/disk /dev/by-pcipath -type l -exec ls -l {} + 2>&1 | awk '{print $9, $10, $11}'
exit 0
