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

echo "== class links"; for c in drm tty virtio-ports net; do for d in "/sys/class/$c"/*; do
	case ${d##*/} in tty[0-9]* | ptmx | console | tty) continue ;; esac
	echo "$d -> $(readlink -f "$d")"; done; done
echo "== tty props"; for t in /sys/class/tty/ttyS*; do echo "${t##*/}: $(udevadm info -q property "$t" | grep -E '^(ID_PATH|ID_PCI|DEVPATH)' | tr '\n' ' ') line=$(cat "$t/line" 2>/dev/null) port=$(cat "$t/port" 2>/dev/null)"; done
echo "== net"; ip -d link show 2>&1 | grep -E '^[0-9]|altname'
echo "== by-pcipath"; find /dev/by-pcipath -exec ls -ld {} + 2>&1 | awk '{print $9, $10, $11}'
exit 0
