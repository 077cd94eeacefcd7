#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Diagnostic guest script (--exec diag-helper.sh): run pcipath_id by hand on each
# PCI-backed node and show its output, stderr and exit status next to udev's view.
set -uo pipefail
for d in /sys/class/block/* /sys/class/drm/card? /sys/class/drm/renderD* /sys/class/tty/ttyS[4-9] \
	/sys/class/virtio-ports/* /sys/class/net/* /sys/bus/pci/devices/*; do
	[[ -e $d ]] || continue
	real=$(readlink -f "$d")
	echo "== ${real#/sys}"
	out=$(/usr/lib/udev/pcipath_id "$real" 2>/tmp/err)
	echo "rc=$? out: $(tr '\n' ' ' <<<"$out") err: $(tr '\n' ' ' </tmp/err)"
	echo "udev: $(udevadm info -q property "$real" | grep -E '^ID_PCI_PATH' | tr '\n' ' ')"
done
exit 0
