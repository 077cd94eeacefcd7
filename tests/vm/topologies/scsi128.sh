# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash disable=SC2034,SC2054 # arrays of QEMU options, commas included
# 128 SCSI disks for bench/settle-128: 4 virtio-scsi controllers (behind root ports
# 04.0-07.0) x 32 LUNs on target 0, each a 1 MiB sparse image. No bats: benchmark only.
#
# Expected links: 04/00-scsi-0:0:0:0 ... 07/00-scsi-3:0:0:31 (SCSI host numbers in
# probe order).

topology_prepare() {
	local c l
	for c in 0 1 2 3; do
		for l in $(seq 0 31); do mkdisk "c${c}l$l" 1M; done
	done
}

QEMU_ARGS=()
for c in 0 1 2 3; do
	QEMU_ARGS+=(-device "pcie-root-port,id=rp$c,bus=pcie.0,addr=0$((c + 4)).0,chassis=$((c + 4))"
		-device "virtio-scsi-pci,id=scsi$c,bus=rp$c,addr=00.0")
	for l in $(seq 0 31); do
		QEMU_ARGS+=(-drive "if=none,id=c${c}l$l,file=$WORK/c${c}l$l.img,format=raw"
			-device "scsi-hd,drive=c${c}l$l,bus=scsi$c.0,channel=0,scsi-id=0,lun=$l")
	done
done
unset c l
GUEST_BATS=()
