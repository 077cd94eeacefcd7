# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash disable=SC2034,SC2054 # arrays of QEMU options, commas included
# The demo's guest (tests/vm/demo): one of each kind of device at known addresses.

topology_prepare() {
	mkdisk boot 16M 'label: gpt\nsize=4M\nsize=4M\n'
	mkdisk data 1M
	mkdisk ns1 8M 'label: gpt\nsize=2M\n'
	mkdisk ns2 1M
	mkdisk lun0 1M
	mkdisk cd 1M
	mkdisk legacy 1M
}

QEMU_ARGS=(
	-device pcie-root-port,id=rp2,bus=pcie.0,addr=02.0,chassis=2
	-drive "if=none,id=boot,file=$WORK/boot.img,format=raw"
	-device virtio-blk-pci,id=boot,drive=boot,bus=rp2,addr=00.0

	-device pcie-root-port,id=rp3,bus=pcie.0,addr=03.0,chassis=3
	-device x3130-upstream,id=up3,bus=rp3,addr=00.0
	-device xio3130-downstream,id=dn30,bus=up3,addr=00.0,chassis=30,slot=0
	-device xio3130-downstream,id=dn31,bus=up3,addr=01.0,chassis=31,slot=0
	-device nvme,id=nvme0,serial=demo0,bus=dn30,addr=00.0
	-drive "if=none,id=ns1,file=$WORK/ns1.img,format=raw"
	-device nvme-ns,drive=ns1,bus=nvme0,nsid=1
	-drive "if=none,id=ns2,file=$WORK/ns2.img,format=raw"
	-device nvme-ns,drive=ns2,bus=nvme0,nsid=2
	-netdev user,id=net31,restrict=on
	-device virtio-net-pci,id=nic31,netdev=net31,mac=52:54:00:00:03:01,bus=dn31,addr=00.0

	-device virtio-scsi-pci,id=scsi0,bus=pcie.0,addr=04.0
	-drive "if=none,id=lun0,file=$WORK/lun0.img,format=raw"
	-device scsi-hd,drive=lun0,bus=scsi0.0,scsi-id=0,lun=0
	-drive "if=none,id=cd,file=$WORK/cd.img,format=raw,media=cdrom,readonly=on"
	-device scsi-cd,drive=cd,bus=scsi0.0,scsi-id=1,lun=0

	-device pcie-root-port,id=rp5,bus=pcie.0,addr=05.0,chassis=5
	-device pcie-pci-bridge,id=ppb5,bus=rp5,addr=00.0
	-device pci-bridge,id=br5,bus=ppb5,addr=01.0,chassis_nr=51
	-drive "if=none,id=legacy,file=$WORK/legacy.img,format=raw"
	-device virtio-blk-pci,id=legacy,drive=legacy,bus=br5,addr=02.0

	-device virtio-gpu-pci,id=gpu,bus=pcie.0,addr=06.0
	-chardev null,id=s0 -chardev null,id=s1
	-device pci-serial-2x,id=uart,chardev1=s0,chardev2=s1,bus=pcie.0,addr=07.0
	-device virtio-serial-pci,id=vser,bus=pcie.0,addr=08.0
	-chardev null,id=p1
	-device virtserialport,bus=vser.0,nr=1,chardev=p1,name=org.qemu.guest_agent.0
	-netdev user,id=net9,restrict=on
	-device virtio-net-pci,id=nic9,netdev=net9,mac=52:54:00:00:00:09,bus=pcie.0,addr=09.0,multifunction=on
	-drive "if=none,id=data,file=$WORK/data.img,format=raw"
	-device virtio-blk-pci,id=data,drive=data,bus=pcie.0,addr=09.1

	-device pxb-pcie,id=pxb,bus_nr=32,bus=pcie.0,addr=0a.0
	-device pcie-root-port,id=rpx,bus=pxb,addr=00.0,chassis=100
)
